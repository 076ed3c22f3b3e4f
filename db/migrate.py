"""Bring a database to the current schema: pending migrations in transactions, then the views."""
from __future__ import annotations

import duckdb

from claimtrack.db import sql

_BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
)
"""


def applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    con.execute(_BOOKKEEPING).fetchall()
    return {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply pending migrations, each with its bookkeeping row in one transaction; return them."""
    done = applied_versions(con)
    newly = []
    for mig in sql.migrations():
        if mig.version in done:
            continue
        con.execute("BEGIN TRANSACTION").fetchall()
        try:
            con.execute(mig.sql).fetchall()
            con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                        [mig.version, mig.name]).fetchall()
            con.execute("COMMIT").fetchall()
        except Exception:
            con.execute("ROLLBACK").fetchall()
            raise
        newly.append(mig.version)
    apply_views(con)
    return newly


def apply_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create every view; a view that depends on another is retried after it."""
    pending = dict(sql.views())
    while pending:
        failed: dict[str, str] = {}
        last_error: Exception | None = None
        for name, statement in pending.items():
            try:
                con.execute(statement).fetchall()
            except duckdb.CatalogException as exc:
                failed[name], last_error = statement, exc
        if len(failed) == len(pending):
            raise RuntimeError(f"views {sorted(failed)} cannot be created: {last_error}")
        pending = failed
