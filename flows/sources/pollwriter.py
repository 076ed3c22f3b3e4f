"""Batched writes of finished feed polls, shared by the threads of one ingest run."""
from __future__ import annotations

import threading
import time

from claimtrack.db.polls import PollRecord
from claimtrack.db.store import Store
from claimtrack.errors import StoreLockedError


class PollWriter:
    """Writes finished polls in batches: opening the database costs ~15 ms and a commit more,
    so a run over hundreds of feeds writes every `max_feeds` polls or `max_age` seconds, each
    batch one transaction holding whole polls (a batch with more new articles than one
    transaction may hold is cut into several, the polls' rows last: see `Store.record_polls`).
    Polls not yet written when a run dies are not lost: their feeds' validators were not saved
    either, so the next run reads them again.
    """

    def __init__(self, store: Store, max_feeds: int = 25, max_age: float = 1.0) -> None:
        self.store, self.max_feeds, self.max_age = store, max_feeds, max_age
        self.new_articles: dict[str, int] = {}      # by feed id, as written
        self._pending: list[PollRecord] = []
        self._since = 0.0
        self._lock = threading.Lock()
        self._flushing = threading.Lock()

    def add(self, record: PollRecord) -> None:
        with self._lock:
            if not self._pending:
                self._since = time.monotonic()
            self._pending.append(record)
            due = len(self._pending) >= self.max_feeds or time.monotonic() - self._since >= self.max_age
        if due:
            try:
                self.flush()
            except StoreLockedError:
                pass            # kept pending: the next batch or the final flush tries again

    def flush(self) -> None:
        """Write everything pending now (called by `add` when a batch is due, and at the end).
        A batch that cannot be written goes back to the queue before the error is raised."""
        with self._flushing:
            with self._lock:
                batch, self._pending = self._pending, []
            if not batch:
                return
            try:
                written = self.store.record_polls(batch)
            except BaseException:
                with self._lock:
                    self._pending = batch + self._pending
                raise
            for feed_id, n in written.items():
                self.new_articles[feed_id] = self.new_articles.get(feed_id, 0) + n
