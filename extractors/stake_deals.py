"""A deal whose own clause buys a stake: "has reached an agreement to purchase a 40% stake in
Fiberpass ... for 500 million euros", where the parse hangs the price on the agreement. The price
is the buyer's investment in the company (the price of a takeover when the stake gives control),
whatever kind of deal the text spoke of before."""
from __future__ import annotations

from spacy.tokens import Token

from claimtrack.extractors.claim_words import STAKE_NOUNS, TAKING
from claimtrack.extractors.frames import lemma
from claimtrack.extractors.takeover_parties import controls

_BUYING = TAKING - {"merge"}


def deal_for_stake(noun: Token | None) -> str | None:
    """The metric of a "$X deal" whose infinitive clause buys a stake ("an agreement to buy a
    15.1% stake in Challenger for around $550 million"): investment, or acquisition_price for
    control or for the remaining part; None for any other deal."""
    if noun is None:
        return None
    for clause in noun.children:
        if clause.dep_ not in ("acl", "relcl") or lemma(clause) not in _BUYING:
            continue
        stake = next((c for c in clause.children if c.dep_ == "dobj" and lemma(c) in STAKE_NOUNS - {"equity", "share"}), None)
        if stake is not None:
            # ("a $3 billion deal to purchase the remaining 26% interest in Oaktree": all of it, with what it holds)
            whole = controls(stake, at_least=50) or any(c.lower_ in ("remaining", "rest") for c in stake.children)
            return "acquisition_price" if whole else "investment"
    return None
