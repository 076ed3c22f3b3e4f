"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) into entries, for the "rss" kind.

feedparser 6 does not read JSON Feed, so this does, into the same `FeedEntry`s: `content_html`
(or `content_text`, escaped into paragraphs) is the content, `summary` the teaser, `url` (else
`external_url`) the link, `id` the GUID (a number is taken as its string, as the spec says).
A field of the wrong type is treated as absent and reported as the feed's parse problem, like a
bozo feed: the items that are whole are kept.
"""
from __future__ import annotations

import html
import json
import re
from datetime import datetime, timezone
from typing import Any

from claimtrack.errors import ParseError
from claimtrack.flows.kinds import FeedEntry, ParsedFeed
from claimtrack.flows.sources.feeds import entry_link, iso_date

VERSION_PREFIX = "https://jsonfeed.org/version/"
_JSON_TYPES = ("application/feed+json", "application/json")


def is_json_feed(body: bytes, content_type: str | None) -> bool:
    """Whether a listing is JSON (by its declared type, else by its first character)."""
    mime = (content_type or "").split(";")[0].strip().lower()
    return mime in _JSON_TYPES or body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def _paragraphs(text: str) -> str:
    """Plain text as HTML paragraphs (JSON Feed's content_text and summary are plain text)."""
    return "".join(f"<p>{html.escape(p.strip())}</p>" for p in re.split(r"\n\s*\n", text) if p.strip())


class _Fields:
    """Reads an object's fields by type, noting the ones of the wrong type."""

    def __init__(self) -> None:
        self.wrong: dict[str, int] = {}

    def text(self, obj: dict[str, Any], key: str) -> str:
        value = obj.get(key)
        if value is None or isinstance(value, str):
            return value or ""
        self.wrong[key] = self.wrong.get(key, 0) + 1
        return ""

    def author(self, obj: dict[str, Any]) -> str | None:
        authors = obj.get("authors")
        if not isinstance(authors, list):       # 1.0 has one "author" object
            authors = [obj.get("author")]
        names = [self.text(a, "name") for a in authors if isinstance(a, dict)]
        return ", ".join(n for n in names if n) or None


def parse_json_feed(body: bytes, url: str, now: datetime | None = None) -> ParsedFeed:
    """Entries of the JSON Feed at `url`; raises ParseError when it is no JSON Feed."""
    now = now or datetime.now(timezone.utc)
    try:
        doc = json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ParseError(f"{url}: not a JSON Feed (not UTF-8 text: byte {exc.start})") from None
    except (ValueError, RecursionError) as exc:
        raise ParseError(f"{url}: not a JSON Feed (not JSON: {str(exc)[:120] or 'nested too deeply'})") from None
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith(VERSION_PREFIX):
        raise ParseError(f"{url}: not a JSON Feed (no \"version\": \"{VERSION_PREFIX}1.1\")")
    items = doc.get("items")
    if not isinstance(items, list):
        raise ParseError(f"{url}: not a JSON Feed (\"items\" must be an array)")
    fields = _Fields()
    feed_language = fields.text(doc, "language") or None
    entries, not_objects = [], 0
    for item in items:
        if not isinstance(item, dict):
            not_objects += 1
            continue
        guid = item.get("id")
        guid = str(guid) if isinstance(guid, (str, int, float)) and not isinstance(guid, bool) and guid != "" else None
        raw_link = fields.text(item, "url") or fields.text(item, "external_url")
        link, refused = entry_link(raw_link, url) if raw_link else (None, None)
        content = fields.text(item, "content_html") or _paragraphs(fields.text(item, "content_text"))
        entries.append(FeedEntry(
            guid=guid, link=link, refused_link=refused,
            title=fields.text(item, "title").strip(),
            author=fields.author(item) or fields.author(doc),
            published=iso_date(item.get("date_published"), now) or iso_date(item.get("date_modified"), now),
            summary_html=_paragraphs(fields.text(item, "summary")),
            content_html=content,
            language=fields.text(item, "language") or feed_language,
            updated=iso_date(item.get("date_modified"), now),
        ))
    problems = [f"{n} items are not objects" for n in [not_objects] if n]
    problems += [f"{key} is not a string ({n}×)" for key, n in sorted(fields.wrong.items())]
    return ParsedFeed(fields.text(doc, "title").strip() or None, tuple(entries), "; ".join(problems) or None)
