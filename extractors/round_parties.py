"""Whose value a round or a price gives: the company that raised, not the investors that led or
backed the round, and the company whose shares moved when a clause after them gives "the
company" a market value. Used by claim_parties.py for valuations and market values."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.tokens import Token

from claimtrack.extractors import roles
from claimtrack.extractors.claim_words import OFFERS, PAYING_VERBS, RAISING_VERBS, SHARE_NOUNS, STAKE_NOUNS, TAKING
from claimtrack.extractors.frames import lemma
from claimtrack.extractors.references import Party, References


def whose_shares(verb: Token, refs: References) -> Party | None:
    """"EA shares rose 4.5%, giving the company a market value of $50 billion": the company a
    participle gives a value to is the one whose shares the clause before it moved."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG":
        return None
    shares = next((c for c in verb.head.children if c.dep_ == "nsubj" and lemma(c) in SHARE_NOUNS), None)
    named = next((c for c in shares.children if c.dep_ in ("compound", "poss", "amod", "nmod") and refs.mention_at(c) is not None),
                 None) if shares is not None else None
    return refs.party(named) if named is not None else None


def backers_of(token: Token, refs: References) -> set[str]:
    """The parties a round or deal is "led by", "backed by" or "funded by" (its investors)."""
    found = set()
    for acl in token.children:
        if acl.dep_ in ("acl", "relcl") and lemma(acl) in ("lead", "back", "fund", "co-lead", "support"):
            by = next((c for c in acl.children if c.lower_ == "by"), None)
            for g in (by.subtree if by is not None else ()):
                if g.dep_ in ("pobj", "conj") and (party := refs.party(g)) is not None and party.kind != "description":
                    found.add(party.name)
    return found


def raiser(noun: Token, refs: References) -> Party | None:
    """The company that raised money in the clause a valuation sits in, when nothing but a
    pronoun owns the valuation: "X raised $500 million at a $6.8 billion valuation, led by Y",
    "X raised $300 million from investors including Y, bringing its valuation to $2 billion"."""
    if any(c.dep_ == "poss" and c.pos_ != "PRON" for c in noun.children):
        return None
    verb = next((a for a in noun.ancestors if a.pos_ == "VERB"), None)
    if verb is not None and verb.dep_ == "advcl" and verb.tag_ == "VBG":
        verb = verb.head                    # "..., bringing its valuation to": the clause it follows
    if verb is None or lemma(verb) not in RAISING_VERBS:
        return None
    found = roles.agent(verb, refs)
    return found if found is not None and found.kind in ("company", "org") else None


_BUYING_IN = {"invest", "buy", "acquire", "purchase", "take", "pour", "inject"}


def bought_into(noun: Token, refs: References) -> Party | None:
    """The company a valuation is of when it prices a purchase or sale: "X invested $300 million in Y
    at a $3 billion valuation", "X bought 25% of Y at a $64 billion valuation", "agreed to purchase Y
    for a valuation of", "a 49% stake in Y implying a $29 billion valuation": Y, never the buyer or seller."""
    if any(c.dep_ == "poss" and c.pos_ != "PRON" for c in noun.children):
        return None
    if noun.dep_ == "pobj" and noun.head.lower_ in ("at", "for"):
        verb = noun.head.head
        if verb.pos_ == "NOUN":     # "their plan to pour $1 billion into Y, at a $14 billion valuation": the plan's act
            verb = next((c for c in verb.children if c.dep_ in ("acl", "relcl") and lemma(c) in _BUYING_IN), verb)
    elif noun.dep_ == "dobj" and lemma(noun.head) in ("imply", "represent") and noun.head.dep_ in ("acl", "advcl"):
        verb = noun.head.head       # "bought a 10% stake in Y, implying a $3 billion valuation"
        if verb.pos_ == "NOUN" and lemma(verb) in STAKE_NOUNS:      # "a 49% stake in Y implying a ... valuation"
            found = roles.prep_party(verb, ("in", "of"), refs)
            return found if found is not None and found.kind in ("company", "org", "description") else None
    else:
        return None
    if verb.pos_ != "VERB" or lemma(verb) not in _BUYING_IN | {"sell"}:     # ("sell the Lakers at a valuation of")
        return None
    found = roles.prep_party(verb, ("in", "into"), refs)
    bought = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if found is None and bought is not None:
        found = roles.prep_party(bought, ("in", "into", "of"), refs) or \
            (refs.party(bought) if refs.mention_at(bought) is not None else None)
    if found is None and bought is not None and bought.ent_type_ == "PERCENT":
        # "SoftBank, which owned 75% of Arm, agreed to buy the remaining 25% ... at a $64 billion
        # valuation": the share whose company goes unsaid is of the company the sentence's other share is of
        found = next((f for t in bought.sent if t.ent_type_ == "PERCENT" and t.dep_ in ("dobj", "pobj", "attr") and t.i != bought.i
                      and (f := roles.prep_party(t, ("of", "in"), refs)) is not None), None)
    buyer = roles.agent(verb, refs)
    if found is None or found.kind not in ("company", "org", "description") or (buyer is not None and found.name == buyer.name):
        return None
    return found


_PEGGING = {"peg", "put", "value", "set", "price"}
_LISTING_VERBS = {"list", "float"}        # whose object is a company taken to market


