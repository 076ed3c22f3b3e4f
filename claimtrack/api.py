"""The Python API a notebook calls: `extract`, `connect` and `run`, each a thin door onto the
same functions the command line uses, configured by the same settings file."""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from claimtrack.flows.runtime import settings_from

if TYPE_CHECKING:
    from claimtrack.extractors.claim import Claim
    from claimtrack.extractors.pipeline import Extractor


@cache
def _extractor(config: str | None) -> "Extractor":
    """The pipeline of one settings file, its settings read once per process."""
    from claimtrack.flows.extraction.extract import extractor_for
    return extractor_for(settings_from(config).extract)


def extract(text: str, config: str | Path | None = None) -> list["Claim"]:
    """The claims in one text, by the pipeline a run would use (config/claimtrack.toml when it
    exists, else the packaged defaults). The first call with a config loads the model and
    reads the config's files; later calls reuse both."""
    if not isinstance(text, str):
        raise TypeError(f"claimtrack.extract takes a str, not {type(text).__name__}")
    return _extractor(str(config) if config else None).claims(text)


def connect(db: str | Path | None = None, config: str | Path | None = None,
            read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to claimtrack's database (default: the settings' file), created and
    migrated if missing, with the tracking views brought up to date first. Read-only by
    default; close it before a run must write, as DuckDB lets one process write at a time."""
    settings = settings_from(config, db)
    store = settings.storage.store()
    with store.read():                   # migrates a new file, refreshes what writes left dirty
        pass
    if store.lake:                       # the lake attached as the default database
        from claimtrack.db.lake import connect as connect_lake
        return connect_lake(store.lake, read_only)
    return duckdb.connect(str(settings.storage.db), read_only=read_only)


def run(config: str | Path | None = None, db: str | Path | None = None) -> dict[str, Any]:
    """One run of the pipeline as `claimtrack run` does it (ingest, extract, track, digest
    preview, alerts) through Prefect; returns what the flow returns: polls, extract, digest, outputs."""
    from claimtrack.flows.runtime import prepare_prefect
    settings = settings_from(config, db)
    prepare_prefect(settings)
    from claimtrack.flows.orchestration.prefect_flows import configured, pipeline_flow
    return configured(pipeline_flow, settings)(str(config) if config else None, str(settings.storage.db))
