"""Place each claim in time: the time its sentence gives the figure, resolved against the
article's date, else the article's date and how that was found; and the previous value a
sentence gives ("27%, down from 32.5%") as a report of its own, just before the new one.

Extraction says what the text says (the time expression, the status); this module knows
the article, so it resolves and dates. The rules are the README's "Claim time" (The data, in
SQL).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from claimtrack.extractors.claim import Claim
from claimtrack.extractors.claimtime import ANCHOR, SAME_PERIOD, UNDATED_PAST, Resolved, is_history, resolve

# how the article's date was found (articles.published_source) -> the claims' as_of_basis
BASIS_OF_SOURCE = {"feed": "published", "page": "page", "fetch": "fetched"}
# a stated previous value without a time of its own is dated this long before the new one
BEFORE = timedelta(days=1)


@dataclass(frozen=True)
class Placed:
    """A claim's time: when, how it is known, how fine, and whether it is told as history."""
    as_of: datetime
    basis: str
    precision: str
    text: str | None
    history: bool

    def columns(self) -> dict[str, Any]:
        return {"as_of": self.as_of, "as_of_basis": self.basis, "as_of_precision": self.precision,
                "as_of_text": self.text, "history": self.history}


def _future(when: Resolved, published: datetime) -> bool:
    return when.at > published


def place(phrase: str | None, published: datetime, published_source: str) -> Placed:
    """The time of a figure whose sentence says `phrase` ("last October", or None), in an
    article dated `published`. A time after the article (a deal "expected to close in 2026")
    is no time the figure was true at: the article's date stands. A past the sentence names no
    period of ("was previously valued at") is history, just before the article."""
    if phrase and UNDATED_PAST.fullmatch(phrase.strip()):
        return Placed(published - BEFORE, "before", "day", None, True)
    if phrase:
        when = resolve(phrase, published)
        if when is not None and not _future(when, published):
            # the start of the period; the article's date when the period holds it ("this year")
            at = published if when.end() > published else when.at
            return Placed(at, "sentence", when.precision, phrase, is_history(when, published))
    return Placed(published, BASIS_OF_SOURCE.get(published_source, "published"), "day", None, False)


# metrics whose figure is of a period (a year's revenue or profit): "revenue rose to $103.14
# billion, up from $88.29 billion in 2023" compares consecutive years, so a new figure its
# sentence does not date is of the year after the one its previous value is dated in
PER_PERIOD = frozenset({"revenue", "profit"})


def place_claim(claim: Claim, published: datetime, published_source: str) -> Placed:
    """The time of a claim's figure: its own phrase; else, for a figure of a period compared
    with the year before ("up from $88.29 billion in 2023"), the year after that one; else the
    article's date (as for one compared with "the same quarter last year": the latest quarter,
    whose previous value place_previous dates a year back, not a year it names)."""
    if claim.when is None and claim.previous_when and claim.metric in PER_PERIOD and \
            not SAME_PERIOD.fullmatch(claim.previous_when.strip()):
        before = resolve(claim.previous_when, published)
        if before is not None and before.precision == "year":
            following = place(f"the following year{ANCHOR}{claim.previous_when}", published, published_source)
            if following.basis == "sentence":
                return following
    return place(claim.when, published, published_source)


def a_year_before(figure: Placed, phrase: str) -> Placed:
    """The time of a figure told for "the same period the previous year" as `figure`'s: its
    period, a year back, told as history."""
    at = figure.as_of
    at = at.replace(year=at.year - 1, day=min(at.day, 28) if at.month == 2 else at.day)
    return Placed(at, "sentence", figure.precision, phrase, True)


def place_claims(claims: Sequence[Claim], published: datetime, published_source: str) -> list[Placed]:
    """Each claim's time (place_claim); a figure told for "the same period last year" takes its
    time from the figure of its sentence it is compared with (same metric and subject)."""
    placed = [place_claim(c, published, published_source) for c in claims]
    for i, c in enumerate(claims):
        if c.when and SAME_PERIOD.fullmatch(c.when.strip()):
            mate = next((j for j, o in enumerate(claims) if j != i and o.sentence == c.sentence and
                         o.metric == c.metric and o.subject == c.subject and
                         not (o.when and SAME_PERIOD.fullmatch(o.when.strip()))), None)
            if mate is not None:
                placed[i] = a_year_before(placed[mate], c.when)
    return placed


def place_previous(claim: Claim, current: Placed, published: datetime) -> Placed:
    """The time of the previous value `claim` gives: its own phrase ("from $157 billion last
    October"), else just before the new value. A phrase placing it at or after the new value
    (a year both share: "for the first three months of 2024, down from $9.6 billion") says
    nothing of when it held."""
    if claim.previous_when and SAME_PERIOD.fullmatch(claim.previous_when.strip()):
        return a_year_before(current, claim.previous_when)
    if claim.previous_when:
        own = place(claim.previous_when, published, "feed")
        if own.basis == "sentence" and own.as_of < current.as_of:
            return Placed(own.as_of, "sentence", own.precision, own.text, True)
    return Placed(current.as_of - BEFORE, "before", current.precision, None, True)


def event_key(key: str, placed: Placed) -> str:
    """What tells one event of a key from another: the month it happened (the year, when the
    text says no more)."""
    label = f"{placed.as_of.year}" if placed.precision == "year" else f"{placed.as_of:%Y-%m}"
    return f"{key}@{label}"
