"""Stable short ids: the hash that names feeds, articles and claims.

A module of its own so that extraction (which names claims) does not import ingest and, with
it, trafilatura, feedparser and httpx into every extraction worker.
"""
from __future__ import annotations

import hashlib


def short_hash(text: str) -> str:
    """The first 16 hex digits of the SHA-1 of `text`: an id that is the same on every run."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
