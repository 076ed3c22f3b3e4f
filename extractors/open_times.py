"""Multiples of a base, for open claims (issue 17): "more than 20 times oversubscribed", "an
order book 6x covered" (an offering's demand over its size) and "5.4 times revenue", "13x
trailing sales" (a price over a company's revenue or earnings). The corpus README counts them as
a `count` with "(times)" in the measure; figures.py reads no figure in them ("times" counts
nothing), so here each becomes one, with the metric it states and the party it is of.
"""
from __future__ import annotations

import re

from spacy.tokens import Span

from claimtrack.extractors.figures import Figure
from claimtrack.extractors.numbers import parse_number
from claimtrack.extractors.references import Party, References

_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_NUM = r"(?P<num>\d+(?:\.\d+)?|" + "|".join(_SMALL) + r")"
_TIMES = r"(?:\s*x\b|\s+times\b)"
_ABOUT = r"(?:(?:more than|over|about|around|roughly|nearly|almost|at least|some|approximately)\s+)?"
# demand over an offering's size: "20 times oversubscribed", "oversubscribed by 12 times", "6x covered"
_COVERED = re.compile(rf"\b{_NUM}{_TIMES}\s+(?:over-?subscribed|covered)\b"
                      rf"|\bover-?subscribed\s+(?:by\s+)?{_ABOUT}{_NUM.replace('num', 'num2')}{_TIMES}", re.IGNORECASE)
# a price over what a company earns: "5.4 times revenue", "14.3x Acme's adjusted EBITDA"
_BASES = {"revenue": "revenue", "revenues": "revenue", "sales": "sales", "ebitda": "ebitda", "earnings": "earnings",
          "profit": "earnings", "profits": "earnings"}
_OF_BASE = re.compile(rf"(?<![\w.]){_NUM}{_TIMES}\s+(?P<owner>(?:its|their|the company's|[A-Z][\w&.-]*(?:'s|’s))\s+)?"
                      r"(?:(?:projected|trailing|forward|expected|adjusted|annual|annualized|annualised|estimated|"
                      r"current|next year's|this year's|(?:19|20)\d\d|ntm|ltm|ev/|twelve-month)\s*)*"
                      r"(?P<base>revenues?|sales|ebitda|earnings|profits?)\b", re.IGNORECASE)


def times_figures(sent: Span, refs: References) -> list[tuple[Figure, str, Party]]:
    """The multiples of a sentence: each as a count figure, its metric ("oversubscription",
    "revenue_multiple") and its party: a name in its own words ("Acme's EBITDA"), else the one
    company the sentence names, else (naming none) the company the passage is about."""
    text = sent.doc.text
    out = []
    for pattern, metric in ((_COVERED, None), (_OF_BASE, None)):
        for m in pattern.finditer(text, sent.start_char, sent.end_char):
            num = m.group("num") or (m.groupdict().get("num2"))
            value = _SMALL.get(num.lower()) if num.lower() in _SMALL else parse_number(num)
            if not value or value <= 1:
                continue
            name = f"{_BASES[m.group('base').lower()]}_multiple" if pattern is _OF_BASE else "oversubscription"
            party = _party(sent, refs, m.start(), m.end())
            if party is not None:
                out.append((Figure(m.group(0), m.start(), m.end(), "count", float(value), "count"), name, party))
    return out


def _party(sent: Span, refs: References, start: int, end: int) -> Party | None:
    """Whose a multiple is (see times_figures)."""
    text = sent.doc.text
    named = [m for m in refs.mentions if sent.start_char <= m.start and m.end <= sent.end_char
             and id(m) not in refs.sources and text[m.end:m.end + 1] != "-"]    # not "the Microsoft-backed company"
    companies = [m for m in named if m.kind in ("company", "org")]
    own = [m for m in companies if start <= m.start and m.end <= end]
    if own:
        return Party(own[0].name, own[0])
    names = {m.name: m for m in companies}
    if len(names) == 1:
        (name, mention), = names.items()
        return Party(name, mention)
    if names or named:
        return None
    return refs.salient(sent[0], kinds=("company", "org"), topical=True)
