"""A claim: one assertion, from one article, about one quantity or stance, with its evidence."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass
class Claim:
    subject: str | None
    object: str | None
    metric: str
    value: float | None
    unit: str | None
    previous_value: float | None
    qualifier: str | None
    topic: str | None
    stance: str | None
    attributed_to: str | None
    speaker: str | None
    sentence: str
    start: int
    end: int
    status: str = "reported"           # reported | planned | forecast (extractors/modality.py)
    when: str | None = None            # the time expression the sentence gives the figure, as written
    previous_when: str | None = None   # the one it gives the previous value ("from $157 billion last October")
    kind: str = "typed"                # typed: a claim type named it; open: any other tracked figure (open_claims.py)
    low: float | None = None           # a range's ends ("between 40,000 and 46,000 vehicles"); value is the midpoint
    high: float | None = None
    change: float | None = None        # a change the sentence states with the level ("up 7%": 7)
    change_unit: str | None = None     # percent | percentage_points | a currency | count

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
