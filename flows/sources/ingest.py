"""Ingest: poll one feed of any kind, turn its new entries into articles, store them, record its health.

Plain functions; the Prefect flow in flows/orchestration/prefect_flows.py only schedules and retries them.
A feed that fails is recorded (feed health + fetch_failures) and never stops the run; after
two failures in a row it backs off (15 min, doubling, at most a day, or what a Retry-After
asked for) unless polled by name. When any page of a feed fails, the feed's validators are
not saved, so the next poll reads the feed in full again and retries those pages.
"""
from __future__ import annotations

import logging
import zlib
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from claimtrack.db.polls import ArticleRecord, ArticleVersion, PollLookup, PollRecord
from claimtrack.db.store import Store
from claimtrack.flows import progress
from claimtrack.flows.sources.articles import decode_html
from claimtrack.errors import ClaimtrackError, FetchError, ParseError, SlowServerError, TransientFetchError, WalledPage
from claimtrack.flows.kinds import FeedEntry
from claimtrack.flows.sources.filters import LEAD_CHARS, entry_filter, entry_text
from claimtrack.flows.sources.http import Fetcher
from claimtrack.flows.ids import short_hash
from claimtrack.flows.sources.listings import read_listing
from claimtrack.flows.sources.pagework import INLINE, ArticleJob, Page, PageWork, needs_page
from claimtrack.flows.sources.pollwriter import PollWriter
from claimtrack.flows.settings import FeedConfig, HttpSettings, Settings
from claimtrack.flows.sources.urls import canonical_url, is_feed_proxy
from claimtrack.flows.sources.versions import Recheck, read_again, to_recheck

log = logging.getLogger("claimtrack.ingest")

MAX_RETRY_AFTER = timedelta(days=7)      # a longer Retry-After is not believed
WALL_RETRY = timedelta(days=1)           # a page found to be a wall is not fetched again sooner
IN_FLIGHT = 4                            # a feed's articles being made while its next pages are fetched


@dataclass
class PollResult:
    feed: str
    name: str
    status: str                     # ok | not_modified | error | skipped (backing off)
    entries: int = 0
    new_articles: int = 0
    error: str | None = None
    transient: bool = False
    page_errors: list[str] = field(default_factory=list)
    next_poll_at: datetime | None = None          # when a failing feed will be tried again
    entries_left: int = 0           # new entries over ingest.max_entries_per_poll, left for the next poll
    filtered: int = 0               # new entries the feed's include/exclude filters left out
    listing_errors: list[str] = field(default_factory=list)   # listings an index names that failed
    walls_waiting: int = 0          # new entries whose page was a wall less than WALL_RETRY ago: not fetched
    updated: int = 0                # known articles with a new version (flows/sources/versions.py)


def feed_id_of(url: str) -> str:
    return short_hash(url)


def file_roots(settings: Settings) -> tuple[Path, ...]:
    """Folders holding the user's file: feeds; pages are read from file: URLs only inside them."""
    return tuple({Path(unquote(urlsplit(f.url).path)).parent for f in settings.feeds if f.url.startswith("file:")})


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def next_poll_after(now: datetime, failures: int, retry_after: float | None,
                    http: HttpSettings) -> datetime | None:
    """When a feed that has now failed `failures` times in a row may be polled again: the next
    run after one failure, then after 15 min, 30, 60, ... (config), at most a day; never
    sooner than a Retry-After (itself believed up to a week)."""
    delay = timedelta(0)
    if failures >= 2:
        minutes = http.backoff_minutes * 2 ** min(failures - 2, 30)
        delay = min(timedelta(minutes=minutes), timedelta(hours=http.backoff_max_hours))
    if retry_after:
        delay = max(delay, min(timedelta(seconds=retry_after), MAX_RETRY_AFTER))
    return now + delay if delay else None


def raw_html(row: dict[str, Any]) -> str:
    """The HTML an article's text came from, decompressed and decoded (for re-extraction)."""
    if row["encoding"] != "zlib":
        raise ParseError(f"article {row['article_id']}: unknown raw encoding {row['encoding']!r}")
    return decode_html(zlib.decompress(row["raw"]), row.get("content_type"))


