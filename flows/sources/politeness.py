"""Politeness towards the sites we poll: at most N requests in flight per host, and a host
that answered 429/503 with a Retry-After is left alone until then by every thread of the run."""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class HostLimiter:
    """Per-host concurrency slots and per-host "not before" times, shared by a run's threads."""

    def __init__(self, per_host: int, clock=time.monotonic) -> None:
        self.per_host = per_host
        self._clock = clock
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._not_before: dict[str, float] = {}

    def _semaphore(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            sem = self._slots.get(host)
            if sem is None:
                sem = self._slots[host] = threading.BoundedSemaphore(self.per_host)
            return sem

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold one of the host's slots for the duration of a request."""
        sem = self._semaphore(host)
        sem.acquire()
        try:
            yield
        finally:
            sem.release()

    def wait_seconds(self, host: str) -> float:
        """How long the host asked us to stay away from now on (0 when it did not)."""
        with self._lock:
            until = self._not_before.get(host, 0.0)
        return max(0.0, until - self._clock())

    def hold_off(self, host: str, seconds: float) -> None:
        """Remember that the host asked for `seconds` of quiet (the latest such request wins
        only if it ends later)."""
        with self._lock:
            until = self._clock() + seconds
            if until > self._not_before.get(host, 0.0):
                self._not_before[host] = until
