"""A level "it" reaches, where "it" is the amount the claim before told ("Halden was valued at
$150 billion in June. In December, it jumped to $350 billion"; "announced a $350 million Series A,
later increasing it to $415 million"): the new level is one of the same type, of the same party."""
from __future__ import annotations

from spacy.tokens import Token

from claimtrack.extractors.claim_context import Context
from claimtrack.extractors.claim_words import SCALED
from claimtrack.extractors.config import ClaimType
from claimtrack.extractors.figures import Figure
from claimtrack.extractors.frames import Frame
from claimtrack.extractors.lexicon import Lexicon

# amounts a company's "it" may stand for and rise or fall to
_LEVELS = {"valuation", "market_cap", "funding_round", "revenue", "buyback"}


def level_of_it(frame: Frame, fig: Figure, lexicon: Lexicon, ctx: Context) -> tuple[ClaimType, Token] | None:
    """The type of the claim before, and the "it" that stands for its amount, when `fig` is the
    level "it" rose or fell to, or was raised to; None otherwise."""
    verb = frame.anchor
    if frame.how != "level" or frame.prep != "to" or verb is None or fig.kind != "money" or not SCALED.search(fig.text) \
            or ctx.metric not in _LEVELS:
        return None
    it = next((c for c in verb.children if c.dep_ in ("nsubj", "dobj") and c.lower_ == "it"), None)
    if it is None or it.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in verb.children):
        return None         # ("it raised its stake to $2 billion": what grew is named)
    ct = lexicon.metric(ctx.metric, fig)
    return (ct, it) if ct is not None else None
