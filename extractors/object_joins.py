"""A claim whose metric takes an object, found without one, joins the one object its subject and
metric have in the same article, else the one the claims stored before have: how the store keys a
stake told once as "Microsoft's 27% stake in OpenAI" and once as "Microsoft's 27% stake"
(flows/extraction/keys.py writes it; extractors/figure_score.py scores keys the same way)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any


def claim_key(subject: str | None, metric: str, obj: str | None) -> str:
    """What "the same claim" means across sources: subject | metric | object."""
    return f"{subject or '?'}|{metric}|{obj or ''}"


def rekey(r: dict[str, Any]) -> None:
    """Write a row's claim key (and its event key's) again after its parties changed."""
    r["claim_key"] = claim_key(r["subject"], r["metric"], r["object"])
    if r.get("event_key"):
        r["event_key"] = r["claim_key"] + "@" + r["event_key"].rsplit("@", 1)[1]


def objects_by_pair(rows: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str], set[str]]:
    """The objects each (subject, metric) has among these rows."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in rows:
        if r["subject"] and r["object"]:
            found[(r["subject"], r["metric"])].add(r["object"])
    return found


def join_objects(rows: Sequence[dict[str, Any]], takes_object: Collection[str],
                 known: Mapping[tuple[str, str], Collection[str]]) -> int:
    """Give a claim whose metric takes an object, and has none, the one object its subject and
    metric have in the same article, else the one they have in `known` (the store's); change
    its key to match. Returns how many claims were joined."""
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_article[r["article_id"]].append(r)
    joined = 0
    for article_rows in by_article.values():
        here = objects_by_pair(article_rows)
        for r in article_rows:
            if r["object"] or not r["subject"] or r["metric"] not in takes_object:
                continue
            pair = (r["subject"], r["metric"])
            candidates = set(here.get(pair) or known.get(pair, ()))
            candidates.discard(r["subject"])
            if len(candidates) == 1:
                r["object"] = next(iter(candidates))
                rekey(r)
                joined += 1
    return joined
