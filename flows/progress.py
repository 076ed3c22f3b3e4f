"""Progress of a run, for a terminal: the CLI installs a reporter, the plain functions tell it
what they finished. Nothing is shown unless a reporter is installed (scheduled runs, CI)."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Reporter(Protocol):
    def total(self, kind: str, n: int) -> None: ...
    def advance(self, kind: str, n: int = 1) -> None: ...


_reporter: Reporter | None = None
_lock = threading.Lock()


def total(kind: str, n: int) -> None:
    """Announce how many `kind` things (feeds, articles) the run expects, adding to any before."""
    with _lock:
        if _reporter is not None:
            _reporter.total(kind, n)


def advance(kind: str, n: int = 1) -> None:
    """Count `n` more `kind` things done (called from any thread)."""
    with _lock:
        if _reporter is not None:
            _reporter.advance(kind, n)


@contextmanager
def reporting(reporter: Reporter | None) -> Iterator[None]:
    """Send progress to `reporter` inside the block (None: stay quiet)."""
    global _reporter
    previous, _reporter = _reporter, reporter
    try:
        yield
    finally:
        _reporter = previous
