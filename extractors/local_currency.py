"""A currency name several countries use ("rupees", "kroner", "dirhams", "Rs"), read as the one
country's the text names: a Pakistani airline's "Rs135 billion" is PKR, a Swedish investment's
"95 billion kronor" SEK. A text naming none or several of them keeps the name (or "Rs" its
Indian reading), so a reader sees it is unresolved rather than a guess."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from claimtrack.extractors.currencies import currencies


@cache
def _by_country() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """Each shared name's codes with a pattern of the words that name the code's country."""
    return {name: [(code, re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")) for code, words in codes.items()]
            for name, codes in currencies().by_country.items()}


def _shared_name(fig) -> str | None:
    """The shared currency name a figure is in, if any ("Rs" is written for every rupee)."""
    if fig.unit == "INR" and fig.text.lstrip("-−(").startswith("Rs"):
        return "rupee"
    return fig.unit if fig.unit in _by_country() else None


def local_currencies(figures: list, text: str) -> list:
    """The figures, each in a shared currency name read as the one country's the text names."""
    out = []
    for fig in figures:
        name = _shared_name(fig)
        if name is not None:
            named = [code for code, country in _by_country()[name] if country.search(text)]
            if len(named) == 1 and named[0] != fig.unit:
                fig = replace(fig, unit=named[0])
        out.append(fig)
    return out
