"""Periods of time: the start of one and how fine it is (a year, a quarter, a month, a week,
a day), and the steps between them that resolving a time phrase needs (extractors/claimtime.py)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone


@dataclass(frozen=True)
class Resolved:
    """The start of the period a time expression names, and how fine that period is."""
    at: datetime
    precision: str

    def label(self) -> str:
        """2019, 2024-10, 2024-Q4, 2025-10-24: the period as a reader writes it."""
        if self.precision == "year":
            return f"{self.at.year}"
        if self.precision == "quarter":
            return f"{self.at.year}-Q{(self.at.month - 1) // 3 + 1}"
        if self.precision == "month":
            return f"{self.at.year}-{self.at.month:02d}"
        return self.at.date().isoformat()

    def end(self) -> datetime:
        """The first instant after the period."""
        months = {"year": 12, "quarter": 3, "month": 1}.get(self.precision)
        if months is not None:              # (a year, quarter or month starts at a month's start)
            return shift_month(self.at, months)
        return self.at + timedelta(days=7 if self.precision == "week" else 1)


def as_utc(day: date) -> datetime:
    """Midnight UTC of `day`."""
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


def month_start(year: int, month: int) -> datetime:
    """The first instant of a month, UTC."""
    return datetime(year, month, 1, tzinfo=timezone.utc)


def quarter_start(year: int, quarter: int) -> datetime:
    """The first instant of a quarter (1 to 4), UTC."""
    return month_start(year, 3 * (quarter - 1) + 1)


def shift_month(at: datetime, months: int) -> datetime:
    """The start of the month `months` after (or before) `at`'s."""
    index = at.year * 12 + at.month - 1 + months
    return month_start(index // 12, index % 12 + 1)


STEPS = ("year", "quarter", "month", "week", "day")      # coarse to fine


def later(anchor: Resolved, n: int, unit: str) -> Resolved:
    """`n` `unit`s after the time told before ("two months later" after "in March 2023": May
    2023); that time itself when it is coarser than the step ("a month later" after "in 2021"
    is in 2021 or just after: a past all the same)."""
    if STEPS.index(anchor.precision) < STEPS.index(unit):
        return anchor
    if unit in ("week", "day"):
        return Resolved(anchor.at + timedelta(days=n * (7 if unit == "week" else 1)), anchor.precision)
    shifted = shift_month(anchor.at, {"year": 12, "quarter": 3, "month": 1}[unit] * n)
    return Resolved(shifted, STEPS[min(2, max(STEPS.index(unit), STEPS.index(anchor.precision)))])


# the calendar quarter most of each season lies in (winter: the one its new year opens)
_SEASONS = {"spring": 2, "summer": 3, "autumn": 4, "fall": 4, "winter": 1}


def season_of(p: str, ref: datetime) -> Resolved | None:
    """"last summer", "this spring", "in the autumn of 2024": the quarter most of the season lies
    in; "last" is the latest one ended before the article, "this" and a bare season this year's."""
    m = re.fullmatch(r"(?:early |late )?(last |this |(?:(?:in|during) )?the )?(?:last |this )?(spring|summer|autumn|fall|winter)(?: (?:of )?((?:19|20)\d\d))?", p)
    if m is None:
        return None
    q = _SEASONS[m[2]]
    if m[3]:
        year = int(m[3]) + (1 if q == 1 else 0)
    else:
        year = ref.year
        if m[1] == "last " and quarter_start(year, q) + timedelta(days=88) > ref:
            year -= 1           # a season not yet over is no "last" one
    return Resolved(quarter_start(year, q), "quarter")
