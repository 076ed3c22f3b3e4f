"""One quantity, one key: claims whose other party was not found join the key their subject
and metric already have, and `claimtrack keys` lists the keys that look like one quantity so
a user can merge them (an entity alias in config/entities.toml).

A claim key is subject | metric | object. In real reporting one stake sat under
`Microsoft|stake_pct|OpenAI`, `Microsoft|stake_pct|` (the object not found in that sentence)
and `OpenAI|stake_pct|Microsoft` (the direction read the other way), so no timeline held
them all. The first kind is joined when it is safe (extractors/object_joins.py, with the
store's objects read here): the same article names the object for that subject and metric, or
the store holds exactly one object for them. The others are
listed, never merged by guess. Names that are one party ("Unicredit" and "UniCredit", "Beacon"
and "Beacon Roofing", "NFL" and "National Football League": extractors/same_party.py) are
written one way: as the store already does, else as most of the batch does.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from claimtrack.db.store import Store
from claimtrack.extractors.names import comparable
from claimtrack.extractors.object_joins import objects_by_pair, rekey
from claimtrack.extractors.same_party import party_spellings, short_forms


def known_spellings(store: Store) -> dict[str, int]:
    """Every party name stored claims use, with how many claims use it."""
    return {found["name"]: found["reports"] for found in store.query("party_names")}


def _figures(rows: Iterable[Mapping[str, Any]]) -> dict[str, set[tuple[str, float]]]:
    told: dict[str, set[tuple[str, float]]] = defaultdict(set)
    for r in rows:
        for side in ("subject", "object"):
            if r[side] and r["value"] is not None:
                told[r[side]].add((r["metric"], r["value"]))
    return told


def known_figures(store: Store, rows: Iterable[Mapping[str, Any]], known: Mapping[str, int]) -> dict[str, set[tuple[str, float]]]:
    """The figures stored claims give the stored parties that may be short forms of these
    claims' parties, or they of them ("Beacon", "Beacon Roofing"): what joins two names."""
    batch = {r[side] for r in rows for side in ("subject", "object") if r[side]}
    pairs = short_forms(sorted(batch | set(known)))
    wanted = sorted({n for pair in pairs if set(pair) & batch for n in pair if n in known})
    return _figures(store.query("party_figures", names=wanted)) if wanted else {}


def spell_alike(rows: Sequence[dict[str, Any]], known: Mapping[str, int],
                stored_figures: Mapping[str, set[tuple[str, float]]] | None = None) -> int:
    """Write each party one way across outlets (extractors/same_party.py: "Unicredit" and
    "UniCredit"; "Beacon" and "Beacon Roofing" once a figure is told under both): as the store
    does (`known`, from known_spellings; `stored_figures` from known_figures), else as most of
    these claims do; change the keys to match. Returns how many claims were rekeyed."""
    counts: Counter[str] = Counter(r[side] for r in rows for side in ("subject", "object") if r[side])
    told = _figures(rows)
    for name, figures in (stored_figures or {}).items():
        told[name] |= figures
    spelling = party_spellings(counts, known, told)
    changed = 0
    for r in rows:
        before = (r["subject"], r["object"])
        for side in ("subject", "object"):
            if r[side]:
                r[side] = spelling.get(r[side], r[side])
        if r["subject"] == r["object"] and r["object"] is not None and before[0] != before[1]:
            r["subject"], r["object"] = before         # never a party's stake in itself
            continue
        if (r["subject"], r["object"]) != before:
            rekey(r)
            changed += 1
    return changed


def known_objects(store: Store, rows: Iterable[Mapping[str, Any]],
                  takes_object: Collection[str]) -> dict[tuple[str, str], set[str]]:
    """The objects the store holds for the subjects and metrics of claims that lack one."""
    wanted = {(r["subject"], r["metric"]) for r in rows
              if not r["object"] and r["subject"] and r["metric"] in takes_object}
    if not wanted:
        return {}
    found = store.query("objects_of_subjects", subjects=sorted({s for s, _ in wanted}),
                        metrics=sorted({m for _, m in wanted}))
    return {pair: objs for pair, objs in objects_by_pair(found).items() if pair in wanted}


@dataclass(frozen=True)
class KeyPair:
    """Two keys that look like one quantity, and why."""
    key: str
    other: str
    why: str              # object missing | direction reversed | same names
    shared_values: int    # values (within the metric's tolerance) both keys hold
    reports: int
    other_reports: int
    outlets: int          # outlets of both keys together


def _overlap(a: Sequence[float], b: Sequence[float], tolerance_pct: float) -> int:
    return sum(any(abs(x - y) <= abs(y) * tolerance_pct / 100 + 1e-9 for y in b) for x in a)


def _why(a: Mapping[str, Any], b: Mapping[str, Any]) -> str | None:
    sa, sb = comparable(a["subject"]), comparable(b["subject"])
    oa, ob = comparable(a["object"]), comparable(b["object"])
    if sa == sb and bool(oa) != bool(ob):
        return "object missing"
    if sa and sa == ob and oa == sb:
        return "direction reversed"
    if (sa, oa) == (sb, ob):
        return "same names"
    return None


def similar_keys(store: Store) -> list[KeyPair]:
    """Keys of one metric and unit that share a value and whose parties are the same, one
    missing, or the other way round: candidates for one quantity."""
    keys = store.query("key_values")
    by_metric: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for k in keys:
        by_metric[(k["metric"], k["unit"])].append(k)
    pairs = []
    for group in by_metric.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                why = _why(a, b)
                if why is None:
                    continue
                shared = _overlap(a["vals"], b["vals"], a["tolerance_pct"])
                if shared:
                    first, second = (a, b) if a["reports"] >= b["reports"] else (b, a)
                    pairs.append(KeyPair(first["claim_key"], second["claim_key"], why, shared, first["reports"],
                                         second["reports"], len(set(a["outlets"]) | set(b["outlets"]))))
    return sorted(pairs, key=lambda p: (-p.shared_values, -(p.reports + p.other_reports), p.key))
