"""A company-sized claim type given a price-sized amount: "raised $1.5 billion in its IPO,
pricing shares at $40", "priced its IPO at $45" give no $40 or $45 valuation. The amount is
the share price when the sentence speaks of shares or of a listing, else no claim."""
from __future__ import annotations

from typing import TYPE_CHECKING

from claimtrack.extractors.choice import Choice
from claimtrack.extractors.claim_words import LISTING_NOUNS, SCALED, SHARE_NOUNS
from claimtrack.extractors.figures import Figure
from claimtrack.extractors.frames import Frame, lemma

if TYPE_CHECKING:
    from claimtrack.extractors.lexicon import Lexicon

COMPANY_SIZED = {"valuation", "market_cap", "funding_round", "acquisition_price", "revenue", "profit", "buyback",
                 "debt_issue", "investment", "stake_value", "purchase_commitment"}


def price_sized(lexicon: Lexicon, found: list[Choice], frame: Frame, fig: Figure) -> list[Choice]:
    """`found` with a company-sized type of a price-sized amount made the share price, or dropped."""
    if fig.kind != "money" or SCALED.search(fig.text) or abs(fig.value) >= 10_000 or \
            not any(c.type.metric in COMPANY_SIZED for c in found):
        return found
    if any((lemma(t) in SHARE_NOUNS | LISTING_NOUNS) and not (t.head.lower_ == "per" and t.dep_ == "pobj")
           for t in frame.figure.sent):
        # (a listing is of shares; not "earnings per share came in at $1.57": so much for each share, no share's price)
        return lexicon._choice("share_price", fig, frame, None, frame.anchor if frame.how in ("object", "prep") else frame.verb)
    return [c for c in found if c.type.metric not in COMPANY_SIZED]
