"""The version of each component of claimtrack's spaCy pipeline, kept once. Every stored claim
carries them (in its extractor version) and each names its component's spaCy factory
(extractors/pipeline.py). A new behaviour is a new version. Importing this module loads no
spaCy, so a command can tell whether any article awaits this extractor without loading it.
"""
from __future__ import annotations

from pathlib import Path

LINE_BREAKS_VERSION = "line_breaks.v2"  # v2: a wire dateline ("NEW YORK (Reuters) -", "(Bloomberg) --") ends a sentence of its own
FIGURES_VERSION = "figures.v15"  # v15: a code written onto the sign ("CAD$7-billion"); v14: "40 pounds per share" money, a level moved from ("reducing its 15% stake to 7.3%") an earlier value; v13: "20 pct"; v12: "rupees", "kroner" by the country named; "56%-57%", "25 percent to 27 percent" one span, "151.00p" where a share price is told; v11: an ISO code set against its number ("USD3 billion"); v10: "multi-billion" no amount
MENTIONS_VERSION = "mentions.v16"  # v16: "888 Holdings plc." one name; coins (Bitcoin, Ether, Solana) no parties; "Deliveroo Shareholders" no person, "per Deliveroo Share" Deliveroo, "the Acquisition" no name; "[SINGAPORE]", "UPDATE" a dateline, "Jun" no name; "NVEI CN" a ticker, "KKR KKR.N" named without its wire code; a "nationality" that is no English word and no place a name ("the Celtics"); a common word opening a sentence before "shares" the name the text writes again ("Cadence shares"); v15: a place or thing with a legal form after it a company ("Mars, Incorporated"), "(Bloomberg) --" a dateline; v14: a hyphened given name read whole ("Heo Jae-hwan"), an institution cut at "for", "Dick's" + "Sporting Goods", "TikTok owner ByteDance", a date that owns ("Workday's"), currency codes no names; v13: "Mars" read as a place that buys, "Etched, a ... startup", a surname saying "his", "Stonepeak for" cut; v12: "YoY", "e-", "tranche" no names; "Meituan" read as a place is a firm
CLAIMS_VERSION = "claims.v17"     # v17: a market value, market share or buyback the one company its sentence names; what a deal values its target ("a bid for X that would value the chain", "a deal valuing the firm"); a deal valued at or having a value its price, a controlling stake bought a takeover; a price per share the parse hangs on nothing a share price (unless its sentence speaks of dividends, earnings or money returned); "sell its 65% stake to X" the seller's holding, "65 per cent" a controlling stake; the sale of a business to a named buyer the buyer's purchase; v16: a reporting period named once dates the revenue, profit and market share after it; orders for goods commitments; a stake sold: its proceeds its worth, a part sold nobody's; offerings of notes debt, net proceeds and target prices no claim; a buyer funding its deal borrows; conversion and cap prices no share price; a takeover's share price the target's, its total consideration its price; own shares bought back no stake; v15: market shares apart from holdings, stakes handed on ("transferred to"), stakes sold to a named buyer, money for control a takeover's price, a business sold for an enterprise value, sale proceeds no round, EBITDA no profit, "the former"/"the latter", media and audiences of saying no parties; v14: amounts listed after a typed one, gapped clauses, "HK$" split from its number, enterprise values paid, firms and businesses bought, holders raised to owning, stakes bought "from", conversion and face values; v13: a figure hung on its conversion, a sale's valuation the thing sold's, a bid's target told before, a share sold its buyer's; v12: totals of a payment or an act, bids by their target; v11: misparsed figures
RISK_VERSION = "risk.v12"         # v12: a slump sale and a refinancing "leverage neutral" no warning; v11: a deal's and a balance sheet's own words no credit warning ("credit profile", "assets and liabilities", "net leverage", "a non-bank lender"); v10: "overbought", a rally that unravels, an economic winter, an economy under pressure, concerns rejected; v9: borrowing costs and bond yields no credit risk, "refuting", "no such thing as", growth that decelerates; v8: forecasts of a fall, fragility by its context, "nothing to fear"; v7: officials' wording


def full_version(base: str, fingerprint: str) -> str:
    """The version stored on every claim: the components', the base model's and the config files'."""
    return "+".join([CLAIMS_VERSION, FIGURES_VERSION, MENTIONS_VERSION, RISK_VERSION, base, f"cfg-{fingerprint}"])


def extractor_version(model: str = "auto", entities: Path | None = None, claims: Path | None = None,
                      risk: Path | None = None) -> str | None:
    """The version `build_extractor` would give, without loading spaCy or the model: a command
    with nothing pending can then finish at once. None when the model's label cannot be read so."""
    from claimtrack.extractors.config import load_extractor_config
    from claimtrack.extractors.model import base_label
    base = base_label(model)
    if base is None:
        return None
    return full_version(base, load_extractor_config(entities, claims, risk).fingerprint)
