"""What a business takes in, told by a verb of earning and no revenue noun: a yearly rate ("the
startup now makes over $540 million per year") or an amount a business generated over a period
("The aramids division generated $1.3 billion in 2024")."""
from __future__ import annotations

import re

from claimtrack.extractors.claim_words import BUSINESS_NOUNS, LISTED_NOUNS
from claimtrack.extractors.figures import Figure
from claimtrack.extractors.frames import Frame, lemma
from claimtrack.extractors.text import doc_text

_EARNING = {"make", "generate", "bring", "rake", "pull", "hit", "reach", "top", "surpass", "exceed", "do", "book"}
_YEARLY = re.compile(r"\s*(?:in\s+\w+\s+)?(?:a|per|each)\s+(?:year|annum)\b|\s*(?:annually|yearly)\b", re.IGNORECASE)
_EARNERS = BUSINESS_NOUNS | LISTED_NOUNS | {"which", "that"}


def takes_in(frame: Frame, fig: Figure) -> bool:
    """Whether a money figure a verb takes as its object is what a business took in: at a yearly
    rate, or "generated" over a time told on the verb by a business or company (not "generated $2
    billion in savings": a thing named after the amount is what was generated)."""
    verb = frame.anchor
    if frame.how != "object" or fig.kind != "money" or verb is None or lemma(verb) not in _EARNING:
        return False
    if _YEARLY.match(doc_text(frame.figure.doc), frame.figure.end_char):
        return True
    if lemma(verb) != "generate":
        return False
    doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if doer is None or not (doer.pos_ == "PROPN" or lemma(doer) in _EARNERS):
        return False
    told = [g for t in (verb, frame.figure.root) for c in t.children if c.dep_ == "prep" for g in c.children
            if g.dep_ == "pobj"]
    return any(g.ent_type_ == "DATE" for g in told) and not any(g.ent_type_ != "DATE" for g in told)
