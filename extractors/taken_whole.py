"""Whose company a buying verb takes whole when its object is not the company's name: all its
shares ("acquire all outstanding Chart shares"), a hundred per cent of them ("acquired 100% of
MAC's securities"), or the assets of a company ("offered to buy the entertainment assets of
21st Century Fox"). Buying some shares ("bought Nvidia shares") is no takeover."""
from __future__ import annotations

from spacy.tokens import Token

from claimtrack.extractors.claim_words import SHARE_NOUNS
from claimtrack.extractors.frames import lemma
from claimtrack.extractors.phrase_words import of_object
from claimtrack.extractors.references import Party, References

_WHOLE = {"all", "outstanding", "entire"}
# what a company's equity is sold as, besides its shares: "100% of MAC's securities"
_EQUITY = SHARE_NOUNS | {"security", "capital", "equity"}


def _hundred_percent(word: Token) -> bool:
    """Whether a word is a percentage of a hundred: "100%", "100 per cent"."""
    return lemma(word) in ("%", "percent", "cent") and any(c.like_num and c.text == "100" for c in word.children)


def _named_in(obj: Token, refs: References) -> Party | None:
    """The party a phrase names inside it: "Chart" of "all outstanding Chart shares"."""
    return next((p for t in obj.subtree if t.i != obj.i and t.dep_ in ("compound", "poss", "pobj")
                 and (p := refs.party(t)) is not None), None)


def all_shares_of(verb: Token, refs: References) -> Party | None:
    """The company a verb takes whole by its shares or its assets, or None."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    if obj.lower_ == "all":     # "all of the outstanding common shares of X"
        obj = of_object(obj)
        if obj is None:
            return None
    elif _hundred_percent(obj):   # "100% of MAC's securities", "100 per cent of the shares of X"
        whole = of_object(obj)
        if whole is None:
            return None
        if lemma(whole) in _EQUITY:
            return _named_in(whole, refs)
        party = refs.party(whole)
        return party if party is not None and party.kind in ("company", "org") else None
    elif lemma(obj) == "asset" and obj.tag_ == "NNS" and any(c.lower_ == "the" for c in obj.children):
        return _named_in(obj, refs)     # "the entertainment assets of 21st Century Fox": what it owns
    if lemma(obj) in SHARE_NOUNS and any(t.lower_ in _WHOLE for t in obj.subtree):
        return _named_in(obj, refs)
    return None
