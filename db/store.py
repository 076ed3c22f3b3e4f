"""The one module that reads and writes the claimtrack database.

DuckDB lets one process hold a file for writing and, while it does, no other process may
open it at all. So every operation opens the file, does one batch and closes it; a caller
that finds the file locked waits a bounded, jittered time and then fails naming the holder.
Inside one process all access is serialised by a lock (Prefect runs tasks in threads).
"""
from __future__ import annotations

import logging
import random
import re
import threading
import time
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from db import sql
from db.migrate import migrate
from flows.dedupe import BUCKET_SIZE, Fingerprint, link_duplicates
from flows.errors import StoreError, StoreLockedError

log = logging.getLogger("claimtrack.store")

_PROCESS_LOCK = threading.RLock()
_MIGRATED: set[Path] = set()


def run(con: duckdb.DuckDBPyConnection, statement: str, params: Any = None) -> list[tuple]:
    """Execute and drain the result (DuckDB 2 refuses new work while a result is unfinished)."""
    return con.execute(statement, params).fetchall()


@dataclass(frozen=True)
class ArticleRecord:
    """A new article as ingest hands it over: its `articles` row, its compressed raw HTML
    (an `article_raw` row) and its duplicate-detection fingerprint."""
    row: dict[str, Any]
    raw: dict[str, Any] | None
    fingerprint: Fingerprint


@dataclass(frozen=True)
class PollRecord:
    """Everything one poll of one feed writes: its feeds row, its failures, its new articles."""
    poll: dict[str, Any]
    failures: tuple[dict[str, Any], ...] = ()
    articles: tuple[ArticleRecord, ...] = ()


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


def _size(article: ArticleRecord) -> int:
    """Roughly what an article adds to a transaction: its text and its compressed raw HTML."""
    return len(article.row.get("text") or "") + len((article.raw or {}).get("raw") or b"")


def _is_lock_conflict(exc: Exception) -> bool:
    text = str(exc)
    return "Could not set lock" in text or "Conflicting lock" in text


