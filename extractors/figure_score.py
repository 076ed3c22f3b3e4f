"""Score every figure, typed or open, on the real-news corpus (issue 17).

A passage's figures a reader tracks are its non-risk gold claims plus its `figures` (the ones
no claim type names). A figure is found when an extracted claim has its subject (or an alias)
and its value within 0.5 %, whatever the metric is called; a change-only figure ("shares fell
6%") is found by a claim whose value or stated change it is. Key sharing: for each quantity two
outlets report (the same `quantity` id in passages of different outlets), whether the claims
found for it in both passages share a key (subject | metric | object), as tracking needs, the
parties spelled one way across the half as the store spells them (extractors/same_party.py)
and a missing object joined as the store joins it (extractors/object_joins.py), the passages
read a day at a time in the order they were published, as scheduled runs would store them.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from claimtrack.extractors.corpus import Passage
from claimtrack.extractors.corpus_score import Tally, close_values
from claimtrack.extractors.names import comparable
from claimtrack.extractors.object_joins import join_objects, objects_by_pair
from claimtrack.extractors.same_party import party_spellings


@dataclass(frozen=True)
class _Gold:
    names: frozenset[str]
    value: float
    unit: str
    quantity: str | None
    typed: bool


@dataclass
class FigureScore:
    """All-figure recall and precision, the same split by kind of claim, and key sharing."""
    all: Tally = field(default_factory=Tally)
    open_gold: Tally = field(default_factory=Tally)       # the figures no claim type names
    by_kind: dict[str, Tally] = field(default_factory=dict)   # extracted "typed" / "open": precision
    pairs: int = 0           # annotated pairs of two outlets' reports of one quantity
    pairs_found: int = 0     # ... both found
    pairs_shared: int = 0    # ... found and given one key

    def as_dict(self) -> dict[str, Any]:
        def t(x: Tally) -> dict[str, Any]:
            return {"gold": x.gold, "found": x.found, "recall": round(x.recall, 4),
                    "extracted": x.extracted, "right": x.right, "precision": round(x.precision, 4)}
        return {"all": t(self.all), "open_gold": t(self.open_gold),
                "by_kind": {k: t(v) for k, v in sorted(self.by_kind.items())},
                "pairs": self.pairs, "pairs_found": self.pairs_found, "pairs_shared": self.pairs_shared,
                "key_sharing": round(self.pairs_shared / self.pairs, 4) if self.pairs else None}


def _golds(p: Passage) -> list[_Gold]:
    out = []
    for g in p.claims:
        if g.is_risk or g.value is None:
            continue
        names = frozenset(comparable(n) for n in (g.subject, *g.subject_aliases) if n) - {""}
        out.append(_Gold(names, float(g.value), g.unit or "", g.raw.get("quantity"), True))
    for f in p.figures:
        names = frozenset(comparable(n) for n in (f.subject, *f.subject_aliases) if n) - {""}
        out.append(_Gold(names, float(f.value), f.unit, f.quantity, False))
    return out


def _matches(c: Any, g: _Gold) -> bool:
    if comparable(c.subject) not in g.names:
        return False
    if close_values(c.value, c.unit, g.value, g.unit):
        return True
    change = getattr(c, "change", None)
    return change is not None and close_values(change, getattr(c, "change_unit", None), g.value, g.unit)


def _key(row: Mapping[str, Any]) -> str:
    return f"{comparable(row['subject'])}|{row['metric']}|{comparable(row['object']) if row['object'] else ''}"


def _stored_rows(found: list[tuple[Passage, list[Any]]], spelling: Mapping[str, str],
                 takes_object: Collection[str]) -> dict[int, dict[str, Any]]:
    """Each claim as the store would key it (by id of the claim): its parties spelled as the
    half spells them, and a missing object joined from its passage, else from the passages of
    the days before (a day's passages are one run)."""
    rows: dict[int, dict[str, Any]] = {}
    known: dict[tuple[str, str], set[str]] = defaultdict(set)
    by_day: dict[str, list[tuple[Passage, list[Any]]]] = defaultdict(list)
    for p, claims in found:
        by_day[p.published[:10]].append((p, claims))
    for day in sorted(by_day):
        batch = []
        for p, claims in by_day[day]:
            for c in claims:
                row = {"article_id": p.id, "subject": spelling.get(c.subject, c.subject), "metric": c.metric,
                       "object": spelling.get(c.object, c.object) if c.object else None, "claim_key": ""}
                rows[id(c)] = row
                batch.append(row)
        join_objects(batch, takes_object, known)
        for pair, objects in objects_by_pair(batch).items():
            known[pair] |= objects
    return rows


def score_figures(passages: Iterable[Passage], claims_of: Callable[[str], list[Any]],
                  takes_object: Collection[str] = frozenset()) -> FigureScore:
    """Extract every passage with `claims_of` and score all its figures (see the module doc);
    `takes_object`: the metrics whose claims take an object, whose missing objects are joined."""
    score = FigureScore()
    keys_of: dict[str, list[tuple[str, list[Any]]]] = defaultdict(list)    # quantity -> (outlet, claims found)
    reports: Counter[str] = Counter()
    figures: dict[str, set[tuple[str, float]]] = defaultdict(set)       # party -> (metric, value) told of it
    found: list[tuple[Passage, list[Any]]] = []
    for p in passages:
        extracted = [c for c in claims_of(p.text) if c.metric != "risk_warning" and c.value is not None]
        found.append((p, extracted))
        for c in extracted:
            for n in (c.subject, c.object):
                if n:
                    reports[n] += 1
                    figures[n].add((c.metric, c.value))
        golds = _golds(p)
        for g in golds:
            hits = [c for c in extracted if _matches(c, g)]
            score.all.gold += 1
            score.all.found += bool(hits)
            if not g.typed:
                score.open_gold.gold += 1
                score.open_gold.found += bool(hits)
            if g.quantity:
                keys_of[g.quantity].append((p.outlet, hits))
        seen: set[tuple[str, str, float]] = set()
        for c in extracted:
            dedupe = (comparable(c.subject), c.unit or "", round(c.value, 4))
            if dedupe in seen:
                continue
            seen.add(dedupe)
            right = any(_matches(c, g) for g in golds)
            kind = score.by_kind.setdefault(getattr(c, "kind", "typed"), Tally())
            for t in (score.all, kind):
                t.extracted += 1
                t.right += right
    stored = _stored_rows(found, party_spellings(reports, figures=figures), takes_object)
    for told in keys_of.values():
        for (outlet_a, hits_a), (outlet_b, hits_b) in combinations(told, 2):
            if comparable(outlet_a) == comparable(outlet_b):
                continue
            keys_a, keys_b = {_key(stored[id(c)]) for c in hits_a}, {_key(stored[id(c)]) for c in hits_b}
            score.pairs += 1
            if keys_a and keys_b:
                score.pairs_found += 1
                score.pairs_shared += bool(keys_a & keys_b)
    return score
