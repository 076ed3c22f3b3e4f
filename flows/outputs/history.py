"""One claim key's story: find the key from a few words ("OpenAI valuation"), then its reports
in time order with what each was (first, change, stale, disputed) and a terminal chart."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from claimtrack.db.store import Store
from claimtrack.flows.outputs.text_chart import step_chart
from claimtrack.errors import ClaimtrackError
from claimtrack.flows.formatting import format_value

MAX_KEYS = 4


@dataclass(frozen=True)
class History:
    claim_key: str
    reports: list[dict[str, Any]]
    chart: str


def _words(text: str | None) -> list[str]:
    return [w for w in re.split(r"[\s_|,]+", (text or "").lower()) if w]


def find_keys(store: Store, query: str) -> list[str]:
    """The claim keys a few words name: every word must be part of the subject, the metric or
    the object. Keys whose every part was named win over keys with parts left unnamed."""
    keys = store.query("value_keys")
    if any(k["claim_key"] == query for k in keys):
        return [query]
    words = _words(query)
    if not words:
        raise ClaimtrackError("history: name a claim, e.g. \"OpenAI valuation\" or \"Microsoft stake OpenAI\"")
    complete, partial = [], []
    for k in keys:
        parts = {"subject": _words(k["subject"]), "metric": _words(k["metric"]), "object": _words(k["object"])}
        if not all(any(w in p for p in parts.values()) for w in words):
            continue
        named = all(not p or any(w in p for w in words) for p in parts.values())
        (complete if named else partial).append(k["claim_key"])
    found = complete or partial
    if not found:
        raise ClaimtrackError(f"history: no tracked figure matches {query!r}; "
                              "`claimtrack sql \"SELECT DISTINCT claim_key FROM claim_values\"` lists them")
    if len(found) > MAX_KEYS:
        raise ClaimtrackError(f"history: {query!r} matches {len(found)} claims, be more specific: "
                              + ", ".join(found[:10]) + (" …" if len(found) > 10 else ""))
    return found


def key_series(store: Store, claim_key: str) -> tuple[list[dict[str, Any]], list[tuple[Any, float]]]:
    """One key's reports (with their note) and its current-value line (since, value)."""
    reports = store.query("key_history", key=claim_key)
    line = [(r["changed_at"], r["new_value"]) for r in store.query("key_changes", key=claim_key)]
    return reports, line


def key_history(store: Store, claim_key: str) -> History:
    """Every report of one key, oldest first, and the chart of its value over time."""
    reports, line = key_series(store, claim_key)
    unit = reports[0]["unit"] if reports else None
    dots = [(r["as_of"], r["value"], r["note"] not in ("stale", "disputed", "planned", "forecast")) for r in reports]
    chart = step_chart(line, dots, lambda v: format_value(v, unit)) if reports else ""
    return History(claim_key, reports, chart)