def _article_link(entry: FeedEntry, fetcher: Fetcher) -> str:
    """The article's own URL: feedburner:origLink, else the entry link, with a feed-proxy
    redirect followed to the origin."""
    link = entry.origin_link or entry.link or ""
    if link and is_feed_proxy(link):
        link = fetcher.resolve(link, through=is_feed_proxy)
    return link


def entry_key(entry: FeedEntry) -> str | None:
    """The canonical form of the link a feed entry gives (its origLink first), if any."""
    link = entry.origin_link or entry.link
    return canonical_url(link) if link else None


def _job(entry: FeedEntry, entry_url: str | None, feed_id: str, feed_url: str, outlet: str,
         fetcher: Fetcher, settings: Settings, fetched_at: datetime,
         validators: tuple[str | None, str | None] = (None, None)) -> ArticleJob | None:
    """What one article is made from: its link (a feed proxy followed) and, when the entry
    surely holds no article text, its page (conditionally, given a known page's `validators`:
    None when it was not modified). The network part, done in the poll's thread."""
    job = ArticleJob(entry, _article_link(entry, fetcher), entry_url, feed_id, feed_url, outlet, fetched_at)
    return _with_page(job, fetcher, settings, validators) if job.url and needs_page(entry) else job


def _with_page(job: ArticleJob, fetcher: Fetcher, settings: Settings,
               validators: tuple[str | None, str | None] = (None, None)) -> ArticleJob | None:
    """The job with its page fetched (conditionally, given a known page's `validators`: None
    when it was not modified)."""
    page = fetcher.get(job.url, settings.http.max_page_bytes, *validators)
    if page.not_modified:
        return None
    return replace(job, page=Page(page.url, page.headers.get("content-type"), page.body,
                                  page.headers.get("etag"), page.headers.get("last-modified")))


def _made(job: ArticleJob | None, future: Future, fetcher: Fetcher, settings: Settings, work: PageWork,
          validators: tuple[str | None, str | None] = (None, None)) -> tuple[ArticleRecord | None, WalledPage | None]:
    """The article record of a job's `future`; an entry whose HTML was no article after all has
    its page fetched and made now (nothing, with `validators`, when that page was not modified)."""
    made = work.result(job, future) if job is not None else future.result()
    if made is None:
        job = _with_page(job, fetcher, settings, validators)
        if job is None:
            return None, None
        made = work.result(job, work.submit(job))
    return ArticleRecord(made.row, made.raw, made.prints), made.wall


def _reread(check: Recheck, feed: FeedConfig, feed_id: str, outlet: str, fetcher: Fetcher, settings: Settings,
            now: datetime, work: PageWork) -> tuple[ArticleRecord | None, WalledPage | None]:
    """A known article read again as a new entry is read, its page with a conditional GET
    (flows/sources/versions.py); (None, None) when the page was not modified."""
    job = _job(check.entry, entry_key(check.entry), feed_id, feed.url, outlet, fetcher, settings, now, check.validators)
    if job is None:
        return None, None
    return _made(job, work.submit(job), fetcher, settings, work, check.validators)


def poll_row(feed: FeedConfig, feed_id: str, polled_at: datetime) -> dict[str, Any]:
    """A `feeds` row for one poll, before its outcome is known (an ok poll with nothing seen)."""
    return {"feed_id": feed_id, "url": feed.url, "name": feed.name or None, "outlet": None,
            "etag": None, "last_modified": None, "polled_at": polled_at, "status": "ok",
            "http_status": None, "error": None, "entries_seen": 0, "newest_entry_at": None,
            "next_poll_at": None, "parse_problem": None, "consecutive_failures": 0,
            "kind": feed.kind, "tags": ",".join(feed.tags), "entries_filtered": 0}


