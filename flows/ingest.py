"""Ingest: poll one feed, turn its new entries into articles, store them, record its health.

Plain functions; the Prefect flow in flows/pipeline.py only schedules and retries them.
A feed that fails is recorded (feed health + fetch_failures) and never stops the run.
When any page of a feed fails, the feed's validators are not saved, so the next poll reads
the feed in full again and retries those pages.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urlsplit

from db.store import Store
from flows.articles import html_to_text, is_full_text, page_text
from flows.errors import ClaimtrackError, FetchError, ParseError, TransientFetchError
from flows.feeds import FeedEntry, parse_feed
from flows.http import Fetcher
from flows.settings import FeedConfig, Settings
from flows.urls import canonical_url


@dataclass
class PollResult:
    feed: str
    name: str
    status: str                     # ok | not_modified | error
    entries: int = 0
    new_articles: int = 0
    error: str | None = None
    transient: bool = False
    page_errors: list[str] = field(default_factory=list)


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def content_hash(text: str) -> str:
    """Hash of the text with case and spacing folded: syndicated copies hash alike."""
    folded = re.sub(r"\s+", " ", text).strip().lower()
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()


def file_roots(settings: Settings) -> tuple[Path, ...]:
    """Folders holding the user's file: feeds; pages are read from file: URLs only inside them."""
    return tuple({Path(unquote(urlsplit(f.url).path)).parent for f in settings.feeds if f.url.startswith("file:")})


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def _article(entry: FeedEntry, feed_id: str, outlet: str, fetcher: Fetcher, settings: Settings,
             fetched_at: datetime) -> dict:
    """One article row; raises FetchError/ParseError when its text cannot be had."""
    url = entry.link or ""
    published, published_source = entry.published, "feed"
    author, title = entry.author, entry.title
    if is_full_text(entry.content_html, entry.summary_html):
        body, text_source = html_to_text(entry.content_html or entry.summary_html), "feed"
        final_url = url
    else:
        if not url:
            raise ParseError(f"entry {entry.guid or entry.title!r}: summary only and no link to the article")
        page = fetcher.get(url, settings.http.max_page_bytes)
        charset = _charset(page.headers.get("content-type", ""))
        html = page.body.decode(charset or "utf-8", errors="replace")
        extracted = page_text(html, page.url)
        body, text_source, final_url = extracted.text, "page", page.url
        title = title or extracted.title or ""
        author = author or extracted.author
        if published is None and extracted.published is not None:
            published, published_source = extracted.published, "page"
    if published is None:
        published, published_source = fetched_at, "fetch"
    title = title or body.split("\n", 1)[0][:200]
    if body.startswith(title):          # page extractors keep the <h1>; the headline goes first once
        body = body[len(title):].lstrip()
    text = f"{title}\n{body}"
    canonical = canonical_url(final_url or url)
    return {
        "article_id": short_hash(canonical), "feed_id": feed_id, "url": final_url or url,
        "canonical_url": canonical, "guid": entry.guid, "title": title, "author": author,
        "outlet": outlet, "published_at": published, "published_source": published_source,
        "fetched_at": fetched_at, "text": text, "text_source": text_source,
        "content_hash": content_hash(body), "duplicate_of": None,
    }


def _charset(content_type: str) -> str | None:
    m = re.search(r"charset=([\w-]+)", content_type, re.IGNORECASE)
    return m.group(1) if m else None


def poll_feed(feed: FeedConfig, settings: Settings, store: Store, fetcher: Fetcher,
              raise_transient: bool = False) -> PollResult:
    """Poll one feed and store its new articles. Failures are recorded, then returned in the
    result; with `raise_transient` a transient one is raised after recording (for retries)."""
    feed_id = short_hash(feed.url)
    state = store.feed_state(feed_id) or {}
    polled_at = _now()
    poll = {"feed_id": feed_id, "url": feed.url, "name": feed.name or None, "outlet": None,
            "etag": None, "last_modified": None, "polled_at": polled_at, "status": "ok",
            "http_status": None, "error": None, "entries_seen": 0, "newest_entry_at": None}
    result = PollResult(feed.url, feed.name or feed.url, "ok")
    try:
        got = fetcher.get(feed.url, settings.http.max_feed_bytes,
                          etag=state.get("etag"), last_modified=state.get("last_modified"))
        poll["http_status"] = got.status
        if got.not_modified:
            poll["status"] = result.status = "not_modified"
            store.record_poll(poll)
            return result
        parsed = parse_feed(got.body, got.url, got.headers.get("content-type"))
    except (FetchError, ParseError) as exc:
        poll.update(status="error", error=str(exc), http_status=getattr(exc, "status", None))
        transient = isinstance(exc, TransientFetchError)
        store.record_poll(poll, [{"url": feed.url, "feed_id": feed_id, "kind": "feed", "error": str(exc),
                                  "transient": transient, "failed_at": polled_at}])
        result.status, result.error, result.transient = "error", str(exc), transient
        if transient and raise_transient:
            raise
        return result

    outlet = feed.name or parsed.title or urlsplit(feed.url).hostname or feed.url
    result.name = outlet
    entries = parsed.entries
    keys = {e: canonical_url(e.link) if e.link else None for e in entries}
    known = store.known_articles([k for k in keys.values() if k], [e.guid for e in entries if e.guid])
    rows, failures, seen = [], [], set()
    for entry in entries:
        key = keys[entry]
        ident = key or entry.guid
        if ident is not None:
            if (key and key in known) or (entry.guid and entry.guid in known) or ident in seen:
                continue
            seen.add(ident)
        try:
            if ident is None:
                raise ParseError(f"{feed.url}: entry {entry.title[:80]!r} has neither a link nor a GUID")
            rows.append(_article(entry, feed_id, outlet, fetcher, settings, polled_at))
        except ClaimtrackError as exc:
            failures.append({"url": entry.link or feed.url, "feed_id": feed_id, "kind": "page",
                             "error": str(exc), "transient": isinstance(exc, TransientFetchError),
                             "failed_at": polled_at})
            result.page_errors.append(str(exc))
    result.entries = len(entries)
    dates = [e.published for e in entries if e.published]
    poll.update(outlet=parsed.title, entries_seen=len(entries), newest_entry_at=max(dates) if dates else None,
                error=parsed.problem)
    if not failures:        # no validators when pages failed: the next poll reads the feed again
        poll.update(etag=got.headers.get("etag"), last_modified=got.headers.get("last-modified"))
    result.new_articles = store.record_poll(poll, failures, rows)
    return result
