"""How values are shown to people: '$135B', '27%', '2032'. One place for CLI and digest."""
from __future__ import annotations

from claimtrack.extractors.claimtime import Resolved

_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def format_value(value: float | None, unit: str | None) -> str:
    if value is None:
        return "—"
    if unit == "percent":
        return f"{value:g}%"
    if unit == "percentage_points":
        return f"{value:g} pp"
    if unit == "basis_points":
        return f"{value:g} bps"
    if unit == "year":
        return f"{int(value)}"
    if unit == "count":             # vehicles, jobs, barrels a day: a plain number, no currency
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    if unit and len(unit) == 3 and unit.isupper():
        sign = _CURRENCY_SIGNS.get(unit, unit + " ")
        for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
            if abs(value) >= size:
                return f"{sign}{value / size:,.4g}{suffix}"
        return f"{sign}{value:,.0f}"
    return f"{value:g}{' ' + unit if unit else ''}"


def format_range(value: float | None, unit: str | None, low: float | None = None,
                 high: float | None = None) -> str:
    """A figure as the text gave it: its range when it had one ('40,000–46,000', '4%–4.25%'),
    else its value."""
    if low is not None and high is not None and low != high:
        return f"{format_value(low, unit)}–{format_value(high, unit)}"
    return format_value(value, unit)


_BASIS_NOTES = {"page": "dated by the page", "fetched": "no date given: first seen",
                "before": "before the value that replaced it"}


def format_when(as_of, precision: str | None = None) -> str:
    """A claim's time as precise as it is known: '2019', '2024-10', '2024-Q3', '2025-10-28'
    (the label of its period, extractors/claimtime.py)."""
    return Resolved(as_of, precision or "day").label()


def basis_note(basis: str | None, text: str | None = None) -> str:
    """How a claim's time is known, when it is not the article's own date: the sentence's words
    ('"last October"'), the page's date, the first time we saw it, or 'before' the new value."""
    if basis == "sentence" and text:
        return f"“{text}”"
    return _BASIS_NOTES.get(basis or "", "")
