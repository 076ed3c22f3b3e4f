"""Rewrite a database file whole (`claimtrack db compact`): in the storage format every DuckDB
1.x client reads (db/connection.py STORAGE_VERSION), without the room deleted rows left, as
DuckDB never shrinks a file, and with the claims (and the tracking tables) in claim-key order,
which one-key reads need. Nothing is lost on the way: the copy is checked against the
original (every table's rows, every column and comment, every index) before it takes the
file's place, and the original stays beside it as a backup.

The copy is made while the original is attached read-only, which keeps any other process from
writing to it; the swap happens under a lock of the same kind DuckDB takes, and only if the
file is as it was when copied. So a run that starts meanwhile waits, or leaves everything as
it was, never writes into a file that is being replaced.
"""
from __future__ import annotations

import fcntl
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from claimtrack.db.connection import OPEN_CONFIG, _is_lock_conflict, _lock_holder, _one_line, run
from claimtrack.errors import StoreError, StoreLockedError

_SOURCE = "compact_source"
# What must be the same in the copy: rows per table, columns with their comments (views too),
# indexes, and the tables' and views' own comments.
_TABLES = "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = $db ORDER BY ALL"
_CATALOG = {
    "columns": """SELECT schema_name, table_name, column_name, data_type, comment FROM duckdb_columns()
                  WHERE database_name = $db ORDER BY ALL""",
    "indexes": "SELECT schema_name, index_name, table_name, sql FROM duckdb_indexes() WHERE database_name = $db ORDER BY ALL",
    "tables": "SELECT schema_name, table_name, comment FROM duckdb_tables() WHERE database_name = $db ORDER BY ALL",
    "views": """SELECT schema_name, view_name, comment FROM duckdb_views()
                WHERE database_name = $db AND NOT internal ORDER BY ALL""",
}
_FORMAT = "SELECT tags['storage_version'] FROM duckdb_databases() WHERE database_name = $db"
# Tables read one claim key at a time, copied in key order. Claims arrive batch by batch, so a
# key's rows end up spread over the whole table, and a scan filtered by key then decompresses
# every wide column of every vector holding one of them; in key order they sit in one or two
# vectors (bench/README.md, *Claim store*: one key of claim_timeline 4 times faster at a million).
_CLUSTERED = {("main", "claims"): "claim_key, as_of, claim_id",
              ("internal", "tracked_values"): "claim_key, claim_id",
              ("internal", "tracked_changes"): "claim_key, changed_at",
              ("internal", "tracked_stale"): "claim_key, as_of",
              ("internal", "tracked_conflicts"): "claim_key, window_start"}


@dataclass(frozen=True)
class Compacted:
    """What `compact` did: the file, where the original went, its format and both sizes."""
    path: Path
    backup: Path
    was_format: str | None
    bytes_before: int
    bytes_after: int


def _literal(path: Path) -> str:
    """A file name as an SQL string (ATTACH takes no bound parameter); the name is ours, from
    the settings, and quoted all the same."""
    return "'" + str(path).replace("'", "''") + "'"


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)


def _copy(path: Path, partial: Path) -> tuple[str | None, os.stat_result]:
    """Copy every schema, table, view, index and comment of `path` into the new file `partial`,
    made in STORAGE_VERSION, and check the copy; returns the original's format and its state
    (stat) while it was held for the copy."""
    con = duckdb.connect(str(partial), config=OPEN_CONFIG)
    try:
        run(con, "SET enable_progress_bar = false")     # a long copy prints nothing to stdout
        try:
            run(con, f"ATTACH {_literal(path)} AS {_SOURCE} (READ_ONLY)")
        except duckdb.IOException as exc:
            if _is_lock_conflict(exc):
                raise StoreLockedError(f"{path}: in use by {_lock_holder(exc)}; compact it when nothing else "
                                       "has it open (stop `claimtrack serve` first)") from exc
            raise
        held = os.stat(path)                    # nobody writes while it is attached here
        was = run(con, _FORMAT, {"db": _SOURCE})
        target = run(con, "SELECT current_database()")[0][0]
        # the catalog first, then each table's rows, referenced tables before those whose foreign
        # keys point at them (DuckDB 1.5's COPY FROM DATABASE copies data in no such order)
        run(con, f"COPY FROM DATABASE {_SOURCE} TO {_identifier(target)} (SCHEMA)")
        for schema, table in _in_key_order(con, _SOURCE):
            name = f"{_identifier(schema)}.{_identifier(table)}"
            order = f" ORDER BY {_CLUSTERED[(schema, table)]}" if (schema, table) in _CLUSTERED else ""
            run(con, f"INSERT INTO {_identifier(target)}.{name} SELECT * FROM {_SOURCE}.{name}{order}")
        _check(con, _SOURCE, target)
        run(con, f"DETACH {_SOURCE}")
        run(con, "CHECKPOINT")
        tag = was[0][0] if was and was[0][0] else None
        return (tag.rstrip("+") if tag else None), held
    finally:
        con.close()


