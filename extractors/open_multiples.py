"""Changes told by a multiplying word, for open claims (issue 17): "doubled its valuation" is a
100 % rise, "tripled" 200 %, "a quadrupling of its previous valuation" 300 % (the corpus
README's rule). The word is no figure of figures.py; here it becomes one, a percentage, so that
open claims read what it changes as they read "rose 100%".
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from claimtrack.extractors.figures import Figure

# a multiplying word's stem and the rise it states, in percent
_RISES = {"doubl": 100.0, "tripl": 200.0, "trebl": 200.0, "quadrupl": 300.0, "quintupl": 400.0}


def _rise(token: Token) -> float | None:
    word = token.lower_
    for stem, rise in _RISES.items():
        if word.startswith(stem) and word[len(stem):] in ("e", "ed", "es", "ing"):
            return rise
    return None


def multiples(sent: Span) -> list[tuple[Figure, Token]]:
    """The multiplying words of a sentence that state a change, each as a percentage figure with
    the word it hangs on: a verb with an object or subject that it moves ("doubled its
    valuation", "revenue tripled"), or a noun with its "of" ("a quadrupling of its valuation").
    "double the $183 billion" (a predeterminer) and "double-digit" state none."""
    out = []
    for t in sent:
        rise = _rise(t)
        if rise is None or t.i + 1 < len(t.doc) and t.doc[t.i + 1].text == "-":
            continue
        if t.pos_ == "VERB" or t.pos_ == "NOUN" and any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children):
            out.append((Figure(t.text, t.idx, t.idx + len(t.text), "percent", rise, "percent"), t))
    return out
