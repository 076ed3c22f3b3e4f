"""Read one feed's listing, whatever its kind: the shared fetch (conditional GET, caps, address
checks, politeness: flows/sources/http.py), then the kind's parser (flows/kinds.py).

A listing that points to further listings (a sitemap index) has them fetched and read by the
same kind in turn: at most MAX_LISTINGS of them per poll, only on the listing's own site (or,
for a file: listing, in its folder), each once. One that fails is recorded and the others are
read; such a poll keeps no validators, because the index may stay the same while the sitemaps
it names change.
"""
from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from typing import Any

from claimtrack.errors import ClaimtrackError, PermanentFetchError, TransientFetchError
from claimtrack.flows.kinds import ParsedFeed
from claimtrack.flows.sources.feeds import entry_link
from claimtrack.flows.sources.http import Fetched, Fetcher
from claimtrack.flows.kinds import SourceKind, kind_parser
from claimtrack.flows.settings import FeedConfig, Settings
from claimtrack.flows.sources.urls import same_site

log = logging.getLogger("claimtrack.ingest")

MAX_LISTINGS = 50         # further listings (sitemaps of an index) read in one poll of a feed


@dataclass(frozen=True)
class ListingFailure:
    """A further listing (a sitemap of an index) that could not be read: recorded, the poll goes on."""
    url: str
    error: str
    transient: bool


@dataclass(frozen=True)
class Listing:
    """A feed's listing as read: the response, its entries (with those of the listings it names)."""
    fetched: Fetched                    # the feed URL's response
    parsed: ParsedFeed | None           # None: not modified since the validators were saved (304)
    failures: tuple[ListingFailure, ...] = ()   # further listings that could not be read
    followed: int = 0                   # further listings read (a sitemap index's sitemaps)


def read_listing(feed: FeedConfig, settings: Settings, fetcher: Fetcher, state: dict[str, Any]) -> Listing:
    """Fetch the feed's listing and read it with its kind; raises FetchError/ParseError when the
    listing itself cannot be had (a further listing that fails is in `failures` instead)."""
    parse = kind_parser(feed.kind)
    got = fetcher.get(feed.url, settings.http.max_feed_bytes,
                      etag=state.get("etag"), last_modified=state.get("last_modified"))
    if got.not_modified:
        return Listing(got, None)
    parsed = parse(got.body, got.url, got.headers.get("content-type"))
    if not parsed.listings:
        return Listing(got, parsed)
    return _follow(parse, got, parsed, settings, fetcher)


def _child_url(raw: str, parent: str) -> str:
    """The absolute URL of a listing named in `parent`; PermanentFetchError if it is not one to follow."""
    link, refused = entry_link(raw, parent)
    if link is None:
        raise PermanentFetchError(refused or raw, f"named by {parent}: only http(s) listings are followed")
    if not link.startswith("file:") and not same_site(link, parent):
        raise PermanentFetchError(link, f"named by {parent}: refused, not on that listing's site")
    return link


def _follow(parse: SourceKind, got: Fetched, parsed: ParsedFeed, settings: Settings, fetcher: Fetcher) -> Listing:
    """Read the listings `parsed` points to (and theirs), breadth first, within MAX_LISTINGS."""
    entries, title = list(parsed.entries), parsed.title
    problems = [parsed.problem] if parsed.problem else []
    failures: list[ListingFailure] = []
    queue, seen, followed = deque((got.url, raw) for raw in parsed.listings), {got.url}, 0
    while queue:
        parent, raw = queue.popleft()
        if followed == MAX_LISTINGS:
            problems.append(f"read {MAX_LISTINGS} of the listings it names; {len(queue) + 1} more were left")
            break
        url = raw
        try:
            url = _child_url(raw, parent)
            if url in seen:
                continue
            seen.add(url)
            followed += 1
            sub = fetcher.get(url, settings.http.max_feed_bytes)
            more = parse(sub.body, sub.url, sub.headers.get("content-type"))
        except Exception as exc:  # noqa: BLE001 - one broken sitemap never stops its index: recorded
            if isinstance(exc, ClaimtrackError):
                error = str(exc)
            else:                 # a bug of ours or of a library, met on this listing
                log.exception("%s: reading %r", parent, raw)
                error = f"{raw}: unexpected {type(exc).__name__}: {exc}"
            failures.append(ListingFailure(url, error, isinstance(exc, TransientFetchError)))
            continue
        entries += more.entries
        title = title or more.title
        problems += [f"{sub.url}: {more.problem}"] if more.problem else []
        queue.extend((sub.url, child) for child in more.listings)
    whole = ParsedFeed(title, tuple(entries), "; ".join(problems) or None)
    return Listing(got, whole, tuple(failures), followed)
