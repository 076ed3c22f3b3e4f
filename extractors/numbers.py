"""Numbers as news writes them: digits with separators ("1,234.5", "10 000"), vulgar
fractions ("2½"), words ("twenty-two", "five million") and scales ("bn", "lakh"); the regular-
expression pieces the figure patterns are built from, and their value, computed in decimal."""
from __future__ import annotations

import re
from decimal import Decimal

_SCALES = {
    "thousand": 1e3, "k": 1e3,
    "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "mil": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9, "bil": 1e9,
    "trillion": 1e12, "tril": 1e12, "tn": 1e12, "tr": 1e12, "trn": 1e12, "t": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}

# written numbers: "thirteen", "twenty-two", "one hundred", "five million"
_SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_BIG = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER_WORD = "|".join(sorted([*_SMALL, *_TENS, *_BIG], key=len, reverse=True))
# "three-hundred-and-fifty": "and" joined by hyphens too
_WORDNUM = rf"(?:\b(?:{_NUMBER_WORD})(?:(?:\s+|-)(?:and(?:\s+|-))?(?:{_NUMBER_WORD}))*\b)"
_VULGAR = {"½": "0.5", "¼": "0.25", "¾": "0.75", "⅛": "0.125", "⅜": "0.375", "⅝": "0.625", "⅞": "0.875",
           "⅓": "0.333333", "⅔": "0.666667", "⅕": "0.2"}
_DIGITS = r"(?:\d*[½¼¾⅛⅜⅝⅞⅓⅔⅕]|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])|\d+(?:\.\d+)?|\.\d+)"
_NUM = rf"(?:{_DIGITS}|{_WORDNUM}|\b(?:half|a quarter|a|one) an?(?=\s+(?:thousand|million|billion|trillion)\b)|" \
       rf"\b(?:half|quarter)(?=[\s-](?:thousand|million|billion|trillion)\b))"    # "a half-billion-dollar round"
_SCALE = r"(?:thousand|million|billion|trillion|lakhs?|crores?|mln|bln|trn|tril|mil|bil|mn|bn|tn|tr|[kmbt])\b"
# under a hundred, for the cents after a whole amount ("one dollar and one", "$100 and fifty")
_UNDER_100 = (r"(?:\d{1,2}(?!\d)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|"
              r"five|six|seven|eight|nine)\b)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
              r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b")
_DASH = r"\s*(?:-|–|—|‑|‐|to)\s*"
_SIGN = r"(?P<{name}>(?<![\w.%])[-−](?=\s?[\d$€£¥.])|\b(?:minus|negative)\s+)?"    # ("56%-57%": a range, no minus)


def words_to_number(text: str) -> float:
    """'thirteen' -> 13, 'twenty-two' -> 22, 'one hundred and five' -> 105, 'five million' -> 5e6;
    'half a' -> 0.5 and 'a' -> 1 (before a scale: "half a trillion dollars")."""
    lead = re.fullmatch(r"(half|a quarter|a|one) an?|(half|quarter)", text.strip().lower())
    if lead:
        return {"half": 0.5, "a quarter": 0.25, "quarter": 0.25, "a": 1.0, "one": 1.0}[lead.group(1) or lead.group(2)]
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