_REFERENCES = """SELECT schema_name, table_name, referenced_table FROM duckdb_constraints()
                 WHERE database_name = $db AND constraint_type = 'FOREIGN KEY'"""


def _in_key_order(con: duckdb.DuckDBPyConnection, db: str) -> list[tuple[str, str]]:
    """The tables of `db`, each after the tables its foreign keys reference (same schema)."""
    tables = [tuple(r) for r in run(con, _TABLES, {"db": db})]
    needs = {t: set() for t in tables}
    for schema, table, referenced in run(con, _REFERENCES, {"db": db}):
        if referenced != table:
            needs[(schema, table)].add((schema, referenced))
    ordered: list[tuple[str, str]] = []
    while needs:
        ready = sorted(t for t, wanted in needs.items() if wanted <= set(ordered))
        if not ready:                           # a cycle DuckDB would not have let us make
            raise StoreError(f"the tables {sorted(needs)} reference each other in a cycle")
        ordered += ready
        for t in ready:
            del needs[t]
    return ordered


def _check(con: duckdb.DuckDBPyConnection, source: str, target: str) -> None:
    """The copy holds what the original does, or a StoreError says where it differs."""
    for what, query in _CATALOG.items():
        if run(con, query, {"db": source}) != run(con, query, {"db": target}):
            raise StoreError(f"the copy's {what} differ from the original's")
    for schema, table in run(con, _TABLES, {"db": source}):
        name = f"{_identifier(schema)}.{_identifier(table)}"
        rows = [run(con, f"SELECT count(*) FROM {_identifier(db)}.{name}")[0][0] for db in (source, target)]
        if rows[0] != rows[1]:
            raise StoreError(f"the copy of {schema}.{table} holds {rows[1]} rows, the original {rows[0]}")


def _backup_name(path: Path) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    backup = path.with_name(f"{path.stem}.before-compact-{stamp}{path.suffix}")
    n = 1
    while backup.exists():
        n += 1
        backup = path.with_name(f"{path.stem}.before-compact-{stamp}-{n}{path.suffix}")
    return backup


def _swap(path: Path, partial: Path, held: os.stat_result) -> Path:
    """Put the copy in the file's place, keeping the original as the backup; only while no one
    has the file open (a DuckDB lock) and it is as it was when copied."""
    fd = os.open(path, os.O_RDWR)
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)     # the lock DuckDB takes to write
        except OSError:
            raise StoreLockedError(f"{path}: another process opened it while it was being compacted; nothing "
                                   "was changed, run `claimtrack db compact` again when it has finished") from None
        now = os.fstat(fd)
        if ((now.st_ino, now.st_size, now.st_mtime_ns) != (held.st_ino, held.st_size, held.st_mtime_ns)
                or path.with_name(path.name + ".wal").exists()):
            raise StoreLockedError(f"{path}: written by another process while it was being compacted; nothing "
                                   "was changed, run `claimtrack db compact` again")
        backup = _backup_name(path)
        try:
            os.link(path, backup)               # the same bytes under a second name, at no cost
        except OSError:
            shutil.copy2(path, backup)          # a file system without hard links
        os.replace(partial, path)
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)                    # the new name survives a power cut
        finally:
            os.close(folder)
        return backup
    finally:
        os.close(fd)                            # releases the lock


def compact(path: Path) -> Compacted:
    """Rewrite the database file at `path` in STORAGE_VERSION's format, checked, keeping the
    original as PATH.before-compact-TIME.duckdb. The caller has brought it to the current
    schema and closed it. Any failure leaves the file as it was and says so in one line."""
    if not path.is_file():
        raise StoreError(f"{path}: no database file to compact")
    partial = path.with_name(f".{path.name}.compacting")
    _remove(partial)                            # a copy left by a compaction that died
    before = path.stat().st_size
    try:
        was, held = _copy(path, partial)
        backup = _swap(path, partial, held)
    except StoreLockedError:
        _remove(partial)
        raise
    except (duckdb.Error, OSError, StoreError) as exc:
        _remove(partial)
        raise StoreError(f"{path}: compaction failed, the database is unchanged: {_one_line(exc)}") from exc
    return Compacted(path, backup, was, before, path.stat().st_size)

