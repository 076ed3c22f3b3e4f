"""Goods worth an amount: "eight Airbus A350-900s worth $3.4 billion", "an arms package worth
$142 billion", "GPU capacity valued at $17.4 billion", "ships with a total value of $3 billion".
What goods are worth is the price of what is bought or sold, no company's valuation and no
investment, so the lexicon (noun_types.py) types no such figure as either and the open reading
(open_claims.py) names it GOODS_VALUE; a purchase order the lexicon reads for what it is
("ordered 65 jets worth $38 billion") stays its purchase commitment.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from claimtrack.extractors.claim_words import BUSINESS_NOUNS, GOODS, PROCURED, SHARE_NOUNS, STAKE_NOUNS, is_org_noun
from claimtrack.extractors.frames import lemma

GOODS_VALUE = "goods_value"          # the open metric of what goods are worth
# goods sold by the lot and equipment, beside the goods bought by the unit and the capacity procured
_MADE = GOODS | {"arms", "weapon", "weaponry", "missile", "munition", "ammunition", "fighter", "tank", "drone",
                "equipment", "radar", "machinery", "hardware", "vehicle", "car", "bus", "airplane"}
_GOODS = _MADE | PROCURED
_VALUE_NOUNS = {"value", "worth", "price", "cost", "price tag"}
_OWNED = STAKE_NOUNS | SHARE_NOUNS


def goods_noun(noun: Token) -> bool:
    """A noun naming goods: by its word or a word it is made of ("arms package", "radar
    equipment"), or counted models named with digits ("eight Airbus A350-900s")."""
    if noun.pos_ not in ("NOUN", "PROPN") or is_org_noun(lemma(noun)) or lemma(noun) in _OWNED | BUSINESS_NOUNS:
        return False
    if lemma(noun) in _GOODS or noun.lower_ in _GOODS:
        return True
    # (a word of what is procured is no mark of goods before another noun: "its financial services spinoff")
    if any(c.dep_ in ("compound", "amod", "nmod") and (lemma(c) in _MADE or c.lower_ in _MADE) for c in noun.children):
        return True
    counted = any(c.dep_ == "nummod" and c.like_num and c.ent_type_ not in ("MONEY", "PERCENT") for c in noun.children)
    return counted and any(ch.isdigit() for ch in noun.text)


def worth_of_goods(thing: Token | None, figure: Span) -> bool:
    """Whether what a figure values is goods: the noun "worth"/"valued at" describes, or, for a
    value noun ("a total value of $3 billion", "with an estimated value of"), what the value is
    of or is held "with"."""
    word = thing
    if word is None:
        root = figure.root
        word = root.head.head if root.head.lower_ == "of" else root.head if root.dep_ in ("compound", "nmod") else None
    for _ in range(4):
        if word is not None and word.pos_ == "VERB" and word.dep_ in ("acl", "relcl"):
            word = word.head                # "ships announced this year with a total value of"
        if word is None:
            return False
        if lemma(word) not in _VALUE_NOUNS:
            return goods_noun(word)
        if any(c.dep_ in ("compound", "nmod") and lemma(c) in _OWNED for c in word.children):
            return False                    # "the share price of its spinoff"
        held = word.head if word.head.dep_ == "prep" and word.head.lower_ in ("with", "of") else None
        word = held.head if held is not None and held.i != held.head.i else \
            next((g for c in word.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
    return False
