"""The pair a plural description points back to: "the two firms", "the two tech giants", "both
companies" name the two parties told together just before ("Apollo and KKR will invest $7 billion
... The two firms are investing $4 billion into the coffee business").

Read as any other description, "the two firms" found no one party and the claim was lost. Here it
takes the pair of names joined by "and" in the nearest sentence before it; the first of the two
stands for both (the corpus names such a pair by either member). A pair whose member the caller
excludes (the doer of the verb the description is an object of) is no referent.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from claimtrack.extractors.claim_words import is_org_noun

if TYPE_CHECKING:
    from claimtrack.extractors.references import Party, References

_PARTY_KINDS = ("company", "org", "government", "person")
_PAIR_NOUNS = {"pair", "duo"}                  # "the pair", "the duo": two by the noun itself
_LOOK_BACK = 2                                 # sentences before the description's own


def describes_two(token: Token) -> bool:
    """Whether a noun phrase describes two parties: "the two firms", "both companies", "the pair"."""
    low = token.lower_
    if low in _PAIR_NOUNS:
        return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    if token.tag_ != "NNS" or not is_org_noun(token.lemma_.lower()):
        return False
    return any(c.dep_ == "nummod" and c.lower_ == "two" or c.dep_ in ("det", "predet", "preconj") and c.lower_ == "both"
               for c in token.children)


def pair_before(refs: References, token: Token, exclude: frozenset[str] = frozenset()) -> Party | None:
    """The party a description of two (see describes_two) stands for: the first of the two names
    joined by "and" in the nearest of the sentences just before its own; None when none is found
    or a member is excluded."""
    from claimtrack.extractors.references import Party

    if not describes_two(token):
        return None
    before = [s for s in token.doc.sents if s.end <= token.sent.start][-_LOOK_BACK:]
    for sent in reversed(before):
        for first in sent:
            m = refs.mention_at(first)
            if m is None or m.kind not in _PARTY_KINDS or id(m) in refs.sources:
                continue
            second = next((refs.mention_at(c) for c in first.children if c.dep_ == "conj"
                           and refs.mention_at(c) is not None), None)
            if second is None or second.kind not in _PARTY_KINDS or second.name == m.name or id(second) in refs.sources:
                continue
            if m.name in exclude or second.name in exclude:
                return None
            return Party(m.name, m)
    return None
