"""Where a sentence names a risk topic: outright ("housing bubble"), or through a valuation, fall
or danger word ("stretched valuations", "a sharp correction", "a ticking time bomb") read as the
topic whose context word stands nearest, within the clause that names it."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from claimtrack.extractors.config import ExtractorConfig
from claimtrack.extractors.risk_scope import fuelled, market_besides, market_subject

# words that make a fall one of the market in general, whatever the sentence before was about
# ("the stock", one company's, is no market: "Asked whether the stock was in a bubble" after "sold his Nvidia stake")
_MARKETS = re.compile(r"\b(?:equit|stocks\b|stock[- ]?markets?\b|stock prices\b|price levels?\b|shares\b|assets?\b|asset prices|markets?\b|S&P|Nasdaq|Dow\b|index)", re.IGNORECASE)
_SYSTEM = re.compile(r"\bfinancial[- ](?:system|sector|stability)\b", re.IGNORECASE)
_OF_NAME = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][a-z]")
# a fall named by when it was: "the tech crash of the late 1990s", "the crash of 1987" (a past event, not a view)
_OF_TIME = re.compile(r"\s+of\s+(?:the\s+)?(?:late\s+|early\s+|mid-?)?(?:19|20)\d\d(?:s|\b)")
_THE_BEFORE = re.compile(r"\bthe\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# a fall of a forecast from the one before ("a sharp decline from their previous projection of 1.7%"): a revision, no market's fall
_FROM_FORECAST = re.compile(r"\s+from\s+(?:the|their|its|his|her|our|a|an)\s+(?:(?:previous|prior|earlier|last|initial|original|own)\s+)?"
                            r"(?:projections?|forecasts?|estimates?|outlooks?|guidance|predictions?)\b", re.IGNORECASE)
# what a company reports falling: its profits, sales, deliveries ("a 25% drop in first-quarter profits", "a profit downturn")
_MEASURES = r"(?:profits?|earnings|revenues?|sales|income|margins?|output|demand|deliveries|orders|bookings|volumes?|shipments|" \
            r"subscribers|users|traffic|production|deposits|headcount)"
# (the words between stay in the phrase: "a 20% drawdown in the Nasdaq if earnings disappoint" is the market's)
_MEASURE_AFTER = re.compile(rf"\s+(?:in|of)\s+(?:(?!(?:if|when|as|after|because|while|and|but|unless|on)\b)[\w’'-]+\s+){{0,3}}?{_MEASURES}\b",
                            re.IGNORECASE)
_MEASURE_BEFORE = re.compile(rf"\b{_MEASURES}\s+$", re.IGNORECASE)


_PRICES_END = re.compile(r"\b(?:prices?|values?)$", re.IGNORECASE)
_RISING = re.compile(r"\s+(?:(?:to|will|would|could|may|might|should|have|has|had|are|is|were|was|keep|continue|continued|kept|to keep)\s+){0,3}"
                     r"(?:rise|rises|rising|rose|risen|climb\w*|increas\w*|gain\w*|grow\w*|recover\w*|rebound\w*|stabili[sz]\w*|edg\w+ (?:up|higher))\b",
                     re.IGNORECASE)
_OVERDONE = re.compile(r"overdone|overshoot\w*", re.IGNORECASE)
_COMPLACENT = re.compile(r"complacen\w*|sanguine", re.IGNORECASE)
_ABOUT = re.compile(r"\s+(?:about|over|on|towards?|regarding|of)\b", re.IGNORECASE)
# a past year's crisis a view is measured by ("more devastating than the 2008 subprime mortgage
# crisis", "the worst since the 2000 dot-com crash"): a yardstick, not the risk the view is of
_YARDSTICK = re.compile(r"\b(?:than|since)\s+(?:during\s+|in\s+)?(?:the\s+|that\s+of\s+(?:the\s+)?)?(?:19|20)\d\d\b[^,.;:]{0,40}$", re.IGNORECASE)


def _yardstick(sentence: str, at: int) -> bool:
    """Whether the word at `at` names the past crisis a view is compared with."""
    return bool(_YARDSTICK.search(sentence, max(0, at - 60), at))


@dataclass(frozen=True)
class RiskFinding:
    topic: str
    at: int                # where the topic is named (document offset)
    end: int
    fallback: bool = False      # a valuation word with no context word: the market's, for want of another


def find_risks(sentence: str, offset: int, config: ExtractorConfig, before: str = "",
               apart: Callable[[int, int], bool] | None = None) -> list[RiskFinding]:
    """Every place the sentence names a topic: outright ("housing bubble"), or through a
    valuation word read by its context. Several speakers may warn of one topic in a sentence.
    A fall with no context word in its sentence takes one from the sentence `before` ("House
    prices have soared. Banks expect prices to correct next year"). `apart` tells a context word
    in another clause than the word it would name (risk_scope.clause_apart), which does not."""
    if config.risk_words is None or not config.risk_words.search(sentence):
        return []
    may = config.risk_words.possible(sentence)         # the patterns whose words the sentence holds
    found: list[RiskFinding] = []
    for topic in config.risk_topics:
        for p in topic.patterns:
            for m in (p.finditer(sentence) if p in may else ()):
                if not _yardstick(sentence, m.start()):
                    found.append(RiskFinding(topic.topic, offset + m.start(), offset + m.end()))
    # a topic named inside another's longer name is that one ("a housing crash" is no market crash);
    # one named between the words of another's is its own ("household debt and high house prices
    # remain a vulnerability")
    found = [f for f in found if not any(o is not f and o.topic != f.topic and o.at <= f.at and f.end <= o.end
                                         and (o.end - o.at) > (f.end - f.at) and (o.at == f.at or o.end == f.end) for o in found)]
    # "a stock market bubble fueled by AI": one bubble, of the topic that names what it is in
    found = [f for f in found if not (f.topic == "market_bubble" and any(
        o.topic not in ("market_bubble", "market_correction", "growth_peak", "overcapacity")
        and o.at < f.end and f.at < o.end for o in found))]
    # "stablecoins ... pose risks to financial stability": the risk the system runs is the stablecoins'
    found = [f for f in found if not (_SYSTEM.search(sentence, f.at - offset, f.end - offset) and any(
        o.topic != f.topic and o.at < f.end and f.at < o.end and not _SYSTEM.search(sentence, o.at - offset, o.end - offset)
        for o in found))]
    # "Zillow expects home values to rise 1%": prices named rising hold no risk by themselves
    found = [f for f in found if not (_PRICES_END.search(sentence, f.at - offset, f.end - offset) and _RISING.match(sentence, f.end - offset))]
    covered = [(f.at - offset, f.end - offset) for f in found]
    # valuation words (else a market bubble), falls (else a market's fall) and dangers, which
    # name a topic only by a context word close by ("the national debt is a ticking time bomb")
    for words, topics, fallback, reach in ((config.valuation, None, config.valuation_fallback, 120),
                                           (config.falls, config.falls_contexts, config.falls_fallback, 120),
                                           (config.dangers, None, None, 60)):
        for p in words:
            for m in (p.finditer(sentence) if p in may else ()):
                if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in covered):
                    continue
                if topics is None and _OVERDONE.fullmatch(m.group()) and config.falls and any(
                        f.search(sentence, max(0, m.start() - 40), m.start()) for f in config.falls):
                    continue    # "the sell-off was overdone": the fall went too far, no bubble
                if topics is None and _COMPLACENT.fullmatch(m.group()) and (sentence[max(0, m.start() - 5):m.start()].lower() == "more " or any(
                        0 <= f.at - offset - m.end() <= 60 and _ABOUT.match(sentence, m.end()) for f in found)):
                    continue    # "too complacent about the risks of a recession" is the recession's; "more sanguine" is calmer
                if topics is not None and (_OF_NAME.match(sentence, m.end()) or _MEASURE_AFTER.match(sentence, m.end())
                                           or _OF_TIME.match(sentence, m.end()) and _THE_BEFORE.search(sentence, max(0, m.start() - 30), m.start())
                                           or _FROM_FORECAST.match(sentence, m.end())
                                           or _MEASURE_BEFORE.search(sentence, 0, m.start())):
                    continue    # "the collapse of First Brands", "a 25% drop in profits": a company's, not a market's; "the crash of 1987": past
                topic = _topic_by_context(sentence, m.start(), m.end(), config, topics, None, reach, apart)
                if topics is None and topic is not None and fallback is not None and market_subject(sentence, m.start(), m.end(), topic, config) \
                        and not market_besides(sentence, m.start(), m.end(), topic, config):
                    topic = None        # "equity valuations look stretched ... if optimism about AI fades": the market's
                if topic is None and before and fallback is not None and not _MARKETS.search(sentence):
                    topic = _topic_by_context(before, len(before), len(before), config, topics, None)
                if topic is None and fallback is None:
                    continue
                listed = _listed(sentence, m.start(), m.end(), config, fallback) if topics is None and fallback is not None else []
                if listed:          # "stretched valuations in housing, corporate bonds and US stocks": each market's own
                    found.extend(RiskFinding(t, offset + a, offset + b) for t, a, b in listed)
                    covered.append((m.start(), m.end()))
                    continue
                found.append(RiskFinding(topic or fallback, offset + m.start(), offset + m.end(), topic is None and topics is None and not _MARKETS.search(sentence)))
                covered.append((m.start(), m.end()))
                if topics is None and fallback is not None and topic is not None and market_besides(sentence, m.start(), m.end(), topic, config):
                    found.append(RiskFinding(fallback, offset + m.start(), offset + m.end()))   # "stocks, especially AI's, look stretched"
                if topics is None and topic is not None and fuelled(sentence, m.start()):      # "the AI boom is a debt-fuelled bubble"
                    other = _topic_by_context(sentence, m.start(), m.end(), config, tuple(t.topic for t in config.risk_topics if t.topic != topic), None, reach) \
                        or (fallback if fallback is not None and _MARKETS.search(sentence) else None)
                    if other is not None:
                        found.append(RiskFinding(other, offset + m.start(), offset + m.end()))
    # "rising mortgage arrears were a threat to financial stability", "AI exuberance and high debt pose
    # risks to financial stability": the threat to the system is the risk named before it
    found = [f for f in found if not (_SYSTEM.search(sentence, f.at - offset, f.end - offset) and any(
        o.topic != f.topic and 0 < f.at - o.at <= 120 and not _SYSTEM.search(sentence, o.at - offset, o.end - offset) for o in found))]
    # ("stablecoins are growing fast and may find new uses, which could introduce financial-stability
    # risks": with no topic named near, it is the risk of what the sentence speaks of before it)
    return sorted((_of_what_before(f, sentence, offset, config, apart) for f in found), key=lambda f: f.at)


def _of_what_before(f: RiskFinding, sentence: str, offset: int, config: ExtractorConfig,
                    apart: Callable[[int, int], bool] | None) -> RiskFinding:
    """A risk to the financial system is of the topic whose context word stands nearest before it."""
    at = f.at - offset
    if not _SYSTEM.search(sentence, at, f.end - offset):
        return f
    topic = _topic_by_context(sentence[:at], at, at, config, None, None, at, apart)
    return RiskFinding(topic, f.at, f.end, f.fallback) if topic is not None and topic != f.topic else f


def _topic_by_context(sentence: str, start: int, end: int, config: ExtractorConfig, topics: tuple[str, ...] | None,
                      fallback: str | None, reach: int = 120, apart: Callable[[int, int], bool] | None = None) -> str | None:
    """The topic (of `topics`, or any) whose context word stands nearest a valuation or fall
    word; `fallback` when none stands near."""
    best: tuple[int, int, str] | None = None
    for order, topic in enumerate(config.risk_topics):
        if not topic.context or (topics is not None and topic.topic not in topics):
            continue
        for p in topic.context:
            for m in p.finditer(sentence):
                if apart is not None and abs(m.start() - start) <= reach + 20 and apart(start, m.start()):
                    continue        # "stocks look expensive and credit spreads are too tight": another clause's
                if _yardstick(sentence, m.start()):
                    continue
                distance = start - m.end() if m.end() <= start else (m.start() - end if m.start() >= end else 0)
                if best is None or (distance, order) < (best[0], best[1]):
                    best = (distance, order, topic.topic)
    if best is not None and best[0] <= reach:
        return best[2]
    return fallback


# the markets a valuation word lists: "valuations in A, B and C (appear stretched)"
_LIST = re.compile(r"\bvaluations? (?:in|of|across|for) ((?:(?:[^,.;:]|\.(?=[A-Za-z]|\s[a-z])){2,60}?, )+(?:and |or )?(?:[^,.;:]|\.(?=[A-Za-z]|\s[a-z])){2,60}?)(?=\s+(?:appear|appears|look|looks|are|seem|seems|remain|remains|have|were)\b|[,;:]|\.(?![A-Za-z]|\s[a-z])|$)",
                   re.IGNORECASE)
_ITEM_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


# markets joined by "and" that share the valuation word: "a bubble in US stocks and housing", "a
# stock and housing market bubble" (the head after them, "market", is each one's)
_JOINED_AFTER = re.compile(r"\s+(?:in|of|across)\s+((?:[^,.;:]){2,40}?\s+and\s+(?:[^,.;:]){2,40}?)"
                           r"(?=[,.;:]|\s+(?:is|are|was|were|could|would|may|might|will|that|which|as|amid|if|because)\b|$)", re.IGNORECASE)
_JOINED_BEFORE = re.compile(r"\b((?:[\w&-]+\s+)?[\w&-]+\s+and\s+[\w&-]+)\s+(markets?\s+|prices?\s+)?$", re.IGNORECASE)


def _listed(sentence: str, start: int, end: int, config: ExtractorConfig, fallback: str) -> list[tuple[str, int, int]]:
    """The topic of each market a valuation word lists, when it lists markets of two or more
    topics (a market named with no context word is the market in general's); else none."""
    groups = [(m.group(1), m.start(1), "") for m in _LIST.finditer(sentence) if m.start() - end <= 40 and start - m.end() <= 40]
    after, before = _JOINED_AFTER.match(sentence, end), _JOINED_BEFORE.search(sentence, max(0, start - 60), start)
    groups += [(after.group(1), after.start(1), "")] if after else []
    groups += [(before.group(1), before.start(1), " " + (before.group(2) or "").strip())] if before else []
    for group, at, head in groups:
        out: list[tuple[str, int, int]] = []
        for item in _ITEM_SPLIT.split(group):
            a = sentence.index(item, at)
            at = a + len(item)
            topic = _topic_by_context(item, 0, len(item), config, None, None, reach=len(item)) or \
                (fallback if _MARKETS.search(item + head) else None)
            if topic is not None and all(t != topic for t, _, _ in out):
                out.append((topic, a, at))
        if len(out) > 1:
            return out
    return []

