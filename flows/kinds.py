"""Source kinds: how one fetched listing (a feed, a news sitemap, a list of URLs) becomes entries.

A kind is a function from a listing's bytes, its URL and its declared content type to a
`ParsedFeed`; everything else about polling (backoff, the fetch with its caps and conditional
GET, politeness, dedupe, filters, recording) is shared by every kind (flows/sources/ingest.py). A
`[[feeds]]` table names its kind (`kind = "sitemap"`, default "rss"). To add one, write the
function and `register_kind("name", function)` before the settings are loaded.

The built-in kinds are named by import path and imported on first use, so that loading the
settings does not load feedparser or lxml.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from importlib import import_module
from typing import Protocol

from claimtrack.flows.ids import short_hash


@dataclass(frozen=True)
class FeedEntry:
    """One item of a listing, as every kind hands it to the shared poll."""
    guid: str | None
    link: str | None
    title: str
    author: str | None
    published: datetime | None       # UTC; None when absent or not believable
    summary_html: str
    content_html: str                # the longest content block, if any
    origin_link: str | None = None   # the article behind a feed proxy link (feedburner:origLink)
    refused_link: str | None = None  # a link we will not follow or show (javascript:, data:, ...)
    language: str | None = None      # as declared by the entry or the feed
    updated: datetime | None = None  # UTC; when the entry says it was last changed (Atom updated, lastmod)

    def signature(self) -> str:
        """What the listing says of this entry (title, summary, content, updated date), hashed: a
        change in it is worth reading a stored article again (flows/sources/versions.py)."""
        updated = self.updated.isoformat() if self.updated else ""
        return short_hash("\x1f".join((self.title, self.summary_html, self.content_html, updated)))


@dataclass(frozen=True)
class ParsedFeed:
    """What a kind makes of one listing."""
    title: str | None
    entries: tuple[FeedEntry, ...]
    problem: str | None              # what feedparser complained about, if anything
    listings: tuple[str, ...] = ()   # further listings this one points to (a sitemap index's sitemaps)


class SourceKind(Protocol):
    """Turns one listing into entries; raises ParseError (naming `url`) when nothing usable is in it.
    A listing that points to further listings (a sitemap index) returns them in `listings`."""

    def __call__(self, body: bytes, url: str, content_type: str | None) -> ParsedFeed: ...


_KINDS: dict[str, SourceKind | str] = {
    "rss": "claimtrack.flows.sources.feeds:parse_rss",              # RSS 0.9x/1.0/2.0, Atom, JSON Feed
    "sitemap": "claimtrack.flows.sources.sitemap:parse_sitemap",    # a (news) sitemap or a sitemap index
    "urls": "claimtrack.flows.sources.urllist:parse_url_list",      # a plain text list of article URLs
}


def register_kind(name: str, parse: SourceKind) -> None:
    """Make `kind = "name"` in a [[feeds]] table read its listings with `parse`."""
    if not name or not name.isidentifier():
        raise ValueError(f"a source kind's name is a word, not {name!r}")
    _KINDS[name] = parse


def unregister_kind(name: str) -> None:
    """Forget a kind added with `register_kind` (the built-in ones stay)."""
    if name in ("rss", "sitemap", "urls"):
        raise ValueError(f"{name!r} is a built-in source kind")
    _KINDS.pop(name, None)


def kind_problem(value: str) -> str | None:
    """What is wrong with a feed's `kind` setting, or None (for the settings' field metadata)."""
    return None if value in _KINDS else f"must be one of {', '.join(_KINDS)}, not {value!r}"


def kind_parser(name: str) -> SourceKind:
    """The function that reads listings of kind `name`."""
    parse = _KINDS[name]
    if isinstance(parse, str):
        module, _, attr = parse.partition(":")
        parse = _KINDS[name] = getattr(import_module(module), attr)
    return parse
