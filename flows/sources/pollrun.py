"""A run's polls: each feed with its retries within the run, feeds taken in batches.

An orchestrator costs more per task than a poll answered 304 (Prefect's server spends ~30 ms of
CPU recording each task run from its events, on the same cores), so the Prefect flow runs one
task per batch of FEEDS_PER_BATCH feeds rather than one per feed; the feeds of every batch
share the run's threads (as many as requests may be in flight), and each feed keeps its own
retries (below) and its own result, so the run's report still has a line per feed.
"""
from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from typing import Any

from claimtrack.db.store import Store
from claimtrack.errors import ClaimtrackError, TransientFetchError
from claimtrack.flows import progress
from claimtrack.flows.settings import FeedConfig, Settings
from claimtrack.flows.sources.http import Fetcher
from claimtrack.flows.sources.ingest import PollResult, feed_id_of, poll_feed
from claimtrack.flows.sources.pagework import INLINE, PageWork
from claimtrack.flows.sources.pollwriter import PollWriter

log = logging.getLogger("claimtrack.ingest")

FEEDS_PER_BATCH = 50           # 4 tasks for 200 feeds: each task run costs Prefect's server ~30 ms of CPU
RETRY_DELAYS = (1.0, 4.0)       # seconds before a feed's second and third try within the run
RETRY_JITTER = 0.5              # each delay is lengthened by up to half, so feeds of one host spread out


def feed_batches(feeds: Sequence[FeedConfig], size: int = FEEDS_PER_BATCH) -> list[tuple[FeedConfig, ...]]:
    """The feeds in batches of `size`, in their order."""
    return [tuple(feeds[i:i + size]) for i in range(0, len(feeds), size)]


def poll_with_retries(feed: FeedConfig, settings: Settings, store: Store, fetcher: Fetcher,
                      state: dict[str, Any] | None, *, force: bool = False, writer: PollWriter | None = None,
                      work: PageWork = INLINE, sleep: Callable[[float], None] = time.sleep) -> PollResult:
    """One feed's poll, tried again after about 1 s and then 4 s when it fails transiently (a
    timeout, a reset, a 5xx), but not when the server said when to come back or was too slow
    to answer (`poll_feed` decides). Every failed try is recorded; the last try's failure is the
    feed's result, not an exception."""
    tries = len(RETRY_DELAYS) + 1
    for attempt in range(1, tries + 1):
        try:
            return poll_feed(feed, settings, store, fetcher, state or {}, force=force,
                             raise_transient=attempt < tries, writer=writer, work=work)
        except TransientFetchError:
            delay = RETRY_DELAYS[attempt - 1]
            sleep(delay * (1 + RETRY_JITTER * random.random()))
    raise AssertionError("unreachable: the last try returns its failure")


def _poll_one(feed: FeedConfig, settings: Settings, store: Store, fetcher: Fetcher, state: dict[str, Any] | None,
              force: bool, writer: PollWriter | None, work: PageWork) -> PollResult:
    """A feed's poll with its retries; an error that escapes it (the store, a bug) becomes the
    feed's failed result, so the batch's other feeds go on."""
    try:
        return poll_with_retries(feed, settings, store, fetcher, state, force=force, writer=writer, work=work)
    except Exception as exc:  # noqa: BLE001 - one feed never stops its batch: its line in the report says why
        if not isinstance(exc, ClaimtrackError):
            log.exception("%s: polling the feed", feed.url)
        error = str(exc) if isinstance(exc, ClaimtrackError) else f"{feed.url}: unexpected {type(exc).__name__}: {exc}"
        return PollResult(feed.url, feed.name or feed.url, "error", error=error,
                          transient=isinstance(exc, TransientFetchError))
    finally:
        progress.advance("feeds")


def poll_batch(feeds: Sequence[FeedConfig], states: dict[str, dict[str, Any]], settings: Settings, store: Store,
               fetcher: Fetcher, threads: Executor, *, force: bool = False, writer: PollWriter | None = None,
               work: PageWork = INLINE) -> list[PollResult]:
    """Poll `feeds` on the run's `threads`, each with its retries; their results in their order.
    `states` holds the feeds' stored polling state by feed id."""
    futures = [threads.submit(_poll_one, feed, settings, store, fetcher, states.get(feed_id_of(feed.url)),
                              force, writer, work) for feed in feeds]
    return [f.result() for f in futures]
