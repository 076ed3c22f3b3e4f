"""Find figures in text: money, prices, percentages and years, with value, unit, range and
qualifier.

Plain functions over a string so that `claimtrack figures` and the spaCy component share
them. Years are kept apart from amounts: "until 2032" is a year, "$2,032" is money. A price
per unit ("$20.47 a share", "1.20 cents a pound") is its own kind, `price`, so that a share
price is never read as a company's value. Currencies come from extractors/data/currencies.toml;
numbers are read by extractors/numbers.py, money amounts by extractors/money.py.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from claimtrack.extractors.count_patterns import BARE_SCALED_RE, COUNT_RE, MULTIPLE_RE, count_value, not_a_count
from claimtrack.extractors.currencies import currencies
from claimtrack.extractors.figure_ranges import between_ranges
from claimtrack.extractors.local_currency import local_currencies
from claimtrack.extractors.money import COIN_RE, MONEY_RE, _ADJECTIVE_CURRENCY, _fraction_after, _money, _per
from claimtrack.extractors.numbers import _DASH, _NUM, _SIGN, _scaled, parse_number

# v4: coins and currencies by name, prices per unit, lakh/crore, cents after "and"
# v3: vulgar fractions (1½), no figure inside an ambiguous number (1.234,56; 10^9)
# v2: written numbers and shares, more currencies, signs, cents, no URLs

_QUALIFIERS = [
    ("approximately", r"about|around|approximately|approx\.?|roughly|some|circa|an estimated|nearly|almost|close to"),
    ("more than", r"more than|over|above|upwards of|in excess of"),
    ("at least", r"at least|no less than"),
    ("up to", r"up to|as much as|as many as"),
    ("less than", r"less than|under|below"),
    ("additional", r"an additional|additional|an incremental|incremental|another|a further|further|extra"),
    ("well into", r"well into"),
]

PERCENT_RE = re.compile(
    rf"{_SIGN.format(name='sign')}(?P<num>{_NUM})(?:{_DASH}(?P<num2>{_NUM}))?(?:\s|[-\u2010\u2011](?=[a-z]))?"
    r"(?P<unit>%|percentage points?\b|basis points?\b|bps\b|pp\b|per ?cents?\b|percentages?\b|(?<=\d)pc\b|pct\b|p\.c\.?(?!\w))"
    rf"|\b(?P<runit>per ?cents?|percents?) of (?P<rnum>{_NUM})(?![\w%])",
    re.IGNORECASE,
)
# rate moves in words: "a quarter point", "half a percentage point", "three-quarters of a point"
POINTS_RE = re.compile(
    r"\b(?P<amount>a quarter|a half|half an?|three[- ]quarters of an?|a quarter of an?|one|two|three|\d+(?:\.\d+)?)"
    r"[\s-](?:(?:of\s+)?(?:a\s+)?)?(?P<unit>(?:percentage|per ?cent(?:age)?)[\s-]points?|points?)\b",
    re.IGNORECASE,
)
_POINT_AMOUNTS = {"a quarter": 0.25, "a half": 0.5, "half a": 0.5, "half an": 0.5, "three quarters of a": 0.75,
                  "three-quarters of a": 0.75, "a quarter of a": 0.25, "one": 1.0, "two": 2.0, "three": 3.0}
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
_PREVIOUS_BEFORE = re.compile(
    r"(?:\b(?:down|up|rising|falling|fell|rose|increased|decreased|dropped|jumped|climbed)?\s*from\s+(?:just |slightly )?"
    r"(?:the (?:end|start|beginning) of\s+|(?:(?:the|its|their|a|an) )?(?:current|previous|prior|existing|earlier) |the |a |an "
    r"|its |about |around |roughly |nearly |above |below |over |under )?"     # "up from the current $1.40"
    # ("upsized from the previously announced $2 billion", "from its original $1.5 billion")
    r"(?:(?:previously|originally|initially) (?:announced|planned|proposed|expected|targeted) |original |initial )?"
    r"|\b(?:compared (?:with|to)|versus|vs\.?)\s+(?:the |its |their |a )?(?:previous |prior |earlier |last )?"
    r"(?:about |around |roughly |nearly )?"
    r"|\b(?:higher|lower|more|less|bigger|smaller|greater) than\s+(?:the |its |their )(?:previous |prior |earlier |last )?"
    r"(?:about |around |roughly |nearly )?)$",
    re.IGNORECASE)
# "$355 billion, nearly double the $183 billion": a multiple of an earlier amount (not of a price
# per share: "$85, more than double their $33 IPO price" is the price of another moment)
_MULTIPLE_OF = re.compile(r"\b(?:double|triple|treble|quadruple|twice|thrice|half)\s+(?:of\s+)?(?:the |its |their )"
                          r"(?:previous |prior |earlier |last )?(?:about |around |roughly |nearly )?$", re.IGNORECASE)
_A_PRICE = re.compile(r"\s+(?:[\w-]+\s+)?(?:price|offer)\b", re.IGNORECASE)
_PREVIOUS_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}previously\b", re.IGNORECASE)
# "compared with US$12.61 billion expected by analysts": the estimate set beside it, no earlier value
_ESTIMATED_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,2}(?:expected|estimated|forecast|projected|predicted)\b(?! (?:to|in|at|on)\b)"
                              r"|^\s*(?:consensus|estimate|forecast)", re.IGNORECASE)
# "reducing its 15% stake to 7.3%", "raised its $10 billion buyback to $15 billion": the level moved from
_MOVED_BEFORE = re.compile(r"\b(?:reduc|cut|trimm|lower|rais|increas|lift|boost|bump|doubl|halv)\w*\s+(?:its|their|his|her|the)\s+(?:existing\s+|current\s+)?$",
                           re.IGNORECASE)
_MOVED_AFTER = re.compile(r"^(?:\s+[a-z][\w-]*){1,4}?\s+to\s+(?:about |around |roughly |nearly |almost |some |over |more than )?[$€£¥\d]",
                          re.IGNORECASE)
# accounting negatives: "revenue is ($99.99)": a bare amount in parentheses after a verb
_ACCOUNTING_OPEN = re.compile(r"\b(?:is|was|were|are|of)\s*\(\s*$", re.IGNORECASE)


@dataclass
class Figure:
    text: str
    start: int
    end: int
    kind: str              # money | price | percent | year
    value: float
    unit: str              # USD, EUR, ..., cent, GBX | percent | percentage_points | basis_points | year
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    previous: bool = False  # the sentence gives it as an earlier value ("down from 32.5%")
    per: str | None = None  # a price's unit: share, barrel, ounce, ...; a count's: day, year, ...
    counted: str | None = None  # a count's word for what it counts, as written: "vehicles", "barrels"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


_MAIN_UNITS = {"GBX": (100, "GBP"), "cent": (100, "USD")}     # coins: how many make their currency's main unit
_CLAIM_UNIT = re.compile(r"[A-Z]{3}|percent|percentage_points|basis_points")


def claim_unit(fig: Figure) -> tuple[int, str] | None:
    """The unit a claim stores a figure in, and how many of the figure's own make one: 470
    pence is 4.70 GBP (100, "GBP"); None for a currency the text does not name for sure ("francs")."""
    if fig.unit in _MAIN_UNITS:
        return _MAIN_UNITS[fig.unit]
    if fig.kind in ("year", "count"):
        return 1, fig.kind
    return (1, fig.unit) if _CLAIM_UNIT.fullmatch(fig.unit) else None


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
    if _ESTIMATED_AFTER.match(text[end:end + 40]):
        return False
    return bool(_PREVIOUS_BEFORE.search(text[max(0, start - 40):start])) or \
        bool(_PREVIOUS_AFTER.match(text[end:end + 30])) or \
        bool(_MOVED_BEFORE.search(text[max(0, start - 40):start]) and _MOVED_AFTER.match(text[end:end + 50]))


_MOVE_BEFORE = re.compile(r"\b(?:from|by)\s+(?:(?:about|around|roughly|nearly|almost|some|just|over|under|up to|"
                          r"more than|less than)\s+)?$", re.IGNORECASE)


def _moved(text: str, fig: Figure) -> list[Figure]:
    """"rose from $3 billion to $5 billion", "raised it by $5 billion to $25 billion": two
    figures, where one was and where it went (or by how much), never a range between them."""
    inner = re.search(r"\s+to\s+", fig.text) if fig.low is not None and fig.high is not None else None
    if inner is None or not _MOVE_BEFORE.search(text[max(0, fig.start - 30):fig.start]):
        return []
    first, second = fig.start + inner.start(), fig.start + inner.end()
    return [Figure(text[fig.start:first], fig.start, first, fig.kind, fig.low, fig.unit, per=fig.per),
            Figure(text[second:fig.end], second, fig.end, fig.kind, fig.high, fig.unit, per=fig.per)]


_TO = re.compile(r"\s+to\s+(?:(?:about|around|roughly|nearly|almost|some|over|more than)\s+)?", re.IGNORECASE)


def previous_of(fig: Figure, figs: list[Figure], text: str, skip: frozenset[int] = frozenset()) -> Figure | None:
    """The earlier value a sentence gives for `fig`: the one it moved from ("from $2.1 billion to
    $4 billion"), else the first given after it ("$5 billion, up from $3 billion"), unless that one
    leads to a figure of its own. Figures whose id is in `skip` are nobody's earlier value."""
    def leads(p: Figure, q: Figure) -> bool:
        return p.end <= q.start and bool(_TO.fullmatch(text, p.end, q.start))
    earlier = [p for p in figs if p.previous and id(p) not in skip and p.kind == fig.kind]
    moved_from = next((p for p in earlier if leads(p, fig)), None) or next(
        (p for p in earlier if p.end <= fig.start and _MOVED_AFTER.match(text[p.end:fig.end])), None)
    if moved_from is not None:
        return moved_from
    return next((p for p in earlier if p.start > fig.start and not any(leads(p, q) for q in figs if q is not fig)), None)


def _taken_by_odd_numbers(text: str) -> list[tuple[int, int]]:
    """Spans of URLs and of digit runs that are no English number: no figure inside them."""
    taken = [m.span() for m in _URL_RE.finditer(text)]
    for m in _NUMBER_RUN.finditer(text):
        run = m.group(0).rstrip(".,")              # a full stop or comma after a number is punctuation
        start = m.start() - (1 if m.start() and text[m.start() - 1] == "." else 0)    # ".5"
        if not _ENGLISH_NUMBER.fullmatch(text[start:m.start()].lstrip(".") + run):
            taken.append((start, m.start() + len(run)))
    return taken


_PENCE_A_SHARE = re.compile(r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)p\b")   # pence, as UK prices write them
# where a price in pence stands without "per share": the words of a share's price or an offer
# before it ("Shares in X rose 3.7% to 151.00p", "a closing price of 123.4p", "values each share at 53.3p")
_PRICED_BEFORE = re.compile(r"\b(shares?|stock|price[ds]?|offers?|bids?|valu\w+|closed|clos(e|ing)|trad(ed|ing)|opened)\b",
                            re.IGNORECASE)
_RESOLUTIONS = {"240", "360", "480", "720", "1080", "1440", "2160"}     # "1080p" is a screen's lines


def _pence(text: str, m: re.Match) -> bool:
    """Whether "151.00p" is pence: "per share" after it, or a share's price told before it in its
    sentence (never a screen resolution such as "1080p")."""
    if _per(text, m.end())[0] == "share":
        return True
    before = text[max(0, m.start() - 80):m.start()]
    before = re.split(r"[.!?]\s", before)[-1]
    return m.group("num") not in _RESOLUTIONS and _PRICED_BEFORE.search(before) is not None
_MULTI = re.compile(r"\bmulti[-\u2010\u2011 ]?$", re.IGNORECASE)


def find_figures(text: str, counts: bool = False) -> list[Figure]:
    """Every money amount, price, percentage and year in `text`, in order, without overlaps;
    with `counts`, counted quantities too ("497,099 vehicles": kind count, unit count). Nothing
    inside a URL is a figure ("%20" is an escape, not twenty percent)."""
    found: list[Figure] = []
    taken = _taken_by_odd_numbers(text)

    def free(s: int, e: int) -> bool:
        return all(e <= ts or s >= te for ts, te in taken)

    def add(fig: Figure) -> None:
        parts = _moved(text, fig)
        if parts:
            for part in parts:
                add(part)
            return
        fig.qualifier = _qualifier(text, fig.start)
        fig.previous = _is_previous(text, fig.start, fig.end) or \
            bool(_MULTIPLE_OF.search(text[max(0, fig.start - 40):fig.start])) and not _A_PRICE.match(text, fig.end)
        found.append(fig)
        taken.append((fig.start, fig.end))

    for m in MONEY_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        money = _money(m)
        if money is None:
            continue
        if m.group("word") and not m.group("wscale") and _ADJECTIVE_CURRENCY.match(text, m.end()):
            continue                # "three U.S. dollar tranches": the currency of what follows, no amount
        if not re.search(r"\d", m.group(0)) and _MULTI.search(text, max(0, m.start() - 7), m.start()):
            continue                # "a multi-billion dollar acquisition": no amount a reader could track
        value, unit, low, high = money
        if low is not None and high is not None and low > high and m.group("wnum2") and \
                (again := MONEY_RE.match(text, m.start("wnum2"))) is not None and (money := _money(again)) is not None:
            # "the year ending March 2026 to 2.66 trillion yen": a range runs up, so the number before
            # "to" is no end of it, and the amount starts after it
            m, (value, unit, low, high) = again, money
        end = m.end()
        if low is None and not re.search(r"\d\.\d\d(?!\d)", m.group(0)):   # "$4.00 and 60 cents" lists two
            whole = not (m.group("scale") or m.group("wscale")) and float(value).is_integer()
            value, end = _fraction_after(text, end, value, unit, whole)
        if value > 0 and _ACCOUNTING_OPEN.search(text[max(0, m.start() - 12):m.start()]) \
                and re.match(r"\s*\)", text[end:]):
            value = -value                     # "revenue is ($99.99)"
        per, _ = _per(text, end)
        if per == "each" and (m.group("scale") or m.group("wscale")):
            per = None              # "APG and GIC will invest 2.5 billion euros each": each one's amount, no unit price
        add(Figure(text[m.start():end], m.start(), end, "price" if per else "money", round(value, 6), unit,
                   low, high, per=per))
    for m in COIN_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        coin = currencies().subunit(m.group("coin"))
        if coin is None:
            continue
        per, _ = _per(text, m.end())
        count = 1.0 if m.group("num").lower() == "a" else _scaled(m.group("num"), None)     # "a penny"
        add(Figure(m.group(0), m.start(), m.end(), "price" if per else "money", round(count, 6), coin.unit, per=per))
    for m in _PENCE_A_SHARE.finditer(text):
        if free(m.start(), m.end()) and _pence(text, m):     # "1,110p per share", "rose 4p to 146p" (not "1080p")
            per = _per(text, m.end())[0]
            add(Figure(m.group(0), m.start(), m.end(), "price" if per else "money", round(_scaled(m.group("num"), None), 6),
                       "GBX", per=per))
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
    for m in POINTS_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        if m.group("unit").lower().startswith("point") and not re.search(
                r"\b(?:rates?|yields?|cut|cuts|hike|hikes|lowered|raised|trimmed|basis)\b", text[max(0, m.start() - 60):m.end() + 30], re.IGNORECASE):
            continue                        # "500 points" of an index: no rate move
        amount = re.sub(r"\s+", " ", m.group("amount").lower())
        value = _POINT_AMOUNTS.get(amount, None)
        if value is None:
            try:
                value = float(amount)
            except ValueError:
                continue
        add(Figure(m.group(0), m.start(), m.end(), "percent", value, "percentage_points"))
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
    if counts:
        for fig in _counts(text, free):
            add(fig)
    found.sort(key=lambda f: f.start)
    return local_currencies(between_ranges(text, found), text)


def _counts(text: str, free: Any) -> list[Figure]:
    """Counted quantities of `text` (see count_patterns.py), outside the spans already taken."""
    out = []
    for m in COUNT_RE.finditer(text):
        start, end = m.start(), m.end("num")
        if not free(start, end) or not_a_count(text, m):
            continue
        low_text = m.group("low") or m.group("low2")
        value = count_value(m.group("num"))
        low = high = None
        if low_text:
            low, high = count_value(low_text), value
            if re.search(r"(?:million|billion|thousand|mn|bn|m|k)$", m.group("num"), re.IGNORECASE) and \
                    not re.search(r"[a-z]$", low_text, re.IGNORECASE):
                scale = re.search(r"(million|billion|thousand|mn|bn|m|k)$", m.group("num"), re.IGNORECASE).group(1)
                low = count_value(f"{low_text} {scale}")      # "1.5-2 million users"
            value = round((low + high) / 2, 6)
        out.append(Figure(text[start:end], start, end, "count", value, "count", low, high,
                          per=m.group("per").lower() if m.group("per") else None, counted=m.group("counted").lower()))
    for m in MULTIPLE_RE.finditer(text):
        num = m.group("num") or m.group("num2")
        start, end = m.start(), m.end()
        if free(start, end) and all(end <= f.start or start >= f.end for f in out):
            out.append(Figure(text[start:end], start, end, "count", count_value(num), "count", counted="times"))
    taken = [(f.start, f.end) for f in out]
    for m in BARE_SCALED_RE.finditer(text):
        if free(m.start(), m.end()) and all(m.end() <= s or m.start() >= e for s, e in taken):
            out.append(Figure(m.group(0), m.start(), m.end(), "count", count_value(m.group("num")), "count"))
    return out


_PERCENT_UNITS = {"%": "percent", "percent": "percent", "per cent": "percent", "percents": "percent",
                  "percentage": "percent", "percentages": "percent", "per cents": "percent",
                  "pp": "percentage_points", "percentage point": "percentage_points",
                  "percentage points": "percentage_points", "basis point": "basis_points",
                  "basis points": "basis_points", "bps": "basis_points", "pc": "percent", "p.c": "percent",
                  "p.c.": "percent", "pct": "percent"}
