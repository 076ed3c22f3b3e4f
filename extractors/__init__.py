"""claimtrack's extractors: spaCy components for figures, entities, claims and risk warnings.

Nothing here loads a model at import time; `extractors.model.build_pipeline` does, once.
"""