def value_holder(noun: Token, refs: References) -> Party | None:
    """Whose value a value noun is when a phrase or clause around it names the company: "Tesla,
    with a market value of $1.4 trillion", "Tesla is the most valuable carmaker, with a market
    value of ...", "the sale pegs Databricks at a $100 billion valuation", "to list the chip designer
    at a valuation of"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "with":
        on = head.head
        found = refs.party(on) if refs.mention_at(on) is not None else None
        if found is None and on.dep_ == "appos" and refs.mention_at(on.head) is not None:
            found = refs.party(on.head)     # "Apple and Microsoft, the only other firms with a market value of"
        if found is None and on.dep_ == "attr":         # "... is the most valuable carmaker, with"
            on = on.head
        if found is None and on.pos_ in ("VERB", "AUX"):
            # ("X will be acquired by Y in a cash deal, with an equity valuation of": the one taken over)
            found = roles.patient(on, refs) if lemma(on) in TAKING else roles.agent(on, refs)
    elif noun.dep_ == "pobj" and head.lower_ == "at" and head.head.pos_ == "VERB" and lemma(head.head) in _PEGGING | _LISTING_VERBS:
        # ("preparing to list the chip designer on Nasdaq at a valuation of": what is listed, also described)
        valued = next((c for c in head.head.children if c.dep_ == "dobj"), None)
        doer = roles.agent(head.head, refs) if valued is not None and refs.mention_at(valued) is None else None
        found = refs.party(valued, exclude=frozenset({doer.name} if doer else ())) if valued is not None and (
            refs.mention_at(valued) is not None or lemma(head.head) in _LISTING_VERBS) else None   # (never its own lister)
    else:
        return None
    return found if found is not None and found.kind in ("company", "org") else None


def value_named(noun: Token, figure: Token, refs: References) -> Party | None:
    """Whose value the value noun's own words name: "an equity value of $2.4 billion for Foot
    Locker" ("for" on the noun or on the figure), "the $16.1 billion enterprise value of
    AirTrunk", "an Aligned enterprise value of $40 billion"
    (a name before the noun); a company, never a person or a description."""
    found = roles.prep_party(noun, ("for", "of"), refs) or roles.prep_party(figure, ("for",), refs) or next(
        (refs.party(c) for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i
         and refs.mention_at(c) is not None), None)
    return found if found is not None and found.kind in ("company", "org") else None


def dealers_before(deal: Token, refs: References) -> set[str]:
    """The parties that do the acts told before a deal noun in its sentence (subjects of active
    verbs, with their conjuncts: "SoftBank and Nvidia are in talks to invest ..., in a deal that
    values the company at"): those who make the deal, none of them the company it values. The
    subject of a passive is left in ("Wiz was bought by Google in a deal valuing the company at")."""
    names: set[str] = set()
    for t in deal.sent:
        if t.i >= deal.i:
            break
        if t.dep_ == "nsubj" and t.lower_ not in ("it", "that", "which", "who"):
            for part in (t, *t.conjuncts):
                found = refs.party(part)
                if found is not None and found.mention is not None:
                    names.add(found.name)
    return names


def round_valuing(noun: Token, refs: References) -> Party | None:
    """The company a round is of when the round, as a subject, moves its value: "The $600 million
    round pushes the value of Saronic to $4 billion", "the round lifts Kestrel's valuation to"."""
    if noun.dep_ != "nsubj" or lemma(noun) not in ("round", "raise", "financing", "funding", "series", "fundraise"):
        return None
    value = next((c for c in noun.head.children if c.dep_ == "dobj" and lemma(c) in ("value", "valuation")), None)
    if value is None:
        return None
    found = roles.owner(value, refs) or roles.prep_party(value, ("of",), refs)
    return found if found is not None and found.kind in ("company", "org") else None


_RECEIVING = {"secure", "receive", "land", "win", "attract", "get", "obtain", "bag"}


def backer_with(noun: Token, refs: References) -> Party | None:
    """"IonQ secured a $1 billion equity financing agreement with Heights Capital": money a company
    receives under a deal with a party is that party's investment in it, not the company's."""
    deal = noun
    while deal.dep_ == "compound" and deal.head.pos_ == "NOUN":
        deal = deal.head                    # "investment deal", "financing agreement": the deal
    if deal.dep_ != "dobj" or lemma(deal.head) not in _RECEIVING:
        return None
    return roles.prep_party(deal, ("with",), refs)


def priced_company(frame_anchor: Token | None, valuing: Token | None, told: Sequence[tuple[Any, ...]],
                   refs: References) -> Party | None:
    """"The sale was priced at $33 a share, valuing the company at $48 billion", "Uber priced its
    IPO at $45, ... valuing the company at": the company a valuing clause describes is the one
    whose share price the clause it hangs from told (`told`: the (figure, type, subject, ...)
    claims so far), not a holder named before nor whoever priced the shares."""
    if frame_anchor is None or frame_anchor.pos_ not in ("NOUN", "PRON") or refs.mention_at(frame_anchor) is not None \
            or valuing is None or valuing.pos_ != "VERB" or valuing.dep_ not in ("advcl", "conj", "xcomp"):
        return None
    clause = valuing
    while clause.dep_ in ("advcl", "conj", "xcomp") and clause.head.i != clause.i:
        # up the clauses it hangs from ("priced its IPO at $45, raising ... and valuing"), nearest first
        above = clause.head
        start, end = above.left_edge.idx, above.right_edge.idx + len(above.right_edge)
        own_start, own_end = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge)
        if any(lemma(t) in OFFERS | PAYING_VERBS for t in above.subtree if not own_start <= t.idx < own_end):
            return None         # "proposed a cash offer of $5.76 per share, valuing the company at": a bid's target
        found = next((Party(subject) for fig, ct, subject, *_ in told if ct.metric == "share_price" and subject
                      and start <= fig.start < end and not own_start <= fig.start < own_end), None)
        if found is not None:
            return found
        clause = above
    return None