def _failure(url: str, feed_id: str, kind: str, error: str, transient: bool, at: datetime,
             wall: str | None = None) -> dict[str, Any]:
    """A `fetch_failures` row; `wall` names the kind of wall a page was (flows/sources/walls.py)."""
    return {"url": url, "feed_id": feed_id, "kind": kind, "error": error, "transient": transient, "failed_at": at,
            "wall": wall}


def backing_off(feed: FeedConfig, state: dict[str, Any], now: datetime) -> PollResult | None:
    """The skipped poll of a feed backing off after failures (its stored `state` says until
    when), or None when the feed is due."""
    waiting_until = state.get("next_poll_at")
    if waiting_until is None or waiting_until <= now:
        return None
    return PollResult(feed.url, feed.name or feed.url, "skipped", next_poll_at=waiting_until,
                      error=f"backing off until {waiting_until:%Y-%m-%d %H:%M} UTC after "
                            f"{state.get('consecutive_failures', 0)} failures; last: {state.get('last_error')}")


def idle_polls(settings: Settings, store: Store) -> list[PollResult] | None:
    """When no configured feed is due (none configured, or every one backing off), the skipped
    polls a run would return, decided without fetching or writing anything; else None."""
    states, now = store.feed_states(), _now()
    skipped = [backing_off(feed, states.get(feed_id_of(feed.url), {}), now) for feed in settings.feeds]
    return None if any(s is None for s in skipped) else skipped


def poll_feed(feed: FeedConfig, settings: Settings, store: Store, fetcher: Fetcher,
              state: dict[str, Any] | None = None, *, force: bool = False,
              raise_transient: bool = False, writer: PollWriter | None = None,
              work: PageWork = INLINE) -> PollResult:
    """Poll one feed, of any kind, and store its new articles. Failures are recorded, then
    returned in the result; with `raise_transient` a transient one is raised after recording
    (for retries).

    `state` is the feed's stored polling state (read here when not given). A feed backing
    off is skipped unless `force`. With a `writer` the poll is handed to it to be written in
    a batch (and `new_articles` counts candidates; the writer has the stored count); without
    one it is written at once. Its articles are made by `work` (in this thread by default, or
    on the run's worker processes: flows/sources/pagework.py). Reading the listing is the feed's kind's (flows/sources/listings.py);
    the rest is the same for every kind.
    """
    def record(poll: dict[str, Any], failures: list[dict[str, Any]] = (), records: list[ArticleRecord] = (),
               versions: list[ArticleVersion] = (), hashes: dict[str, str] | None = None) -> int:
        entry = PollRecord(poll, tuple(failures), tuple(records), tuple(versions), tuple((hashes or {}).items()))
        if writer is None:
            return store.record_polls([entry])[poll["feed_id"]]
        writer.add(entry)
        return len(records)

    feed_id = feed_id_of(feed.url)
    if state is None:
        state = store.feed_state(feed_id) or {}
    polled_at = _now()
    waiting = None if force else backing_off(feed, state, polled_at)
    if waiting is not None:
        return waiting
    result = PollResult(feed.url, feed.name or feed.url, "ok")
    poll = poll_row(feed, feed_id, polled_at)
    try:
        listing = read_listing(feed, settings, fetcher, state)
    except Exception as exc:  # noqa: BLE001 - every failure of a feed is recorded and backs it off
        retry_now = _record_failure(exc, feed, poll, state, settings, result)
        record(poll, [_failure(feed.url, feed_id, "feed", result.error, result.transient, polled_at)])
        if retry_now and raise_transient:
            raise
        return result
    poll["http_status"] = listing.fetched.status
    if listing.parsed is None:
        poll["status"] = result.status = "not_modified"
        record(poll)
        return result

    parsed = listing.parsed
    result.name = outlet = feed.name or parsed.title or urlsplit(feed.url).hostname or feed.url
    failures = [_failure(f.url, feed_id, "feed", f.error, f.transient, polled_at) for f in listing.failures]
    result.listing_errors = [f.error for f in listing.failures]
    fresh, known, walled = _fresh_entries(feed, parsed.entries, feed_id, store, settings, result, polled_at, writer)
    records = _articles(fresh, feed, feed_id, outlet, fetcher, settings, polled_at, result, failures, walled, work)
    versions, hashes = read_again(
        to_recheck(known, feed_id, settings.ingest, polled_at),
        lambda c: _reread(c, feed, feed_id, outlet, fetcher, settings, polled_at, work),
        lambda exc, entry: _entry_failed(exc, entry, feed, feed_id, polled_at, result, failures),
        polled_at) if known and settings.ingest.follow_updates else ([], {})
    result.updated = len(versions)
    result.entries = len(parsed.entries)
    dates = [e.published for e in parsed.entries if e.published]
    poll.update(outlet=parsed.title, entries_seen=len(parsed.entries), newest_entry_at=max(dates) if dates else None,
                parse_problem=parsed.problem, entries_filtered=result.filtered)
    if result.entries_left:  # recorded on the feed's row; no validators, so the next poll takes the rest
        cap = settings.ingest.max_entries_per_poll
        poll["error"] = (f"took {cap:,} of {cap + result.entries_left:,} new entries (ingest.max_entries_per_poll); "
                         f"the other {result.entries_left:,} wait for the next poll")
    # validators only when all was taken: else the next poll reads the listing (and those it names) again
    if not failures and not result.entries_left and not result.walls_waiting and not listing.followed:
        got = listing.fetched
        poll.update(etag=got.headers.get("etag"), last_modified=got.headers.get("last-modified"))
    result.new_articles = record(poll, failures, records, versions, hashes)
    return result


