"""Per-feed keyword filters: `include = ["OpenAI"]`, `exclude = ["sponsored"]` in a [[feeds]] table.

A word (or phrase) matches case-insensitively as a whole word ("AI" is not in "said"; spaces in
a phrase match any run of white space). An entry is kept when it matches an `include` word (or
the feed has none) and no `exclude` word. Entries are judged by their title and summary, as
plain text, before anything is fetched for them; an entry with neither (a URL list, a sitemap
without `<news:title>`) is judged once its page is read, by the page's headline and the start
of its text (LEAD_CHARS). What a filter leaves out is counted on the feed's poll.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from claimtrack.flows.kinds import FeedEntry
from claimtrack.flows.settings import FeedConfig

LEAD_CHARS = 500              # of a fetched page's text, standing in for the summary it lacks
_TAG = re.compile(r"<[^>]*>")


def _pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    alternatives = (r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class EntryFilter:
    """A feed's include and exclude words, compiled once per poll."""
    include: re.Pattern[str] | None
    exclude: re.Pattern[str] | None

    def keeps(self, text: str) -> bool:
        """Whether an entry with this title and summary text passes the feed's filters."""
        if self.include is not None and not self.include.search(text):
            return False
        return self.exclude is None or not self.exclude.search(text)


def entry_filter(feed: FeedConfig) -> EntryFilter | None:
    """The feed's filters, or None when it has none."""
    if not feed.include and not feed.exclude:
        return None
    return EntryFilter(_pattern(feed.include), _pattern(feed.exclude))


def entry_text(entry: FeedEntry) -> str:
    """An entry's title and summary as plain text (tags dropped), what the filters read; ""
    when it has neither."""
    summary = html.unescape(_TAG.sub(" ", entry.summary_html or ""))
    return f"{entry.title}\n{summary}".strip()
