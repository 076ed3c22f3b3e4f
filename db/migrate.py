"""Bring a database to the current schema: pending migrations in transactions, then the views."""
from __future__ import annotations

import duckdb

from claimtrack.db import sql

# The record of applied migrations: created in `main` for a new file, moved to `internal` by
# migration 010 with the other tables only claimtrack reads.
_BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS main.schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
)
"""
_WHERE = """
SELECT schema_name FROM duckdb_tables()
WHERE database_name = current_database() AND table_name = 'schema_migrations'
"""
_TABLES = {"internal": "internal.schema_migrations", "main": "main.schema_migrations"}


def _bookkeeping(con: duckdb.DuckDBPyConnection) -> str:
    """The table that records applied migrations, `internal`'s once migration 010 has moved it."""
    schemas = {row[0] for row in con.execute(_WHERE).fetchall()}
    if "internal" in schemas:
        return _TABLES["internal"]
    con.execute(_BOOKKEEPING).fetchall()
    return _TABLES["main"]


def applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    """The versions of the migrations this database has had (a new file: none)."""
    table = _bookkeeping(con)        # one of two fixed names, never input
    return {row[0] for row in con.execute(f"SELECT version FROM {table}").fetchall()}


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
            con.execute(f"INSERT INTO {_bookkeeping(con)} (version, name) VALUES (?, ?)",
                        [mig.version, mig.name]).fetchall()
            con.execute("COMMIT").fetchall()
        except Exception:
            con.execute("ROLLBACK").fetchall()
            raise
        newly.append(mig.version)
    apply_views(con)
    return newly


def apply_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create every view with its comments (CREATE OR REPLACE drops them); a view that
    depends on another is retried after it."""
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
