"""A debt's spread over its benchmark, for open claims (issue 17): "priced at about 1.65
percentage points above Treasuries", "Treasuries plus 90bps, 100bps and 110bps", "SOFR + 3.00%".
The figure is the borrower's `spread`, in percentage points (a rate over a rate: "+3.00%" is
three points); the borrower is the one company its sentence names, else, when the sentence
names no party ("the long-dated security"), the company the passage is about.
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span

from claimtrack.extractors.figures import Figure
from claimtrack.extractors.references import Party, References

_BENCHMARK = (r"(?:U\.?S\.?\s+)?(?:treasur(?:y|ies)(?:\s+securities|\s+notes|\s+yields?)?|sofr|libor|euribor|"
              r"gilts?|bunds?|mid-?swaps?|the\s+benchmark)")
_OVER = re.compile(rf"\s+(?:above|over|higher than|more than|on top of)\s+(?:the\s+|comparable\s+|similar\s+|"
                   rf"equivalent\s+|matching\s+)*{_BENCHMARK}\b", re.IGNORECASE)
_PLUS_LIST = re.compile(rf"\b{_BENCHMARK}\s*(?:\+|plus)\s*(?:[\d.,]+\s*(?:bps|basis points?|%|percentage points?)"
                        r"\s*(?:,\s*(?:and\s+)?|and\s+|\+\s*))*$", re.IGNORECASE)
_NAMED_BENCHMARK = re.compile(_BENCHMARK, re.IGNORECASE)
_RATE_UNITS = ("percent", "percentage_points", "basis_points")


def spread_of(fig: Figure, sent: Span, refs: References) -> tuple[Figure, Party] | None:
    """`fig` as a spread over a benchmark rate, in points, with its borrower; None when it is none."""
    if fig.unit not in _RATE_UNITS or fig.previous:
        return None
    text = sent.doc.text
    over = _OVER.match(text, fig.end, sent.end_char)
    if over is None and not _PLUS_LIST.search(text, sent.start_char, fig.start):
        return None
    party = _borrower(sent, refs)
    if party is None:
        return None
    return (replace(fig, unit="percentage_points") if fig.unit == "percent" else fig), party


def _borrower(sent: Span, refs: References) -> Party | None:
    """The one company the sentence names, else (naming no party) the passage's company."""
    named = [m for m in refs.mentions if sent.start_char <= m.start and m.end <= sent.end_char
             and id(m) not in refs.sources and not _NAMED_BENCHMARK.fullmatch(m.name)]    # "US Treasuries"
    companies = {m.name: m for m in named if m.kind in ("company", "org")}
    if len(companies) == 1:
        (name, mention), = companies.items()
        return Party(name, mention)
    if named:
        return None
    return refs.salient(sent[0], kinds=("company", "org"), topical=True)
