"""Changes stated beside a level (issue 17): "$95.4 billion, up 5%", "down 34 cents"; whether a
change stands right after the level it belongs to; a change in parentheses after a company's
name ("Nvidia (up 3%) and AMD (down 2%) led the index") is that company's share move.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from claimtrack.extractors.figures import Figure, claim_unit
from claimtrack.extractors.references import Party, References

UP_DOWN = re.compile(r"\b(?P<dir>up|down|higher|lower|an? (?:increase|rise|gain|jump|drop|decline|fall) of)\s+"
                     r"(?:by\s+)?(?:about\s+|around\s+|nearly\s+|almost\s+|roughly\s+|some\s+|more than\s+)?$", re.IGNORECASE)

# a percentage before a comparative: "shares opened 8.3% higher", "closed 12.2% lower on Tuesday"
_COMPARED = re.compile(r"\s+(?P<dir>higher|lower)\b(?!\s+than)", re.IGNORECASE)


def change_of_level(fig: Figure, text: str) -> tuple[float, str] | None:
    """'up 7%' after a level, or '8.3% higher': the signed change it states."""
    m = UP_DOWN.search(text[max(0, fig.start - 30):fig.start])
    after = _COMPARED.match(text, fig.end) if m is None and fig.kind == "percent" else None
    if not m and not after:
        return None
    word = (m or after).group("dir").lower()
    down = word in ("down", "lower") or any(w in word for w in ("drop", "decline", "fall"))
    return in_claim_unit(-fig.value if down else fig.value, fig)


def in_claim_unit(value: float, fig: Figure) -> tuple[float, str]:
    """A change in the unit claims store ("down 34 cents": -0.34 USD)."""
    per, unit = claim_unit(fig) or (1, fig.unit)
    return value / per, unit


def near_level(doc: Doc, level: Figure, change: Figure) -> bool:
    """Whether a change stands right after a level, in its clause: "$95.4 billion, up 5%"."""
    between = doc.char_span(level.end, change.start, alignment_mode="expand")
    if between is None:
        return True
    words = [t for t in between if not t.is_punct and t.lower_ not in ("up", "down", "higher", "lower")]
    clause_ends = any(t.lower_ in ("and", "while", "but", "whereas") or (t.pos_ == "VERB" and t.i > between.start + 1)
                      for t in words)
    return len(words) <= 8 and not clause_ends


_BEFORE_CHANGE = {"up", "down", "higher", "lower", "by", "about", "around", "nearly", "almost", "roughly", "some",
                  "more", "than", "+", "-", "–"}


def beside_name(doc: Doc, fig: Figure, refs: References) -> Party | None:
    """The company a change is written beside in parentheses, right after its name: "Nvidia (up
    3%) and AMD (down 2%) led the index" (the stocks' moves), else None."""
    span = doc.char_span(fig.start, fig.end, alignment_mode="expand")
    if span is None or span.end >= len(doc) or doc[span.end].text != ")":
        return None
    i = span.start - 1
    while i > 0 and doc[i].lower_ in _BEFORE_CHANGE:
        i -= 1
    if i < 1 or doc[i].text != "(":
        return None
    party = refs.party(doc[i - 1]) if refs.mention_at(doc[i - 1]) is not None else None
    return party if party is not None and party.kind in ("company", "org") else None
