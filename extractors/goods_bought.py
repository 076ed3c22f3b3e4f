"""Goods worth an amount that the grammar shows being bought: "an order for 40 jets worth",
"Korean Air's purchase of 103 Boeing aircraft worth", "signed for eight A350s worth", "agreed to
sell Poland an arms package worth". Such a worth is the buyer's purchase commitment, not an open
goods value (goods_worth.py), since the sentence names who pays. And a price that is of goods,
not of shares ("the price of its cereal")."""
from __future__ import annotations

from spacy.tokens import Token

from claimtrack.extractors.claim_words import GOODS, SHARE_NOUNS
from claimtrack.extractors.frames import lemma
from claimtrack.extractors.goods_worth import goods_noun
from claimtrack.extractors.not_claims import purchase_order
from claimtrack.extractors.phrase_words import of_object

_SIGNING = {"sign", "commit"}         # "signed for eight A350s", "committed to 30 A321neos"


def goods_bought(thing: Token | None) -> tuple[Token | None, Token | None] | None:
    """(noun, verb) of the buying of the goods a figure's worth describes, if the sentence tells one:
    the order or purchase they are "for"/"of", a verb of signing "for" them, or "sell" with its
    buyer as dative; None when the goods stand alone ("eight A350s worth $3.4 billion")."""
    if thing is None or thing.dep_ not in ("pobj", "dobj") or not (lemma(thing) in GOODS or goods_noun(thing)):
        return None
    head = thing.head
    if thing.dep_ == "pobj" and head.lower_ == "for" and purchase_order(head.head):
        return head.head, head.head.head            # "an order for 40 jets worth"
    if thing.dep_ == "pobj" and head.lower_ == "of" and lemma(head.head) == "purchase" and head.head.pos_ == "NOUN":
        return head.head, head.head.head            # "Korean Air's purchase of 103 Boeing aircraft worth"
    if thing.dep_ == "pobj" and head.lower_ in ("for", "to") and lemma(head.head) in _SIGNING and _doing(head.head):
        return None, head.head                      # "Emirates signed for eight A350s worth"
    if thing.dep_ == "dobj" and lemma(head) == "sell" and _doing(head) and any(c.dep_ == "dative" for c in head.children):
        return None, head                           # "agreed to sell Saudi Arabia an arms package worth"
    return None


def _doing(verb: Token) -> bool:
    """A verb of a clause with a doer of its own ("Emirates signed", "agreed to sell"), not one
    describing a noun ("the airline, signed for ..." misread as a participle)."""
    return verb.pos_ == "VERB" and verb.dep_ in ("ROOT", "xcomp", "conj", "ccomp", "advcl")


def deal_for_goods(noun: Token) -> bool:
    """Whether a deal is one for goods ("a deal for 40 jets", "an agreement to sell 210 aircraft",
    "valued the deal for Boeing's largest jet at": the "for" may hang on the verb whose object the deal is)."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "in" and (lemma(noun.head.head) in GOODS or purchase_order(noun.head.head)):
        return True                 # "placed an order for 30 jets in a deal worth"
    heads = (noun, noun.head) if noun.dep_ == "dobj" else (noun,)
    bought = [g for t in heads for c in t.children if c.dep_ == "prep" and c.lower_ == "for"
              for p in c.children if p.dep_ == "pobj" for g in (p, *p.conjuncts)] + \
        [g for c in noun.children if c.dep_ == "acl" for g in c.children if g.dep_ == "dobj"]   # "a deal to sell 210 jets"
    return any(lemma(g) in GOODS or any(c.dep_ == "compound" and lemma(c) in GOODS for c in g.children) for g in bought)


def goods_price(noun: Token, is_party) -> bool:
    """Whether a "price" is of something other than shares ("the price of its cereal")."""
    priced = of_object(noun) if lemma(noun) == "price" else None
    return priced is not None and priced.pos_ == "NOUN" and not is_party(priced) and lemma(priced) not in SHARE_NOUNS \
        and priced.ent_type_ != "MONEY" and not any(c.like_num for c in priced.children)   # (not "the price of 12 euros")
