"""The period a results article reports, named once and carried to the figures after it.

"In the third quarter, Lufthansa's revenue rose to €11.2 billion. Operating profit was €1.3
billion." and "Apple shipped 46.4 million iPhones in Q2 ... Samsung leads with 19.7% share"
name the quarter once; the figures after it are that quarter's all the same. A measure of a
period (a claim type with `periodic = true`: revenue, profit, market share) that the parse gave
no time of its own takes the quarter or fiscal year the text named last before its sentence,
read from the text alone (so a claim is the same whether its neighbours were parsed or not).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from claimtrack.extractors.claim import Claim
from claimtrack.extractors.claimtime import ANCHOR, PRIOR_MONTHS, SAME_PERIOD, TimeMention, time_mentions

REACH = 900         # characters before a sentence where the period it reports may be named

# the phrases that name a reporting period: a quarter by its number, the first three months, a
# quarter by its end, a fiscal year ("In the third quarter", "in Q2", "fiscal 2025", "FY25")
_PERIOD = re.compile(
    r"(?:(?:in|during|for|on)\s+)?(?:the\s+)?(?:(?:first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter|"
    r"q[1-4]\b|first\s+three\s+months|(?:fiscal\s+)?quarter\s+(?:that\s+)?end(?:ed|ing)|"
    r"fiscal\s+(?:year\s+)?\d{4}|fy\s?'?\d\d)",
    re.IGNORECASE)
# a day: when the results came out ("on Thursday", "October 30, 2025"), not what they cover
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY = re.compile(r"(?:on\s+|last\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|today|"
                  rf"(?:on\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH})(?:,?\s+\d{{4}})?",
                  re.IGNORECASE)
# a time told as the baseline a figure is compared with, in its own phrase ("up from 18% in Q1",
# "than a year ago", "(previous year: ...)")
_BASELINE = re.compile(r"\b(?:from|than|compared|versus|vs\.?|against|previous\s+year)\b[^,;:.()]*$|\(\s*$", re.IGNORECASE)


def _baseline(text: str, mention: TimeMention) -> bool:
    """Whether the time is a comparison's baseline: "from" or "than" in its phrase before it."""
    return bool(_BASELINE.search(text[max(0, mention.start - 80):mention.start]))


def _named_before(text: str, start: int) -> str | None:
    """The reporting period named last before `start`, when no other time (but a day's) stands
    between: after "in 2019" the figures are no longer the quarter's."""
    lo = max(0, start - REACH)
    for mention in reversed(time_mentions(text, lo, start)):
        words = mention.text.split(ANCHOR)[0].strip()
        if SAME_PERIOD.fullmatch(words) or PRIOR_MONTHS.match(words) or _DAY.fullmatch(words):
            continue                # a baseline's period or the day of the report: look further back
        if _baseline(text, mention):
            continue
        return mention.text if _PERIOD.match(words) else None
    return None


def carry_periods(text: str, claims: Iterable[Claim], periodic: frozenset[str]) -> list[Claim]:
    """`claims` of `text`, each undated reported measure of a period given the reporting period
    named before its sentence (its `when`), if any."""
    out, known = [], {}
    for claim in claims:
        if claim.when is None and claim.metric in periodic and claim.status == "reported" and claim.value is not None:
            if claim.start not in known:
                known[claim.start] = _named_before(text, claim.start)
            if known[claim.start] is not None:
                claim = replace(claim, when=known[claim.start])
        out.append(claim)
    return out