def _record_failure(exc: Exception, feed: FeedConfig, poll: dict[str, Any],
                    state: dict[str, Any], settings: Settings, result: PollResult) -> bool:
    """Put a failed listing on the poll's row and result (backing the feed off); whether it is
    worth retrying within the run."""
    if isinstance(exc, (FetchError, ParseError)):
        error = str(exc)
    else:                     # a bug of ours or of a library, met on this feed
        log.exception("%s: polling the feed", feed.url)
        error = f"{feed.url}: unexpected {type(exc).__name__}: {exc}"
    transient = isinstance(exc, TransientFetchError)
    retry_after = getattr(exc, "retry_after", None)
    failures = int(state.get("consecutive_failures") or 0) + 1
    result.next_poll_at = next_poll_after(poll["polled_at"], failures, retry_after, settings.http)
    poll.update(status="error", error=error, http_status=getattr(exc, "status", None),
                next_poll_at=result.next_poll_at, consecutive_failures=failures)
    result.status, result.error, result.transient = "error", error, transient
    # retried within the run (by Prefect): not a server that said when to come back, nor
    # one too slow to answer, which would hold the run for a deadline per attempt
    return transient and retry_after is None and not isinstance(exc, SlowServerError)


def _fresh_entries(feed: FeedConfig, entries: tuple[FeedEntry, ...], feed_id: str, store: Store,
                   settings: Settings, result: PollResult, polled_at: datetime, writer: PollWriter | None = None,
                   ) -> tuple[list[tuple[FeedEntry, str | None, bool]], list[tuple[FeedEntry, dict]], set[str]]:
    """The entries not stored yet, once each, that the feed's filters keep, up to the cap:
    (entry, its identity, whether the filters still have to read its page); the entries stored
    already, with their stored article; and the feed's pages found to be walls less than
    WALL_RETRY ago. All are read in one lookup, shared with other feeds polled at once when a
    run's `writer` is given."""
    keys = {e: entry_key(e) for e in entries}
    lookup = PollLookup(feed_id, tuple(k for k in keys.values() if k), tuple(e.guid for e in entries if e.guid),
                        polled_at - WALL_RETRY)
    known, walled = writer.reader.lookup(lookup) if writer is not None else store.poll_lookups([lookup])[0]
    keep = entry_filter(feed)
    fresh, stored, seen = [], [], set()
    for entry in entries:
        key = keys[entry]
        ident = key or entry.guid
        if ident is not None:
            if (key and key in known) or (entry.guid and entry.guid in known):
                stored.append((entry, known.get(key) or known[entry.guid]))
                continue
            if ident in seen:
                continue
            seen.add(ident)
        text = entry_text(entry) if keep else ""
        if keep and text and not keep.keeps(text):
            result.filtered += 1
            continue
        fresh.append((entry, ident, bool(keep) and not text))
    cap = settings.ingest.max_entries_per_poll
    result.entries_left = max(0, len(fresh) - cap)
    return fresh[:cap], stored, walled


