"""Words that tell a deal is a takeover which no single lemma of the sentence carries: a phrasal
verb ("could be taken over by", "took over") and the mixed payment only a purchase of a company
is made in ("a cash and common stock deal", "a cash-and-stock transaction")."""
from __future__ import annotations

from spacy.tokens import Span

from claimtrack.extractors.frames import lemma

_PAID_IN = {"cash", "stock", "share"}


def takeover_words(sent: Span) -> set[str]:
    """{"takeover"} when the sentence tells a company taken over or paid for in cash and stock."""
    for t in sent:
        if lemma(t) == "take" and any(c.dep_ == "prt" and c.lower_ == "over" for c in t.children):
            return {"takeover"}          # "Deliveroo could be taken over ... in a £2.7 billion deal"
        if lemma(t) in _PAID_IN and any(c.dep_ == "conj" and lemma(c) in _PAID_IN - {lemma(t)} for c in t.children):
            return {"takeover"}          # "a cash and common stock deal valued at approximately $12bn"
    return set()
