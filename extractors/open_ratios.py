"""Multiples of a base, for open claims (issue 17): "14.3x Kenvue's adjusted EBITDA" is Kenvue's
EBITDA multiple, "Ramp is trading at about 22.5× sales" Ramp's sales multiple, "the offer values
Janus Henderson at 9.5 times its earnings" Janus Henderson's, and "the sukuk was nine times
oversubscribed" its issuer's oversubscription (the corpus README: a `count` of times). A
multiple told as a change ("a 4x jump") is a rise, not a ratio, and makes no claim here.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from claimtrack.extractors import roles
from claimtrack.extractors.config import ExtractorConfig
from claimtrack.extractors.figures import Figure
from claimtrack.extractors.frames import figure_root, lemma
from claimtrack.extractors.open_metrics import measure_phrase, metric_name, skipped
from claimtrack.extractors.open_parties import PARTY_KINDS, named_owner, whose
from claimtrack.extractors.open_terms import takeover_target
from claimtrack.extractors.references import Party, References

_OVERSUBSCRIBED = {"oversubscribe", "oversubscribed", "oversubscription", "subscribe", "cover", "covered"}
_CHANGES = {"jump", "increase", "rise", "gain", "growth", "surge", "climb", "leap", "markup", "mark-up", "return",
            "drop", "decline", "fall"}
_RATIOS = {"multiple", "ratio", "valuation"}
_PAYING = {"pay", "offer", "bid", "represent"}     # a price paid as a multiple: the company bought's


def read_multiple(fig: Figure, span: Span, refs: References, config: ExtractorConfig
                  ) -> tuple[str, Party, None, None] | None:
    """(metric, party, None, None) of a multiple, or None (see the module doc)."""
    doc = span.doc
    near = doc[max(0, span.start - 3):min(len(doc), span.end + 3)]
    told = next((t for t in near if lemma(t) in _OVERSUBSCRIBED or t.lower_.startswith(("oversubscri", "over-subscri"))),
                None)
    if told is not None:
        verb = told if told.pos_ in ("VERB", "AUX", "ADJ") else told.head
        party = _subject_party(verb, refs) or refs.salient(span[0], kinds=("company", "org", "government"),
                                                           topical=True)
        return (metric_name("oversubscription", config), party, None, None) if _kept(party) else None
    base = next((t for t in doc[span.end:min(len(doc), span.end + 6)] if t.pos_ in ("NOUN", "PROPN")
                 and refs.mention_at(t) is None and not t.like_num), None)
    while base is not None and base.dep_ in ("compound", "nmod", "amod") and base.head.i > base.i \
            and base.head.pos_ in ("NOUN", "PROPN"):
        base = base.head                        # "its trailing 12-month earnings": earnings
    if base is not None and lemma(base) in _CHANGES:
        return None
    root = figure_root(span)
    verb, subject = _clause(root)
    held = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else root.head   # "a multiple of 13 times"
    ratio = held if held.pos_ == "NOUN" and lemma(held) in _RATIOS else \
        subject if subject is not None and lemma(subject) in _RATIOS else None
    if base is None and ratio is None:
        return None
    named = named_owner(base, refs) if base is not None else None
    if verb is not None and lemma(verb) in ("value", "price"):
        party = _valued(verb, subject, refs) or named      # "values Janus Henderson at 9.5 times its earnings"
    elif verb is not None and lemma(verb) in _PAYING:
        party = named or takeover_target(root, refs)       # "Stryker is paying 8.1 times the expected sales": Inari's
    else:
        party = (roles.owner(base, refs) if base is not None else None) or \
            (whose(ratio, refs) if ratio is not None else None) or _valued(verb, subject, refs)
    words = f"{measure_phrase(base)} multiple" if base is not None else measure_phrase(ratio)
    if skipped(words, config) or not _kept(party):
        return None
    return metric_name(words, config, fig), party, None, None


def _clause(root: Token) -> tuple[Token | None, Token | None]:
    """The verb a multiple hangs on, past the base it counts ("at about 22.5× sales") or the
    preposition it follows ("sits near 12x"), and that verb's subject."""
    node = root.head if root.dep_ == "nummod" else root
    verb = node.head.head if node.dep_ == "pobj" else node.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None, None
    return verb, next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _valued(verb: Token | None, subject: Token | None, refs: References) -> Party | None:
    """What the verb values at the multiple ("values Janus Henderson at 9.5 times"), else its
    subject's party ("Ramp is trading at 22.5× sales")."""
    if verb is not None and lemma(verb) in ("value", "price"):
        valued = next((c for c in verb.children if c.dep_ == "dobj"), None)
        return refs.party(valued) if valued is not None else None
    return refs.party(subject) if subject is not None else None


def _subject_party(verb: Token, refs: References) -> Party | None:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return (refs.party(subject) or whose(subject, refs)) if subject is not None else None


def _kept(party: Party | None) -> bool:
    return party is not None and party.kind in PARTY_KINDS