def _failed(exc: Exception) -> Future:
    future: Future = Future()
    future.set_exception(exc)
    return future


def _articles(fresh: list[tuple[FeedEntry, str | None, bool]], feed: FeedConfig, feed_id: str, outlet: str,
              fetcher: Fetcher, settings: Settings, polled_at: datetime, result: PollResult,
              failures: list[dict[str, Any]], walled: set[str] = frozenset(),
              work: PageWork = INLINE) -> list[ArticleRecord]:
    """The new entries made articles (their pages fetched when the listing holds no text); an
    entry that fails is added to `failures` and the result's page errors, and the rest go on.
    An entry whose page was a wall less than WALL_RETRY ago (`walled`) waits. While `work` makes
    an article, the next entries' pages are fetched (up to IN_FLIGHT ahead); entries are
    settled in their order, so the records and failures do not depend on where they were made."""
    keep = entry_filter(feed)
    progress.total("articles", len(fresh))
    records: list[ArticleRecord] = []
    pending: deque[tuple[FeedEntry, bool, ArticleJob | None, Future]] = deque()

    def settle() -> None:
        entry, judge_page, job, future = pending.popleft()
        try:
            article, wall = _made(job, future, fetcher, settings, work)
            if wall is not None:
                failures.append(_failure(entry.link or feed.url, feed_id, "page", f"{wall}; its feed summary is "
                                         "the article's text", False, polled_at, wall.kind))
            if judge_page and not keep.keeps(article.row["text"][:len(article.row["title"]) + 1 + LEAD_CHARS]):
                result.filtered += 1
            else:
                records.append(article)
        except Exception as exc:  # noqa: BLE001 - one entry never stops its feed: recorded, the rest go on
            _entry_failed(exc, entry, feed, feed_id, polled_at, result, failures)
        progress.advance("articles")

    for entry, ident, judge_page in fresh:
        if entry.link and entry.link in walled:
            result.walls_waiting += 1
            progress.advance("articles")
            continue
        job = None
        try:
            if ident is None and entry.refused_link:
                raise ParseError(f"{feed.url}: entry link {entry.refused_link[:100]!r} refused: "
                                 "only http(s) links are followed")
            if ident is None:
                raise ParseError(f"{feed.url}: entry {entry.title[:80]!r} has neither a link nor a GUID")
            job = _job(entry, entry_key(entry), feed_id, feed.url, outlet, fetcher, settings, polled_at)
            future = work.submit(job)
        except Exception as exc:  # noqa: BLE001 - settled (recorded) in the entry's turn, below
            future = _failed(exc)
        pending.append((entry, judge_page, job, future))
        if len(pending) > IN_FLIGHT:
            settle()
    while pending:
        settle()
    return records


def _entry_failed(exc: Exception, entry: FeedEntry, feed: FeedConfig, feed_id: str, at: datetime,
                  result: PollResult, failures: list[dict[str, Any]]) -> None:
    """Record an entry whose article could not be had, here or in a worker (a fetch_failures
    row, a page error)."""
    if isinstance(exc, ClaimtrackError):
        error = str(exc)
    else:                 # a bug of ours or of a library, met on this entry
        log.exception("%s: entry %r", feed.url, entry.link or entry.guid)
        error = f"{entry.link or entry.guid or feed.url}: unexpected {type(exc).__name__}: {exc}"
    failures.append(_failure(entry.link or feed.url, feed_id, "page", error, isinstance(exc, TransientFetchError),
                             at, exc.kind if isinstance(exc, WalledPage) else None))
    result.page_errors.append(error)
