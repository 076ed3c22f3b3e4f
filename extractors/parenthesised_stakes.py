"""A figure in parentheses or after a colon right after a party: "stakes held by Qatar Holding
(12.3%) and PIF (10.2%)", "the stakes stand as follows: Delta: 12.7%", a list going on after a
claim of a type it fits ("Other investors include La Caisse (20%), Centrica (15%)")."""
from __future__ import annotations

from claimtrack.extractors.claim_context import Context
from claimtrack.extractors.claim_words import STAKE_NOUNS
from claimtrack.extractors.config import ClaimType
from claimtrack.extractors.figures import Figure
from claimtrack.extractors.frames import Frame, lemma
from claimtrack.extractors.lexicon import Lexicon
from claimtrack.extractors.market_shares import market_share_noun

_HOLDING_WORDS = {"hold", "own", "shareholder", "stakeholder", "owner", "investor", "shareholding"}
_LISTED_LEVELS = {"stake_pct", "market_cap", "valuation", "market_share", "investment", "revenue"}  # a list goes on: "EDF (12.5%)"


def held_in_parentheses(frame: Frame, fig: Figure, lexicon: Lexicon, ctx: Context) -> ClaimType | None:
    """"stakes held by Qatar Holding (12.3%) and PIF (10.2%)", "the stakes stand as follows: Delta:
    12.7%": a figure in parentheses or after a colon right after a party, in a sentence about
    holdings, is that party's stake; in a list after a claim of a type it fits ("Other investors
    include La Caisse (20%), Centrica (15%)" after the government's 44.9% stake), one of that type."""
    doc, span = frame.figure.doc, frame.figure
    if span.start == 0 or doc[span.start - 1].text not in ("(", ":") or frame.anchor.i != span.start - 2:
        return None
    if fig.kind == "percent" and (held := [t for t in span.sent if lemma(t) in STAKE_NOUNS | _HOLDING_WORDS]):
        return lexicon.metric("market_share" if all(market_share_noun(t) for t in held) else "stake_pct", fig)   # "in terms of market share"
    return lexicon.metric(ctx.metric, fig) if ctx.metric in _LISTED_LEVELS else None
