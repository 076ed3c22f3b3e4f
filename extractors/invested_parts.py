"""A part of a pledge to invest, told with "including" and its own purpose: "will invest $21 billion
in its US operations, including $6 billion for a new steel plant in Louisiana", "committed $11
billion in U.S. investments by 2028, including $1 billion for a new greenfield facility".

The part is an investment of the same party in its own right (the corpus lists it beside the
whole). Before, the parse hanging "including" on the verb read the part as the verb's own
adjunct, and a part whose phrase names no claim word gave no claim at all.
"""
from __future__ import annotations

from spacy.tokens import Token

# verbs that pledge money into a company's own projects
INVESTING = {"invest", "commit", "pledge", "spend", "pour", "pump", "earmark", "allocate"}
_INCLUDING = {"including", "includes", "comprising", "plus"}
_PURPOSES = {"for", "in", "into", "on", "toward", "towards", "to"}


def whole_included(prep: Token) -> Token | None:
    """The figure an "including" phrase is a part of: the figure it hangs on, or the figure object of
    the verb it hangs on ("will invest $21 billion ..., including $6 billion for"); None otherwise."""
    if prep.lower_ not in _INCLUDING:
        return None
    head = prep.head
    if head.like_num or head.ent_type_ == "MONEY":
        return head
    if head.pos_ == "VERB" and head.lemma_.lower() in INVESTING:
        return next((c for c in head.children if c.dep_ == "dobj" and c.i < prep.i
                     and (c.like_num or c.ent_type_ == "MONEY")), None)
    return None


def invested_part(figure: Token, verb: Token | None) -> bool:
    """Whether a part told with "including" is money a verb of investing puts into a purpose of its
    own ("including $6 billion for a new steel plant")."""
    return verb is not None and verb.lemma_.lower() in INVESTING and any(
        c.dep_ == "prep" and c.lower_ in _PURPOSES and any(g.dep_ in ("pobj", "pcomp") for g in c.children)
        for c in figure.children)