class Store:
    """A DuckDB file that is opened per batch: `write()` for a transaction, `read()` to query."""

    def __init__(self, path: Path | str, lock_wait_seconds: float = 30.0,
                 max_articles_per_write: int = 5000, max_bytes_per_write: int = 8_000_000) -> None:
        self.path = Path(path)
        self.lock_wait_seconds = lock_wait_seconds
        # what one transaction of new articles may hold, so the file is never held for long
        # (about half a second; bench/big_feed_bench.py measures it)
        self.max_articles_per_write = max_articles_per_write
        self.max_bytes_per_write = max_bytes_per_write

    # -- connections -------------------------------------------------------------------
    def _connect(self, read_only: bool, config: dict[str, Any] | None = None) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.lock_wait_seconds
        delay = 0.05
        while True:
            try:
                con = duckdb.connect(str(self.path), read_only=read_only, config=config or {})
                run(con, "SET TimeZone = 'UTC'")
                return con
            except duckdb.IOException as exc:
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
            self.path.parent.mkdir(parents=True, exist_ok=True)
            con = self._connect(read_only=False)
            try:
                key = self.path.resolve()
                if key not in _MIGRATED:
                    try:
                        migrate(con)
                    except (duckdb.Error, RuntimeError) as exc:
                        raise StoreError(f"{self.path}: cannot bring the database to the current "
                                         f"schema: {_one_line(exc)}") from exc
                    try:
                        self._rebuild_tracking_if_outdated(con)
                    except (*_IO_FAILURES, duckdb.TransactionException) as exc:
                        raise self._not_written(exc) from exc
                    _MIGRATED.add(key)
                run(con, "BEGIN TRANSACTION")
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
                    raise self._not_written(exc) from exc
            except BaseException:
                _close_quietly(con)
                raise
            try:
                con.close()                     # checkpoints: the committed batch is in the WAL already
            except duckdb.Error as exc:
                raise StoreError(f"{self.path}: the batch was committed but the database could not be "
                                 f"closed cleanly: {_one_line(exc)}") from exc

    def _not_written(self, exc: BaseException) -> StoreError:
        """The one-line error for a write that failed (full disk, IO error): the file, the cause,
        and what is left (the batch is not stored; the last committed state is)."""
        return StoreError(f"{self.path}: write failed, nothing of this batch was stored and the database "
                          f"keeps its last committed state: {_one_line(exc)}")

    @contextmanager
    def read(self, sandboxed: bool = False, limits: dict[str, Any] | None = None,
             tracked: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection; the database is created and migrated first if missing.
        `tracked` (the default) first recomputes the tracking of keys a write marked dirty, so
        no reader sees stale claim_changes (nothing dirty: one lookup of an empty table).
        `sandboxed` also shuts out files, extensions and other databases, for a user's SQL, and
        fixes `limits` (DuckDB settings such as memory_limit) with the rest of its configuration."""
        with _PROCESS_LOCK:
            if not self.path.exists() or self.path.resolve() not in _MIGRATED:
                with self.write():
                    pass
            config = {"enable_external_access": False, "autoinstall_known_extensions": False,
                      "autoload_known_extensions": False, **(limits or {})} if sandboxed else None
            con = self._connect(read_only=True, config=config)
            try:
                if tracked and run(con, sql.query("tracking_is_dirty"))[0][0]:
                    con.close()                 # the file must be free for the refresh's write
                    self.refresh_tracking()
                    con = self._connect(read_only=True, config=config)
                if sandboxed:
                    run(con, "SET lock_configuration = true")
                yield con
            finally:
                con.close()

    # -- generic reads -------------------------------------------------------------------
    def query(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run the named query db/queries/NAME.sql with bound parameters; rows as dicts. A query
        that reads the tracking views finds them up to date (see `read`); others skip the check."""
        with self.read(tracked=sql.reads_tracking(name)) as con:
            cur = con.execute(sql.query(name), params or None)
            rows = cur.fetchall()
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, row)) for row in rows]

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

    # -- derived tracking tables -------------------------------------------------------------
    @staticmethod
    def _refresh_tracking(con: duckdb.DuckDBPyConnection, keys: Collection[str] | None) -> None:
        """Recompute the tracked_* tables behind claim_values, claim_changes, stale_claims and
        claim_conflicts for these claim keys (None: every key), inside the caller's transaction."""
        if keys is not None and not keys:
            return
        params = {"all": keys is None, "keys": sorted(keys) if keys else [""]}
        for table, insert in sql.tracking():
            run(con, sql.query("forget_tracked").format(table=table), params)
            run(con, insert, params)

    def _rebuild_tracking_if_outdated(self, con: duckdb.DuckDBPyConnection) -> None:
        """Rebuild every tracking table when they were built by other tracking SQL (or never)."""
        fingerprint = sql.tracking_fingerprint()
        if run(con, sql.query("tracking_fingerprint"))[0][0] == fingerprint:
            return
        run(con, "BEGIN TRANSACTION")
        try:
            self._refresh_tracking(con, None)
            run(con, sql.query("forget_dirty_keys"))
            run(con, sql.query("forget_tracking_state"))
            run(con, sql.query("record_tracking_state"), {"fingerprint": fingerprint})
            run(con, "COMMIT")
        except BaseException:
            _rollback(con)
            raise

    def refresh_tracking(self, everything: bool = False) -> int:
        """Bring the tracking tables up to date with the claims: recompute the keys marked
        dirty by earlier writes (or every key) and clear the marks, in one transaction.
        Readers need not (`read` does); flows call it at the end of a run, for readers outside
        claimtrack too. Returns how many keys were recomputed (-1: all)."""
        with self.write() as con:
            keys = None if everything else {r[0] for r in run(con, sql.query("dirty_keys"))}
            self._refresh_tracking(con, keys)
            run(con, sql.query("forget_dirty_keys"))
        return -1 if keys is None else len(keys)

    @staticmethod
    def _mark_dirty(con: duckdb.DuckDBPyConnection, keys: Collection[str]) -> None:
        if keys:
            run(con, sql.query("mark_dirty_keys"), {"keys": sorted(keys)})

    @staticmethod
    def _record_metrics(con: duckdb.DuckDBPyConnection, metrics: Sequence[dict[str, Any]]) -> bool:
        """Store the metric catalogue; True if it differs from what was stored (then every
        key must be tracked again, as kinds and tolerances decide groups and changes)."""
        stored = {r[0]: dict(zip(("metric", "kind", "unit", "tolerance_pct"), r))
                  for r in run(con, sql.query("stored_metrics"))}
        differs = False
        for m in metrics:
            if stored.get(m["metric"]) != m:
                run(con, sql.query("record_metrics"), m)
                differs = True
        return differs

    # -- feeds -----------------------------------------------------------------------------
    def feed_state(self, feed_id: str) -> dict[str, Any] | None:
        rows = self.query("feed_state", feed_id=feed_id)
        return rows[0] if rows else None

    def feed_states(self) -> dict[str, dict[str, Any]]:
        """Every feed's polling state by feed id, read once per run rather than once per feed."""
        return {r["feed_id"]: r for r in self.query("feed_state", feed_id=None)}

    def record_polls(self, polls: Sequence["PollRecord"]) -> dict[str, int]:
        """Store feeds' polls: each feed's health row, its failures, and its new articles with
        their raw HTML, each linked to the article it repeats (duplicate_of) if any. Up to
        `max_articles_per_write` articles this is one transaction (one open, one commit); more
        are written in transactions of that many, in publication order, so the file is never
        held for long (and is left free between them), and the polls' own rows (with their
        validators) go in the last one: a run that dies between them has stored some articles,
        and the feed is read in full again.
        Returns new articles by feed id."""
        new_by_feed = {p.poll["feed_id"]: 0 for p in polls}
        if not polls:
            return new_by_feed
        parts = self._parts([a for p in polls for a in p.articles])
        fresh: list[ArticleRecord] = []
        if len(parts) > 1:
            with self.write() as con:
                for p in polls:
                    if p.articles:
                        run(con, sql.query("ensure_feed"), {k: p.poll[k] for k in ("feed_id", "url", "name")})
            for part in parts[:-1]:
                started = time.monotonic()
                with self.write() as con:
                    fresh += self._add_articles(con, part)
                # the file is left free at least as long as it was held (50 ms to 0.5 s), so
                # readers and other writers waiting for it get in between the parts
                time.sleep(min(max(time.monotonic() - started, 0.05), 0.5))
        with self.write() as con:
            for p in polls:
                run(con, sql.query("record_poll"), p.poll)
            self._insert(con, "fetch_failures", [f for p in polls for f in p.failures])
            fresh += self._add_articles(con, parts[-1])
        for a in fresh:
            new_by_feed[a.row["feed_id"]] = new_by_feed.get(a.row["feed_id"], 0) + 1
        return new_by_feed

    def _parts(self, articles: list[ArticleRecord]) -> list[list[ArticleRecord]]:
        """The articles cut into parts of at most `max_articles_per_write` articles and
        `max_bytes_per_write` bytes of text and raw HTML, one transaction each; earliest
        published first when there are several (a later part then seldom displaces an original)."""
        parts: list[list[ArticleRecord]] = [[]]
        if len(articles) > self.max_articles_per_write or sum(map(_size, articles)) > self.max_bytes_per_write:
            articles = sorted(articles, key=lambda a: (a.fingerprint.published_at, a.row["article_id"]))
        filled = 0
        for a in articles:
            if parts[-1] and (len(parts[-1]) >= self.max_articles_per_write
                              or filled + _size(a) > self.max_bytes_per_write):
                parts.append([])
                filled = 0
            parts[-1].append(a)
            filled += _size(a)
        return parts

    def _add_articles(self, con: duckdb.DuckDBPyConnection, articles: Sequence[ArticleRecord]) -> list[ArticleRecord]:
        """Insert the articles not stored yet, linked to what they repeat; returns those."""
        ids = [a.row["article_id"] for a in articles]
        if not ids:
            return []
        present = {r[0] for r in run(con, sql.query("stored_article_ids"), {"ids": ids})}
        fresh: dict[str, ArticleRecord] = {}
        for a in articles:           # an id already stored, or twice in the batch, is kept once
            if a.row["article_id"] not in present:
                fresh.setdefault(a.row["article_id"], a)
        if not fresh:
            return []
        new = [a.fingerprint for a in fresh.values()]
        links, repoints = link_duplicates(new, self._duplicate_candidates(con, new))
        linked = {lk.article_id: lk for lk in links}
        rows = []
        for aid, a in fresh.items():
            lk = linked.get(aid)
            rows.append({**a.row, "duplicate_of": lk.duplicate_of if lk else None,
                         "duplicate_score": lk.score if lk else None})
        self._insert(con, "articles", rows)
        self._insert(con, "article_raw", [a.raw for a in fresh.values() if a.raw])
        self._insert(con, "article_signatures", [{"article_id": aid, "minhash": list(a.fingerprint.minhash)}
                                                 for aid, a in fresh.items() if a.fingerprint.minhash])
        self._insert(con, "article_bands", [{"band_key": key, "article_id": aid}
                                            for aid, a in fresh.items() for key in a.fingerprint.band_keys()])
        if repoints:    # the claims of a group's old original leave the timeline
            touched = {r[0] for r in run(con, sql.query("claim_keys_of_groups"),
                                         {"ids": [rp.article_id for rp in repoints]})}
            for rp in repoints:
                run(con, sql.query("repoint_duplicates"),
                    {"old_original": rp.article_id, "new_original": rp.duplicate_of, "score": rp.score})
            self._mark_dirty(con, touched)
        return list(fresh.values())

    @staticmethod
    def _duplicate_candidates(con: duckdb.DuckDBPyConnection, new: Sequence[Fingerprint]
                              ) -> list[tuple[Fingerprint, str | None]]:
        hashes = [f.content_hash for f in new]
        bands = [k for f in new for k in f.band_keys()]
        rows = run(con, sql.query("duplicate_candidates"), {"hashes": hashes, "bands": bands,
                                                           "per_band": BUCKET_SIZE})
        return [(Fingerprint(aid, published, chash, tuple(sig) if sig else None), dup_of)
                for aid, published, chash, dup_of, sig in rows]

    # -- articles --------------------------------------------------------------------------
    def known_articles(self, feed_id: str, canonical_urls: Sequence[str], guids: Sequence[str]) -> set[str]:
        """Which of these canonical links (from any feed) or GUIDs (of this feed) are stored."""
        rows = self.query("known_articles", feed_id=feed_id, urls=list(canonical_urls), guids=list(guids))
        return {r["key"] for r in rows}

    def update_article_texts(self, updates: Sequence[dict[str, Any]]) -> None:
        """Replace articles' text and fingerprint (re-read from raw HTML) and drop their
        extractions, in one transaction. Each update: article_id, text, fingerprint."""
        with self.write() as con:
            for u in updates:
                aid, fp = u["article_id"], u["fingerprint"]
                run(con, sql.query("update_article_text"), {"article_id": aid, "text": u["text"],
                                                            "content_hash": fp.content_hash})
                run(con, sql.query("forget_extraction"), {"article_id": aid})
                run(con, sql.query("forget_bands"), {"article_id": aid})
                run(con, sql.query("forget_signature"), {"article_id": aid})
            self._insert(con, "article_signatures", [{"article_id": u["article_id"], "minhash": list(u["fingerprint"].minhash)}
                                                     for u in updates if u["fingerprint"].minhash])
            self._insert(con, "article_bands", [{"band_key": key, "article_id": u["article_id"]}
                                                for u in updates for key in u["fingerprint"].band_keys()])

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
        with self.write() as con:
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
