"""Parse feed bytes (RSS 0.9x/1.0/2.0, Atom; JSON Feed in flows/sources/jsonfeed.py) into entries with
time-zone-aware dates: the "rss" source kind (flows/kinds.py).

feedparser is handed bytes we fetched ourselves, never a URL: it has no timeouts and,
given a string, may read files or the network. A bozo flag is not a broken feed: entries
that parsed are kept and the problem is reported alongside them.
"""
from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import urljoin, urlsplit

import feedparser

from claimtrack.errors import ParseError
from claimtrack.flows.kinds import FeedEntry, ParsedFeed

FUTURE_SLACK = timedelta(days=1)     # a date further ahead than this is not believed
# feedparser's notices that do not make a feed broken: the document parsed as it should
_NOTICES = (feedparser.CharacterEncodingOverride,)


def _date(entry: feedparser.FeedParserDict, now: datetime,
          keys: tuple[str, ...] = ("published_parsed", "updated_parsed", "created_parsed")) -> datetime | None:
    for key in keys:
        parsed = dict.get(entry, key)      # the real key only, not feedparser's deprecated fallbacks
        if parsed:
            # feedparser gives naive UTC struct_time
            when = datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc)
            return when if when <= now + FUTURE_SLACK else None
    return None


def believable(when: datetime | None, now: datetime) -> datetime | None:
    """A date as UTC, or None when it is further ahead than a day (a typo, a placeholder)."""
    if when is None:
        return None
    when = when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when.astimezone(timezone.utc)
    return when if when <= now + FUTURE_SLACK else None


_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?")


def iso_date(text: object, now: datetime) -> datetime | None:
    """An RFC 3339 / W3C date-time ("2025-10-28T10:00:00Z", "2025-10-28", "2025-10") in UTC, as
    JSON Feed and sitemaps write them; None when it is no such date or not believable. A time
    without a zone is taken as UTC."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    try:
        return believable(datetime.fromisoformat(text), now)
    except (ValueError, OverflowError):
        pass
    m = _PARTIAL_DATE.fullmatch(text)
    try:
        return believable(datetime(int(m[1]), int(m[2] or 1), 1), now) if m else None
    except (ValueError, OverflowError):          # month 13, year 0
        return None


def entry_link(raw: str, feed_url: str) -> tuple[str | None, str | None]:
    """(the link to follow, the link refused). We follow http(s), and file: from a file feed;
    javascript:, data:, mailto:, and links that are no URL at all ('http://[zz]/') are refused."""
    try:
        link = urljoin(feed_url, raw)
        scheme = urlsplit(link).scheme.lower()
    except ValueError:
        return None, raw
    if scheme in ("http", "https") or (scheme == "file" and feed_url.startswith("file:")):
        return link, None
    return None, link


def parse_rss(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """The "rss" kind: RSS and Atom through feedparser, JSON Feed (which feedparser 6 does not
    read) through flows/sources/jsonfeed.py, told apart by the content type or a body that is JSON."""
    from claimtrack.flows.sources.jsonfeed import is_json_feed, parse_json_feed
    if is_json_feed(body, content_type):
        return parse_json_feed(body, url)
    return parse_feed(body, url, content_type)


def parse_feed(body: bytes, url: str, content_type: str | None = None,
               now: datetime | None = None) -> ParsedFeed:
    """Entries of the feed at `url`; raises ParseError when nothing usable is in it."""
    now = now or datetime.now(timezone.utc)
    if not body.strip():
        raise ParseError(f"{url}: empty body where a feed was expected")
    # feedparser resolves relative links against content-location, but mangles file: bases
    # ("file:///a/b" + "c" -> "file://a/c"); those links are resolved below with urljoin instead
    headers = {"content-location": url} if url.startswith(("http://", "https://")) else {}
    if content_type:
        headers["content-type"] = content_type
    try:
        result = feedparser.parse(body, response_headers=headers, resolve_relative_uris=True,
                                  sanitize_html=True)
    except Exception as exc:  # noqa: BLE001 - feedparser's own bugs (KeyError on '<item<link<feed</entry</link>')
        raise ParseError(f"{url}: not a feed (the feed parser failed on it: {type(exc).__name__}: {exc})") from exc
    problem = None
    exc = result.get("bozo_exception")
    if result.get("bozo") and not isinstance(exc, _NOTICES):
        problem = f"{type(exc).__name__}: {exc}" if exc else "malformed feed"
    if not result.entries:
        if problem or not result.get("version"):
            raise ParseError(f"{url}: not a feed ({problem or 'no RSS or Atom root element'})")
    feed_language = result.feed.get("language") if result.get("feed") else None
    entries = []
    for e in result.entries:
        link, refused = entry_link(e["link"], url) if e.get("link") else (None, None)
        origin = e.get("feedburner_origlink")
        contents = [c.get("value", "") for c in e.get("content", [])]
        declared = [c.get("language") for c in e.get("content", [])] + [
            e.get(k, {}).get("language") for k in ("summary_detail", "title_detail")]
        entries.append(FeedEntry(
            guid=e.get("id") or None,
            link=link,
            refused_link=refused,
            title=(e.get("title") or "").strip(),
            author=e.get("author") or None,
            published=_date(e, now),
            summary_html=e.get("summary", "") or "",
            content_html=max(contents, key=len) if contents else "",
            origin_link=origin if origin and origin.startswith(("http://", "https://")) else None,
            language=next((d for d in declared if d), None) or feed_language,
            updated=_date(e, now, ("updated_parsed",)),
        ))
    title = result.feed.get("title") if result.get("feed") else None
    return ParsedFeed(title or None, tuple(entries), problem)
