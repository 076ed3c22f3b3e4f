"""The one class, `Store`, that reads and writes the claimtrack database; its writes of feeds'
polls are in db/polls.py, its statement and error helpers in db/connection.py.

DuckDB lets one process hold a file for writing and, while it does, no other process may
open it at all. So every operation opens the file, does one batch and closes it; a caller
that finds the file locked waits a bounded, jittered time and then fails naming the holder.
Inside one process all access is serialised by a lock (Prefect runs tasks in threads).
On a DuckLake (`lake`, db/lake.py) the same batches commit snapshots: other processes and
machines write and read meanwhile, and nothing waits for a lock.
"""
from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import duckdb
import pyarrow as pa

from claimtrack.db import beside
from claimtrack.db import lake as ducklake
from claimtrack.db import sql
from claimtrack.db.connection import (_TOO_NEW, OPEN_CONFIG, STORAGE_VERSION, _IO_FAILURES, _close_quietly, _is_lock_conflict,
                                      _lock_holder, _one_line, _rollback, _too_new, log, newer_than_written, run, run_dicts,
                                      stored_format)
from claimtrack.db.lake import Lake
from claimtrack.db.migrate import migrate
from claimtrack.db.polls import PollWrites
from claimtrack.db.tracking_writes import TrackingWrites
from claimtrack.errors import StoreConflict, StoreError, StoreLockedError

if TYPE_CHECKING:
    from claimtrack.db.compact import Compacted

_PROCESS_LOCK = threading.RLock()
_MIGRATED: set[Path | str] = set()
_TOLD_FORMAT: set[Path] = set()     # files whose storage format was said to be too new
BESIDE_WAIT = 0.02                  # seconds between looks for a write's cursor while the file is held
T = TypeVar("T")


