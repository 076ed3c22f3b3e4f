"""Who buys and who sells in a purchase commitment: a commitment runs buyer -> seller, and the
words of supplying, buying and winning a contract say which party is which ("Nebius agreed to
supply Microsoft", "signed an agreement to buy capacity from Nebius", "a contract with Meta")."""

from __future__ import annotations

from spacy.tokens import Token

from claimtrack.extractors import roles
from claimtrack.extractors.claim_words import DEAL_NOUNS, SUPPLIER_NOUNS, WINNING
from claimtrack.extractors.frames import lemma
from claimtrack.extractors.phrase_words import bought_back
from claimtrack.extractors.references import Party, References

_SUPPLYING = {"supply", "provide", "sell", "deliver", "lease", "rent", "furnish"}


def buyer_first(noun: Token | None, verb: Token | None, subject: Party | None, obj: Party | None,
                refs: References) -> tuple[Party | None, Party | None]:
    """A purchase commitment runs buyer -> seller: in "Nebius agreed to supply Microsoft with
    GPU capacity in a $17.4 billion deal" the doer of supplying is the seller."""
    if (builder := _builder(noun, refs)) is not None:
        return builder                  # "built by HD HHI under the contract valued at": the builder sells
    governing = next((a for a in noun.ancestors if a.pos_ == "VERB"), None) if noun is not None else None
    if subject is None and governing is not None and lemma(governing) in WINNING:
        subject = roles.agent(governing, refs)       # "it has secured a deal potentially valued at $14 billion"
    if subject is None and governing is not None and any(c.dep_ == "dobj" and lemma(c) == "order" and noun.i in
                                                         (t.i for t in c.subtree) for c in governing.children):
        subject = roles.agent(governing, refs)       # "AviLease placed an order for 30 jets in a deal worth"
    customer = roles.prep_party(noun, ("with",), refs) if noun is not None and lemma(noun) in ("contract", "order") else None
    if customer is None and noun is not None and lemma(noun) == "contract":
        # "signed a contract worth $14.2 billion with Meta": "with" hung on "worth" or on the verb
        customer = next((p for p in (roles.prep_party(c, ("with",), refs) for c in noun.children if c.dep_ == "amod")
                         if p is not None), None) or \
            (roles.prep_party(governing, ("with",), refs) if noun.dep_ == "dobj" and governing is noun.head else None)
    if subject is None:
        return (customer, None) if customer is not None else (subject, obj)     # "the contract with Microsoft was worth"
    near = [t for t in (verb, governing, *(c for c in (noun.children if noun is not None else ()) if c.dep_ in ("acl", "relcl")))
            if t is not None]
    for t in near:
        if lemma(t) in ("buy", "purchase", "lease", "rent", "procure") and not bought_back(t):
            buyer = roles.agent(t, refs)        # "signed an agreement to buy GPU capacity from Nebius valued at"
            thing = next((c for c in t.children if c.dep_ == "dobj"), None)
            seller = roles.prep_party(t, ("from",), refs) or roles.prep_party(thing, ("from",), refs)
            if buyer is not None and seller is not None and buyer.name != seller.name:
                return buyer, seller
        supplying = t if lemma(t) in _SUPPLYING else next((c for c in t.children if c.dep_ in ("xcomp", "advcl")
                                                            and lemma(c) in _SUPPLYING), None)
        if supplying is None:
            continue
        seller = roles.agent(supplying, refs) or (subject if noun is not None and supplying.dep_ == "acl" and
                                                  supplying.head.i == noun.i else None)   # "secured an agreement to sell"
        # "a deal to supply ... for Meta"; "a deal with Meta to provide computing power" (the supplying
        # verb under the deal, or beside it under one verb)
        beside = noun is not None and (noun.i in (supplying.head.i, supplying.head.head.i) or noun.head.i == supplying.head.i)
        buyer = next((refs.party(c) or _country(c) for c in supplying.children if c.dep_ == "dative" or c.dep_ == "dobj"
                      and any(g.dep_ == "prep" and g.lower_ == "with" or g.dep_ == "dobj" and g.i > c.i   # "sell Qatar 210 jets"
                              for g in supplying.children)), None) \
            or roles.prep_party(supplying, ("to", "for"), refs) or next(
                (roles.prep_party(c, ("to", "for"), refs) for c in supplying.children if c.dep_ == "dobj"), None) \
            or (roles.prep_party(noun, ("with",), refs) if beside else None)
        if seller is not None and buyer is not None and seller.name == subject.name and buyer.name != seller.name:
            return buyer, seller
    if customer is not None and customer.name != subject.name:
        return customer, subject        # "Nebius announced a $3 billion contract with Meta": who has a contract sells
    if governing is not None and lemma(governing) in WINNING and lemma(noun) in DEAL_NOUNS | {"contract", "order"}:
        # "Nscale has secured a deal valued at $14 billion with Microsoft": a supplier wins it
        customer = obj or next((p for p in (roles.prep_party(t, ("with", "from"), refs) for t in noun.sent)
                                if p is not None and p.name != subject.name), None)
        if customer is not None and customer.name != subject.name:
            return customer, subject
    if obj is None:
        return subject, obj
    supplier = {m.name for _, word, m in refs.described if word in SUPPLIER_NOUNS}
    if subject.name in supplier and obj.name not in supplier:
        return obj, subject         # "AI cloud provider Nebius ... a $3 billion contract with Meta"
    return subject, obj


def _country(token: Token) -> Party | None:
    """A country named as the one sold to ("agreed to sell Saudi Arabia an arms package"): the
    country buys, though the mention finder names no party by a place."""
    if token.dep_ != "dative" or token.ent_type_ != "GPE":
        return None
    words = [t for t in token.subtree if t.ent_type_ == "GPE"]
    return Party(" ".join(t.text for t in words)) if words else None


_BUILDING = {"build", "construct", "make", "manufacture", "produce", "deliver", "supply"}


def _builder(noun: Token | None, refs: References) -> tuple[Party | None, Party] | None:
    """(None, seller) of a contract whose maker the passive names: "the ships will be built by HD
    HHI under the contract valued at": the builder sells; the buyer is the one told before."""
    if noun is None or lemma(noun) not in DEAL_NOUNS | {"contract", "order"}:
        return None
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "under" else None
    if verb is None or not roles.is_passive(verb) or lemma(verb) not in _BUILDING:
        return None
    maker = roles.agent(verb, refs)
    return (None, maker) if maker is not None else None
