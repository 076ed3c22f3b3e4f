"""Whether a percentage read as a holding is a share of a market: "Samsung led with a 19.7%
share", "capturing a 26.9 percent share of the global market", "held 71% of the foundry market":
a share of no company, in a sentence about a market, is what its holder sells of that market,
not what it owns of a firm.

Called by the lexicon after the claim types are chosen: the types (built-in or a user's) stay
as configured, only the reading of "share" moves from one to the other.
"""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Span, Token

from claimtrack.extractors.choice import Choice
from claimtrack.extractors.config import ClaimType
from claimtrack.extractors.frames import CHANGE_VERBS, Frame, lemma
from claimtrack.extractors.market_ranks import ranked_with
from claimtrack.extractors.not_claims import share_of_something_else

# what a market share is counted over: "13.4% of all TV viewing", "63% of enterprise spending"
MARKET_WORDS = {"market", "viewing", "viewership", "usage", "watch-time", "spending", "shipment", "traffic",
                "sale", "segment", "industry"}
# "market" in these is a price of a company or a place shares trade, never a market one sells to
_NOT_A_MARKET = {"value", "cap", "capitalization", "capitalisation", "valuation", "price", "debut", "close", "rally",
                 "stock", "equity"}
# verbs of having a part of a market with no share noun: "Bing has ~4%", "controls 20%"
_HAVING = {"have", "hold", "control", "command", "capture"}


def _a_market(token: Token) -> bool:
    """A noun that names a market ("the global smartphone market", "TV viewing"), not "market
    value", "stock market" or "the market's close"; "viewing" the tagger made a verb ("view") as well."""
    if lemma(token) not in MARKET_WORDS and token.lower_ not in MARKET_WORDS or token.pos_ not in ("NOUN", "PROPN", "VERB"):
        return False
    if lemma(token) == "market" and (
            token.dep_ == "compound" and lemma(token.head) in _NOT_A_MARKET or
            any(lemma(c) in ("stock", "share", "equity", "capital", "bond", "public") for c in token.children if c.dep_ in ("compound", "amod"))):
        return False
    return True


