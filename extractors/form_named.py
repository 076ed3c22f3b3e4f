"""The kind of money a verb's sum is said to come "in the form of": "SoftBank has offered US$5
billion in new money to WeWork in the form of debt" is a loan to WeWork, "in the form of
equity" an investment; whatever the verb alone would say."""
from __future__ import annotations

from spacy.tokens import Token

from claimtrack.extractors.claim_words import SECURITIES
from claimtrack.extractors.frames import lemma

_DEBTS = SECURITIES | {"debt", "loan", "credit", "borrowing", "financing facility", "facility"}
_EQUITY = {"equity", "share", "stock"}


def form_named(verb: Token | None) -> str | None:
    """The claim type "in the form of" on `verb` names: "debt_issue", "investment" or None."""
    if verb is None or verb.pos_ != "VERB":
        return None
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            form = next((g for g in c.children if g.dep_ == "pobj" and g.lower_ == "form"), None)
            kind = next((k for p in form.children if p.dep_ == "prep" and p.lower_ == "of"
                         for k in p.children if k.dep_ == "pobj"), None) if form is not None else None
            if kind is not None and lemma(kind) in _DEBTS:
                return "debt_issue"
            if kind is not None and lemma(kind) in _EQUITY:
                return "investment"
    return None


def given_to(verb: Token) -> Token | None:
    """The token of whom a verb gives money to, "to" phrase first ("offered $5 billion to WeWork",
    "lent Orrin $2 billion"); roles.recipient reads a stake's dative and leaves "to" aside."""
    return next((g for c in verb.children if c.dep_ in ("dative", "prep") and c.lower_ == "to"
                 for g in c.children if g.dep_ == "pobj"), None) or \
        next((c for c in verb.children if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN")), None)
