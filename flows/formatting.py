"""How values are shown to people: '$135B', '27%', '2032'. One place for CLI and digest."""
from __future__ import annotations

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
