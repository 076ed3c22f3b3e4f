"""Find figures in text: money, percentages and years, with value, unit, range and qualifier.

Plain functions over a string so that `claimtrack figures` and the spaCy component share
them. Years are kept apart from amounts: "until 2032" is a year, "$2,032" is money.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

FIGURES_VERSION = "figures.v1"

_SCALES = {
    "thousand": 1e3, "k": 1e3,
    "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "mil": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9,
    "trillion": 1e12, "tn": 1e12, "tr": 1e12, "trn": 1e12, "t": 1e12,
}
_SYMBOLS = {"us$": "USD", "$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
            "gbp": "GBP", "¥": "JPY", "jpy": "JPY", "a$": "AUD", "c$": "CAD", "cad": "CAD"}
_WORD_CURRENCIES = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR",
                    "pound": "GBP", "pounds": "GBP", "yen": "JPY"}
_QUALIFIERS = [
    ("approximately", r"about|around|approximately|approx\.?|roughly|some|circa|an estimated|nearly|almost|close to"),
    ("more than", r"more than|over|above|upwards of|in excess of"),
    ("at least", r"at least|no less than"),
    ("up to", r"up to|as much as|as many as"),
    ("less than", r"less than|under|below"),
    ("additional", r"an additional|additional|an incremental|incremental|another|a further|further|extra"),
    ("well into", r"well into"),
]

_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_SCALE = r"(?:thousand|million|billion|trillion|mln|bln|trn|mil|mn|bn|tn|tr|[kmbt])\b"
_SYM = r"(?:US\$|A\$|C\$|\$|€|£|¥|USD|EUR|GBP|JPY|CAD)"
_DASH = r"\s*(?:-|–|—|to)\s*"

MONEY_RE = re.compile(
    rf"(?P<sym>{_SYM})\s?(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE}))?"
    rf"(?:{_DASH}(?:{_SYM})?\s?(?P<num2>{_NUM})(?:\s?(?P<scale2>{_SCALE}))?)?"
    rf"|(?P<wnum>{_NUM})(?:{_DASH}(?P<wnum2>{_NUM}))?\s?(?P<wscale>{_SCALE})?\s?(?P<word>dollars?|euros?|pounds?|yen)\b",
    re.IGNORECASE,
)
PERCENT_RE = re.compile(
    rf"(?P<num>{_NUM})(?:{_DASH}(?P<num2>{_NUM}))?\s?(?P<unit>%|per ?cent\b|percentage points?\b|basis points?\b|bps\b|pp\b)",
    re.IGNORECASE,
)
YEAR_RE = re.compile(r"(?<![\d$€£¥.,])(?P<year>(?:19|20)\d{2})(?![\d%]|\s?(?:%|percent|bn|billion|million)\b)")
_QUALIFIER_RE = re.compile(
    r"(?:" + "|".join(f"(?P<q{i}>\\b(?:{pat}))" for i, (_, pat) in enumerate(_QUALIFIERS)) + r")\s+$",
    re.IGNORECASE,
)
_PREVIOUS_BEFORE = re.compile(r"\b(?:down|up|rising|falling|fell|rose|increased|decreased|dropped|jumped|climbed)?\s*from\s+(?:the (?:end|start|beginning) of\s+|a |an |about |around )?$", re.IGNORECASE)
_PREVIOUS_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}previously\b", re.IGNORECASE)


@dataclass
class Figure:
    text: str
    start: int
    end: int
    kind: str              # money | percent | year
    value: float
    unit: str              # USD, EUR, ... | percent | percentage_points | basis_points | year
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    previous: bool = False  # the sentence gives it as an earlier value ("down from 32.5%")

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def parse_number(text: str) -> float:
    """'1,234.5' -> 1234.5; '.5' -> 0.5."""
    return float(text.replace(",", ""))


def _scaled(num: str, scale: str | None) -> float:
    value = parse_number(num)
    if scale:
        value *= _SCALES[scale.lower()]
    return value


def _qualifier(text: str, start: int) -> str | None:
    window = text[max(0, start - 30):start]
    m = _QUALIFIER_RE.search(window)
    if not m:
        return None
    for i, (name, _) in enumerate(_QUALIFIERS):
        if m.group(f"q{i}"):
            return name
    return None


def _is_previous(text: str, start: int, end: int) -> bool:
    return bool(_PREVIOUS_BEFORE.search(text[max(0, start - 40):start])) or \
        bool(_PREVIOUS_AFTER.match(text[end:end + 30]))


def _money(m: re.Match[str]) -> tuple[float, str, float | None, float | None]:
    if m.group("sym"):
        unit = _SYMBOLS[m.group("sym").lower()]
        scale2 = m.group("scale2")
        scale1 = m.group("scale") or scale2   # "$100-150 billion": the scale applies to both
        low = _scaled(m.group("num"), scale1)
        if m.group("num2"):
            high = _scaled(m.group("num2"), scale2 or scale1)
            return (low + high) / 2, unit, low, high
        return low, unit, None, None
    unit = _WORD_CURRENCIES[m.group("word").lower()]
    scale = m.group("wscale")
    low = _scaled(m.group("wnum"), scale)
    if m.group("wnum2"):
        high = _scaled(m.group("wnum2"), scale)
        return (low + high) / 2, unit, low, high
    return low, unit, None, None


_PERCENT_UNITS = {"%": "percent", "percent": "percent", "per cent": "percent", "pp": "percentage_points",
                  "percentage point": "percentage_points", "percentage points": "percentage_points",
                  "basis point": "basis_points", "basis points": "basis_points", "bps": "basis_points"}


def find_figures(text: str) -> list[Figure]:
    """Every money amount, percentage and year in `text`, in order, without overlaps."""
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= ts or s >= te for ts, te in taken)

    def add(fig: Figure) -> None:
        fig.qualifier = _qualifier(text, fig.start)
        fig.previous = _is_previous(text, fig.start, fig.end)
        found.append(fig)
        taken.append((fig.start, fig.end))

    for m in MONEY_RE.finditer(text):
        # a bare "m"/"b"/"t" scale must not swallow the next word ("$5 to buy")
        value, unit, low, high = _money(m)
        add(Figure(m.group(0), m.start(), m.end(), "money", value, unit, low, high))
    for m in PERCENT_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        unit = _PERCENT_UNITS[re.sub(r"\s+", " ", m.group("unit").lower()).replace("percent", "percent")]
        low = parse_number(m.group("num"))
        high = parse_number(m.group("num2")) if m.group("num2") else None
        value = (low + high) / 2 if high is not None else low
        add(Figure(m.group(0), m.start(), m.end(), "percent", value, unit,
                   low if high is not None else None, high))
    for m in YEAR_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        add(Figure(m.group(0), m.start(), m.end(), "year", float(m.group("year")), "year"))
    found.sort(key=lambda f: f.start)
    return found
