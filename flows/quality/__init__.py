"""Measuring the pipeline on the real-news corpus: what `claimtrack eval` prints and the
tracking check that runs the corpus through ingest and extract."""
