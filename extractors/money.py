"""Money in text: the patterns of an amount with its currency (symbol, code, name or coin),
and the reading of one match: its value, currency and range, the cents written after it and
the unit a price is per. Currencies come from extractors/data/currencies.toml."""
from __future__ import annotations

import re

from claimtrack.extractors.currencies import currencies, patterns
from claimtrack.extractors.numbers import _DASH, _DIGITS, _NUM, _SCALE, _SIGN, _UNDER_100, _scaled, parse_number


_BARE_SCALE = r"(?:thousand|million|billion|trillion)\b"


def _money_re() -> re.Pattern[str]:
    p = patterns()
    return re.compile(
        rf"{_SIGN.format(name='sign')}(?P<sym>{p['pre']}|\b(?:{p['codes']})(?:\b|(?=\d)))\s?(?P<sign2>[-−])?(?P<num>{_DIGITS})"
        rf"(?:(?:\s?|-)(?P<scale>{_SCALE}))?"
        rf"(?:{_DASH}(?:{p['pre']})?\s?(?P<num2>{_DIGITS})(?:\s?(?P<scale2>{_SCALE}))?)?"
        rf"(?:\s(?:U\.S\.|US)(?![\w$]))?"                            # "$157 U.S. a share" (Canadian papers)
        # "an 85-billion-dollar deal": a scale joined by a hyphen, no range up to "billion"
        # "3 trillion to 4 trillion won": a range whose low end has its own scale
        rf"|{_SIGN.format(name='wsign')}(?P<wnum>{_NUM})(?:(?:\s?(?P<wscale1>{_SCALE}))?{_DASH}(?!{_BARE_SCALE})(?P<wnum2>{_NUM}))?"
        rf"(?:\s|-)?(?P<wscale>{_SCALE})?[\s-]?"
        rf"(?:(?P<word>{p['words']})\b|(?P<post>{p['post']})|(?P<code>\b(?:{p['codes']})\b))",
        re.IGNORECASE,
    )


def _coin_re() -> re.Pattern[str]:
    # "8.00 US cents" names the cents' currency, the one a cent already stands for
    return re.compile(rf"(?P<num>{_NUM}|\ba(?=\s))[\s-]?(?:(?:US|U\.S\.)\s)?(?P<coin>{patterns()['subunits']})\b",
                      re.IGNORECASE)


MONEY_RE = _money_re()
COIN_RE = _coin_re()
_CENTS_AFTER = re.compile(rf"\s*(?:and\s+)?(?P<cents>{_NUM})\s+(?:cents?|pence)\b", re.IGNORECASE)
_ADJECTIVE_CURRENCY = re.compile(r"[\s-]+(?:-?denominated|tranches?|bonds?|notes?|loans?|issues?|offerings?|markets?|debt)\b",
                                 re.IGNORECASE)
# ("$1,750,000,000 4.500% due 2028": a coupon's digits, no cents, so no decimal point after)
_BARE_CENTS_AFTER = re.compile(rf"\s*(?:and\s+)?(?P<cents>{_UNDER_100})(?=\s*(?:$|[.,;:!?)](?!\d)|and\b))", re.IGNORECASE)
_PER = re.compile(
    r"\s*(?:(?P<each>each|apiece|a piece)\b|(?:-\s*)?(?:a|an|per|each|/)\s*(?:-\s*)?(?P<per>share|barrel|bbl|ounce|oz|tonne|ton|pound|lb|kilogram|kilo|kg|"
    r"gallon|litre|liter|dozen|hour|unit|seat|megawatt[- ]hour|kilowatt[- ]hour|MWh|kWh)s?\b)",
    re.IGNORECASE,
)


_OF_GOODS = re.compile(r"\s+of\s+(?:(?:payable|refined|recovered|mined|raw|fresh|the)\s+)*([a-z]+)", re.IGNORECASE)


def weighs_goods(text: str, end: int) -> bool:
    """Whether the words from `end` name goods a weight before them weighs ("[pounds] of copper")."""
    after = _OF_GOODS.match(text, end)
    return after is not None and after.group(1).lower() in currencies().weighed_goods


