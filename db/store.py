"""The one module that reads and writes the claimtrack database.

DuckDB lets one process hold a file for writing and, while it does, no other process may
open it at all. So every operation opens the file, does one batch and closes it; a caller
that finds the file locked waits a bounded, jittered time and then fails naming the holder.
Inside one process all access is serialised by a lock (Prefect runs tasks in threads).
"""
from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from db import sql
from db.migrate import migrate
from flows.errors import StoreError, StoreLockedError

_PROCESS_LOCK = threading.RLock()
_MIGRATED: set[Path] = set()


def run(con: duckdb.DuckDBPyConnection, statement: str, params: Any = None) -> list[tuple]:
    """Execute and drain the result (DuckDB 2 refuses new work while a result is unfinished)."""
    return con.execute(statement, params).fetchall()


def _is_lock_conflict(exc: Exception) -> bool:
    text = str(exc)
    return "Could not set lock" in text or "Conflicting lock" in text


class Store:
    """A DuckDB file that is opened per batch: `write()` for a transaction, `read()` to query."""

    def __init__(self, path: Path | str, lock_wait_seconds: float = 30.0) -> None:
        self.path = Path(path)
        self.lock_wait_seconds = lock_wait_seconds

    # -- connections -------------------------------------------------------------------
    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.lock_wait_seconds
        delay = 0.05
        while True:
            try:
                con = duckdb.connect(str(self.path), read_only=read_only)
                run(con, "SET TimeZone = 'UTC'")
                return con
            except duckdb.IOException as exc:
                if not _is_lock_conflict(exc):
                    raise StoreError(f"{self.path}: cannot open database: {exc}") from exc
                if time.monotonic() >= deadline:
                    raise StoreLockedError(
                        f"{self.path}: still locked by another process after "
                        f"{self.lock_wait_seconds:.0f}s ({exc})") from exc
                time.sleep(delay * random.uniform(0.5, 1.5))
                delay = min(delay * 2, 1.0)

    @contextmanager
    def write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction on a migrated database; committed on success, rolled back on error."""
        with _PROCESS_LOCK:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            con = self._connect(read_only=False)
            try:
                key = self.path.resolve()
                if key not in _MIGRATED:
                    migrate(con)
                    _MIGRATED.add(key)
                run(con, "BEGIN TRANSACTION")
                try:
                    yield con
                    run(con, "COMMIT")
                except BaseException:
                    run(con, "ROLLBACK")
                    raise
            finally:
                con.close()

    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection; the database is created and migrated first if missing."""
        with _PROCESS_LOCK:
            if not self.path.exists() or self.path.resolve() not in _MIGRATED:
                with self.write():
                    pass
            con = self._connect(read_only=True)
            try:
                yield con
            finally:
                con.close()

    # -- generic reads -------------------------------------------------------------------
    def query(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run the named query db/queries/NAME.sql with bound parameters; rows as dicts."""
        with self.read() as con:
            cur = con.execute(sql.query(name), params or None)
            rows = cur.fetchall()
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, row)) for row in rows]

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables, for run summaries."""
        return self.query("table_counts")[0]

    # -- bulk helpers ----------------------------------------------------------------------
    @staticmethod
    def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]],
                conflict: str = "") -> None:
        """Bulk insert through Arrow (orders of magnitude faster than executemany)."""
        if not rows:
            return
        arrow = pa.Table.from_pylist(list(rows))
        con.register("_incoming", arrow)
        # table names come from this module only, never from input
        run(con, f"INSERT {conflict} INTO {table} BY NAME SELECT * FROM _incoming")
        con.unregister("_incoming")

    # -- feeds -----------------------------------------------------------------------------
    def feed_state(self, feed_id: str) -> dict[str, Any] | None:
        rows = self.query("feed_state", feed_id=feed_id)
        return rows[0] if rows else None

    def record_poll(self, poll: dict[str, Any], failures: Sequence[dict[str, Any]] = (),
                    articles: Sequence[dict[str, Any]] = ()) -> int:
        """Store one feed's poll: its health row, new articles (an article whose text repeats a
        stored one is linked by duplicate_of) and failures, in one transaction.
        Returns how many articles were new."""
        with self.write() as con:
            run(con, sql.query("record_poll"), poll)
            added = 0
            if articles:
                before = run(con, "SELECT count(*) FROM articles")[0][0]
                self._insert(con, "articles", articles, conflict="OR IGNORE")
                run(con, sql.query("link_duplicates"))
                added = run(con, "SELECT count(*) FROM articles")[0][0] - before
            self._insert(con, "fetch_failures", failures)
            return added

    # -- articles --------------------------------------------------------------------------
    def known_articles(self, canonical_urls: Sequence[str], guids: Sequence[str]) -> set[str]:
        """Which of these canonical URLs or GUIDs are already stored (as canonical URLs or GUIDs)."""
        rows = self.query("known_articles", urls=list(canonical_urls), guids=list(guids))
        return {r["key"] for r in rows}

    # -- extraction ------------------------------------------------------------------------
    def pending_articles(self, extractor_version: str, reextract: bool = False) -> list[str]:
        """Ids of articles not yet extracted by this extractor version (all of them if reextract)."""
        rows = self.query("pending_articles", version=extractor_version, everything=reextract)
        return [r["article_id"] for r in rows]

    def article_texts(self, article_ids: Sequence[str]) -> list[dict[str, Any]]:
        return self.query("article_texts", ids=list(article_ids))

    def replace_claims(self, results: Sequence[dict[str, Any]], claims: Sequence[dict[str, Any]]) -> None:
        """For each extracted article drop its older claims and store the new ones, atomically."""
        if not results:
            return
        ids = [r["article_id"] for r in results]
        with self.write() as con:
            run(con, "DELETE FROM claims WHERE article_id IN (SELECT unnest($ids))", {"ids": ids})
            run(con, "DELETE FROM extractions WHERE article_id IN (SELECT unnest($ids))", {"ids": ids})
            self._insert(con, "claims", claims)
            self._insert(con, "extractions", results)
