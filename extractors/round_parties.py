"""Whose value a round or a price gives: the company that raised, not the investors that led or
backed the round, and the company whose shares moved when a clause after them gives "the
company" a market value. Used by claim_parties.py for valuations and market values."""
from __future__ import annotations

from spacy.tokens import Token

from claimtrack.extractors import roles
from claimtrack.extractors.claim_words import RAISING_VERBS, SHARE_NOUNS
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
