"""Statements on a DuckDB connection and the errors they raise, for the store (db/store.py):
run one to the end, name the process holding a locked file, tell a failing file from our
own errors, and roll back or close after a failed write without hiding its error."""
from __future__ import annotations

import logging
import re
from typing import Any

import duckdb

log = logging.getLogger("claimtrack.store")


def run(con: duckdb.DuckDBPyConnection, statement: str, params: Any = None) -> list[tuple]:
    """Execute and drain the result (DuckDB 2 refuses new work while a result is unfinished)."""
    return con.execute(statement, params).fetchall()


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


def _is_lock_conflict(exc: Exception) -> bool:
    text = str(exc)
    return "Could not set lock" in text or "Conflicting lock" in text
