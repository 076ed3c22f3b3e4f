"""Writing feeds' polls: the records ingest hands over (`PollRecord`, `ArticleRecord`) and
`Store.record_polls`, which stores them in bounded transactions, each new article linked to
the one it repeats. A mixin of `claimtrack.db.store.Store`, apart from its connections and reads."""
from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from claimtrack.db import sql
from claimtrack.db.connection import given, run, run_dicts
from claimtrack.db.dedupe import BUCKET_SIZE, Fingerprint, link_duplicates


@dataclass(frozen=True)
class ArticleRecord:
    """A new article as ingest hands it over: its `articles` row, its compressed raw HTML
    (an `article_raw` row) and its duplicate-detection fingerprint."""
    row: dict[str, Any]
    raw: dict[str, Any] | None
    fingerprint: Fingerprint


@dataclass(frozen=True)
class ArticleVersion:
    """A new version of a stored article (flows/sources/versions.py): its `article_versions`
    row, the raw page it came from (replacing the stored one) and the entry signature to
    remember. `after` is the version it follows: if another run stored one meanwhile, this
    one is not written."""
    row: dict[str, Any]
    raw: dict[str, Any] | None
    entry_hash: str
    after: int


@dataclass(frozen=True)
class PollLookup:
    """What a poll asks before making a feed's new entries articles: which of these links
    (canonical form, from any feed) or GUIDs (of this feed) are stored, and which of the feed's
    pages were found to be walls since `walls_since`."""
    feed_id: str
    urls: tuple[str, ...]
    guids: tuple[str, ...]
    walls_since: Any            # datetime


@dataclass(frozen=True)
class PollRecord:
    """Everything one poll of one feed writes: its feeds row, its failures, its new articles,
    new versions of known ones, and the entry signatures of known articles whose entry
    changed with their text the same (article_id → entry_hash)."""
    poll: dict[str, Any]
    failures: tuple[dict[str, Any], ...] = ()
    articles: tuple[ArticleRecord, ...] = ()
    versions: tuple[ArticleVersion, ...] = ()
    entry_hashes: tuple[tuple[str, str], ...] = ()


_TIME = pa.timestamp("us", tz="UTC")
# a poll's row (flows/sources/ingest.py poll_row) as the feeds table takes it
_POLL_ROW = pa.schema([("feed_id", pa.string()), ("url", pa.string()), ("name", pa.string()),
                       ("outlet", pa.string()), ("etag", pa.string()), ("last_modified", pa.string()),
                       ("polled_at", _TIME), ("status", pa.string()), ("http_status", pa.int32()),
                       ("error", pa.string()), ("entries_seen", pa.int32()), ("newest_entry_at", _TIME),
                       ("next_poll_at", _TIME), ("parse_problem", pa.string()),
                       ("consecutive_failures", pa.int32()), ("kind", pa.string()), ("tags", pa.string()),
                       ("entries_filtered", pa.int32())])
_KEYS = pa.schema([("lookup", pa.int32()), ("feed_id", pa.string()), ("key", pa.string()), ("is_guid", pa.bool_())])
_FEEDS = pa.schema([("lookup", pa.int32()), ("feed_id", pa.string()), ("since", _TIME)])


def _strings(name: str, values: Sequence[str]) -> pa.Table:
    return pa.table({name: pa.array(values, pa.string())})


def last_poll_per_feed(polls: Sequence["PollRecord"]) -> list[dict[str, Any]]:
    """The poll rows to upsert: each feed's last. A feed retried within its run hands over a
    row per try, each a failure but the last; upserted one after the other they would leave
    the last one's values (every column the upsert keeps from an earlier row, it keeps only from
    an ok poll, which ends the tries), so the last alone is upserted."""
    last = {p.poll["feed_id"]: p.poll for p in polls}
    return list(last.values())


def _size(article: ArticleRecord) -> int:
    """Roughly what an article adds to a transaction: its text and its compressed raw HTML."""
    return len(article.row.get("text") or "") + len((article.raw or {}).get("raw") or b"")


