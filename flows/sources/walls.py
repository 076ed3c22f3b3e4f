"""Walls: a fetched page that stands between us and the article. A paywall, a cookie-consent
wall, a bot challenge, or an error page served with status 200 would otherwise be stored as the
article's text (and extracted: nothing, or a stray "$1 for 4 weeks").

A page is judged by its own signals: the markup paywall, consent and bot-defence vendors put on
it, the schema.org mark publishers give paywalled articles (`isAccessibleForFree: false`), the
phrases such pages say, and how little text is left: a wall's text is short, and often shorter
than the feed's own summary of the story. A vendor's markup or a phrase alone is not a wall:
sites load those scripts, and say "Already a subscriber?", on pages whose article is there in
full, so they count only when little text is left; a title saying it ("Just a moment...",
"Page not found") counts on any page short of an article's length.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

SHORT_TEXT = 1500            # a page with more main text than this is an article, whatever it says
LITTLE_TEXT = 600            # a page with less is judged by its words and its markup too

_MARKUP = {
    "paywall": re.compile(r"""["']?isAccessibleForFree["']?\s*:\s*["']?false|\btinypass\b|\bpiano\.io\b|"""
                          r"""\btp-modal\b|\bpoool\b|\bzephr\b|\blaterpay\b|\bdata-paywall\b|class=["'][^"']*\bpaywall""",
                          re.IGNORECASE),
    "consent": re.compile(r"\bonetrust\b|\bcookiebot\b|\bquantcast choice\b|\bsp_message_container|"
                          r"\bconsent\.google\b|\bdidomi\b|\btrustarc\b|\bfc-consent-root\b", re.IGNORECASE),
    "bot_challenge": re.compile(r"challenge-platform|cf-chl-|cf-browser-verification|\bdatadome\b|px-captcha|"
                                r"perimeterx|\bhcaptcha\b|g-recaptcha|_incapsula_resource|ak-challenge", re.IGNORECASE),
}
_PHRASES = {
    "paywall": re.compile(r"subscribe (?:now )?to (?:read|continue|keep reading|unlock)|"
                          r"to continue reading,? (?:please )?(?:subscribe|log in|sign in|register)|"
                          r"(?:this|the) (?:article|story|content) is (?:for|available to|reserved for) (?:paid )?subscribers|"
                          r"already a subscriber\?|you(?:'ve| have) (?:reached|read) (?:your|all your) (?:limit|free articles)|"
                          r"unlock (?:this|the full) (?:article|story)|start your (?:free )?trial", re.IGNORECASE),
    "consent": re.compile(r"we value your privacy|(?:accept|reject|manage) (?:all )?cookies|"
                          r"before you continue to|your (?:privacy|cookie) (?:choices|preferences|settings)|"
                          r"we and our (?:\d+ )?partners (?:use|store)", re.IGNORECASE),
    "bot_challenge": re.compile(r"checking (?:if the site connection is secure|your browser)|just a moment\.\.\.|"
                                r"enable javascript and cookies to continue|verify (?:that )?you are (?:a )?human|"
                                r"are you a robot|access denied|attention required|unusual traffic from your",
                                re.IGNORECASE),
    "error_page": re.compile(r"\b(?:404|410)\b.{0,40}\b(?:not found|gone)\b|page (?:not found|cannot be found|"
                             r"does not exist|doesn't exist|no longer exists)|we can(?:'|no)t find (?:that|the) page|"
                             r"sorry, (?:this|that) page", re.IGNORECASE),
}
_NAMES = {"paywall": "a paywall", "consent": "a consent wall", "bot_challenge": "a bot challenge",
          "error_page": "an error page"}
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Wall:
    """What stood in the way, and the signal that told it."""
    kind: str                 # paywall | consent | bot_challenge | error_page
    signal: str

    def describe(self) -> str:
        """'a paywall (says ...)', 'an error page (title says ...)'."""
        return f"{_NAMES[self.kind]} ({self.signal})"


def _said(kind: str, text: str) -> str | None:
    m = _PHRASES[kind].search(text)
    return f"says {m.group(0)[:60]!r}" if m else None


class FeedSummary:
    """The feed's own text of an entry, read from its HTML only when a page is short enough for
    it to count: reading it (BeautifulSoup) costs a sixth of making an article from its page, and
    a page with at least half as many characters as the summary's HTML cannot be short of it
    (text read from HTML is never longer than the HTML)."""

    def __init__(self, html: str, read: Callable[[str], str]) -> None:
        self.html, self._read, self._text = html, read, None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self._read(self.html) if self.html else ""
        return self._text


def classify(html: str, text: str, summary: str | FeedSummary = "") -> Wall | None:
    """The wall a page is, or None for an article. `text` is the page's main text as extracted,
    `summary` the feed's own text of the entry (empty when it has none), as text or as a
    `FeedSummary`, read only when the page's text is short enough for it to count."""
    if isinstance(summary, FeedSummary):
        if len(text) > SHORT_TEXT and len(text) >= len(summary.html) // 2:
            return None             # longer than an article, and not short of any summary
        summary = summary.text
    short_of_summary = bool(summary) and len(text) < len(summary) // 2
    if len(text) > SHORT_TEXT and not short_of_summary:
        return None
    head = html[:200_000]
    title = _TITLE.search(head)
    title_text = title.group(1).strip() if title else ""
    # a challenge or an error page says so in its title; the rest only when little text is left,
    # so that an article whose footer says "Already a subscriber?" stays an article
    for kind in ("bot_challenge", "error_page", "paywall", "consent"):
        said = _said(kind, title_text)
        if said:
            return Wall(kind, f"title {said}")
    if len(text) >= LITTLE_TEXT and not short_of_summary:
        return None
    for kind in ("bot_challenge", "error_page", "paywall", "consent"):
        said = _said(kind, text[:3000])
        if said:
            return Wall(kind, said)
    for kind in ("bot_challenge", "paywall", "consent"):
        m = _MARKUP[kind].search(head)
        if m:
            return Wall(kind, f"markup {m.group(0)[:40]!r}")
    return None
