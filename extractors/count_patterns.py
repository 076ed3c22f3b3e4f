"""How counted quantities are written ("497,099 vehicles", "65 Boeing 777-9 aircraft", "10 crore
shares"), and what looks like one and is not: times and dates ("25 years", "July 4 deliveries"),
a model's number ("nine 737 MAX jets" counts nine), things named rather than counted ("the two
companies"). figures.py turns the matches into figures.
"""
from __future__ import annotations

import re

from claimtrack.extractors.money import weighs_goods
from claimtrack.extractors.numbers import _WORDNUM, _scaled, parse_number

# counted quantities: "497,099 vehicles", "1.2 million users", "137,000 barrels a day",
# "between 40,000 and 46,000 vehicles"; not times ("25 years"), dates or ranks
_COUNT_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?(?:\s?(?:million|billion|thousand|lakhs?|crores?|mn|bn|m|k)\b)?|{_WORDNUM}\s+(?:million|billion|thousand)\b)"
# small counts in words, taken only beside a model's designation ("nine 737 MAX jets"; alone, "two
# people familiar" counts nothing tracked); never "one" (a pronoun as often)
_SMALL_WORDNUM = (r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|"
                  r"eight|nine))?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                  r"sixteen|seventeen|eighteen|nineteen")
# a model's designation, a word with a digit in it: "Boeing 777-9", "A350-1000", "H100", "GE9X"
_MODEL = r"(?=[\w-]*\d)(?!\d[\d,.]*\s+(?:million|billion|thousand|lakhs?|crores?)\b)[a-z0-9][\w-]*"
COUNT_RE = re.compile(
    rf"(?<![\w$€£¥.,/#:-])(?:(?P<between>between\s+)(?P<low>{_COUNT_NUM})\s+and\s+|(?P<low2>{_COUNT_NUM})(?:\s*(?:-|–|to)\s*))?"
    rf"(?P<num>{_COUNT_NUM}|\b(?:{_SMALL_WORDNUM})\b(?!-))(?![\d%])(?:\s+|-)(?P<counted>(?:(?:[a-z][a-z-]*|{_MODEL})\s+){{0,3}}?"
    rf"(?P<noun>(?:[a-z][a-z-]*s|people|staff|personnel|capacity|output|aircraft|spacecraft|{_MODEL}s)(?!\s+{_MODEL}\b)))\b"
    r"(?:\s+(?:a|an|per)\s+(?P<per>day|year|month|week|quarter|hour))?",
    re.IGNORECASE,
)
# a scaled number, or one in groups of thousands, with no noun after it counts what the sentence
# says it does: "subscribers rose to 276 million", "headcount fell to 14,200"
BARE_SCALED_RE = re.compile(r"(?<![\w$€£¥.,/#:-])(?P<num>\d+(?:\.\d+)?\s(?:million|billion|thousand)\b|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d|[,.]\d|-))"
                            r"(?!\s+(?!(?:in|on|at|by|from|to|for|as|and|or|but|while|after|before|since|during|over|"
                            r"this|last|next|a|an|the|year|quarter|month|week|day|so|with|than|now|then)\b)[a-z])",
                            re.IGNORECASE)
# a multiple of a base: "14.3x Kenvue's adjusted EBITDA", "22.5× sales", "six times oversubscribed",
# "9.5 times its earnings" (not "three times a year", a frequency)
MULTIPLE_RE = re.compile(
    rf"(?<![\w$€£¥.,/#:-])(?P<num>\d+(?:\.\d+)?)\s?[x×](?![\w-])|"
    rf"(?<![\w$€£¥.,/#:-])(?P<num2>\d+(?:\.\d+)?|\b(?:{_SMALL_WORDNUM}))\s+times\b(?!\s+(?:a|an|per|each|in|during|"
    rf"over|since|this|last|that|when|before|after|as)\b)",
    re.IGNORECASE)
_NOT_COUNTED = {"years", "months", "weeks", "days", "hours", "minutes", "seconds", "decades", "centuries", "times",
                "quarters", "points", "cents", "pence", "dollars", "euros", "pounds", "yen", "percent", "ones", "others",
                "sessions", "rounds", "terms", "pages", "lines", "steps", "ways", "places", "bps", "basis", "notes",
                "series", "words", "ages", "yards", "miles", "inches", "feet", "meters", "metres", "kilometres", "kilometers",
                "year", "month", "week", "day", "hour", "quarter"}       # ("a 12-month earnings figure")
_NUM_WORDS_ONLY = re.compile(rf"{_WORDNUM}", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d{2}")
_MONTH_BEFORE = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
                           r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+$")
_DETERMINED = re.compile(r"\b(?:the|these|those|its|their|his|her|our|all|both|first|last|next|past|other)\s+$",
                         re.IGNORECASE)
_NUM_WORDS_BEFORE = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen)\s+$", re.IGNORECASE)


def not_a_count(text: str, m: re.Match[str]) -> bool:
    """Whether a COUNT_RE match is no count (see the module doc)."""
    noun, counted, start = m.group("noun").lower(), m.group("counted"), m.start()
    weighed = noun == "pounds" and counted.lower() == "pounds" and weighs_goods(text, m.end("counted"))
    if (noun in _NOT_COUNTED or counted.split()[0].lower() in _NOT_COUNTED) and not weighed:
        return True                         # (but "3.2 billion pounds of copper" is a weight)
    if m.group("num")[:1].isalpha() and (not re.search(r"\d", counted)
                                         or _DETERMINED.search(text, max(0, start - 12), start)):
        return True                         # a count in words only of a model ("nine 737 MAX jets"): "two
                                            # people familiar", "the two companies" count nothing tracked
    words = counted.split()
    if words[0][:1].isdigit() and text[m.end("num")] == "-" or len(words) > 3 and not any(
            re.search(r"\d", w) for w in words):
        return True                         # "a 50-50 venture"; three words before the noun only beside a model's
    if _NUM_WORDS_BEFORE.search(text, max(0, start - 16), start):
        return True                         # "nine 737 MAX jets": the number is a model's, not a count
    if _YEAR.fullmatch(m.group("num")) and not m.group("low") and not m.group("low2"):
        return True                         # "2025 models": a year before a noun
    return bool(_MONTH_BEFORE.search(text[max(0, start - 12):start]))     # "July 4 deliveries"


def count_value(num: str) -> float:
    """A count's number: "1.2 million", "10 crore", "497,099", "nine"."""
    m = re.fullmatch(r"(.+?)\s?(million|billion|thousand|lakhs?|crores?|mn|bn|m|k)", num.strip(), re.IGNORECASE)
    if m and (m.group(1)[:1].isdigit() or _NUM_WORDS_ONLY.fullmatch(m.group(1))):
        return _scaled(m.group(1), m.group(2))
    return parse_number(num.strip())