class Store(PollWrites, TrackingWrites):
    """A DuckDB file that is opened per batch: `write()` for a transaction, `read()` to query."""

    def __init__(self, path: Path | str, lock_wait_seconds: float = 30.0,
                 max_articles_per_write: int = 5000, max_bytes_per_write: int = 8_000_000,
                 lake: Lake | None = None) -> None:
        self.path = Path(path)
        self.lake = lake                # set: the tables are on this DuckLake, `path` is unused
        self.lock_wait_seconds = lock_wait_seconds
        # what one transaction of new articles may hold, so the file is never held for long
        # (about half a second; bench/big_feed_bench.py measures it)
        self.max_articles_per_write = max_articles_per_write
        self.max_bytes_per_write = max_bytes_per_write

    # -- connections -------------------------------------------------------------------
    @property
    def location(self) -> str:
        """Where the database is, for messages and ids: the file's absolute path or the lake's URL."""
        return str(self.lake) if self.lake else str(self.path.resolve())

    def _key(self) -> Path | str:
        return str(self.lake) if self.lake else self.path.resolve()

    def _exists(self) -> bool:
        """Whether this process may skip creating the database first (a lake is made by the
        first write of a process that finds it missing)."""
        return self._key() in _MIGRATED if self.lake else self.path.exists()

    def _connect(self, read_only: bool, config: dict[str, Any] | None = None,
                 at: int | str | None = None) -> duckdb.DuckDBPyConnection:
        if self.lake:
            private = at is not None or bool(config)     # a user's SQL, an older snapshot: a DuckDB of its own
            con = ducklake.connect(self.lake, read_only, config, snapshot=at) if private else \
                ducklake.shared_cursor(self.lake)
            run(con, "SET TimeZone = 'UTC'")
            run(con, "SET enable_progress_bar = false")
            return con
        deadline = time.monotonic() + self.lock_wait_seconds
        delay = 0.05
        while True:
            try:
                # the storage format is chosen when the file is created; the file keeps it after
                created = {} if self.path.exists() else OPEN_CONFIG
                con = duckdb.connect(str(self.path), read_only=read_only, config={**created, **(config or {})})
                run(con, "SET TimeZone = 'UTC'")
                run(con, "SET enable_progress_bar = false")     # a long write prints nothing to stdout
                return con
            except duckdb.IOException as exc:
                if _too_new(exc):
                    raise StoreError(_TOO_NEW.format(path=self.path, version=duckdb.__version__)) from exc
                if not _is_lock_conflict(exc):
                    raise StoreError(f"{self.path}: cannot open database: {_one_line(exc)}") from exc
                if time.monotonic() >= deadline:
                    raise StoreLockedError(
                        f"{self.path}: still locked by {_lock_holder(exc)} after waiting "
                        f"{self.lock_wait_seconds:.0f}s; try again when it has finished") from exc
                time.sleep(delay * random.uniform(0.5, 1.5))
                delay = min(delay * 2, 0.25)    # often enough to find the gaps a long write leaves

    @contextmanager
    def write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction on a migrated database; committed on success, rolled back on error.
        A write the file refuses (a full disk, an IO error) is a one-line StoreError naming the
        file and saying the last committed state is what the database holds."""
        with _PROCESS_LOCK:
            con = self._open_migrated()
            try:
                with beside.lending(self._key(), con):   # reads of the last commit need not wait (db/beside.py)
                    yield from self._transaction(con)
            except BaseException:
                _close_quietly(con)
                raise
            try:
                con.close()                     # checkpoints: the committed batch is in the WAL already
            except duckdb.Error as exc:
                raise StoreError(f"{self.name}: the batch was committed but the database could not be "
                                 f"closed cleanly: {_one_line(exc)}") from exc

    def _transaction(self, con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
        """The body of `write` between opening and closing: one transaction on `con`."""
        run(con, "BEGIN TRANSACTION")
        if self.lake:                   # two writes committed at once conflict here
            run(con, sql.query("bump_write_turn"))
        try:
            yield con
        except BaseException as exc:
            _rollback(con)
            if isinstance(exc, _IO_FAILURES):
                raise self._not_written(exc) from exc
            raise
        try:
            run(con, "COMMIT")
        except duckdb.Error as exc:     # a full disk shows here: the WAL cannot be written
            _rollback(con)
            if self.lake and isinstance(exc, duckdb.TransactionException):
                raise StoreConflict(f"{self.name}: another writer committed first; nothing of this "
                                    f"batch was stored: {_one_line(exc)}") from exc
            raise self._not_written(exc) from exc

    def _open_migrated(self) -> duckdb.DuckDBPyConnection:
        """A writable connection to the database, created and migrated first if this process
        has not done so yet. The caller holds _PROCESS_LOCK."""
        if not self.lake:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        con = self._connect(read_only=False)
        try:
            key = self._key()
            if key not in _MIGRATED:
                self._up_to_date(con)
                if key not in _TOLD_FORMAT and not self.lake:
                    self._say_if_unreadable_by_older_clients(con)
                    _TOLD_FORMAT.add(key)
                _MIGRATED.add(key)
        except BaseException:
            _close_quietly(con)
            raise
        return con

    def _ready(self) -> None:
        """Create and migrate the database if this process has not yet (no write of its own)."""
        with _PROCESS_LOCK:
            self._open_migrated().close()

    def _up_to_date(self, con: duckdb.DuckDBPyConnection) -> None:
        """Migrate, and rebuild the tracking tables if their SQL changed. On a DuckLake another
        process may be doing the same at the same moment: the one that commits second finds a
        conflict and looks again (it then has nothing left to do), for up to lock_wait_seconds."""
        deadline = time.monotonic() + self.lock_wait_seconds
        delay = 0.05
        while True:
            try:
                try:
                    migrate(con, lake=self.lake is not None)
                except duckdb.TransactionException:
                    raise
                except (duckdb.Error, RuntimeError) as exc:
                    raise StoreError(f"{self.name}: cannot bring the database to the current "
                                     f"schema: {_one_line(exc)}") from exc
                self._rebuild_tracking_if_outdated(con)
                return
            except (*_IO_FAILURES, duckdb.TransactionException) as exc:
                if not (self.lake and isinstance(exc, duckdb.TransactionException)) or time.monotonic() >= deadline:
                    raise self._not_written(exc) from exc
                time.sleep(delay * random.uniform(0.5, 1.5))
                delay = min(delay * 2, 1.0)

    def batch(self, body: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run `body` in one write transaction (`write`) and return what it returns. On a
        DuckLake a write another process committed meanwhile conflicts with it; then `body` runs
        again on the new snapshot (it reads what it needs inside), for up to lock_wait_seconds."""
        deadline = time.monotonic() + self.lock_wait_seconds
        delay = 0.05
        while True:
            try:
                with self.write() as con:
                    return body(con)
            except StoreConflict as exc:
                if time.monotonic() >= deadline:
                    raise
                log.info("%s; running the batch again on the new snapshot", exc)
                time.sleep(delay * random.uniform(0.5, 1.5))
                delay = min(delay * 2, 1.0)

    def _say_if_unreadable_by_older_clients(self, con: duckdb.DuckDBPyConnection) -> None:
        """Once per process and file: a file made in a newer storage format than ours (by
        claimtrack before it wrote 1.0's, or by another program) works, but older DuckDB
        clients cannot open it; say so, and which command rewrites it."""
        stored = stored_format(con)
        if newer_than_written(stored):
            log.warning("%s is stored in DuckDB %s's format, which DuckDB clients older than %s cannot "
                        "open; `claimtrack db compact --db %s` rewrites it in %s's, which every DuckDB "
                        "since 1.0 reads (the original is kept as a backup)",
                        self.path, stored, stored, self.path, STORAGE_VERSION)

    def _not_written(self, exc: BaseException) -> StoreError:
        """The one-line error for a write that failed (full disk, IO error): the file, the cause,
        and what is left (the batch is not stored; the last committed state is)."""
        return StoreError(f"{self.name}: write failed, nothing of this batch was stored and the database "
                          f"keeps its last committed state: {_one_line(exc)}")

    @property
    def name(self) -> str:
        """The database as messages name it: the file as configured, or the lake's URL."""
        return str(self.lake) if self.lake else str(self.path)

    @contextmanager
    def read(self, sandboxed: bool = False, limits: dict[str, Any] | None = None,
             tracked: bool = True, at: int | str | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection; the database is created and migrated first if missing.
        `tracked` (the default) first recomputes the tracking of keys a write marked dirty, so
        no reader sees stale claim_changes (nothing dirty: one lookup of an empty table).
        `sandboxed` also shuts out files, extensions and other databases, for a user's SQL, and
        fixes `limits` (DuckDB settings such as memory_limit) with the rest of its configuration.
        `at` (a DuckLake only: a snapshot id, or a time) reads the lake as it was then, its
        tracking tables as they were too."""
        if at is not None and not self.lake:
            raise StoreError(f"{self.name}: reading an older snapshot needs a DuckLake ([storage] url); "
                             "a DuckDB file keeps no snapshots")
        with _PROCESS_LOCK:
            if not self._exists() or self._key() not in _MIGRATED:
                self._ready()
            config = {"enable_external_access": False, "autoinstall_known_extensions": False,
                      "autoload_known_extensions": False, **(limits or {})} if sandboxed else None
            con = self._connect(read_only=True, config=config, at=at)
            try:
                if tracked and at is None and run(con, sql.query("tracking_is_dirty"))[0][0]:
                    con.close()                 # the file must be free for the refresh's write
                    self.refresh_tracking()
                    con = self._connect(read_only=True, config=config, at=at)
                if sandboxed:
                    run(con, "SET lock_configuration = true")
                yield con
            finally:
                con.close()

    @contextmanager
    def last_commit(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection that reads the last committed state (tracking not refreshed) without
        waiting for a write of this process under way: a cursor the write lends (db/beside.py),
        else a read-only opening of its own once no write holds the database."""
        key = self._key()
        while True:
            with beside.borrowed(key) as cursor:
                if cursor is not None:
                    yield cursor
                    return
            if _PROCESS_LOCK.acquire(timeout=BESIDE_WAIT):    # else a write is opening or closing the file
                try:
                    with self.read(tracked=False) as con:
                        yield con
                        return
                finally:
                    _PROCESS_LOCK.release()

    # -- generic reads -------------------------------------------------------------------
    def query(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run the named query db/queries/NAME.sql with bound parameters; rows as dicts. A query
        that reads the tracking views finds them up to date (see `read`); others skip the check."""
        with self.read(tracked=sql.reads_tracking(name)) as con:
            return run_dicts(con, sql.query(name), params or None)

    def compact(self) -> "Compacted":
        """Rewrite the file in the storage format every DuckDB 1.x client reads, without the room
        deleted rows left, keeping the original as a backup (db/compact.py). Brought to the
        current schema first; connections to it in this process must be closed."""
        from claimtrack.db.compact import compact
        if self.lake:
            raise StoreError(f"{self.name}: a DuckLake is no file to compact; DuckLake's own "
                             "ducklake_merge_adjacent_files() and ducklake_expire_snapshots() tidy its data path")
        if not self.path.is_file():
            raise StoreError(f"{self.path}: no database file to compact")
        with _PROCESS_LOCK:
            _TOLD_FORMAT.add(self.path.resolve())     # no advice to run what is running
            self._ready()
            return compact(self.path)

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables, for run summaries."""
        return self.query("table_counts")[0]

    # -- bulk helpers ----------------------------------------------------------------------
    @staticmethod
    def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]] | pa.Table,
                conflict: str = "") -> None:
        """Bulk insert through Arrow (orders of magnitude faster than executemany): row dicts,
        or an Arrow table as it is."""
        if len(rows) == 0:
            return
        arrow = rows if isinstance(rows, pa.Table) else pa.Table.from_pylist(list(rows))
        con.register("_incoming", arrow)
        # table names come from this module only, never from input
        run(con, f"INSERT {conflict} INTO {table} BY NAME SELECT * FROM _incoming")
        con.unregister("_incoming")

    # -- feeds -----------------------------------------------------------------------------
    def feed_state(self, feed_id: str) -> dict[str, Any] | None:
        rows = self.query("feed_state", feed_id=feed_id)
        return rows[0] if rows else None

    def feed_states(self) -> dict[str, dict[str, Any]]:
        """Every feed's polling state by feed id, read once per run rather than once per feed."""
        return {r["feed_id"]: r for r in self.query("feed_state", feed_id=None)}


    # -- articles --------------------------------------------------------------------------
    def update_article_texts(self, updates: Sequence[dict[str, Any]]) -> None:
        """Replace articles' text (their newest version's, for an updated article) and
        fingerprint, re-read from raw HTML, and drop their extractions, in one transaction.
        Each update: article_id, text, fingerprint."""
        def update(con: duckdb.DuckDBPyConnection) -> None:
            for u in updates:
                aid, fp = u["article_id"], u["fingerprint"]
                changed = {"article_id": aid, "text": u["text"], "content_hash": fp.content_hash}
                run(con, sql.query("update_article_text"), changed)
                run(con, sql.query("update_version_text"), changed)
                run(con, sql.query("forget_extraction"), {"article_id": aid})
                run(con, sql.query("forget_bands"), {"article_id": aid})
                run(con, sql.query("forget_signature"), {"article_id": aid})
            self._insert(con, "internal.article_signatures",
                         [{"article_id": u["article_id"], "minhash": list(u["fingerprint"].minhash)}
                          for u in updates if u["fingerprint"].minhash])
            self._insert(con, "internal.article_bands", [{"band_key": key, "article_id": u["article_id"]}
                                                         for u in updates for key in u["fingerprint"].band_keys()])
        self.batch(update)

    # -- extraction ------------------------------------------------------------------------
    def pending_articles(self, extractor_version: str, reextract: bool = False) -> list[str]:
        """Ids of articles not yet extracted by this extractor version (all of them if reextract)."""
        rows = self.query("pending_articles", version=extractor_version, everything=reextract)
        return [r["article_id"] for r in rows]

    def article_texts(self, article_ids: Sequence[str]) -> list[dict[str, Any]]:
        return self.query("article_texts", ids=list(article_ids))

    def replace_claims(self, results: Sequence[dict[str, Any]], claims: Sequence[dict[str, Any]],
                       metrics: Sequence[dict[str, Any]] = ()) -> None:
        """For each extracted article drop its older claims and store the new ones, atomically,
        with the catalogue of the metrics the extractor knows (table `metrics`); every claim key
        that gained or lost a claim is marked dirty, for the next `refresh_tracking` or tracked read."""
        if not results:
            return
        ids = [r["article_id"] for r in results]

        def replace(con: duckdb.DuckDBPyConnection) -> None:
            catalogue_changed = self._record_metrics(con, metrics)
            touched = {r[0] for r in run(con, sql.query("claim_keys_of_articles"), {"ids": ids})}
            touched |= {c["claim_key"] for c in claims}
            run(con, sql.query("forget_claims"), {"ids": ids})
            run(con, sql.query("forget_extractions"), {"ids": ids})
            self._insert(con, "claims", claims)
            self._insert(con, "extractions", results)
            self._mark_dirty(con, touched)
            if catalogue_changed:
                run(con, sql.query("mark_all_dirty"))
        self.batch(replace)
