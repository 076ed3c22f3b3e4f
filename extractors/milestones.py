"""A company passing a money mark: "Nvidia crossed the $4 trillion mark", "soaring back up past
the $5 billion mark". A company's size told so, with no measure named, is its market value; a
mark a revenue or a fund passes names its measure, and "that $50 billion mark" points back."""
from __future__ import annotations

from spacy.tokens import Token

from claimtrack.extractors.frames import lemma

MARKS = {"mark", "milestone", "threshold", "barrier", "ceiling"}
_PASSING = {"cross", "breach", "pass", "surpass", "top", "hit", "reach", "break", "exceed", "eclipse", "smash",
            "clear", "soar", "rise", "jump", "climb", "push", "surge", "rally", "move", "vault"}
_PAST = {"past", "above", "through", "beyond", "over", "to", "across"}
# what passes such a mark as a company's size: the company, its shares, its value
_SIZED = {"share", "stock", "cap", "capitalization", "capitalisation", "value", "valuation", "it", "company"}


def mark_passed(noun: Token, is_party) -> bool:
    """Whether `noun` is a mark a company (or its shares, or its value) passes, with no pointing
    word before it ("that mark") and no measure of its own ("the $100 billion revenue mark")."""
    if lemma(noun) not in MARKS or any(c.lower_ in ("that", "this", "those") for c in noun.children) or \
            any(c.dep_ == "compound" and c.pos_ == "NOUN" and lemma(c) not in ("milestone", "trillion", "billion")
                for c in noun.children):
        return False
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in _PAST else noun.head if noun.dep_ == "dobj" else None
    if verb is None or lemma(verb) not in _PASSING:
        return False
    doers = [c for c in verb.children if c.dep_ in ("nsubj", "dobj") and c.i < noun.i]
    clause = verb
    while not doers and clause.dep_ in ("advcl", "conj", "pcomp", "xcomp", "prep") and clause.head.i != clause.i:
        clause = clause.head        # "its market cap plummeted ..., before soaring back up past the $5 billion mark"
        doers = [c for c in clause.children if c.dep_ == "nsubj"]
    return any(is_party(d) or lemma(d) in _SIZED for d in doers)
