"""The one company a text names: the owner of a company's own measure the sentence leaves
without one ("Shareholders will get 1,110 pence per share" in a text on Hargreaves Lansdown alone)."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from claimtrack.extractors.descriptions import is_backer, named_as_backer
from claimtrack.extractors.governments import is_venue
from claimtrack.extractors.mention import Mention
from claimtrack.extractors.references import References

# a market shares trade on, wherever the parse hangs it ("the last sale price of $9.38 per share on
# the Nasdaq Capital Market")
_MARKETS = re.compile(r"\b(?:Nasdaq|NYSE|Exchange|Market|Bourse)\b")
# what a company has of its own, told of it with no name in the sentence: its share price, market
# value, sales and raisings (a stake's worth and money put into another are two parties'; a
# valuation is often of a company the text leaves unnamed, a profit of a unit of it)
SOLE_METRICS = {"market_cap", "funding_round", "revenue", "buyback", "debt_issue", "share_price"}


def sole_company(refs: References, sent: Span, frame: list[Token], metric: str, taken: set[str]) -> str | None:
    """The name of the one company or organisation the whole text names, else None (a name
    that begins another, "Nippon" beside "Nippon Steel", is that one). Named by the end of the
    figure's sentence, save for a price per share: a sum told before any name is often of a
    company the model did not find ("Grand Games ... announced $30 million", read as an event).
    Not a backer, and not one the sentence already gave a figure of the type (`taken`): "Marlow
    sold $12 billion of bonds, with investors placing orders for $40 billion" is one borrowing."""
    names = {m.name for m in refs.mentions if m.kind in ("company", "org") and id(m) not in refs.sources
             and not _venue(refs, m) and not _MARKETS.search(m.name) and not _backer(refs, m)}
    longest = {n for n in names if not any(o != n and o.startswith(n + " ") for o in names)}
    if len(longest) != 1:
        return None
    sole = next(iter(longest))
    if sole in taken:
        return None
    if metric != "share_price" and not any(m.start < sent.end_char for m in refs.mentions if m.name in names):
        return None
    # a doer of the figure's verb or an owner of its noun the parse did not take as the owner,
    # "Nuveen will pay 612p a share", "based on Thoma Bravo's offer"
    doers = [c for t in frame for c in t.children if c.dep_ in ("nsubj", "poss")]
    # "Goldman Sachs, which has pledged a $6 billion debt package": the noun a "which" clause hangs on does it
    doers += [t.head for t in frame if t.dep_ == "relcl"]
    return None if any((m := refs.mention_at(t)) is not None and m.name in names for t in doers) else sole


def _backer(refs: References, m: Mention) -> bool:
    """Whether a mention leads, backs or lends ("$7.5 billion in debt led by Blackstone",
    "Lenders led by JPMorgan"): never the company that raises."""
    span = refs.doc.char_span(m.start, m.end, alignment_mode="expand")
    return is_backer(span) or named_as_backer(span)


def _venue(refs: References, m: Mention) -> bool:
    """Whether a mention is a place shares trade ("on the Nasdaq Capital Market"), no owner."""
    span = refs.doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and is_venue(span)
