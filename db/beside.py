"""Reads beside a write: while this process writes a database, reads that may see its last
committed state run on a cursor of the write's connection instead of waiting for the write.

A write holds the file (and the process's lock) for its whole transaction, a third of a second
to a second in a poll; a poll's lookup of its feed's stored entries waited for all of it, and
the polls of a run reach their lookups together, just as the polls before them hand over the
batch that is written. A lookup run on a cursor of the write sees what was committed before
the write began, which is what it saw when it ran just before the write: what another feed is
storing at that moment is kept once by the write itself (its articles are checked against
those stored when it is written). The cursor is lent from the write's opening until its commit,
never during the closing of the file, and to one read at a time.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb


class _Lent:
    def __init__(self, cursor: duckdb.DuckDBPyConnection) -> None:
        self.cursor = cursor
        self.free = threading.Lock()        # held by the read using the cursor


_lock = threading.Lock()
_lent: dict[Path | str, _Lent] = {}


@contextmanager
def lending(key: Path | str, con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Lend a cursor of `con`, a write's connection to the database `key`, to reads (`borrowed`)
    for the duration of the block; on leaving it, wait for a read using it to finish."""
    lent = _Lent(con.cursor())
    with _lock:
        _lent[key] = lent
    try:
        yield
    finally:
        with _lock:
            if _lent.get(key) is lent:
                del _lent[key]
        with lent.free:                     # a read under way on the cursor ends first
            lent.cursor.close()


@contextmanager
def borrowed(key: Path | str) -> Iterator[duckdb.DuckDBPyConnection | None]:
    """A cursor of the write under way on the database `key`, for one read at a time, or None
    when no write lends one (or another read is using it)."""
    with _lock:
        lent = _lent.get(key)
        if lent is not None and not lent.free.acquire(blocking=False):
            lent = None
    if lent is None:
        yield None
        return
    try:
        yield lent.cursor
    finally:
        lent.free.release()
