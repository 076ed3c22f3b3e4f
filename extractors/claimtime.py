"""When a figure was true: the time expression a sentence gives it, and that expression
resolved against the article's date.

Real articles retell history in passing ("up from $157 billion last October", "Microsoft
invested $1 billion in 2019"). Dated by publication, each would become the newest value of
its claim. Extraction finds the expression that belongs to the figure (claims.py, by the
parse); `resolve` turns it into the start of the period it names and its precision, with the
article's date as the reference for relative forms ("last year", "on Friday", "a year ago").
dateparser reads the forms it knows; the ones it does not (quarters, "early 2023", "fiscal
2024", "last October", "earlier this year") are normalised first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from claimtrack.extractors.periods import Resolved, as_utc as _as_utc, later as _later, month_start as _month_start
from claimtrack.extractors.periods import quarter_start as _quarter_start, season_of, shift_month as _shift_month


PRECISIONS = ("day", "week", "month", "quarter", "year")

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)} | {"sept": 9}
_MONTH = r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|" \
         r"sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
_ORDINAL_Q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# A time expression as it stands in a sentence. Only points and periods in the past or present
# are found: durations ("five years", "each year"), spans ("since 2019", "by 2030", "over the
# next decade") and ages ("a 40-year-old") are not a time the figure was true at.
_EDGE = r"(?:early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|the\s+middle\s+of)"
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_LEAD = r"(?:(?:in|during|for|on)\s+)?"
_LEAD_DATED = r"(?:(?:in|during|for|on|by)\s+)?"      # "by" only before a year: "by March" may be ahead
# the period a figure is compared with, a year before the figure's own ("up from $6.2bn in the
# same period last year", "the year-ago quarter"): resolved against the figure's time, not the
# article's (flows/extraction/claim_time.py)
_SAME_PERIOD = (r"(?:in\s+|for\s+)?(?:the\s+(?:same|corresponding)\s+(?:period|quarter|month|week|time)\s+(?:of\s+|in\s+)?"
                r"(?:the\s+previous\s+year|the\s+prior\s+year|last\s+year|a\s+year\s+(?:earlier|ago|before))|"
                r"the\s+(?:year[\s-](?:earlier|ago)|prior[\s-]year)\s+(?:period|quarter|month))")
SAME_PERIOD = re.compile(_SAME_PERIOD, re.IGNORECASE)
# the months before another time ("a $978M loss the prior three months", after "the three months
# ending Nov. 30"), else before the article; "the past three months" runs up to now, and is none
_PRIOR_MONTHS = (r"(?:the\s+)?(?:prior|previous|preceding)\s+"
                 r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+months")
PRIOR_MONTHS = re.compile(_PRIOR_MONTHS + r"(?=\s|$)", re.IGNORECASE)
# "was previously valued at $95 billion", "had owned 75%" (a past perfect, read from the parse
# in figure_time.py): a time before the article that names no period
# (and the words figure_time.py reads as such: "once worth", "its earlier stake", "at its peak")
UNDATED_PAST = re.compile(r"previously|formerly|had|once|originally|then|when|former|previous|prior|earlier|erstwhile|"
                          r"one-?time|original|peak|height|heyday|zenith|before|until|till|pandemic|lockdown|used|point", re.IGNORECASE)
TIME_PATTERN = re.compile(
    r"(?<![\w$€£¥.,-])(?:"
    rf"{_SAME_PERIOD}|{_PRIOR_MONTHS}|"
    rf"{_LEAD_DATED}(?:the\s+|between\s+)?{_MONTH}(?:\s?[-–]\s?|\s+and\s+){_MONTH}(?:,?\s+{_YEAR})?(?:\s+(?:quarter|period))?(?![\w%])|"
    rf"{_LEAD}(?:the\s+)?{_MONTH}[\s-]+quarter(?:,?\s+(?:of\s+)?{_YEAR})?(?![\w%])|"
    r"(?:the\s+)?(?:previous|prior|preceding)\s+day(?![\w-])|"
    rf"{_LEAD_DATED}(?:(?:{_EDGE})[\s-]+)?{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?,?\s+(?:of\s+)?{_YEAR}(?![\w%])"
    rf"|{_LEAD_DATED}(?:(?:{_EDGE})[\s-]+)?(?:fiscal\s+(?:year\s+)?|fy\s?)?{_YEAR}(?![\w%-])"
    rf"|{_LEAD_DATED}fy\s?'?\d\d(?![\w%-])"
    rf"|{_LEAD_DATED}(?:(?:{_EDGE})[\s-]+)?{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?,?\s+(?:of\s+)?(?:last|this)\s+year"
    rf"|(?:earlier|later)\s+in\s+{_MONTH}(?![\w%])"
    rf"|{_LEAD}\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+{_YEAR})?(?![\w%])"
    rf"|(?:(?:{_EDGE})[\s-]+|last\s+|this\s+|in\s+|on\s+)?{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?![\w%])"
    rf"|{_LEAD}(?:the\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter(?:\s+of)?(?:\s+(?:{_YEAR}|this\s+year|last\s+year))?"
    r"|q[1-4](?:\s+|-|')(?:19[5-9]\d|20\d\d|\d\d)"
    r"|(?:in|for|during)\s+q[1-4](?!(?:\s+|-|')(?:19[5-9]\d|20\d\d|\d\d))"
    rf"|{_LEAD}the\s+first\s+three\s+months(?:\s+of\s+(?:{_YEAR}|this\s+year|last\s+year))?"
    rf"|{_LEAD}the\s+(?:last|final)\s+three\s+months\s+of\s+(?:{_YEAR}|this\s+year|last\s+year)"
    rf"|(?:for|in|during)\s+the\s+(?:fiscal\s+)?quarter\s+(?:that\s+)?end(?:ed|ing)\s+(?:in\s+|on\s+)?"
    rf"(?:{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+{_YEAR})?|\d{{1,2}}\s+{_MONTH}(?:\s+{_YEAR})?)(?![\w%])"
    r"|(?:for|in|during)\s+the\s+quarter(?!s)"
    r"|(?:the\s+)?(?:last|previous|prior|past)\s+(?:quarter|year|month|week)(?!s)"
    r"|(?:earlier|later|late|early)?\s*(?:this|last)\s+(?:year|month|week|quarter)"
    r"|(?:earlier|later)\s+in\s+the\s+(?:year|month)"
    r"|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+(?:years?|months?|weeks?|days?|decades?)\s+(?:ago|earlier)"
    r"|(?:on\s+|last\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|yesterday|today"
    rf"|(?:(?:earlier|later)\s+)?(?:in\s+)?that\s+(?:year|month|{_MONTH})"
    r"|the\s+(?:following|next)(?:\s+(?:year|quarter|month|week|day))?"
    r"|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
    r"(?:years?|quarters?|months?|weeks?|days?)\s+later"
    r"|at\s+(?:that|the)\s+time(?!\s+of\b)"
    r"|previously|formerly"
    # a season: "last summer", "in the spring of 2024", "winter 2023" (not "a spring in its step", "the fall in")
    rf"|(?:last\s+|this\s+|(?:early|late)\s+(?:last\s+|this\s+)?|(?:in|during)\s+the\s+)(?:summer|spring|autumn|winter|fall)"
    rf"(?:\s+(?:of\s+)?{_YEAR})?|(?:summer|spring|autumn|winter)\s+(?:of\s+)?{_YEAR}"
    r")(?![\w-])",
    re.IGNORECASE)
# words that make a time after them a span or a deadline rather than a point ("by" with a year
# is matched as part of the time: "had grown to $6 billion by October 2021" is as of then, and
# "by 2030" lies ahead, no time a figure was true at)
_NOT_A_POINT = re.compile(r"(?:since|by|until|till|through|thru|before|after|from|to|between|over|within|"
                          r"per|each|every|next|coming|through\s+the|until\s+the|"
                          r"same\s+as|than)"        # a time compared with: "the same as last year", "higher than in 2024"
                          r"(?:\s+the\s+(?:beginning|start|end|middle)\s+of)?\s*$", re.IGNORECASE)


# "its valuation from the prior year", "up from $9.6 billion a year earlier": after "from", a
# period of the past counted back from now is the baseline's time, not the start of a span
# (which would go on "from last year to this")
_FROM = re.compile(r"from", re.IGNORECASE)
_PAST_BASELINE = re.compile(r"(?:the\s+)?(?:last|previous|prior|past)\s+(?:quarter|year|month|week)|"
                            r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
                            r"(?:years?|months?|weeks?|days?|decades?)\s+(?:ago|earlier)", re.IGNORECASE)
# a market's figure at a time ("Friday's closing price"): figure_time.py gives it that time
MARKET_POINTS = {"price", "close", "level"}
_MARKET_POINT = re.compile(rf"['’]s\s+(?:\w+\s+)?(?:closing\s+|opening\s+|last\s+)?(?:{'|'.join(sorted(MARKET_POINTS))})\b",
                           re.IGNORECASE)
_SPAN_END = re.compile(r"\s+(?:to|through|until|till)\b", re.IGNORECASE)


@dataclass(frozen=True)
class TimeMention:
    """A time expression in the text: where it is and what it says."""
    text: str
    start: int
    end: int


def time_mentions(text: str, start: int = 0, end: int | None = None) -> list[TimeMention]:
    """The time expressions in text[start:end] that name a point or period (not a span)."""
    end = len(text) if end is None else end
    found = []
    for m in TIME_PATTERN.finditer(text, start, end):
        before = text[max(start, m.start() - 32):m.start()]
        edge = _NOT_A_POINT.search(before) if not _MARKET_POINT.match(text, m.end()) else None
        # (a day's price names the price after it: "over Friday's closing price of $X")
        if edge and not (_FROM.fullmatch(edge.group(0).strip()) and _PAST_BASELINE.fullmatch(m.group(0).strip())
                         and not _SPAN_END.match(text, m.end())):
            continue
        phrase = m.group(0)
        if phrase.lower() in ("may", "march") and not _month_word_is_month(text, m.start(), m.end()):
            continue
        if PRIOR_MONTHS.match(phrase):
            # "the prior three months": before the time told before it in the sentence, if any
            anchor = next((t for t in reversed(found) if ANCHOR not in t.text and re.search(r"\d", t.text)), None)
            if anchor is not None:
                phrase = f"{phrase}{ANCHOR}{anchor.text}"
        elif _RELATIVE.match(phrase):
            # "then to $15 billion that July": the year of a time told before it in the sentence,
            # else in the sentences just before ("In October 2023, ... Earlier that year, ...")
            # ("at the time": any time told before it, whose period it is)
            told = r"(?i)^(?!.*\b(?:today|this|now)\b)" if _AT_THE_TIME.match(phrase) else r"\d{4}"   # not the present
            anchor = next((t for t in reversed(found) if ANCHOR not in t.text and re.search(told, t.text)), None) \
                or _anchor_before(text, start, told)
            if anchor is None:
                continue
            phrase = f"{phrase}{ANCHOR}{anchor.text}"
        found.append(TimeMention(phrase, m.start(), m.end()))
    return found


ANCHOR_REACH = 400       # characters before a sentence where the time "that year" refers to may stand


def _anchor_before(text: str, start: int, told: str = r"\d{4}") -> TimeMention | None:
    """The last time with a year (`told`) in the text just before `start`, not across a paragraph."""
    lo = max(0, start - ANCHOR_REACH, text.rfind("\n", 0, start) + 1)
    if lo >= start:
        return None
    return next((t for t in reversed(time_mentions(text, lo, start))
                 if ANCHOR not in t.text and re.search(told, t.text)), None)


# a time told relative to another of the sentence ("in March 2022, then to $15 billion that
# July"): its words, ANCHOR, and the words of the time it is relative to
ANCHOR = " ← "
_AT_THE_TIME = re.compile(r"at\s+(?:that|the)\s+time", re.IGNORECASE)
_RELATIVE = re.compile(r"(?:(?:earlier|later)\s+)?(?:in\s+)?that\s|the\s+(?:following|next)|"
                       r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
                       r"(?:years?|quarters?|months?|weeks?|days?)\s+later|"
                       r"at\s+(?:that|the)\s+time",
                       re.IGNORECASE)


def _month_word_is_month(text: str, start: int, end: int) -> bool:
    """'may' and 'march' alone are mostly verbs: a month only when 'in', 'last', 'this' or
    'early' comes before, or a capital letter mid-sentence."""
    before = text[max(0, start - 8):start].lower()
    word = text[start:end]
    return bool(re.search(r"(?:in|last|this|early|late|mid|since)\s+$", before)) or \
        (word[0].isupper() and start > 0 and not re.search(r"[.!?]\s*$", text[:start]))


def _month_number(word: str) -> int | None:
    w = word.lower().rstrip(".")
    return _MONTH_ABBR.get(w[:4] if w.startswith("sept") else w[:3])


def _count(word: str) -> int:
    return _NUMBER_WORDS.get(word.lower()) or int(word)


def _normalised(phrase: str) -> str:
    p = re.sub(r"\s+", " ", phrase.strip().lower())
    p = re.sub(r"^(?:in|during|for|on|by) ", "", p)
    p = re.sub(rf"^{_EDGE}[\s-]+", "", p)
    return p


def _resolve_rules(p: str, ref: datetime) -> Resolved | None:
    """The forms dateparser does not read, or reads as another period than a reader does."""
    if (season := season_of(p, ref)) is not None:
        return season
    if SAME_PERIOD.fullmatch(p):            # without the figure's own time: the year before the article's
        return Resolved(_month_start(ref.year - 1, 1), "year")
    if m := re.fullmatch(r"(?:the )?(?:prior|previous|preceding) (\w+) months", p):
        return Resolved(_shift_month(ref, -_count(m[1])), "month")
    if m := re.fullmatch(r"(?:fiscal (?:year )?|fy ?)?((?:19|20)\d\d)", p):
        return Resolved(_month_start(int(m[1]), 1), "year")
    if m := re.fullmatch(r"(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th)[ -]quarter(?: of)?(?: ((?:19|20)\d\d|this year|last year))?", p):
        q = _ORDINAL_Q[m[1]]
        if m[2] and m[2][0].isdigit():
            year = int(m[2])
        elif m[2] == "last year":
            year = ref.year - 1
        else:           # "the third quarter": the latest one that has begun
            year = ref.year if _quarter_start(ref.year, q) <= ref else ref.year - 1
        return Resolved(_quarter_start(year, q), "quarter")
    # a quarter told in months: "the first three months of 2024" (the latest such when no year;
    # "the last three months" alone runs up to now and is no quarter)
    if m := re.fullmatch(r"the (first|last|final) three months(?: of ((?:19|20)\d\d|this year|last year))?", p):
        q = 1 if m[1] == "first" else 4
        if m[2] and m[2][0].isdigit():
            year = int(m[2])
        elif m[2] == "last year":
            year = ref.year - 1
        else:
            year = ref.year if _quarter_start(ref.year, q) <= ref else ref.year - 1
        return Resolved(_quarter_start(year, q), "quarter")
    if m := re.fullmatch(r"the (?:fiscal )?quarter (?:that )?end(?:ed|ing) (?:in |on )?(.+)", p):
        # "the quarter ended July 27": the calendar quarter most of it lies in (six weeks before its end)
        end = _resolve_rules(m[1], ref) or _by_dateparser(m[1], ref)
        if end is None:
            return None
        mid = end.at + (timedelta(days=30) if end.precision == "month" else timedelta(0)) - timedelta(days=45)
        return Resolved(_quarter_start(mid.year, (mid.month - 1) // 3 + 1), "quarter")
    if m := re.fullmatch(rf"(?:the )?({_MONTH}) quarter(?:,? (?:of )?((?:19|20)\d\d))?", p):
        # "the June quarter": a quarter named by the month it ends in (the latest begun when no year)
        month = _month_number(m[1])
        if month is None:
            return None
        q = (month - 1) // 3 + 1
        year = int(m[2]) if m[2] else ref.year if _quarter_start(ref.year, q) <= ref else ref.year - 1
        return Resolved(_quarter_start(year, q), "quarter")
    if re.fullmatch(r"(?:the )?(?:previous|prior|preceding) day", p):
        return Resolved(_as_utc(ref.date() - timedelta(days=1)), "day")
    if m := re.fullmatch(rf"(?:the |between )?({_MONTH})(?: ?[-–] ?| and )({_MONTH})(?:,? ((?:19|20)\d\d))?(?: quarter| period)?", p):
        # "the April-June quarter": three months that make a calendar quarter are that quarter
        # (the latest begun when no year is told); another run of months names no one period
        first, last = _month_number(m[1]), _month_number(m[2])
        if first is None or last is None or first % 3 != 1 or last != first + 2:
            return None
        q = (first - 1) // 3 + 1
        year = int(m[3]) if m[3] else ref.year if _quarter_start(ref.year, q) <= ref else ref.year - 1
        return Resolved(_quarter_start(year, q), "quarter")
    if p == "the quarter":          # "for the quarter" in a report of results: the latest quarter ended
        q = (ref.month - 1) // 3 - 1
        return Resolved(_quarter_start(ref.year + (q // 4), q % 4 + 1), "quarter")
    if m := re.fullmatch(r"q([1-4])", p):          # "in Q3": the latest third quarter that has begun
        year = ref.year if _quarter_start(ref.year, int(m[1])) <= ref else ref.year - 1
        return Resolved(_quarter_start(year, int(m[1])), "quarter")
    if m := re.fullmatch(r"q([1-4])(?: |-|')((?:19|20)?\d\d)", p):
        year = int(m[2]) if len(m[2]) == 4 else 2000 + int(m[2])
        return Resolved(_quarter_start(year, int(m[1])), "quarter")
    p = re.sub(r"^(earlier|later) in the (year|month)$", r"this \2", p)
    if m := re.fullmatch(r"fy ?'?(\d\d)", p):          # "in FY24"
        return Resolved(_month_start(2000 + int(m[1]), 1), "year")
    if m := re.fullmatch(rf"({_MONTH})(?: \d{{1,2}}(?:st|nd|rd|th)?)?,? (?:of )?(last|this) year", p):   # "in April last year"
        month = _month_number(m[1])
        if month is not None:
            return Resolved(_month_start(ref.year - (m[2] == "last"), month), "month")
    p = re.sub(rf"^(?:earlier|later) in (?={_MONTH}$)", "", p)          # "earlier in February": February
    if m := re.fullmatch(r"(?:earlier |later |late |early )?(this|last|the last|the previous|the prior|the past|previous|prior|past) (year|month|week|quarter)", p):
        back = 0 if m[1] == "this" else 1
        unit = m[2]
        if unit == "year":
            return Resolved(_month_start(ref.year - back, 1), "year")
        if unit == "quarter":
            q = (ref.month - 1) // 3 - back
            return Resolved(_quarter_start(ref.year + (q // 4), q % 4 + 1), "quarter")
        if unit == "month":
            return Resolved(_shift_month(ref, -back), "month")
        monday = ref.date() - timedelta(days=ref.weekday() + 7 * back)
        return Resolved(_as_utc(monday), "week")
    # ("four months after": figure_time.py's time of a clause told that long before the article)
    if m := re.fullmatch(r"(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2}) (year|month|week|day|decade)s? (?:ago|earlier|after)", p):
        n, unit = _count(m[1]), m[2]
        if unit in ("year", "decade"):
            return Resolved(_month_start(ref.year - n * (10 if unit == "decade" else 1), 1), "year")
        if unit == "month":
            return Resolved(_shift_month(ref, -n), "month")
        days = n * (7 if unit == "week" else 1)
        return Resolved(_as_utc(ref.date() - timedelta(days=days)), "week" if unit == "week" else "day")
    if m := re.fullmatch(rf"(last |this )?({_MONTH})", p):
        month = _month_number(m[2])
        if month is None:
            return None
        # the latest such month that has begun; "last October" in October is a year back
        year = ref.year if month < ref.month or (month == ref.month and m[1] != "last ") else ref.year - 1
        return Resolved(_month_start(year, month), "month")
    if m := re.fullmatch(r"(?:last )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", p):
        back = (ref.weekday() - _WEEKDAYS.index(m[1])) % 7
        return Resolved(_as_utc(ref.date() - timedelta(days=back)), "day")
    if p in ("yesterday", "today"):
        return Resolved(_as_utc(ref.date() - timedelta(days=1 if p == "yesterday" else 0)), "day")
    return None


def _relative(phrase: str, anchor: Resolved) -> Resolved | None:
    """A time told relative to another: "that July", "later that year", "the following year"."""
    p = re.sub(r"^(?:(?:earlier|later) )?(?:in )?", "", _normalised(phrase))
    if re.fullmatch(r"at (?:that|the) time", p):         # "at the time": the time told before it
        return anchor
    if m := re.fullmatch(r"(?:the )?(?:prior|previous|preceding) (\w+) months", p):
        return Resolved(_shift_month(anchor.at, -_count(m[1])), "month")
    year = anchor.at.year
    if re.fullmatch(r"(?:the (?:following|next)|a year later)(?: year)?", p):
        return Resolved(_month_start(year + 1, 1), "year")
    if m := re.fullmatch(r"the (?:following|next) (quarter|month|week|day)|(\w+) (year|quarter|month|week|day)s? later", p):
        return _later(anchor, 1 if m[1] else _count(m[2]), m[1] or m[3])
    if p == "that year":
        return Resolved(_month_start(year, 1), "year")
    if p == "that month":
        return Resolved(_month_start(year, anchor.at.month), "month") if anchor.precision != "year" else None
    month = _month_number(p.removeprefix("that "))
    return Resolved(_month_start(year, month), "month") if month else None


@lru_cache(maxsize=4096)
def _resolve_cached(phrase: str, ref_day: date) -> Resolved | None:
    if UNDATED_PAST.fullmatch(phrase.strip()):
        return None             # before the article, no period told: claim_time.place dates it
    ref = _as_utc(ref_day)
    if ANCHOR in phrase:
        own, anchor_words = phrase.split(ANCHOR, 1)
        anchor = _resolve_cached(anchor_words, ref_day)
        return _relative(own, anchor) if anchor is not None else None
    p = _normalised(phrase)
    found = _resolve_rules(p, ref)
    if found is not None:
        return found
    return _by_dateparser(p, ref)


def _by_dateparser(p: str, ref: datetime) -> Resolved | None:
    """Dates with a day or a month and year ("March 3, 2025", "12 April", "January of 2023")."""
    data = _date_parser(ref.date()).get_date_data(p.replace(" of ", " "))
    if data.date_obj is None:
        return None
    got = data.date_obj
    if data.period == "month":
        return Resolved(_month_start(got.year, got.month), "month")
    if data.period == "year":
        return Resolved(_month_start(got.year, 1), "year")
    if data.period == "day":
        return Resolved(_as_utc(got.date()), "day")
    return None


@lru_cache(maxsize=64)
def _date_parser(ref_day: date):
    """A dateparser reading relative to this day (imported on first use: it takes a second)."""
    from dateparser.date import DateDataParser
    return DateDataParser(languages=["en"], settings={
        "PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True,
        "RELATIVE_BASE": datetime(ref_day.year, ref_day.month, ref_day.day)})


def resolve(phrase: str, reference: datetime | date) -> Resolved | None:
    """The period `phrase` names, read with `reference` (the article's date) as now; None when
    it names no period this module knows."""
    ref_day = reference.date() if isinstance(reference, datetime) else reference
    return _resolve_cached(phrase, ref_day)


# how long after a quarter its results are news: companies report within about six weeks of
# its end (a US quarterly report is due in 40 to 45 days); later, they are retold history
RESULTS_WINDOW = timedelta(days=45)


def is_history(when: Resolved, published: datetime, slack_days: int = 7) -> bool:
    """True when the period ended more than `slack_days` before the article: the figure is told
    as history, not as news of the day. The quarter before the article's own is not: results
    for a quarter come out in the weeks after it ("adjusted earnings of $6bn for the third
    quarter", published on October 31), and are that day's news for RESULTS_WINDOW."""
    if when.precision == "quarter" and when.end() <= published < when.end() + RESULTS_WINDOW:
        return False
    return when.end() < published - timedelta(days=slack_days)
