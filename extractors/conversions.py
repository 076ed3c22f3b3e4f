"""The same amount restated in another currency right after a figure, in parentheses ("€1.7
billion ($2 billion)", "£5bn (about $6.7bn)") or after ", or" ("$32 billion, or £24 billion at
2016 exchange rates"). The claims skip the restatement (claims.py) and a currency name several
countries use is read by its rate to it (local_currency.py)."""
from __future__ import annotations

import re

# a parenthesis opening right before a figure, with a word of approximation
_OPENING = re.compile(r"\(\s*(?:about|around|roughly|approximately|nearly|some|or|c\.|ca\.|~)?\s*$")
# or set off by ", or": "$32 billion, or £24 billion at 2016 exchange rates"
_OR = re.compile(r",\s*or\s+(?:about|around|roughly|approximately|nearly|some)?\s*$")


def restated_from(text: str, fig, figs: list):
    """The figure `fig` restates, in parentheses or after ", or" right after it, in another unit; None if none."""
    m = _OPENING.search(text[:fig.start]) or _OR.search(text[:fig.start])
    if not m:
        return None
    return next((o for o in figs if o.kind == fig.kind and o.end <= fig.start and text[o.end:m.start()].strip(" ,") == ""
                 and o.unit != fig.unit), None)
