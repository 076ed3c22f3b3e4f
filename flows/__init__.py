"""claimtrack.flows: the pipeline's steps as plain functions, in wings along the data's path.

sources/ (feeds and pages to stored articles), extraction/ (articles to claims), outputs/ (the
week's report, its renderings and channels), terminal/ (the command line), orchestration/ (the
Prefect flows over the others) and quality/ (measuring on the real-news corpus); the modules
here are what they share (settings, the source kinds' registry, formatting, untrusted text).
Importing this package is cheap: nothing here imports Prefect or spaCy at import time.
"""