def _of_what(word: Token) -> Token | None:
    prep = next((c for c in word.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None


def market_share(figure: Span, noun: Token | None, is_party: Callable[[Token], bool]) -> bool:
    """Whether a percentage the types read as a holding is a share of a market: of a market
    by its "of" ("a 24.2% share of the global market", "held 71% of the foundry market share"),
    or a bare "share" in a sentence about a market ("the leader on the market with 19.7% share")."""
    root = figure.root
    of = _of_what(noun) if noun is not None else None
    of = of if of is not None else _of_what(root)
    if of is None and root.dep_ == "conj" and root.head.lower_ in ("%", "percent"):
        of = _of_what(root.head)        # "control 20.2% and 14.3% of the market": the "of" of the list's first
    if of is not None:
        return not is_party(of) and (_a_market(of) or any(_a_market(c) for c in of.children if c.dep_ in ("compound", "amod", "nmod")))
    if noun is None or lemma(noun) != "share" or any(c.dep_ == "prep" and c.lower_ == "in" for c in noun.children):
        return False            # "owns 9.9%", "a 9.9% stake", "a 10% share in ESPN": holdings
    if any(lemma(c) == "market" for c in noun.children if c.dep_ in ("compound", "amod")):
        return True             # "a 20% market share" the parse split
    return any(_a_market(t) for t in figure.sent if t.i != root.i)


def market_share_told(figure: Span) -> bool:
    """Whether the text up to the figure's sentence speaks of market shares ("a 20% market
    share", "a share of the smartphone market"), or the figure is a part of a market ("8.8% of
    TV usage"); not when it is a part of something else ("12% of the votes")."""
    of = _of_what(figure.root)
    if of is not None:
        return _a_market(of)
    return any(market_share_noun(t) or t.lower_ in ("%", "percent") and (part := _of_what(t)) is not None and _a_market(part)
               for t in figure.doc[:figure.sent.end])      # (or a part of a market told: "13.4% of all TV viewing")


def market_share_noun(token: Token) -> bool:
    """Whether a noun is a share of a market ("market share", "a share of the smartphone
    market", "share points" a lead is measured in), not of a company."""
    return lemma(token) == "share" and token.pos_ == "NOUN" and (
        any(lemma(c) == "market" for c in token.children if c.dep_ in ("compound", "amod", "nmod")) or
        (of := _of_what(token)) is not None and _a_market(of) or
        token.dep_ == "compound" and lemma(token.head) == "point")      # "widened its lead by 4.0 share points"


def _had_bare(choice: Choice, figure: Span) -> bool:
    """"Bing has ~4%" just after "Google holds around 89.5% market share": a percentage had of
    nothing and in nothing, after a market share told with a percentage in its sentence or the
    one before, is the holder's share of that market (a stake names its company: "has 27% of
    OpenAI")."""
    verb = choice.verb
    if choice.noun is not None or verb is None or lemma(verb) not in _HAVING or _of_what(figure.root) is not None or \
            any(c.dep_ == "prep" and c.lower_ in ("in", "of") for t in (verb, figure.root) for c in t.children):
        return False
    sent = figure.sent
    before = figure.doc[sent.start - 1].sent if sent.start > 0 else sent
    told = figure.doc[before.start:sent.end]      # a market share told with a figure of its own
    return any(market_share_noun(t) for t in told) and any(t.lower_ in ("%", "percent") and t.i < figure.start for t in told)


def _part_taken(frame: Frame, is_party: Callable[[Token], bool]) -> bool:
    """"YouTube accounted for 13.4% of all TV viewing", "captured roughly 72% of the global
    foundry market": a part of a market a verb's doer takes (not one gained or lost: "lost 3%
    of the market" is a change) is its share of it; several doers together hold no one's share.""" 
    verb, of = frame.anchor, _of_what(frame.figure.root)
    if frame.how not in ("object", "prep") or verb is None or verb.pos_ not in ("VERB", "AUX") or of is None or \
            lemma(verb) in CHANGE_VERBS | {"lose", "gain", "add", "cede"} or lemma(of) in ("sale", "spending") or \
            any(c.dep_ == "poss" for c in of.children):
        return False        # (not "40% of group sales", "of its revenue": a company's own business)
    doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if doer is not None and doer.lower_ in ("which", "that") and verb.dep_ == "relcl":
        doer = verb.head            # "MSC and Maersk, which control ..."
    # a company takes it, alone (not "its market capitalization accounts for 8%", "Two-thirds of
    # the segment remain")
    return doer is not None and not frame.figure.start <= doer.i < frame.figure.end and is_party(doer) and \
        not any(c.dep_ == "conj" for c in doer.children) and market_share(frame.figure, None, is_party)


def read_shares(found: list[Choice], frame: Frame, is_party: Callable[[Token], bool],
                market: ClaimType | None) -> list[Choice]:
    """The choices of a percentage with its holdings read again: a share of a market becomes
    the market's type; a share of something that is no company ("95% of the voting power",
    "40% of its revenue") makes no claim. A percentage no type took that a ranked company comes
    with in a text about market shares ("Xiaomi came third with 14%") is its market share."""
    figure = frame.figure
    if not found and market is not None and (ranked_with(frame) and market_share_told(figure) or _part_taken(frame, is_party)):
        return [Choice(market, frame, None, frame.anchor)]
    out = []
    for c in found:
        if c.type.metric == "stake_pct" and market is not None and (market_share(figure, c.noun, is_party) or _had_bare(c, figure)):
            c = Choice(market, c.frame, c.noun, c.verb, c.subject)
        elif c.type.metric == "stake_pct" and share_of_something_else(figure.root, is_party):
            return []
        out.append(c)
    return out

