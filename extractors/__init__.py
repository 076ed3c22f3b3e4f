"""claimtrack's extractors: spaCy components for figures, entities, claims and risk warnings.

Nothing here loads a model at import time; `claimtrack.extractors.pipeline.build_extractor` does (through
`claimtrack.extractors.model.load_base`), once per process and settings.
"""
