"""The verb of a sale or purchase a price "for $X" belongs to when the parse hangs the price on a
word it misread as a verb below it: a name ("sell its stake to Flutter for $1.755 billion",
"buy a stake in Trendyol Go for $700 million"), a word ("to peer Arclin for $1.8 billion") or a
clause set in the list of what is sold ("sell X, including its mine, to Y for $30 million")."""
from __future__ import annotations

from spacy.tokens import Token

from claimtrack.extractors.claim_words import ACQUIRING_VERBS
from claimtrack.extractors.frames import Frame, lemma

_DEALING = ACQUIRING_VERBS | {"sell", "divest", "offload", "dispose"}
_BELOW = ("advcl", "relcl", "acl", "prep", "conj", "xcomp")


def deal_verb_above(frame: Frame) -> Frame | None:
    """The frame of "for $X" read on the nearest verb of buying or selling above the verb the
    parse hung it on, within two clauses; None when there is none or the price hangs on a noun."""
    verb = frame.anchor
    if frame.how != "prep" or frame.prep != "for" or verb is None or verb.pos_ != "VERB" or verb.dep_ not in _BELOW \
            or lemma(verb) in _DEALING:
        return None
    clauses = 0
    for above in verb.ancestors:
        if above.pos_ in ("VERB", "AUX"):
            if lemma(above) in ACQUIRING_VERBS or lemma(above) in _DEALING and _sold_to(above):
                return Frame(frame.figure, above, "prep", "for", frame.verb)
            clauses += 1
            if clauses == 2:
                return None
    return None


def _sold_to(verb: Token) -> bool:
    """Whether a sale names its buyer after "to" ("sold its unit to Meiji Yasuda, and announced ...
    for $2.3bn"); where the misread word is the buyer ("to Flutter" read as a verb) it names none,
    and the price would go to the seller."""
    return any(c.dep_ in ("prep", "dative") and c.lower_ == "to" and any(g.dep_ == "pobj" for g in c.children)
               for c in verb.children)
