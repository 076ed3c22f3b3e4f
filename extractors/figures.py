"""Find figures in text: money, percentages and years, with value, unit, range and qualifier.

Plain functions over a string so that `claimtrack figures` and the spaCy component share
them. Years are kept apart from amounts: "until 2032" is a year, "$2,032" is money.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

FIGURES_VERSION = "figures.v3"   # v3: vulgar fractions (1½), no figure inside an ambiguous number (1.234,56; 10^9)
# v2: written numbers and shares, more currencies, signs, cents, no URLs

_SCALES = {
    "thousand": 1e3, "k": 1e3,
    "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "mil": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9,
    "trillion": 1e12, "tn": 1e12, "tr": 1e12, "trn": 1e12, "t": 1e12,
}
_SYMBOLS = {"us$": "USD", "$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
            "gbp": "GBP", "¥": "JPY", "jpy": "JPY", "a$": "AUD", "aud": "AUD", "c$": "CAD", "cad": "CAD",
            "hk$": "HKD", "hkd": "HKD", "nz$": "NZD", "nzd": "NZD", "s$": "SGD", "sgd": "SGD",
            "mex$": "MXN", "mxn": "MXN", "元": "CNY", "cny": "CNY", "rmb": "CNY", "chf": "CHF", "r$": "BRL"}
_WORD_CURRENCIES = {
    "dollar": "USD", "us dollar": "USD", "u.s. dollar": "USD", "american dollar": "USD",
    "australian dollar": "AUD", "canadian dollar": "CAD", "hong kong dollar": "HKD",
    "new zealand dollar": "NZD", "singapore dollar": "SGD", "euro": "EUR", "pound": "GBP",
    "pound sterling": "GBP", "sterling": "GBP", "british pound": "GBP", "yen": "JPY", "japanese yen": "JPY",
    "yuan": "CNY", "chinese yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "swiss franc": "CHF",
    "mexican peso": "MXN", "turkish lira": "TRY", "indian rupee": "INR",
}
_QUALIFIERS = [
    ("approximately", r"about|around|approximately|approx\.?|roughly|some|circa|an estimated|nearly|almost|close to"),
    ("more than", r"more than|over|above|upwards of|in excess of"),
    ("at least", r"at least|no less than"),
    ("up to", r"up to|as much as|as many as"),
    ("less than", r"less than|under|below"),
    ("additional", r"an additional|additional|an incremental|incremental|another|a further|further|extra"),
    ("well into", r"well into"),
]

# written numbers: "thirteen", "twenty-two", "one hundred", "five million"
_SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_BIG = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER_WORD = "|".join(sorted([*_SMALL, *_TENS, *_BIG], key=len, reverse=True))
_WORDNUM = rf"(?:\b(?:{_NUMBER_WORD})(?:(?:\s+|-)(?:and\s+)?(?:{_NUMBER_WORD}))*\b)"
_VULGAR = {"½": "0.5", "¼": "0.25", "¾": "0.75", "⅛": "0.125", "⅜": "0.375", "⅝": "0.625", "⅞": "0.875",
           "⅓": "0.333333", "⅔": "0.666667", "⅕": "0.2"}
_DIGITS = r"(?:\d*[½¼¾⅛⅜⅝⅞⅓⅔⅕]|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])|\d+(?:\.\d+)?|\.\d+)"
_NUM = rf"(?:{_DIGITS}|{_WORDNUM})"
_SCALE = r"(?:thousand|million|billion|trillion|mln|bln|trn|mil|mn|bn|tn|tr|[kmbt])\b"
_SYM = r"(?:\b(?:US|C|HK|NZ|Mex)\s?\$|\b(?:A|S|R)\$|\$|€|£|¥|元|\b(?:USD|EUR|GBP|JPY|CAD|AUD|HKD|NZD|SGD|MXN|CNY|RMB|CHF)\b)"
_CURRENCY_WORDS = (r"(?:(?:us|u\.s\.|american|australian|canadian|hong kong|new zealand|singapore|british|japanese|"
                   r"chinese|swiss|mexican|turkish|indian)\s+)?(?:dollars?|euros?|pounds?(?:\s+sterling)?|sterling|yen|"
                   r"yuan|renminbi|rmb|francs?|pesos?|liras?|lire|rupees?)")
_DASH = r"\s*(?:-|–|—|to)\s*"
_SIGN = r"(?P<{name}>(?<![\w.])[-−](?=\s?[\d$€£¥.])|\b(?:minus|negative)\s+)?"

MONEY_RE = re.compile(
    rf"{_SIGN.format(name='sign')}(?P<sym>{_SYM})\s?(?P<sign2>[-−])?(?P<num>{_DIGITS})(?:\s?(?P<scale>{_SCALE}))?"
    rf"(?:{_DASH}(?:{_SYM})?\s?(?P<num2>{_DIGITS})(?:\s?(?P<scale2>{_SCALE}))?)?"
    rf"|{_SIGN.format(name='wsign')}(?P<wnum>{_NUM})(?:{_DASH}(?P<wnum2>{_NUM}))?\s?(?P<wscale>{_SCALE})?[\s-]?"
    rf"(?:(?P<word>{_CURRENCY_WORDS})\b|(?P<post>€|元|£)|(?P<code>(?:USD|EUR|GBP|JPY|CNY|CHF|CAD|AUD)\b))",
    re.IGNORECASE,
)
_CENTS_AFTER = re.compile(rf"\s*(?:and\s+)?(?P<cents>{_NUM})\s+(?:cents?|pence)\b", re.IGNORECASE)
PERCENT_RE = re.compile(
    rf"{_SIGN.format(name='sign')}(?P<num>{_NUM})(?:{_DASH}(?P<num2>{_NUM}))?\s?"
    r"(?P<unit>%|percentage points?\b|basis points?\b|bps\b|pp\b|per ?cents?\b|percentages?\b)"
    rf"|\b(?P<runit>per ?cents?|percents?) of (?P<rnum>{_NUM})(?![\w%])",
    re.IGNORECASE,
)
# shares in words: "a quarter of", "two-thirds of", "half of" (not "the second half of 2025")
_FRACTIONS = {"half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4,
              "quarters": 1 / 4, "fifth": 1 / 5, "fifths": 1 / 5, "tenth": 1 / 10, "tenths": 1 / 10}
_FRACTION_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}
FRACTION_RE = re.compile(
    r"(?<!first )(?<!second )(?<!latter )(?<!former )(?<!back )(?<!front )"
    r"\b(?:(?P<count>a|an|one|two|three|four)[\s-]+(?P<part>halves|thirds?|quarters?|fifths?|tenths?)|(?P<half>half))"
    r"\s+of\b(?!\s+(?:the\s+)?(?:(?:19|20)\d\d|year|this year|next year|last year|the year|the decade|the century)\b)",
    re.IGNORECASE,
)
# A run of digits and separators that is no English number ("1,000.000,5", "1.234,56", "10^9",
# "1.2.3") gives no figure at all: reading a piece of it ("5", "1.234") would be a wrong figure.
_NUMBER_RUN = re.compile(r"[\d½¼¾⅛⅜⅝⅞⅓⅔⅕][\d.,^½¼¾⅛⅜⅝⅞⅓⅔⅕]*")
_ENGLISH_NUMBER = re.compile(r"\d*[½¼¾⅛⅜⅝⅞⅓⅔⅕]|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
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


def words_to_number(text: str) -> float:
    """'thirteen' -> 13, 'twenty-two' -> 22, 'one hundred and five' -> 105, 'five million' -> 5e6."""
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", text.lower()):
        if word in ("", "and"):
            continue
        if word in _SMALL:
            current += _SMALL[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * _BIG[word]
            current = 0.0
    return total + current


def _decimal(text: str) -> Decimal:
    """'1,234.5' -> 1234.5, '10 000' -> 10000, '2½' -> 2.5 (a third is kept to six places)."""
    if text[-1:] in _VULGAR:
        return Decimal(text[:-1] or 0) + Decimal(_VULGAR[text[-1]])
    return Decimal(re.sub(r"[,\s\u00a0\u202f]", "", text))


def parse_number(text: str) -> float:
    """'1,234.5' -> 1234.5; '.5' -> 0.5; '10 000' -> 10000; '1½' -> 1.5; 'twenty-two' -> 22."""
    if text[:1].isalpha():
        return words_to_number(text)
    return float(_decimal(text))


def _scaled(num: str, scale: str | None) -> float:
    """The number times its scale, computed in decimal so that 16.4 million is 16400000."""
    if num[:1].isalpha():
        value = Decimal(str(words_to_number(num)))
    else:
        value = _decimal(num)
    if scale:
        value *= Decimal(str(_SCALES[scale.lower()]))
    return float(value)


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


def _word_currency(word: str) -> str | None:
    """ISO code of a currency named in words ("australian dollars" -> AUD); None when the
    name alone does not say which currency ("francs", "pesos", "rupees")."""
    key = re.sub(r"\s+", " ", word.lower())
    key = re.sub(r"(?:s|e)$", "", key) if key.endswith(("dollars", "euros", "pounds", "francs", "pesos", "liras", "rupees")) else key
    key = {"lir": "lira"}.get(key, key)
    if key.endswith("pound sterling") and key not in _WORD_CURRENCIES:
        key = "pound sterling"
    return _WORD_CURRENCIES.get(key)


def _money(m: re.Match[str]) -> tuple[float, str, float | None, float | None] | None:
    """Value, currency, low, high of a money match; None when the currency is unknown."""
    if m.group("sym"):
        unit = _SYMBOLS[re.sub(r"\s+", "", m.group("sym").lower())]
        scale2 = m.group("scale2")
        scale1 = m.group("scale") or scale2   # "$100-150 billion": the scale applies to both
        low = _scaled(m.group("num"), scale1)
        negative = bool(m.group("sign") or m.group("sign2"))
        if m.group("num2"):
            high = _scaled(m.group("num2"), scale2 or scale1)
            return (low + high) / 2, unit, low, high
        return (-low if negative else low), unit, None, None
    if m.group("word"):
        unit = _word_currency(m.group("word"))
    elif m.group("post"):
        unit = _SYMBOLS[m.group("post")]
    else:
        unit = _SYMBOLS[m.group("code").lower()]
    if unit is None:
        return None
    scale = m.group("wscale")
    low = _scaled(m.group("wnum"), scale)
    if m.group("wnum2"):
        high = _scaled(m.group("wnum2"), scale)
        return (low + high) / 2, unit, low, high
    return (-low if m.group("wsign") else low), unit, None, None


_PERCENT_UNITS = {"%": "percent", "percent": "percent", "per cent": "percent", "percents": "percent",
                  "percentage": "percent", "percentages": "percent", "per cents": "percent",
                  "pp": "percentage_points", "percentage point": "percentage_points",
                  "percentage points": "percentage_points", "basis point": "basis_points",
                  "basis points": "basis_points", "bps": "basis_points"}


def find_figures(text: str) -> list[Figure]:
    """Every money amount, percentage and year in `text`, in order, without overlaps.
    Nothing inside a URL is a figure ("%20" is an escape, not twenty percent)."""
    found: list[Figure] = []
    taken: list[tuple[int, int]] = [m.span() for m in _URL_RE.finditer(text)]
    for m in _NUMBER_RUN.finditer(text):
        run = m.group(0).rstrip(".,")              # a full stop or comma after a number is punctuation
        start = m.start() - (1 if m.start() and text[m.start() - 1] == "." else 0)    # ".5"
        if not _ENGLISH_NUMBER.fullmatch(text[start:m.start()].lstrip(".") + run):
            taken.append((start, m.start() + len(run)))

    def free(s: int, e: int) -> bool:
        return all(e <= ts or s >= te for ts, te in taken)

    def add(fig: Figure) -> None:
        fig.qualifier = _qualifier(text, fig.start)
        fig.previous = _is_previous(text, fig.start, fig.end)
        found.append(fig)
        taken.append((fig.start, fig.end))

    for m in MONEY_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        money = _money(m)
        if money is None:
            continue
        value, unit, low, high = money
        end = m.end()
        cents = _CENTS_AFTER.match(text, end) if low is None else None
        if cents:           # "3 dollars 50 cents", "thirteen dollars and forty-five cents"
            value += parse_number(cents.group("cents")) / 100 * (-1 if value < 0 else 1)
            end = cents.end()
        add(Figure(text[m.start():end], m.start(), end, "money", round(value, 6), unit, low, high))
    for m in PERCENT_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        if m.group("rnum"):                 # "per cent of twenty-two"
            unit_text, low, high = m.group("runit"), parse_number(m.group("rnum")), None
        else:
            unit_text = m.group("unit")
            low = parse_number(m.group("num"))
            high = parse_number(m.group("num2")) if m.group("num2") else None
        unit = _PERCENT_UNITS[re.sub(r"\s+", " ", unit_text.lower())]
        value = (low + high) / 2 if high is not None else low
        if m.group("sign"):
            value = -value
        add(Figure(m.group(0), m.start(), m.end(), "percent", value, unit,
                   low if high is not None else None, high))
    for m in FRACTION_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        share = 0.5 if m.group("half") else _FRACTION_COUNTS[m.group("count").lower()] * _FRACTIONS[m.group("part").lower()]
        if share < 1:
            text_end = m.end() - len(" of")
            add(Figure(text[m.start():text_end], m.start(), text_end, "percent", round(share * 100, 2), "percent"))
    for m in YEAR_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        add(Figure(m.group(0), m.start(), m.end(), "year", float(m.group("year")), "year"))
    found.sort(key=lambda f: f.start)
    return found
