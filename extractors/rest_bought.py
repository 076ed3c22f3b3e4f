"""The rest of a company a buyer takes ("acquire the remaining 26% interest in Oaktree", "the 26%
it does not already own"): no holding of the buyer's, who will own all of it; its seller's, when
the clause names one ("from Boyd Gaming")."""
from __future__ import annotations

from spacy.tokens import Token

from claimtrack.extractors import roles
from claimtrack.extractors.claim_words import STAKE_NOUNS, TAKING
from claimtrack.extractors.frames import lemma
from claimtrack.extractors.references import Party, References

_BUYING = TAKING - {"merge"}
_OWNING = {"own", "hold", "control"}
_PERCENT = {"%", "percent", "cent"}


def rest_bought(figure: Token, noun: Token | None, refs: References) -> tuple[bool, Party | None]:
    """Whether a percentage is the rest of a company a buyer takes, and who sells it: "agreed to
    acquire the remaining 5% stake in X from Y" is Y's; "aims to acquire the remaining 26% interest
    it does not own" is nobody's named. Not where the sentence tells another's part beside it ("Z
    holds 70 percent, while W acquired the remaining 30 percent": the rest of Z's, W's now)."""
    held = noun if noun is not None and lemma(noun) in STAKE_NOUNS else figure
    if not (_told_remaining(figure) or _told_remaining(held) or _not_owned(held)):
        return False, None
    verb = next((a for a in held.ancestors if a.pos_ == "VERB"), None)
    if verb is None or lemma(verb) not in _BUYING:
        return False, None
    others = [t for t in figure.sent if t.lower_ in _PERCENT and not figure.i - 2 <= t.i <= figure.i + 2]
    if others:
        return False, None
    # ("from" where the parse hangs it: on the verb, the stake, or the company the stake is in)
    # (a seller only described keeps the buyer's reading: "buy the remaining 30% of X from its founders")
    source = next((t for t in verb.subtree if t.dep_ == "prep" and t.lower_ == "from" and t.i > held.i), None)
    seller = roles.prep_party(source.head, ("from",), refs) if source is not None else None
    if source is not None and (seller is None or seller.kind == "description" or
                               any(g.dep_ == "pobj" and g.pos_ != "PROPN" for g in source.children)):
        return False, None
    return True, seller


def _told_remaining(t: Token) -> bool:
    """"the remaining 26%", "the rest of"."""
    return any(c.lower_ in ("remaining", "outstanding") and c.dep_ in ("amod", "advmod", "compound") for c in t.children)


def _not_owned(held: Token) -> bool:
    """"the 26% interest in Oaktree that it does not already own"."""
    return any(c.dep_ == "relcl" and lemma(c) in _OWNING and any(g.dep_ == "neg" for g in c.children) for c in held.children)
