"""Article text: from a feed's full content, or from the article page's main text.

trafilatura is the main-text extractor, BeautifulSoup the fallback. Pages that are walls
(paywalls, consent walls, bot challenges, error pages: walls.py) are refused, never stored as
article text.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, NamedTuple
from urllib.parse import urljoin

import trafilatura
from bs4 import BeautifulSoup

from claimtrack.errors import ParseError, WalledPage
from claimtrack.flows.sources.walls import FeedSummary, classify

FULL_TEXT_MIN_CHARS = 600          # feed content shorter than this is a summary, not the article
@dataclass(frozen=True)
class PageText:
    text: str
    title: str | None
    author: str | None
    published: datetime | None
    canonical: str | None = None     # the page's rel=canonical link, absolute
    language: str | None = None      # <html lang>, as declared


_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_CHARSET_TEXT = re.compile(r"""(<meta[^>]+charset\s*=\s*["']?)[\w.:-]+""", re.IGNORECASE)
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


def check_page_type(url: str, content_type: str | None) -> None:
    """Refuse a body that is not a web page (a PDF, an image, JSON) with a clear error."""
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime and mime not in _HTML_TYPES:
        raise ParseError(f"{url}: content type {mime} is not a web page")


# Python codecs that are no charset a web page is written in: they refuse every byte
# ('undefined'), cannot replace bad bytes ('idna'), or read plain ASCII as something else
_NOT_PAGE_CHARSETS = {"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape"}


def _page_codec(charset: str | None) -> str | None:
    """The codec of a declared charset, or None when it is unknown or no page encoding."""
    try:
        name = codecs.lookup(charset).name if charset else None
    except LookupError:
        return None
    return None if name in _NOT_PAGE_CHARSETS else name


def decode_html(body: bytes, content_type: str | None) -> str:
    """Decode a page by its declared charset (header, else <meta charset>), else UTF-8;
    a charset that is unknown or no text encoding of the web ('base64', 'idna', 'punycode')
    falls back to UTF-8 with replacement characters, as a browser would read it."""
    m = re.search(r"charset=\"?([\w.:-]+)", content_type or "", re.IGNORECASE)
    charset = m.group(1) if m else None
    if charset is None:
        meta = _CHARSET.search(body[:4096])
        charset = meta.group(1).decode("ascii", "replace") if meta else None
    codec = _page_codec(charset)
    try:
        if codec is not None or charset is None:
            return body.decode(codec or "utf-8", errors="replace")
    except (LookupError, UnicodeError):         # 'base64': "not a text encoding"
        pass
    text = body.decode("utf-8", errors="replace")
    # say so in the page too: lxml obeys a <meta charset> even in a decoded string
    return _CHARSET_TEXT.sub(r"\g<1>utf-8", text[:4096], count=1) + text[4096:]


def _canonical_link(html: str, base: str) -> str | None:
    head = html[:200_000]
    for tag in _LINK_TAG.findall(head):
        attrs = {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None) for m in _ATTR.finditer(tag)}
        if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
            try:
                href = urljoin(base, attrs["href"].strip())
            except ValueError:            # 'http://[zz/': no URL, so no canonical link
                return None
            return href if href.startswith(("http://", "https://")) else None
    return None


def html_to_text(html: str) -> str:
    """Readable text of an HTML fragment: one paragraph or list item per line."""
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "iframe", "figure", "figcaption"]):
        tag.decompose()
    blocks = soup.find_all(["p", "li", "h1", "h2", "h3", "h4", "blockquote"])
    lines = [b.get_text(" ", strip=True) for b in blocks if not b.find(["p", "li"])]
    text = "\n".join(line for line in lines if line)
    if not text:
        text = soup.get_text("\n", strip=True)
    return normalise_text(text)


