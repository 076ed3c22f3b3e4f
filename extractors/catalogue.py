"""What the database needs to know of the configured claim types, read from the config alone
(no spaCy): the process that writes claims computed by worker processes needs no model."""
from __future__ import annotations

from typing import Any

from claimtrack.extractors.config import ExtractorConfig


def metric_catalogue(config: ExtractorConfig) -> tuple[dict[str, Any], ...]:
    """What the views need to know of each metric: whether it is a standing figure or an event,
    its kind of unit, and the tolerance within which two values are the same; and what the
    outputs call it (label, preposition)."""
    return tuple({"metric": t.metric, "kind": t.kind, "unit": t.unit, "tolerance_pct": t.tolerance_pct,
                  "label": t.label, "preposition": t.preposition}
                 for t in config.claim_types)


def object_metrics(config: ExtractorConfig) -> frozenset[str]:
    """The metrics whose claims take an object (a stake *in* X)."""
    return frozenset(t.metric for t in config.claim_types if t.object == "entity")
