"""A holding or a deal a sentence tells without a figure a claim type takes ("Berkshire bought
around 5 million shares of UnitedHealth last quarter", "took a 433 million-share stake in Intel",
"Roark has acquired a majority stake in Wingstop"), so that "The stake was valued at $1.6
billion" or "The value of the deal is $1 billion" in the next sentence is that holder's stake,
or that buyer's purchase."""
from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from claimtrack.extractors import roles
from claimtrack.extractors.claim import Claim
from claimtrack.extractors.claim_context import Context
from claimtrack.extractors.claim_words import SHARE_NOUNS, STAKE_NOUNS, TAKING
from claimtrack.extractors.frames import lemma
from claimtrack.extractors.order_told import order_told
from claimtrack.extractors.references import Party, References
from claimtrack.extractors.stake_holders import stake_told
from claimtrack.extractors.takeover_parties import acquisition_told, controls

# verbs by which a holder comes to hold (or holds) shares of a company
_HOLDING_VERBS = {"buy", "acquire", "purchase", "take", "build", "amass", "accumulate", "own", "hold", "raise",
                  "increase", "lift", "boost", "disclose", "reveal"}
_HELD_NOUNS = (SHARE_NOUNS | STAKE_NOUNS | {"shares"}) - {"equity", "interest", "position", "piece"}


def holding_told(sent: Span, refs: References) -> tuple[Party, Party] | None:
    """(holder, company) of the shares or stake a sentence's verb of buying or holding takes:
    "X bought 5 million shares of Y", "X has acquired 5 million shares in Y", "X bought 4
    million Y shares", "X raised its holding in Y"; else the holder and company of a stake noun
    (`stake_told`); None when the sentence tells none, or the company is not named."""
    for verb in sent:
        if verb.pos_ != "VERB" or lemma(verb) not in _HOLDING_VERBS or roles.is_passive(verb):
            continue
        held = next((c for c in verb.children if c.dep_ == "dobj" and lemma(c) in _HELD_NOUNS), None)
        if held is None:
            continue
        named = next((c for c in held.children if c.dep_ == "compound" and refs.mention_at(c) is not None), None)
        company = roles.prep_party(held, ("of", "in"), refs) or roles.prep_party(verb, ("in",), refs) or \
            (refs.party(named) if named is not None else None)      # "bought 4 million Halden shares"
        holder = roles.agent(verb, refs)
        if company is None or holder is None or holder.name == company.name or \
                company.kind not in ("company", "org"):
            continue
        return holder, company
    return stake_told(sent, refs)       # "the administration took a 433 million-share stake in Intel"


_BUYING = TAKING - {"merge"}
DEALS = {"funding_round", "acquisition_price", "investment", "debt_issue"}
_HOLDINGS = {"stake_pct", "stake_value", "investment"}     # the claims a holding is told by


def stake_bought(sent: Span, refs: References) -> tuple[str, Party, Party] | None:
    """(the deal's metric, buyer, company) of a stake a sentence tells bought without its price:
    "has acquired a majority stake in Wingstop" is a takeover (acquisition_price), "took a 20%
    stake" an investment."""
    for verb in sent:
        if verb.pos_ != "VERB" or lemma(verb) not in _BUYING or roles.is_passive(verb):
            continue
        stake = next((c for c in verb.children if c.dep_ == "dobj" and lemma(c) in STAKE_NOUNS - {"share", "equity"}), None)
        company = roles.prep_party(stake, ("in", "of"), refs) if stake is not None else None
        buyer = roles.agent(verb, refs) if company is not None else None
        if company is not None and buyer is not None and buyer.name != company.name:
            return ("acquisition_price" if controls(stake, at_least=50) else "investment"), buyer, company
    return None


def remember_told(ctx: Context, sent: Span, refs: References, new: Sequence[Claim]) -> None:
    """What "the deal" and "the stake" of the next sentences are, from a sentence that tells a
    takeover, a stake bought or a holding without the figure a claim would take."""
    priced = any(c.metric in DEALS for c in new)
    told = acquisition_told(sent, refs) if not priced else None
    bought = stake_bought(sent, refs) if told is None and not priced else None
    if told is not None:        # a takeover told without its price: "the deal" after it is this one
        ctx.by_family["deal"] = (told[0].name if told[0] else None, told[1].name)
        ctx.family_metric["deal"] = "acquisition_price"
    elif bought is not None:    # "has acquired a majority stake in X. The value of the deal is $1 billion"
        ctx.by_family["deal"] = (bought[1].name, bought[2].name)
        ctx.family_metric["deal"] = bought[0]
    elif not priced and not any(c.metric == "purchase_commitment" for c in new) and \
            (ordered := order_told(sent, refs)) is not None:     # "placed an order for 25 jets. The deal would be worth"
        ctx.by_family["deal"] = (ordered[0].name, ordered[1].name if ordered[1] else None)
        ctx.family_metric["deal"] = "purchase_commitment"
    held = holding_told(sent, refs) if not any(c.metric in _HOLDINGS for c in new) else None
    if held is not None:        # shares bought, a stake taken, with no stake figure: "The stake" after it is this holder's
        ctx.by_family["stake"] = (held[0].name, held[1].name)
        ctx.family_metric["stake"] = "stake_pct"
