"""The "urls" source kind: a plain text list of article URLs, one a line.

Blank lines and lines starting with `#` are skipped, and so is a ` # comment` after a URL.
A relative URL is read against the list's own URL (so a list file may name pages beside it).
A line that is no http(s) URL (`javascript:…`, two words) becomes an entry whose link is
refused, recorded as that entry's failure; the rest of the list goes on. The pages are fetched
like the articles of a feed that holds only teasers.
"""
from __future__ import annotations

import re

from claimtrack.errors import ParseError
from claimtrack.flows.kinds import FeedEntry, ParsedFeed
from claimtrack.flows.sources.feeds import entry_link

_COMMENT = re.compile(r"\s+#.*$")


def parse_url_list(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Entries of the URL list at `url`; raises ParseError when it is no list of URLs."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(f"{url}: not a list of URLs (not UTF-8 text: byte {exc.start})") from None
    if "\x00" in text:
        raise ParseError(f"{url}: not a list of URLs (binary data)")
    if text.lstrip()[:1] in ("<", "{"):
        raise ParseError(f"{url}: not a list of URLs (it looks like HTML, XML or JSON: "
                         f"a feed is kind = \"rss\", a sitemap kind = \"sitemap\")")
    entries = []
    for line in text.splitlines():
        line = _COMMENT.sub("", line.strip())
        if not line or line.startswith("#"):
            continue
        link, refused = (None, line) if any(c.isspace() for c in line) else entry_link(line, url)
        entries.append(FeedEntry(guid=None, link=link, refused_link=refused, title="", author=None,
                                 published=None, summary_html="", content_html=""))
    if not entries:
        raise ParseError(f"{url}: no URLs in the list (one a line; # starts a comment)")
    return ParsedFeed(None, tuple(entries), None)
