"""A personal pronoun that continues a chain ("Previously he owned about 10% of GameStop, but he
just revealed his stake has increased"): each "he", "his" or "him" after the first refers to the
same person as the first, until a new named subject takes the focus. The first is resolved as
any pronoun is (references.py); the rest follow it, not whatever was named last."""
from __future__ import annotations

from spacy.tokens import Token

_GROUPS = ({"he", "him", "his", "himself"}, {"she", "her", "hers", "herself"})


def chain_start(token: Token) -> Token | None:
    """The first pronoun of the chain `token` continues (in its sentence or the one before each
    link), or None when it opens one."""
    group = next((g for g in _GROUPS if token.lower_ in g), None)
    if group is None:
        return None
    doc, cur = token.doc, token
    while True:
        start = cur.sent.start
        start = doc[start - 1].sent.start if start > 0 else 0
        prev = None
        for t in reversed(doc[start:cur.i]):
            if t.lower_ in group:
                prev = t
                break
            if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN":
                break           # a new named subject: "Cohen ... Burry said he"
        if prev is None:
            return cur if cur.i != token.i else None
        cur = prev
