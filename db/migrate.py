"""Bring a database to the current schema: pending migrations in transactions, then the views."""
from __future__ import annotations

import duckdb

from claimtrack.db import lake_schema, sql
from claimtrack.db.connection import _rollback

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


def _bookkeeping(con: duckdb.DuckDBPyConnection, lake: bool = False) -> str:
    """The table that records applied migrations, `internal`'s once migration 010 has moved it."""
    schemas = {row[0] for row in con.execute(_WHERE).fetchall()}
    if "internal" in schemas:
        return _TABLES["internal"]
    if "main" not in schemas:
        con.execute(lake_schema.bookkeeping_sql(_BOOKKEEPING) if lake else _BOOKKEEPING).fetchall()
    return _TABLES["main"]


def applied_versions(con: duckdb.DuckDBPyConnection, lake: bool = False) -> set[int]:
    """The versions of the migrations this database has had (a new file: none)."""
    table = _bookkeeping(con, lake)  # one of two fixed names, never input
    return {row[0] for row in con.execute(f"SELECT version FROM {table}").fetchall()}


def migrate(con: duckdb.DuckDBPyConnection, lake: bool = False) -> list[int]:
    """Apply pending migrations, each with its bookkeeping row in one transaction; return them.
    On a DuckLake (`lake`) through db/lake_schema.py: the same statements, without constraints."""
    if lake and not _lake_made(con):
        return _make_lake(con)
    done = applied_versions(con, lake)
    ref = lake_schema.reference(done, _BOOKKEEPING) if lake else None
    newly = []
    for mig in sql.migrations():
        if mig.version in done:
            continue
        con.execute("BEGIN TRANSACTION").fetchall()
        try:
            if ref is not None:
                lake_schema.apply_migration(con, ref, mig.sql)
            else:
                con.execute(mig.sql).fetchall()
            con.execute(f"INSERT INTO {_bookkeeping(con, lake)} (version, name) VALUES (?, ?)",
                        [mig.version, mig.name]).fetchall()
            con.execute("COMMIT").fetchall()
        except Exception:
            _rollback(con)
            raise
        newly.append(mig.version)
    if ref is None:
        apply_views(con)
    else:
        _lake_views(con, ref)
    return newly


def _lake_made(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute(_WHERE).fetchall())


def _make_lake(con: duckdb.DuckDBPyConnection) -> list[int]:
    """A new DuckLake at the current schema in one snapshot: tables as the migrations leave
    them on a file, without constraints (db/lake_schema.py), every migration recorded."""
    versions = {mig.version for mig in sql.migrations()}
    ref = lake_schema.reference(versions, _BOOKKEEPING)
    con.execute("BEGIN TRANSACTION").fetchall()
    try:
        lake_schema.create_all(con, ref)
        con.executemany(f"INSERT INTO {_TABLES['internal']} (version, name, applied_at) VALUES (?, ?, now())",
                        [[mig.version, mig.name] for mig in sql.migrations()])
        con.execute("COMMIT").fetchall()
    except Exception:
        con.execute("ROLLBACK").fetchall()
        raise
    _lake_views(con, ref)
    return sorted(versions)


def _lake_views(con: duckdb.DuckDBPyConnection, ref: duckdb.DuckDBPyConnection) -> None:
    """The views on a lake, in one snapshot, and only when they differ from the files'."""
    order = apply_views(ref, lake=True)
    if lake_schema.views_differ(con, ref):
        con.execute("BEGIN TRANSACTION").fetchall()     # one snapshot for all of them
        try:
            apply_views(con, order, lake=True)
            con.execute("COMMIT").fetchall()
        except Exception:
            _rollback(con)
            raise
    ref.close()


def apply_views(con: duckdb.DuckDBPyConnection, order: list[str] | None = None, lake: bool = False) -> list[str]:
    """(Re)create every view with its comments (CREATE OR REPLACE drops them); a view that
    depends on another is retried after it. Returns the order that worked; given `order`
    (inside a transaction, where a failed statement ends it), the views are made in it.
    `lake`: without the comments on the views' columns, which DuckLake cannot store."""
    views = {name: lake_schema.without_column_comments(text) if lake else text for name, text in sql.views().items()}
    pending = {name: views[name] for name in order} if order else views
    done: list[str] = []
    while pending:
        failed: dict[str, str] = {}
        last_error: Exception | None = None
        for name, statement in pending.items():
            try:
                con.execute(statement).fetchall()
                done.append(name)
            except duckdb.CatalogException as exc:
                if order:
                    raise
                failed[name], last_error = statement, exc
        if len(failed) == len(pending):
            raise RuntimeError(f"views {sorted(failed)} cannot be created: {last_error}")
        pending = failed
    return done