def _money(m: re.Match[str]) -> tuple[float, str, float | None, float | None] | None:
    """Value, currency, low, high of a money match; None when the words name no currency
    (or name one that needs a scale and has none: "300 pounds" of weight, "they won")."""
    table = currencies()
    if m.group("sym"):
        unit = table.symbol_unit(m.group("sym"))
        scale2 = m.group("scale2")
        scale1 = m.group("scale") or scale2   # "$100-150 billion": the scale applies to both
        low = _scaled(m.group("num"), scale1)
        negative = bool(m.group("sign") or m.group("sign2"))
        if m.group("num2"):
            high = _scaled(m.group("num2"), scale2 or scale1)
            return (low + high) / 2, unit, low, high
        return (-low if negative else low), unit, None, None
    scale = m.group("wscale")
    if m.group("word"):
        found = table.word_unit(m.group("word"))
        if found is None or (found[1] in table.needs_scale and not scale and "," not in (m.group("wnum") or "")
                             and _per(m.string, m.end())[0] != "share"):
            return None         # "300 pounds" may weigh; "49,900 won", "5 billion won" and "40 pounds per share" are money
        if found[1] in table.needs_scale and weighs_goods(m.string, m.end()):
            return None         # "1.2 billion pounds of copper" weighs, even with a scale
        unit = found[0]
    elif m.group("post"):
        unit = table.symbol_unit(m.group("post"))
    else:
        unit = table.symbol_unit(m.group("code"))
    if unit == "rupee" and scale and scale.lower().startswith(("lakh", "crore")):
        unit = "INR"            # lakh and crore count rupees in India
    low = _scaled(m.group("wnum"), m.group("wscale1") or scale)
    if m.group("wnum2"):
        high = _scaled(m.group("wnum2"), scale)
        return (low + high) / 2, unit, low, high
    return (-low if m.group("wsign") else low), unit, None, None


def _fraction_after(text: str, end: int, value: float, unit: str, whole: bool) -> tuple[float, int]:
    """Cents (or mao and fen) written after a whole amount: "3 dollars 50 cents", "thirteen
    dollars forty five", "one kuai and five mao five". Returns the value and the new end."""
    table = currencies()
    sign = -1 if value < 0 else 1
    tail = text[end:end + 60]
    m = _CENTS_AFTER.match(tail)
    if m:
        return value + sign * parse_number(m.group("cents")) / 100, end + m.end()
    if not whole:
        return value, end
    main = "|".join(table.compound_main)
    if unit == table.compound_unit and main and re.search(rf"(?:{main})\s*$", text[:end], re.IGNORECASE):
        tenths, hundredths = "|".join(table.compound_tenths), "|".join(table.compound_hundredths)
        m = re.match(rf"\s*(?:and\s+)?(?P<t>{_UNDER_100})\s+(?:{tenths})\b(?:\s+(?P<h>{_UNDER_100})(?:\s+(?:{hundredths})\b)?)?",
                     tail, re.IGNORECASE)
        if m:
            extra = parse_number(m.group("t")) / 10 + (parse_number(m.group("h")) / 100 if m.group("h") else 0)
            return value + sign * extra, end + m.end()
    m = _BARE_CENTS_AFTER.match(tail)
    if m:
        return value + sign * parse_number(m.group("cents")) / 100, end + m.end()
    return value, end


# a price per share told with more words between: "$63 (£47) per Skechers share", "$24.25 in
# cash for each share", "$30 per Class A share", "$65 per class A share"
_PER_SHARE_APART = re.compile(
    r"\s*(?:\([^()]{1,25}\)\s*)?(?:in\s+(?:cash|stock|cash\s+and\s+stock)\s+)?(?:for\s+)?(?:each|every|per|a)\s+"
    r"(?-i:(?:[A-Z][\w&.'-]*\s+){0,3})(?:(?:common|ordinary|outstanding)\s+)?(?:class\s+[A-Z]\s+)?share\b",
    re.IGNORECASE,
)


def _per(text: str, end: int) -> tuple[str | None, int]:
    """The unit a price is per ("a share", "per barrel", "-a-share"), and where it ends."""
    m = _PER.match(text, end)
    if not m:
        apart = _PER_SHARE_APART.match(text, end)
        return ("share", apart.end()) if apart else (None, end)
    if m.group("each"):
        return "each", m.end()          # "$143 each": a price of one of what the sentence counts
    per = m.group("per").lower().replace(" ", "-")
    return {"bbl": "barrel", "oz": "ounce", "lb": "pound", "kilo": "kilogram", "kg": "kilogram",
            "liter": "litre", "mwh": "megawatt-hour", "kwh": "kilowatt-hour"}.get(per, per), m.end()
