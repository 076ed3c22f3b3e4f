"""claimtrack as a library: the claims in a text, the database with its views, a run of the pipeline.

    >>> import claimtrack
    >>> claims = claimtrack.extract("Microsoft holds a stake of about 27% in OpenAI.")
    >>> con = claimtrack.connect("data/claimtrack.duckdb")      # DuckDB, read-only, views up to date
    >>> con.sql("SELECT * FROM claim_changes").show()
    >>> claimtrack.run("config/claimtrack.toml")                 # ingest, extract, digest preview

The project's folders are the packages `claimtrack.flows`, `claimtrack.extractors` and
`claimtrack.db`. The names here load on first use, so `import claimtrack` (or
`claimtrack.errors`) loads neither spaCy nor Prefect.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimtrack.api import connect, extract, run

__all__ = ["connect", "extract", "run"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from claimtrack import api
        return getattr(api, name)
    raise AttributeError(f"module 'claimtrack' has no attribute {name!r}")
