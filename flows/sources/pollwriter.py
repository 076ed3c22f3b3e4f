"""Batched writes of finished feed polls, and grouped lookups before them, shared by the threads
of one ingest run: every opening of the database costs tens of milliseconds and the run's
threads take turns for it, so feeds polled at once share openings."""
from __future__ import annotations

import threading
import time
from typing import Any

from claimtrack.db.polls import PollLookup, PollRecord
from claimtrack.db.store import Store
from claimtrack.errors import StoreLockedError


class _Waiting:
    def __init__(self, lookup: PollLookup) -> None:
        self.lookup, self.done = lookup, False
        self.answer: tuple[set[str], set[str]] | None = None
        self.error: BaseException | None = None


class PollReader:
    """Answers polls' lookups (`Store.poll_lookups`) in groups: a thread that finds no opening
    under way opens the file for every lookup waiting, its own included; lookups arriving
    meanwhile wait for the next opening, made by one of them."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.openings = 0
        self._queue: list[_Waiting] = []
        self._serving = False
        self._changed = threading.Condition()

    def lookup(self, lookup: PollLookup) -> tuple[dict[str, dict[str, Any]], set[str]]:
        """The stored keys (each with its article, `Store.poll_lookups`) and the walled pages of
        one feed's lookup."""
        mine = _Waiting(lookup)
        with self._changed:
            self._queue.append(mine)
            while self._serving and not mine.done:
                self._changed.wait()
            leader = not mine.done
            if leader:
                self._serving, batch, self._queue = True, self._queue, []
        if leader:
            try:
                for waiting, answer in zip(batch, self.store.poll_lookups([w.lookup for w in batch])):
                    waiting.answer = answer
            except BaseException as exc:    # each waiting poll gets the error (its feed's failure)
                for waiting in batch:
                    waiting.error = exc
            finally:
                with self._changed:
                    self.openings += 1
                    self._serving = False
                    for waiting in batch:
                        waiting.done = True
                    self._changed.notify_all()
        if mine.error is not None:
            raise mine.error
        return mine.answer


def carries_news(record: PollRecord) -> bool:
    """Whether a poll brings anything but its feed's row: articles, failures (a failed poll has
    its own), new versions or entry signatures. One that does not (a 304, a listing with nothing
    new) may wait for the next batch: its row is all it writes."""
    return bool(record.articles or record.failures or record.versions or record.entry_hashes)


class PollWriter:
    """Writes finished polls in batches: opening the database costs ~15 ms and a commit more,
    so a run over hundreds of feeds writes every `max_feeds` polls that carry news
    (`carries_news`) or `max_age` seconds after the first of them, each batch one transaction
    holding whole polls (a batch with more new articles than one transaction may hold is cut
    into several, the polls' rows last: see `Store.record_polls`). Polls that bring nothing but
    their feed's row go with the next batch or the final flush: a re-poll answered 304
    throughout is one write. Polls not yet written when a run dies are not lost: their feeds'
    validators were not saved either, so the next run reads them again.
    """

    def __init__(self, store: Store, max_feeds: int = 25, max_age: float = 1.0) -> None:
        self.store, self.max_feeds, self.max_age = store, max_feeds, max_age
        self.reader = PollReader(store)             # the run's lookups, grouped likewise
        self.new_articles: dict[str, int] = {}      # by feed id, as written
        self.versions = 0                           # new versions of known articles handed to the store
        self._pending: list[PollRecord] = []
        self._news = 0                              # pending polls that carry news
        self._since = 0.0                           # when the first of them was added
        self._lock = threading.Lock()
        self._flushing = threading.Lock()

    def add(self, record: PollRecord) -> None:
        with self._lock:
            self._pending.append(record)
            if carries_news(record):
                if not self._news:
                    self._since = time.monotonic()
                self._news += 1
            due = self._news >= self.max_feeds or (self._news > 0 and time.monotonic() - self._since >= self.max_age)
        if due and self._flushing.acquire(blocking=False):   # one writing is enough: a poll never waits for it
            try:
                self._write()
            except StoreLockedError:
                pass            # kept pending: the next batch or the final flush tries again
            finally:
                self._flushing.release()

    def flush(self) -> None:
        """Write everything pending now (called at the end of a run; `add` writes batches as they
        are due). A batch that cannot be written goes back to the queue before the error is raised."""
        with self._flushing:
            self._write()

    def finish(self) -> None:
        """End a run: write what is pending, then bring the claim tracking up to date if the run
        stored an article or a version (a newcomer that became a group's original moves claims;
        readers would refresh anyway, this keeps the file current for other tools). A run that
        stored neither, such as a re-poll answered 304 throughout, changed nothing to track and
        skips that write transaction."""
        self.flush()
        if self.versions or any(self.new_articles.values()):
            self.store.refresh_tracking()

    def _write(self) -> None:
        """Write the pending polls; the caller holds `_flushing`."""
        with self._lock:
            batch, self._pending, news, self._news = self._pending, [], self._news, 0
        if not batch:
            return
        try:
            written = self.store.record_polls(batch)
        except BaseException:
            with self._lock:
                self._pending = batch + self._pending
                self._news += news
            raise
        for feed_id, n in written.items():
            self.new_articles[feed_id] = self.new_articles.get(feed_id, 0) + n
        self.versions += sum(len(p.versions) for p in batch)
