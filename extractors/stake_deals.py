"""A deal whose own clause buys a stake: "has reached an agreement to purchase a 40% stake in
Fiberpass ... for 500 million euros", where the parse hangs the price on the agreement. The price
is the buyer's investment in the company (the price of a takeover when the stake gives control),
whatever kind of deal the text spoke of before."""
from __future__ import annotations

from spacy.tokens import Token

from claimtrack.extractors.claim_words import STAKE_NOUNS, TAKING
from claimtrack.extractors.frames import lemma
from claimtrack.extractors.misparsed import clause_after
from claimtrack.extractors.takeover_parties import controls

_BUYING = TAKING - {"merge"}


def deal_for_stake(noun: Token | None) -> str | None:
    """The metric of a "$X deal" whose infinitive clause buys a stake ("an agreement to buy a
    15.1% stake in Challenger for around $550 million", "a bid to buy a 25% share in the club
    for about £1.3bn"): investment, or acquisition_price for control or for the remaining part;
    None for any other deal."""
    if noun is None:
        return None
    after = clause_after(noun)      # ("completed a $1.6bn deal to buy a 27.7% stake": "buy" hung on "completed")
    for clause in (*noun.children, *([after] if after is not None else [])):
        if clause.dep_ not in ("acl", "relcl") and clause is not after or lemma(clause) not in _BUYING:
            continue
        stake = next((c for c in clause.children if c.dep_ == "dobj" and stake_noun(c)), None)
        if stake is not None:
            # ("a $3 billion deal to purchase the remaining 26% interest in Oaktree": all of it, with what it holds)
            whole = controls(stake, at_least=50) or any(c.lower_ in ("remaining", "rest") for c in stake.children)
            return "acquisition_price" if whole else "investment"
    return None


def stake_noun(noun: Token) -> bool:
    """A noun of a part of a company bought: "stake", "interest", "holding", and "share" with its
    percentage ("a 25% share in the club"), not shares counted or "equity" at large."""
    return lemma(noun) in STAKE_NOUNS - {"equity", "share"} or \
        lemma(noun) == "share" and any(t.text == "%" or t.lower_ in ("percent", "cent") for t in noun.subtree)
