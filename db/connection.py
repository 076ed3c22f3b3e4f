"""Statements on a DuckDB connection and the errors they raise, for the store (db/store.py):
run one to the end, name the process holding a locked file, tell a failing file from our
own errors, and roll back or close after a failed write without hiding its error; and the
storage format files are written in, so that any DuckDB 1.x client opens them."""
from __future__ import annotations

import importlib.util
import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import duckdb
import pyarrow as pa

log = logging.getLogger("claimtrack.store")

# The storage format a new database file is written in: DuckDB 1.0's, which every DuckDB since
# 1.0 reads (the CLI from the package index, DBeaver's driver, an older Python duckdb), where
# DuckDB 2's own format is read by DuckDB 2 alone. DuckDB fixes a file's format when it creates
# the file, and every later write keeps to it (whatever the writer's settings: a file made so
# and then written by DuckDB 2 with its defaults still opens in DuckDB 1.1), so the setting is
# given on creation only; `claimtrack db compact` (db/compact.py) rewrites a file made in a
# newer format.
STORAGE_VERSION = "v1.0.0"
OPEN_CONFIG = {"storage_compatibility_version": STORAGE_VERSION}

_STORED_IN = """
SELECT tags['storage_version'] FROM duckdb_databases() WHERE database_name = current_database()
"""


class _NotInstalled:
    """An import finder, first on sys.meta_path, for modules found missing once: importing one
    fails at once with ModuleNotFoundError, as it would after searching sys.path again.
    `importlib.invalidate_caches()` (what one calls after installing a package into a running
    interpreter) makes it forget them."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if name in self.names:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

    def invalidate_caches(self) -> None:
        self.names = frozenset()


def _forget_forgotten() -> None:
    sys.meta_path[:] = [f for f in sys.meta_path if not (isinstance(f, _NotInstalled) and not f.names)]


def remember_missing_pandas() -> bool:
    """Whether pandas is missing and its absence is now remembered (`_NotInstalled`). DuckDB's
    Python client asks for pandas at every value it binds as a parameter (to tell pandas' missing
    values from others), and without pandas each ask searches sys.path again, ~0.1 ms a value; a
    batch of polls binds tens of thousands (the links and band keys of its articles). Where pandas
    is installed nothing changes. (None in sys.modules, Python's own mark of a failed import,
    would do it too, but pyarrow's pandas check takes that None for the module.)"""
    _forget_forgotten()
    if any(isinstance(f, _NotInstalled) and "pandas" in f.names for f in sys.meta_path):
        return True
    if "pandas" in sys.modules or importlib.util.find_spec("pandas") is not None:
        return False
    sys.meta_path.insert(0, _NotInstalled(frozenset({"pandas"})))
    return True


remember_missing_pandas()


def _version(tag: str) -> tuple[int, ...]:
    """(2, 0, 0) from DuckDB's tag 'v2.0.0+'."""
    return tuple(int(part) for part in re.findall(r"\d+", tag)[:3])


def stored_format(con: duckdb.DuckDBPyConnection) -> str | None:
    """The storage format of the connection's file, 'v2.0.0' (None: this DuckDB does not tag it,
    as DuckDB 1.1 does not; it writes only formats 1.x reads)."""
    try:
        rows = run(con, _STORED_IN)
    except duckdb.Error:
        return None
    tag = rows[0][0] if rows and rows[0] else None
    return tag.rstrip("+") if tag else None


def newer_than_written(stored: str | None) -> bool:
    """Whether a file in this format is one older DuckDB clients cannot open (newer than ours)."""
    return stored is not None and _version(stored) > _version(STORAGE_VERSION)


def run(con: duckdb.DuckDBPyConnection, statement: str, params: Any = None) -> list[tuple]:
    """Execute and drain the result (DuckDB 2 refuses new work while a result is unfinished)."""
    return con.execute(statement, params).fetchall()


@contextmanager
def given(con: duckdb.DuckDBPyConnection, **tables: pa.Table) -> Iterator[duckdb.DuckDBPyConnection]:
    """The connection with each table readable as `given_<name>` by the statements run in the
    block, in place of list parameters: DuckDB converts a list parameter value by value (~20 µs
    each), an Arrow table at once, and a batch of polls looks up thousands of links and band keys."""
    for name, table in tables.items():
        con.register(f"given_{name}", table)
    try:
        yield con
    finally:
        for name in tables:
            con.unregister(f"given_{name}")


def run_dicts(con: duckdb.DuckDBPyConnection, statement: str, params: Any = None) -> list[dict[str, Any]]:
    """`run`, each row a dict by column name."""
    cur = con.execute(statement, params)
    rows = cur.fetchall()
    columns = [d[0] for d in cur.description]
    return [dict(zip(columns, row)) for row in rows]


_HOLDER = re.compile(r"held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")


def _lock_holder(exc: Exception) -> str:
    """'PID 4242 (/usr/bin/python3)' from DuckDB's lock error, or 'another process'."""
    m = _HOLDER.search(str(exc))
    return f"PID {m['pid']} ({m['program']})" if m else "another process"


# errors of the file itself (a full disk, a failing device); constraint or SQL errors are ours
_IO_FAILURES = (duckdb.IOException, duckdb.FatalException)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back the open transaction, if there is one: DuckDB has already ended it when a COMMIT
    failed, and a second error here ('no transaction is active') would hide the first."""
    try:
        run(con, "ROLLBACK")
    except duckdb.Error as exc:
        log.debug("rollback after a failed write: %s", exc)


def _close_quietly(con: duckdb.DuckDBPyConnection) -> None:
    """Close after a failed write; the error being raised says what went wrong, not this one."""
    try:
        con.close()
    except duckdb.Error as exc:
        log.debug("close after a failed write: %s", exc)


# A file in DuckDB 2's storage format (claimtrack wrote them with DuckDB 2.0 before it wrote
# 1.0's, up to stop 25) cannot be opened by the DuckDB 1.5 line claimtrack runs on (README,
# "Which DuckDB"): DuckDB 2 converts it once, keeping every table, index, view and comment.
_TOO_NEW = ("{path}: written in the storage format of a newer DuckDB (2.x), which DuckDB {version} cannot open; "
            "convert it once with DuckDB 2 (README, \"A file written by DuckDB 2\"): in a separate venv, "
            "pip install duckdb==2.0.1, then run there: ATTACH '{path}' AS old (READ_ONLY); "
            "ATTACH '{path}.v1' AS new (STORAGE_VERSION 'v1.0.0'); COPY FROM DATABASE old TO new; "
            "and put {path}.v1 in the place of {path}")


def _too_new(exc: Exception) -> bool:
    """Whether DuckDB refused the file as written by a newer DuckDB's storage format."""
    return "Trying to read a database file with version number" in str(exc)


def _is_lock_conflict(exc: Exception) -> bool:
    text = str(exc)
    return "Could not set lock" in text or "Conflicting lock" in text
