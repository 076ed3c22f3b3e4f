"""The "sitemap" source kind: a news sitemap, or a sitemap index pointing to sitemaps.

A sitemap (sitemaps.org 0.9) lists pages as `<url><loc>`; the Google News extension adds
`<news:news>` with `<news:publication_date>`, `<news:title>` and `<news:publication>` (the
outlet's `<news:name>` and `<news:language>`). Each `<url>` becomes an entry without text, so
its page is fetched like a feed entry that holds only a teaser. `<lastmod>` is when the page
last changed, not when it was published, so it dates no article: an entry without
`publication_date` is dated by its page; a `<lastmod>` that moves says the page was updated
(flows/sources/versions.py). A sitemap index (`<sitemapindex><sitemap><loc>`)
yields no entries but its sitemaps, newest `<lastmod>` first, which the poll fetches and reads
in turn (bounded: flows/sources/ingest.py). A gzipped sitemap (`.xml.gz`) is unpacked up to the
protocol's 50 MB.
"""
from __future__ import annotations

import zlib
from datetime import datetime, timezone
from xml.etree.ElementTree import Element

from claimtrack.errors import ParseError
from claimtrack.flows.kinds import FeedEntry, ParsedFeed
from claimtrack.flows.sources.feeds import entry_link, iso_date
from claimtrack.flows.sources.safexml import local_name, parse_xml

MAX_SITEMAP_BYTES = 50_000_000        # the sitemaps protocol's limit on one (unpacked) sitemap
_GZIP_MAGIC = b"\x1f\x8b"


def _gunzip(body: bytes, url: str) -> bytes:
    """A gzipped sitemap unpacked, stopping at MAX_SITEMAP_BYTES (a compression bomb stops there)."""
    unpack = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = unpack.decompress(body, MAX_SITEMAP_BYTES + 1)
    except zlib.error as exc:
        raise ParseError(f"{url}: not a sitemap (a broken gzip file: {exc})") from None
    if len(out) > MAX_SITEMAP_BYTES:
        raise ParseError(f"{url}: gzipped sitemap unpacks to more than {MAX_SITEMAP_BYTES:,} bytes")
    return out


def _child(element: Element, name: str) -> Element | None:
    return next((c for c in element if local_name(c.tag) == name), None)


def _text(element: Element | None, *path: str) -> str:
    """The stripped text at `path` below `element` (by local names), or ""."""
    for name in path:
        if element is None:
            return ""
        element = _child(element, name)
    return (element.text or "").strip() if element is not None else ""


def _index(root: Element) -> ParsedFeed:
    """A sitemap index: no entries, its sitemaps to read, newest first."""
    children, missing = [], 0
    for n, item in enumerate(c for c in root if local_name(c.tag) == "sitemap"):
        loc = _text(item, "loc")
        if not loc:
            missing += 1
            continue
        children.append((_text(item, "lastmod"), -n, loc))
    # newest <lastmod> first (W3C dates sort as text within one format); without one, in order
    children.sort(key=lambda c: (c[0], c[1]), reverse=True)
    problem = f"{missing} <sitemap> elements without <loc>" if missing else None
    return ParsedFeed(None, (), problem, listings=tuple(loc for _, _, loc in children))


def parse_sitemap(body: bytes, url: str, content_type: str | None = None,
                  now: datetime | None = None) -> ParsedFeed:
    """Entries of the (news) sitemap at `url`, or the sitemaps of a sitemap index."""
    now = now or datetime.now(timezone.utc)
    if body[:2] == _GZIP_MAGIC:
        body = _gunzip(body, url)
    if not body.strip():
        raise ParseError(f"{url}: empty body where a sitemap was expected")
    root = parse_xml(body, url, "a sitemap")
    kind = local_name(root.tag)
    if kind == "sitemapindex":
        return _index(root)
    if kind != "urlset":
        raise ParseError(f"{url}: not a sitemap (root element <{kind}>, not <urlset> or <sitemapindex>)")
    entries, missing, outlet = [], 0, None
    for item in (c for c in root if local_name(c.tag) == "url"):
        loc = _text(item, "loc")
        if not loc:
            missing += 1
            continue
        link, refused = entry_link(loc, url)
        news = _child(item, "news")
        outlet = outlet or _text(news, "publication", "name") or None
        entries.append(FeedEntry(
            guid=None, link=link, refused_link=refused,
            title=_text(news, "title"),
            author=None,
            published=iso_date(_text(news, "publication_date"), now),
            summary_html="", content_html="",
            language=_text(news, "publication", "language") or None,
            updated=iso_date(_text(item, "lastmod"), now),
        ))
    problem = f"{missing} <url> elements without <loc>" if missing else None
    return ParsedFeed(outlet, tuple(entries), problem)
