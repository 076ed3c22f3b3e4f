"""The CPU work of one new article, done beside the fetching: its text (from the feed's HTML or
its page, through trafilatura), metadata, language, fingerprints and compressed raw HTML.

Ingest fetches on threads, which share one core under the GIL; this work is most of a first
poll's CPU, so a large run hands it to worker processes (`[ingest] workers`) while its threads
go on fetching. A run computes its first MIN_JOBS articles in its own process and only then
starts the pool, so a poll of a few feeds never pays for starting it. Workers import this module
alone (trafilatura, BeautifulSoup, numpy; not Prefect, httpx or DuckDB), and what they return
is what the same function returns in-process: the rows do not depend on where they were made.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import zlib
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from claimtrack.db.dedupe import Fingerprint, fingerprint
from claimtrack.errors import ParseError, WalledPage
from claimtrack.flows.ids import short_hash
from claimtrack.flows.kinds import FeedEntry
from claimtrack.flows.sources.articles import (FULL_TEXT_MIN_CHARS, article_text, check_page_type, decode_html,
                                               feed_article_text, feed_summary, page_text)
from claimtrack.flows.sources.language import article_language
from claimtrack.flows.sources.urls import canonical_url, same_site

log = logging.getLogger("claimtrack.ingest")

MIN_JOBS = 100                  # articles a run makes in its own process before it starts worker processes
MIN_SUMMARY_CHARS = 80          # a feed summary shorter than this is no article text, even behind a wall


@dataclass(frozen=True)
class Page:
    """A fetched article page, as much of it as making the article needs."""
    url: str                    # after redirects
    content_type: str | None
    body: bytes
    etag: str | None = None     # its validators, kept for reading it again conditionally
    last_modified: str | None = None


@dataclass(frozen=True)
class ArticleJob:
    """Everything one article is made from; `page` is None until it has been fetched."""
    entry: FeedEntry
    url: str                    # the article's own link, a feed proxy followed ('' when none)
    entry_url: str | None       # the canonical form of the entry's link
    feed_id: str
    feed_url: str
    outlet: str
    fetched_at: datetime
    page: Page | None = None


@dataclass(frozen=True)
class Made:
    """A made article: its `articles` row, its `article_raw` row and its fingerprint; `wall` is
    the wall its page was when the feed summary became its text (to be recorded)."""
    row: dict[str, Any]
    raw: dict[str, Any]
    prints: Fingerprint
    wall: WalledPage | None = None


def needs_page(entry: FeedEntry) -> bool:
    """Whether the entry surely holds no article text, so its page can be fetched without reading
    the entry's HTML first: no content, and a summary too short to be the article (text read from
    HTML is never longer than the HTML)."""
    return not entry.content_html and len(entry.summary_html) < FULL_TEXT_MIN_CHARS


def compressed(source: str, url: str, content_type: str | None, raw: bytes, article_id: str,
               page: Page | None = None) -> dict[str, Any]:
    """The `article_raw` row of an article's HTML (zlib), with its page's validators."""
    return {"article_id": article_id, "source": source, "url": url, "content_type": content_type,
            "encoding": "zlib", "raw_bytes": len(raw), "raw": zlib.compress(raw, 6),
            "etag": page.etag if page else None, "last_modified": page.last_modified if page else None}


def make_article(job: ArticleJob) -> Made | None:
    """The article of `job`, or None when its page is needed and not fetched yet. ParseError when
    its text cannot be had; a page that is a wall gives the article its feed summary instead,
    when the entry has one worth reading (the wall comes back with it), else WalledPage."""
    entry, url, page = job.entry, job.url, job.page
    published, published_source = entry.published, "feed"
    author, title, declared_language = entry.author, entry.title, entry.language
    canonical = canonical_url(url) if url else None
    wall = None
    in_feed = None if page is not None else feed_article_text(entry.content_html, entry.summary_html)
    if in_feed is not None:
        (body, html), text_source = in_feed, "feed"
        raw = ("feed", job.feed_url, "text/html; charset=utf-8", html.encode("utf-8"))
    else:
        if not url and entry.refused_link:
            raise ParseError(f"entry {entry.guid or entry.title!r}: link {entry.refused_link[:100]!r} refused: "
                             "only http(s) links are followed")
        if not url:
            raise ParseError(f"entry {entry.guid or entry.title!r}: summary only and no link to the article")
        if page is None:
            return None
        check_page_type(page.url, page.content_type)
        html = decode_html(page.body, page.content_type)
        summary = feed_summary(entry.summary_html)      # read only if the page is short enough to need it
        try:
            extracted = page_text(html, page.url, find_date=published is None, summary=summary)
        except WalledPage as exc:
            if len(summary.text) < MIN_SUMMARY_CHARS:
                raise
            wall, extracted = exc, None          # the summary is the text; the wall is recorded
            body, text_source = summary.text, "feed"
            raw = ("feed", job.feed_url, "text/html; charset=utf-8", entry.summary_html.encode("utf-8"))
        if extracted is not None:
            body, text_source, url = extracted.text, "page", page.url
            canonical = canonical_url(page.url)
            if extracted.canonical and same_site(extracted.canonical, page.url):
                canonical = canonical_url(extracted.canonical)      # rel=canonical, on the page's own site
            title = title or extracted.title or ""
            author = author or extracted.author
            declared_language = declared_language or extracted.language
            if published is None and extracted.published is not None:
                published, published_source = extracted.published, "page"
            raw = ("page", page.url, page.content_type, page.body)
    if published is None:
        published, published_source = job.fetched_at, "fetch"
    title, body, text = article_text(title, body)
    canonical = canonical or job.entry_url or canonical_url(f"urn:guid:{entry.guid}")
    article_id = short_hash(canonical)
    prints = fingerprint(article_id, published, body)       # the body only: copies retitle stories
    prints.band_keys()                                      # computed here, kept with the fingerprint
    row = {
        "article_id": article_id, "feed_id": job.feed_id, "url": url or canonical,
        "canonical_url": canonical, "entry_url": job.entry_url, "guid": entry.guid, "title": title,
        "author": author, "outlet": job.outlet, "published_at": published, "published_source": published_source,
        "fetched_at": job.fetched_at, "text": text, "text_source": text_source,
        "language": article_language(declared_language, body),
        "content_hash": prints.content_hash, "entry_hash": entry.signature(),
    }
    source, raw_url, content_type, raw_bytes = raw
    return Made(row, compressed(source, raw_url, content_type, raw_bytes, article_id, page if source == "page" else None),
                prints, wall)


_first_alone = threading.Lock()
_warm = False


def _done(job: ArticleJob) -> Future:
    """`make_article(job)` computed here, as a finished future. The first one in the process is
    made alone: the libraries behind it load data on first use (trafilatura's public suffix list
    takes ~50 ms), and threads arriving together would each load it."""
    global _warm
    if not _warm:
        with _first_alone:
            if not _warm:
                try:
                    return _made_here(job)
                finally:
                    _warm = True
    return _made_here(job)


def _made_here(job: ArticleJob) -> Future:
    future: Future = Future()
    try:
        future.set_result(make_article(job))
    except Exception as exc:  # noqa: BLE001 - handed to the poll, which records it against the article
        future.set_exception(exc)
    return future


def _pool(workers: int) -> ProcessPoolExecutor:
    # spawned, not forked: a fork would copy the run's threads' locks (httpx, DuckDB, logging) mid-use
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))


class PageWork:
    """Where a run makes its articles: in the calling thread, or on `workers` processes (0: one
    per core; 1: never a pool) once `start_after` articles have been made here. Shared by a run's
    threads. Should the pool break, the run goes on without it (see `result`)."""

    def __init__(self, workers: int = 1, start_after: int = MIN_JOBS) -> None:
        self.workers = workers if workers > 0 else len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") \
            else (os.cpu_count() or 1)
        self.start_after = start_after
        self.jobs = 0                     # articles handed over so far
        self.started = False              # whether worker processes were started
        self._pool: ProcessPoolExecutor | None = None
        self._stopped = False             # `stop` was called: no pool is started again
        self._stopping: list[threading.Thread] = []     # shutdowns `stop` began, for `close` to wait for
        self._lock = threading.Lock()

    def _pool_for_job(self) -> ProcessPoolExecutor | None:
        with self._lock:
            self.jobs += 1
            if self._pool is None and not self._stopped and self.workers > 1 and self.jobs > self.start_after:
                self._pool, self.started = _pool(self.workers), True
            return self._pool

    def submit(self, job: ArticleJob) -> Future:
        """The future of `make_article(job)`; read it with `result`."""
        pool = self._pool_for_job()
        if pool is None:
            return _done(job)
        try:
            return pool.submit(make_article, job)
        except (BrokenProcessPool, RuntimeError) as exc:    # RuntimeError: shut down, or cannot spawn here
            self._give_up(pool, exc)
            return _done(job)

    def result(self, job: ArticleJob, future: Future) -> Made | None:
        """What `future` made of `job`, or its error; a job whose worker process died (killed, out
        of memory, or unable to start) is made again here, as is every later one of the run."""
        try:
            return future.result()
        except BrokenProcessPool as exc:
            self._give_up(self._pool, exc)
            return make_article(job)

    def _give_up(self, pool: ProcessPoolExecutor | None, exc: BaseException) -> None:
        with self._lock:
            if pool is None or self._pool is not pool:
                return
            self._pool, self.workers = None, 1
        log.warning("article workers stopped (%s); the run's other articles are made in its own process", exc)
        pool.shutdown(wait=False, cancel_futures=True)

    def stop(self) -> None:
        """Begin stopping the worker processes, if any were started, without waiting for them to
        exit (~0.5 s on a busy machine), so that the run's last write goes on meanwhile; `close`
        waits for them. Articles handed over later are made in the calling thread."""
        with self._lock:
            pool, self._pool, self._stopped = self._pool, None, True
            if pool is not None:
                self._stopping.append(threading.Thread(target=pool.shutdown, kwargs={"cancel_futures": True},
                                                       name="claimtrack-pagework-stop", daemon=True))
                self._stopping[-1].start()

    def close(self) -> None:
        """Stop the worker processes, if any were started, and wait for them to exit."""
        self.stop()
        with self._lock:
            stopping, self._stopping = self._stopping, []
        for thread in stopping:
            thread.join()

    def __enter__(self) -> "PageWork":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


INLINE = PageWork(1)      # every article made in the calling thread
