"""claimtrack flows: ingestion, extraction, digest and the CLI, as plain functions under thin Prefect flows.

Importing this package is cheap: nothing here imports Prefect or spaCy at import time.
"""
