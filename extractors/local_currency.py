"""A currency name several countries use ("rupees", "kroner", "dirhams", "Rs"), read as the one
country's the text names: a Pakistani airline's "Rs135 billion" is PKR, a Swedish investment's
"95 billion kronor" SEK. A text naming none or several of them is read by the conversion beside
the figure where it gives one code's rate ("75 billion rupees ($877 million)": about 85 to the
dollar, India's); else it keeps the name (or "Rs" its Indian reading), so a reader sees it is
unresolved rather than a guess."""
from __future__ import annotations

import math
import re
from dataclasses import replace
from functools import cache

from claimtrack.extractors.conversions import restated_from
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


_RATE_SPREAD = 4 / 3        # how far from a code's usual rate a conversion may imply it


def _converted(fig, figures: list, text: str):
    """The same amount in another currency beside `fig`, in parentheses closed right after it:
    "75 billion rupees ($877 million)" or "$877 million (75 billion rupees)"."""
    for other in figures:
        if other is fig or not other.value:
            continue
        first, second = (fig, other) if other.start > fig.start else (other, fig)
        if restated_from(text, second, [first]) is first and text[second.end:second.end + 2].lstrip().startswith(")"):
            return other
    return None


def _by_rate(name: str, fig, figures: list, text: str) -> str | None:
    """The one code of a shared name whose usual rate to the dollar the conversion beside the
    figure implies (within a third), if any."""
    rates = currencies().per_dollar
    conv = _converted(fig, figures, text)
    if conv is None or conv.unit not in rates or not fig.value:
        return None
    implied = fig.value / (conv.value / rates[conv.unit])
    near = [code for code, _ in _by_country()[name]
            if code in rates and abs(math.log(implied / rates[code])) < math.log(_RATE_SPREAD)]
    return near[0] if len(near) == 1 else None


def local_currencies(figures: list, text: str) -> list:
    """The figures, each in a shared currency name read as the one country's the text names, or
    failing that the one the conversion beside it gives, or failing that (a text naming no
    country of the name) the one code the conversions beside its other figures of that name give:
    after "75 billion rupees ($877 million)", "will invest 48.76 billion rupees" is in rupees too."""
    by_rate: dict[str, set[str]] = {}
    for fig in figures:
        if (name := _shared_name(fig)) is not None and (code := _by_rate(name, fig, figures, text)):
            by_rate.setdefault(name, set()).add(code)
    out = []
    for fig in figures:
        name = _shared_name(fig)
        if name is not None:
            named = [code for code, country in _by_country()[name] if country.search(text)]
            if len(named) != 1:
                named = [code] if (code := _by_rate(name, fig, figures, text)) else named
            if not named and len(by_rate.get(name, ())) == 1:
                named = list(by_rate[name])
            if len(named) == 1 and named[0] != fig.unit:
                fig = replace(fig, unit=named[0])
        out.append(fig)
    return out
