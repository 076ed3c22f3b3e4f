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

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
