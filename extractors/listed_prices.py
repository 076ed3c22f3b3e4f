"""A listing's price, not a buyer's: "the $51 offer price" of a listing whose shares opened and
closed above it is the listed company's share price, never a bidder's offer for a target. (A
closing price beside a bid stays the bid's target's: takeover_parties.py reads it so.)"""
from __future__ import annotations

from spacy.tokens import Token

from claimtrack.extractors.claim_words import LISTING_NOUNS
from claimtrack.extractors.earning import LISTING
from claimtrack.extractors.frames import lemma

_LISTED = LISTING_NOUNS | {"offer", "offering", "issue", "float"}     # "offer price", "IPO price"
_TRADED = {"open", "trade", "debut"}


def _trades(verb: Token) -> bool:
    """"opened at $56.10", "traded at", "closed at $63.59" or "closed up 25%" (not "the deal closed")."""
    return lemma(verb) in _TRADED or lemma(verb) == "close" and any(
        c.dep_ in ("prep", "advmod") and c.lower_ in ("at", "up", "down", "higher", "lower") for c in verb.children)


def listing_price(noun: Token | None) -> bool:
    """Whether a price noun names a listing's price in a sentence that tells the listing or its
    trading ("above the $51 offer price" after "Arm opened at $56.10")."""
    if noun is None or lemma(noun) != "price":
        return False
    words = {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod", "nmod", "poss")}
    return bool(words & _LISTED) and (bool(LISTING.search(noun.sent.text)) or any(
        t.pos_ == "VERB" and _trades(t) for t in noun.sent))
