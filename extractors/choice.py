"""A claim type chosen for a figure (Choice) and whether a figure is of the kind a type takes
(fits): what the lexicon (lexicon.py) hands to claim assembly (frame_claims.py, claims.py)."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from claimtrack.extractors.claim_words import SCALED
from claimtrack.extractors.config import ClaimType
from claimtrack.extractors.figures import Figure
from claimtrack.extractors.frames import Frame


def fits(ct: ClaimType, fig: Figure) -> bool:
    """Whether a figure is of the kind a claim type takes."""
    if ct.unit == "currency":
        return fig.kind == "money"
    if ct.unit == "price":        # a price per share; a bare amount only when it is price-sized ("opened at $69")
        return fig.kind == "price" and fig.per in ("share", "each") or \
            fig.kind == "money" and abs(fig.value) < 100_000 and not SCALED.search(fig.text)
    if ct.unit == "percent":
        return fig.kind == "percent" and fig.unit == "percent"
    if ct.unit == "count":        # "delivered 497,099 vehicles": a type a user made of an open metric
        return fig.kind == "count"
    return fig.kind == "year"


@dataclass(frozen=True)
class Choice:
    """A claim type for a figure, and the tokens its parties are read from. `subject` names
    the token of the subject when the rule that chose the type already knows it ("funding
    *from Amazon*")."""
    type: ClaimType
    frame: Frame
    noun: Token | None = None      # the noun the figure sizes, when there is one
    verb: Token | None = None      # the verb whose agent or patient is the subject
    subject: Token | None = None
    fallback: str | None = None    # for an unnamed deal: its kind when the text named none before