class PollWrites:
    """`Store.record_polls` and its helpers, and `poll_lookups`; `Store` gives `batch()`, `read()`,
    `_insert`, `_mark_dirty`, `lake` and the per-write limits."""

    def poll_lookups(self, lookups: Sequence[PollLookup]) -> list[tuple[dict[str, dict[str, Any]], set[str]]]:
        """Each lookup's stored keys, each with its article's feed and what reading it again
        compares (db/queries/known_articles.sql), and its walled pages, all read in one opening
        of the file (an opening costs tens of milliseconds, and the run's threads take turns for it),
        or beside a write of the run under way, in the state before it (`Store.last_commit`)."""
        out: list[tuple[dict[str, dict[str, Any]], set[str]]] = [({}, set()) for _ in lookups]
        if not lookups:
            return out
        keys = [(i, q.feed_id, k, False) for i, q in enumerate(lookups) for k in q.urls] + \
               [(i, q.feed_id, k, True) for i, q in enumerate(lookups) for k in q.guids]
        asked = pa.Table.from_pylist([dict(zip(_KEYS.names, k)) for k in keys], schema=_KEYS)
        feeds = pa.Table.from_pylist([{"lookup": i, "feed_id": q.feed_id, "since": q.walls_since}
                                      for i, q in enumerate(lookups)], schema=_FEEDS)
        with self.last_commit() as con, given(con, keys=asked, feeds=feeds):
            for r in run_dicts(con, sql.query("known_articles")):
                out[r.pop("lookup")][0][r["key"]] = r
            for i, url in run(con, sql.query("recent_walls")):
                out[i][1].add(url)
        return out

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
            def feeds(con: duckdb.DuckDBPyConnection) -> None:
                for p in polls:
                    if p.articles:
                        run(con, sql.query("ensure_feed"), {k: p.poll[k] for k in ("feed_id", "url", "name")})
            self.batch(feeds)
            for part in parts[:-1]:
                started = time.monotonic()
                fresh += self.batch(lambda con, part=part: self._add_articles(con, part))
                if not self.lake:
                    # the file is left free at least as long as it was held (50 ms to 0.5 s), so
                    # readers and other writers waiting for it get in between the parts
                    time.sleep(min(max(time.monotonic() - started, 0.05), 0.5))

        def last(con: duckdb.DuckDBPyConnection) -> list[ArticleRecord]:
            with given(con, polls=pa.Table.from_pylist(last_poll_per_feed(polls), schema=_POLL_ROW)):
                run(con, sql.query("record_polls"))
            self._insert(con, "fetch_failures", [f for p in polls for f in p.failures])
            added = self._add_articles(con, parts[-1])
            for p in polls:
                for article_id, entry_hash in p.entry_hashes:
                    run(con, sql.query("record_entry_hash"), {"article_id": article_id, "entry_hash": entry_hash})
                self._add_versions(con, p.versions)
            return added
        fresh += self.batch(last)
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
        with given(con, ids=_strings("article_id", ids)):
            present = {r[0] for r in run(con, sql.query("stored_article_ids"))}
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
        self._insert(con, "internal.article_raw", [a.raw for a in fresh.values() if a.raw])
        self._insert(con, "internal.article_signatures", [{"article_id": aid, "minhash": list(a.fingerprint.minhash)}
                                                          for aid, a in fresh.items() if a.fingerprint.minhash])
        self._insert(con, "internal.article_bands", [{"band_key": key, "article_id": aid}
                                                     for aid, a in fresh.items() for key in a.fingerprint.band_keys()])
        if repoints:    # the claims of a group's old original leave the timeline
            touched = {r[0] for r in run(con, sql.query("claim_keys_of_groups"),
                                         {"ids": [rp.article_id for rp in repoints]})}
            for rp in repoints:
                run(con, sql.query("repoint_duplicates"),
                    {"old_original": rp.article_id, "new_original": rp.duplicate_of, "score": rp.score})
            self._mark_dirty(con, touched)
        return list(fresh.values())

    def _add_versions(self, con: duckdb.DuckDBPyConnection, versions: Sequence[ArticleVersion]) -> None:
        """Store new versions of known articles: the first text is kept in `article_versions`
        on the first update, the article takes the new text, page and entry signature, and its
        extraction is dropped so the next extract run reads every version."""
        for v in versions:
            aid = v.row["article_id"]
            current = run(con, sql.query("article_version"), {"article_id": aid})
            if not current or current[0][0] != v.after:      # gone, or updated by another run meanwhile
                continue
            run(con, sql.query("keep_first_version"), {"article_id": aid})
            self._insert(con, "article_versions", [v.row])
            run(con, sql.query("take_new_version"), {**{k: v.row[k] for k in (
                "article_id", "version", "title", "text", "text_source", "content_hash", "published_at")},
                "entry_hash": v.entry_hash})
            if v.raw:
                run(con, sql.query("forget_raw"), {"article_id": aid})
                self._insert(con, "internal.article_raw", [v.raw])
            run(con, sql.query("forget_extraction"), {"article_id": aid})

    @staticmethod
    def _duplicate_candidates(con: duckdb.DuckDBPyConnection, new: Sequence[Fingerprint]
                              ) -> list[tuple[Fingerprint, str | None]]:
        hashes = _strings("content_hash", [f.content_hash for f in new])
        bands = pa.table({"band_key": pa.array([k for f in new for k in f.band_keys()], pa.int64())})
        with given(con, hashes=hashes, bands=bands):
            rows = run(con, sql.query("duplicate_candidates"), {"per_band": BUCKET_SIZE})
        return [(Fingerprint(aid, published, chash, tuple(sig) if sig else None), dup_of)
                for aid, published, chash, dup_of, sig in rows]
