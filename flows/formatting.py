"""How values are shown to people: '$135B', '27%', '2032'. One place for CLI and digest."""
from __future__ import annotations

from extractors.claimtime import Resolved

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
    if unit and len(unit) == 3 and unit.isupper():
        sign = _CURRENCY_SIGNS.get(unit, unit + " ")
        for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
            if abs(value) >= size:
                return f"{sign}{value / size:,.4g}{suffix}"
        return f"{sign}{value:,.0f}"
    return f"{value:g}{' ' + unit if unit else ''}"


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
