"""How values are shown to people: '$135B', '27%', '2032'. One place for CLI and digest."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from claimtrack.extractors.claimtime import Resolved
from claimtrack.extractors.config import default_label

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


Labels = Mapping[str, Mapping[str, Any]]      # metric -> its `metrics` row: label, preposition


def metric_label(metric: str, labels: Labels | None = None) -> str:
    """What a reader calls a metric: its claim type's label, else its name in words ('stake')."""
    row = (labels or {}).get(metric) or {}
    return row.get("label") or default_label(metric)


def possessive(name: str) -> str:
    """'Microsoft' -> "Microsoft's", 'Goldman Sachs' -> "Goldman Sachs'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def claim_phrase(subject: str, metric: str, obj: str | None = None, labels: Labels | None = None) -> str:
    """A claim key in words: "Microsoft's stake in OpenAI", "OpenAI's valuation"."""
    row = (labels or {}).get(metric) or {}
    phrase = f"{possessive(subject)} {metric_label(metric, labels)}"
    return f"{phrase} {row.get('preposition') or 'in'} {obj}" if obj else phrase


def change_words(previous: float | None, new: float, unit: str | None) -> str:
    """'27%, down from 32.5%': a new value and the one it replaced, in words."""
    if previous is None:
        return format_value(new, unit)
    if unit == "year":
        direction = "later than" if new > previous else "earlier than"
    else:
        direction = "up from" if new > previous else "down from"
    return f"{format_value(new, unit)}, {direction} {format_value(previous, unit)}"
