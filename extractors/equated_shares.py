"""A percentage that a number of shares is said to come to: "bought 2.5 million shares,
representing about 0.5% of the company's stock", "will hold 26.8 million shares, equivalent to
10 per cent of Orrin". The shares are a holding of whoever buys, holds or receives them; the
percentage is that holding's size (a stake_pct), where the parse reads it as the object of a
verb of equating that names no claim type.
"""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Token

from claimtrack.extractors.choice import Choice
from claimtrack.extractors.claim_words import EQUATING_VERBS, SHARE_NOUNS
from claimtrack.extractors.config import ClaimType
from claimtrack.extractors.frames import Frame, lemma

# what a percentage of a company's equity is counted over ("of its issued share capital")
_EQUITY = SHARE_NOUNS | {"capital", "share capital", "equity", "ownership", "stock", "shareholding", "equity capitalization",
                         "equity capitalisation"}
_EQUATING_WORDS = EQUATING_VERBS | {"equivalent"}
# verbs that hand shares to someone named by "to" or as a dative: "issue 225 million shares to X"
_HANDING = {"issue", "allot", "give", "grant", "transfer", "hand", "distribute", "sell", "place"}
_TOTALS = {"total", "block", "tranche", "parcel"}
_HELD = {"stake", "ownership", "shareholding", "holding", "interest"}      # what "a 9.9% ..." the shares come to


def _equating_word(root: Token) -> Token | None:
    """The word of equating a percentage completes: "representing 10%", "equivalent to 10%"."""
    if root.dep_ == "dobj" and root.head.pos_ == "VERB" and lemma(root.head) in _EQUATING_WORDS:
        return root.head
    if root.dep_ == "pobj" and root.head.lower_ == "to" and lemma(root.head.head) in _EQUATING_WORDS:
        return root.head.head
    return None


def _of_equity(root: Token, is_party: Callable[[Token], bool]) -> bool:
    """Whether a percentage is "of" a company's equity ("of the issued share capital") or of a company."""
    of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    if obj is None:
        return False
    phrase = " ".join([lemma(c) for c in obj.children if c.dep_ == "compound"] + [lemma(obj)])
    return lemma(obj) in _EQUITY or phrase in _EQUITY or is_party(obj)


def _shares_equated(word: Token) -> Token | None:
    """The shares the word of equating is told of: the noun it describes ("shares, which
    represent"; "shares, equivalent to"), or the object of the clause it follows ("bought 2.5
    million shares, representing")."""
    if word.dep_ in ("relcl", "acl", "amod", "appos") and word.head.pos_ == "NOUN":
        noun = word.head
    elif word.dep_ == "advcl" and word.head.pos_ == "VERB":
        noun = next((c for c in word.head.children if c.dep_ == "dobj"), None)
    else:
        return None
    if noun is not None and lemma(noun) in _TOTALS:        # "a total of 26.8 million shares"
        noun = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                     if g.dep_ == "pobj"), None)
    return noun if noun is not None and lemma(noun) in SHARE_NOUNS else None


def _doer_verb(noun: Token) -> Token | None:
    """The verb that buys, holds or hands the shares (through a "total of" and the noun a
    "for" phrase hangs on: "an open offer for 415.5 million shares")."""
    cur = noun
    for _ in range(5):
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
        if cur.head.i == cur.i:
            return None
    return None


def _recipient(verb: Token) -> Token | None:
    """Whom a verb of handing gives the shares to: its "to" phrase or its dative."""
    for c in verb.children:
        if c.dep_ in ("prep", "dative") and c.lower_ == "to":
            found = next((g for g in c.children if g.dep_ == "pobj"), None)
            if found is not None:
                return found
        if c.dep_ in ("dative", "iobj") and c.lower_ != "to":
            return c
    return None


def equated_stake(frame: Frame, stake_pct: ClaimType | None, is_party: Callable[[Token], bool]) -> list[Choice]:
    """The holding a percentage of equity a number of shares comes to makes: its holder the one
    the shares' verb names (the doer of buying or holding, whom they are issued or sold to);
    none for shares sold to no one named, a part sold. `stake_pct` is that type, or None."""
    root = frame.figure.root
    held = root.head if root.dep_ in ("compound", "nummod", "amod") and lemma(root.head) in _HELD else None
    if stake_pct is None or (word := _equating_word(held if held is not None else root)) is None or \
            held is None and not _of_equity(root, is_party):
        return []       # ("issue 50 million shares to X, representing a 9.9% stake": the noun says it is of equity)
    shares = _shares_equated(word)
    verb = _doer_verb(shares) if shares is not None else None
    if verb is None:
        return []
    if lemma(verb) in _HANDING:
        to = _recipient(verb)
        if to is None:
            return []           # "placed 10.6 million shares, representing 3.6%": a part sold, nobody's
        return [Choice(stake_pct, frame, None, verb, to)]
    return [Choice(stake_pct, frame, None, verb)]
