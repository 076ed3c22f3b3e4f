"""How far a valuation word reaches: "equity valuations appear stretched, particularly for AI
companies" holds two views, one of the market in general and one of the part it singles out,
where the nearest context word alone would name only the part.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Span, Token

from claimtrack.extractors.config import ExtractorConfig

# words that single out a part of what was named before them
_SINGLING = re.compile(r"\b(?:particularly|especially|notably|in particular|above all|most of all|chiefly|mainly|led by)\b", re.IGNORECASE)
# the market in general, named as what is valued
_GENERAL = re.compile(r"\b(?:equit(?:y|ies)|stock[- ]?markets?|stock prices|share prices|stocks|asset (?:prices|valuations)|risk(?:y)? assets?|(?:financial )?markets)\b",
                      re.IGNORECASE)


def market_besides(sentence: str, start: int, end: int, topic: str, config: ExtractorConfig) -> bool:
    """Whether a valuation word at `start`..`end` (read as `topic` by a context word) is said of
    the market in general too, the topic's part singled out after it ("stock prices, especially
    in AI-focused sectors, appear overvalued")."""
    context = next((t.context for t in config.risk_topics if t.topic == topic), ())
    if not context or topic == config.valuation_fallback:
        return False
    for single in _SINGLING.finditer(sentence):
        if abs(single.start() - start) > 80 and abs(single.start() - end) > 80:
            continue
        part = sentence[single.end():single.end() + 70]
        general = sentence[max(0, single.start() - 80):single.start()]
        if any(p.search(part) for p in context) and _GENERAL.search(general) and not any(p.search(general) for p in context):
            return True
    return False


# the market in general as the subject of a valuation word: "equity valuations look", "stock prices are", "the broad market is"
_GENERAL_SUBJECT = re.compile(r"(?:\b(?:equity(?: market)?|stock[- ]market|share|stock|asset)\s+(?:valuations|prices)|\b(?:broad|broader|overall|whole|entire|wider)\s+"
                              r"(?:stock\s+|equity\s+)?market)\s+(?:\w+\s+){0,2}[“\"‘']?$", re.IGNORECASE)
# the market named inside a valuation word's own phrase ("soaring stock valuations")
_OWN_MARKET = re.compile(r"\b(?:equit(?:y|ies)|stocks?|shares?|assets?|(?:stock|equity) markets?)\b", re.IGNORECASE)
# where the clause of the valuation word ends before a later context word
_CLAUSE_END = re.compile(r",|;|\s(?:and|but|if|as|while|should|leaving)\s", re.IGNORECASE)


def market_subject(sentence: str, start: int, end: int, topic: str, config: ExtractorConfig) -> bool:
    """Whether a valuation word read as `topic` by a context word in a later clause is said of
    the market in general, its subject or its own word ("equity valuations look stretched and investors could
    lose heavily if optimism about AI turns out unfounded": the market's froth, AI's only a condition)."""
    context = next((t.context for t in config.risk_topics if t.topic == topic), ())
    own = _OWN_MARKET.search(sentence, start, end)     # "soaring stock valuations, driven by a few AI firms": the word names its market
    if not context or not (own or _GENERAL_SUBJECT.search(sentence, 0, start)):
        return False
    subject_at = own.start() if own else _GENERAL_SUBJECT.search(sentence, 0, start).start()
    if any(p.search(sentence, max(0, subject_at - 30), end if own else start) for p in context):
        return False        # "AI-linked equity valuations look stretched"
    later = [m.start() for p in context for m in p.finditer(sentence, end)]
    return bool(later) and bool(_CLAUSE_END.search(sentence, end, min(later)))


# a bubble named by what fuels it: "a debt-fuelled bubble", "a credit-driven boom"
_FUELLED = re.compile(r"\b[\w]+[- ](?:fuel(?:l)?ed|driven|financed|funded)\s+(?:\w+\s+)?$", re.IGNORECASE)


def fuelled(sentence: str, start: int) -> bool:
    """Whether a valuation word is named by what fuels it ("a debt-fuelled bubble"): the fuel's
    topic, and the topic of what the bubble is in, are two views."""
    return bool(_FUELLED.search(sentence, max(0, start - 40), start))


# a clause set against another by its mark: "..., while others see bitcoin crashing"
_CONTRASTING = {"while", "whereas", "though", "although"}


def _opens_clause(t: Token, own_subject: bool) -> bool:
    """Whether `t` heads a clause of its own joined to its head's: a verb joined by "and"/"but"
    (with a subject of its own when `own_subject`), or one set against it by "while"."""
    if t.pos_ not in ("VERB", "AUX") or t.head.i == t.i or t.head.pos_ not in ("VERB", "AUX"):
        return False
    if t.dep_ == "conj":
        return not own_subject or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children)
    return t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONTRASTING for c in t.children)


def clause_apart(sent: Span, offset: int) -> Callable[[int, int], bool]:
    """A test of whether a context word (at sentence character `context`) stands in another
    clause than a valuation or fall word (at `word`) that it would otherwise name the topic of:
    "stocks look expensive and credit spreads are too tight" (the froth is the stocks', not
    credit's), "he warned of a correction and said bitcoin was a fraud". A context word in the
    clause the word's own hangs from is its ("AI stocks surged and now look stretched").
    `offset` is where the sentence's text starts in the document."""
    start = offset

    def token_at(at: int) -> Token | None:
        return next((t for t in sent if t.idx <= start + at < t.idx + len(t)), None)

    def apart(word: int, context: int) -> bool:
        w, c = token_at(word), token_at(context)
        if w is None or c is None or w.i == c.i or not sent.doc.has_annotation("DEP"):
            return False
        above_c = {t.i for t in c.ancestors}
        lowest = next((t for t in (w, *w.ancestors) if t.i in above_c or t.i == c.i), None)
        if lowest is None:
            return False

        def crossed(t: Token, own_subject: bool) -> bool:
            while t.i != lowest.i and t.head.i != t.i:
                if _opens_clause(t, own_subject):
                    return True
                t = t.head
            return False
        return (crossed(c, False) or crossed(w, True)) and _names_market(w)
    return apart


# what a clause may name as the market it speaks of: "stocks look expensive", "a stock market correction"
_MARKET_WORDS = re.compile(r"^(?:stocks?|equit(?:y|ies)|shares|S&P|Nasdaq|Dow|index|indexes|indices|gold|treasur(?:y|ies))$", re.IGNORECASE)


def _names_market(w: Token) -> bool:
    """Whether the clause of `w` names the market it speaks of ("stocks look expensive"); one that
    does not ("the market was due for a correction, and house prices ...") may be named by the next."""
    head = next((t for t in (w, *w.ancestors) if t.pos_ in ("VERB", "AUX")), None)
    if head is None:
        return False
    inside = [t for t in head.subtree if not any(_opens_clause(a, True) for a in (t, *t.ancestors) if a.i != head.i and head.is_ancestor(a))]
    return any(_MARKET_WORDS.match(t.text) for t in inside)
