"""How far a valuation word reaches: "equity valuations appear stretched, particularly for AI
companies" holds two views, one of the market in general and one of the part it singles out,
where the nearest context word alone would name only the part.
"""
from __future__ import annotations

import re

from claimtrack.extractors.config import ExtractorConfig

# words that single out a part of what was named before them
_SINGLING = re.compile(r"\b(?:particularly|especially|notably|in particular|above all|most of all|chiefly|mainly|led by)\b", re.IGNORECASE)
# the market in general, named as what is valued
_GENERAL = re.compile(r"\b(?:equit(?:y|ies)|stock[- ]?markets?|stock prices|share prices|stocks|asset prices|(?:financial )?markets)\b",
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


# the market in general as the subject of a valuation word: "equity valuations look", "stock prices are"
_GENERAL_SUBJECT = re.compile(r"\b(?:equity(?: market)?|stock[- ]market|share|stock|asset)\s+(?:valuations|prices)\s+(?:\w+\s+){0,2}[“\"‘']?$", re.IGNORECASE)
# where the clause of the valuation word ends before a later context word
_CLAUSE_END = re.compile(r",|;|\s(?:and|but|if|as|while|should|leaving)\s", re.IGNORECASE)


def market_subject(sentence: str, start: int, end: int, topic: str, config: ExtractorConfig) -> bool:
    """Whether a valuation word read as `topic` by a context word in a later clause is said of
    the market in general, its subject ("equity valuations look stretched and investors could
    lose heavily if optimism about AI turns out unfounded": the market's froth, AI's only a condition)."""
    context = next((t.context for t in config.risk_topics if t.topic == topic), ())
    if not context or not _GENERAL_SUBJECT.search(sentence, 0, start):
        return False
    subject_at = _GENERAL_SUBJECT.search(sentence, 0, start).start()
    if any(p.search(sentence, max(0, subject_at - 30), start) for p in context):
        return False        # "AI-linked equity valuations look stretched"
    later = [m.start() for p in context for m in p.finditer(sentence, end)]
    return bool(later) and bool(_CLAUSE_END.search(sentence, end, min(later)))


# a bubble named by what fuels it: "a debt-fuelled bubble", "a credit-driven boom"
_FUELLED = re.compile(r"\b[\w]+[- ](?:fuel(?:l)?ed|driven|financed|funded)\s+(?:\w+\s+)?$", re.IGNORECASE)


def fuelled(sentence: str, start: int) -> bool:
    """Whether a valuation word is named by what fuels it ("a debt-fuelled bubble"): the fuel's
    topic, and the topic of what the bubble is in, are two views."""
    return bool(_FUELLED.search(sentence, max(0, start - 40), start))