def normalise_text(text: str) -> str:
    """Drop NUL and control characters (C0 but the line break, DEL, C1), collapse runs of
    spaces, keep line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "", text)
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    text = re.sub(r" *\n[ \n]*", "\n", text)
    return text.strip()


def headline(title: str) -> str:
    """A headline as stored: one line, without control characters. It heads the article's
    text, so an escape sequence in it (a BEL at its end) would otherwise join the first
    sentence and hide its figures from extraction."""
    return " ".join(normalise_text(title).split("\n"))


class ArticleText(NamedTuple):
    title: str          # the headline, one line
    body: str           # what follows it (fingerprinted for duplicates: copies retitle stories)
    text: str           # as stored in articles.text: the headline, a line break, the body


def article_text(title: str | None, body: str) -> ArticleText:
    """An article as stored: its headline (the body's first line when it has none), then the
    body without the headline page extractors repeat. Ingest and reparse both assemble it
    here, so an article re-read from unchanged HTML gets the very same text."""
    title = headline(title or "") or body.split("\n", 1)[0][:200]
    body = body[len(title):].lstrip() if title and body.startswith(title) else body
    return ArticleText(title, body, f"{title}\n{body}")


_TEASER_END = re.compile(r"(?:continue reading|read more|read the full (?:story|article))\W*$", re.IGNORECASE)


def feed_article_text(content_html: str, summary_html: str) -> tuple[str, str] | None:
    """The article's text and HTML when the feed entry carries the article itself rather than a
    teaser, else None.

    Content at least as long as the summary is the article (RSS content:encoded, Atom content;
    feedparser copies Atom content into the summary when there is none), unless it ends like
    a teaser; a summary alone is the article when it is long (some feeds put
    the whole body in <description>).
    """
    content = html_to_text(content_html) if content_html else ""
    summary = summary_html and (content if summary_html == content_html else html_to_text(summary_html))
    if content and len(content) >= len(summary) and not _TEASER_END.search(content):
        return content, content_html
    text, html = max((content, content_html), (summary, summary_html), key=lambda pair: len(pair[0]))
    if len(text) >= FULL_TEXT_MIN_CHARS and not _TEASER_END.search(text):
        return text, html
    return None


def is_full_text(content_html: str, summary_html: str) -> bool:
    """Does the feed entry carry the article itself rather than a teaser?"""
    return feed_article_text(content_html, summary_html) is not None


def _field(doc: Any, name: str) -> Any:
    """A field of trafilatura's result, which is a Document (2.1+) or a dict (2.0)."""
    if doc is None:
        return None
    return doc.get(name) if isinstance(doc, dict) else getattr(doc, name, None)


def feed_summary(summary_html: str) -> FeedSummary:
    """The feed's summary of an entry, read as text (`html_to_text`) only if it is needed."""
    return FeedSummary(summary_html, html_to_text)


def page_text(html: str, url: str, find_date: bool = True, summary: str | FeedSummary = "") -> PageText:
    """Main text and metadata of an article page; WalledPage for a wall (a paywall, consent
    wall, bot challenge or error page: flows/sources/walls.py, judged beside the feed's
    `summary` of the entry, text or a `feed_summary`), ParseError for an empty page. `find_date=False` skips the thorough
    search for a publication date (the costliest part of reading a page) when the feed already
    dated the article."""
    try:
        # one parse for text and metadata; no deduplicate=True: it remembers paragraphs across
        # calls in the process, so a second page sharing them (a syndicated copy, a re-fetch)
        # would lose its text
        doc = trafilatura.bare_extraction(
            html, url=url, include_comments=False, include_tables=False, favor_precision=True,
            with_metadata=True, as_dict=False,
            date_extraction_params={"extensive_search": find_date, "original_date": True})
        text = _field(doc, "text") or ""
    except Exception:   # noqa: BLE001 - lxml errors on hostile markup; the fallback below still reads it
        doc, text = None, ""
    if len(text) < 200:
        fallback = html_to_text(html)
        text = fallback if len(fallback) > len(text) else text
    text = normalise_text(text)
    wall = classify(html, text, summary)
    if wall is not None:
        raise WalledPage(f"{url}: {wall.describe()}, not the article", wall.kind)
    if len(text) < 80:
        raise ParseError(f"{url}: no article text found on the page")
    published = None
    if find_date and _field(doc, "date"):
        try:
            published = datetime.fromisoformat(_field(doc, "date")).replace(tzinfo=timezone.utc)
        except ValueError:
            published = None
    lang = _HTML_LANG.search(html[:10_000])
    return PageText(text, _field(doc, "title"), _field(doc, "author"), published,
                    canonical=_canonical_link(html, url), language=lang.group(1) if lang else None)
