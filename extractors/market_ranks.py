"""A percentage a ranked company comes with, in a text about market shares, is its share:
"Xiaomi came third with 14%", "Netflix was third with 8.8% of TV usage", "Disney came in
second with 9.4%". A ranking names no share noun; the report it stands in does ("Samsung took
the lead with a 20% market share"), and a rank is only had in a market, never in a company one
owns, so the percentage is no holding.
"""
from __future__ import annotations

from spacy.tokens import Token

from claimtrack.extractors.frames import Frame, lemma

ORDINALS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th"}
# verbs that place a company among others: "ranked fourth", "finished second", "led", "trailed"
RANKING_VERBS = {"rank", "place", "finish", "lead", "trail", "follow"}


def _ranked(verb: Token) -> bool:
    """Whether a verb tells a company's place ("came third", "was third", "came in second",
    "ranked fourth and fifth", "in second place")."""
    if lemma(verb) in RANKING_VERBS:
        return True
    for c in verb.children:
        words = [c, *(g for g in c.children if g.dep_ in ("pobj", "amod", "conj"))] if c.dep_ == "prep" and \
            c.lower_ in ("in", "at") else [c, *(g for g in c.children if g.dep_ in ("amod", "conj"))]
        if c.dep_ in ("advmod", "acomp", "attr", "npadvmod", "oprd", "prep") and any(w.lower_ in ORDINALS for w in words):
            return True
    return False


def ranked_with(frame: Frame) -> bool:
    """Whether a percentage is what a ranked company comes with: "with X%" on a verb of a place
    among others (market_shares.py asks whether the text is about market shares)."""
    return frame.how == "prep" and frame.prep == "with" and frame.anchor is not None and \
        frame.anchor.pos_ in ("VERB", "AUX") and _ranked(frame.anchor)
