"""Advisers are no party of the deal they advise on: in "Cleary Gottlieb represented Alphabet in
its offering of $17.5 billion of notes" or "Goldman Sachs advised Salesforce on its $8 billion
acquisition of Informatica" the law firm or the bank advises, and its client issues or buys."""
from __future__ import annotations

from spacy.tokens import Token

from claimtrack.extractors import roles
from claimtrack.extractors.frames import lemma
from claimtrack.extractors.references import Party, References

_ADVISING = {"advise", "represent", "counsel"}
_ADVISER_NOUNS = {"adviser", "advisor", "counsel", "consultant", "bookrunner"}


def _advising(verb: Token) -> bool:
    """"advised", "represented", "acted as legal counsel"."""
    return lemma(verb) in _ADVISING or lemma(verb) in ("act", "serve") and any(
        lemma(g) in _ADVISER_NOUNS for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
        for g in c.children if g.dep_ == "pobj")


def _client(verb: Token, refs: References) -> Party | None:
    """Whom an advising verb serves: its object ("advised Salesforce"), or the party "to" or
    "for" whom it acts ("acted as financial adviser to Vector Cloud")."""
    if lemma(verb) in _ADVISING:
        return roles.patient(verb, refs)
    found = roles.prep_party(verb, ("to", "for"), refs)
    if found is not None:
        return found
    role = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
                 if g.dep_ == "pobj"), None)
    return roles.prep_party(role, ("to", "for"), refs) if role is not None else None


def client_of(root: Token, subject: str | None, refs: References) -> Party | None:
    """The client of an adviser a claim was given to: when `subject` does an advising verb the
    figure hangs under, the party it advises; None otherwise."""
    if subject is None:
        return None
    for verb in list(root.ancestors)[:8]:
        if verb.pos_ not in ("VERB", "AUX") or not _advising(verb):
            continue
        doer = roles.agent(verb, refs)
        if doer is None or doer.name != subject:
            return None
        client = _client(verb, refs)
        return client if client is not None and client.name != subject else None
    return None
