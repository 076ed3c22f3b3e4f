"""Two figures written as one span, a range ("between $3.7 billion and $4 billion", "a range of
4% to 4.25%", "56%-57%"): one figure at their midpoint, with both ends kept; never a move from
one to the other ("fell from 41.4 per cent to 38.6 per cent")."""
from __future__ import annotations

import re
from dataclasses import replace

from claimtrack.extractors.claim_words import SCALED

_BETWEEN = re.compile(r"\bbetween\s+(?:about\s+|around\s+|roughly\s+)?$", re.IGNORECASE)
_RANGE_OF = re.compile(r"\b(?:range|band|corridor|bracket)\s+of\s+(?:about\s+|around\s+|roughly\s+)?$|\branging from\s+$",
                       re.IGNORECASE)     # "a range of 4% to 4.25%"


# a move told from one percentage to another ("fall from about 41.4 per cent to 38.6 per cent",
# "rose by 5% to 7%"), where "X to Y" is no span
_MOVE_FROM = re.compile(r"\b(?:from|by)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)


def _joined_percents(text: str, a, b) -> bool:
    """"56%-57%", "25%–27%", "secure a 25 percent to 27 percent stake": two percentages written as
    one span, unless told as a move from one to the other."""
    if not (a.kind == b.kind == "percent" and a.unit == b.unit):
        return False
    between = text[a.end:b.start]
    return bool(re.fullmatch(r"\s*[-–]\s*", between) or re.fullmatch(r"\s+to\s+", between)
                and not _MOVE_FROM.search(text[max(0, a.start - 30):a.start]))


def between_ranges(text: str, found: list) -> list:
    """"between $3.7 billion and $4 billion" is one figure, a range, as "$3.7–4 billion" is (and
    "56%-57%")."""
    out: list = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if b is not None and {a.kind, b.kind} <= {"money", "price"} | {a.kind} and a.unit == b.unit and a.kind != "year" and a.low is None \
                and b.low is None and (re.fullmatch(r"\s+and\s+", text[a.end:b.start])
                                       and _BETWEEN.search(text[max(0, a.start - 30):a.start])
                                       or re.fullmatch(r"\s*(?:to|-|–)\s*", text[a.end:b.start])
                                       and _RANGE_OF.search(text[max(0, a.start - 30):a.start])
                                       or _joined_percents(text, a, b)):
            kind = "price" if "price" in (a.kind, b.kind) else a.kind
            low = _scaled_as(a, b, text)
            out.append(replace(a, text=text[a.start:b.end], end=b.end, kind=kind, value=round((low + b.value) / 2, 6),
                               low=low, high=b.value, per=a.per or b.per, counted=None))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _scaled_as(a, b, text: str) -> float:
    """The low end of a range read with the high end's scale when it has none of its own:
    "between $265 and $285 million" is $265 million to $285 million (not "$900,000 and $1.2 million")."""
    if a.kind != "money" or SCALED.search(text[a.start:a.end]) or not SCALED.search(text[b.start:b.end]):
        return a.value
    for scale in (1e12, 1e9, 1e6, 1e3):
        if 1 <= b.value / scale < 1000:
            return a.value * scale if b.value / 100 <= a.value * scale <= b.value else a.value
    return a.value
