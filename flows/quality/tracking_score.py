"""Scoring the tracking check (flows/quality/tracking_check.py): the gold values of each quantity in
the corpus's passages, the must-see changes (tests/corpus/news/changes.toml), and whether each
change claim_changes lists goes between two values really reported, in the right order.

A *listed change* is a `claim_changes` row with a value before it. It is right when the gold
claims of the run hold a quantity of it (same metric, a subject among the gold names, the same
object or none on both sides) whose `reported` values include both of its values, the earlier
one not reported for a later time than the new one (gold time: `as_of`, else the publication
date, compared at the coarser precision; a claim's `previous_value` counts on the earlier side
only, dated at its claim). A *must-see change* is found when a listed change has its quantity
and both its values.
"""
from __future__ import annotations

import json
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from claimtrack.extractors.config import load_extractor_config
from claimtrack.extractors.corpus import Passage
from claimtrack.extractors.corpus_score import close_values, gold_names, normalised_unit
from claimtrack.extractors.names import comparable

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus" / "news"
CHANGES_FILE = CORPUS / "changes.toml"
TOLERANCE = 0.01               # relative: values closer than 1 % are the same value


# -- metrics and times -------------------------------------------------------------------------
def state_metrics() -> frozenset[str]:
    """The built-in claim types whose new value is a change (not `kind = "event"`): the metrics
    this check scores."""
    config = load_extractor_config()
    return frozenset(t.metric for t in config.claim_types if t.kind != "event")


_WHEN = re.compile(r"(\d{4})(?:-(?:Q([1-4])|(\d{2})(?:-(\d{2}))?))?")


def gold_time(text: str) -> tuple[int, ...]:
    """A gold time (YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD) as (year[, quarter[, month[, day]]]),
    so that cutting two times to the shorter compares them at the coarser precision."""
    m = _WHEN.fullmatch(text.strip())
    if m is None:
        raise ValueError(f"{text!r} is not a gold time")
    year, quarter, month, day = m.groups()
    if quarter:
        return (int(year), int(quarter))
    if not month:
        return (int(year),)
    when = (int(year), (int(month) - 1) // 3 + 1, int(month))
    return when + (int(day),) if day else when


def _coarse(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    n = min(len(a), len(b))
    return a[:n], b[:n]


def not_after(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Is time `a` not after `b`, at the coarser of their precisions?"""
    x, y = _coarse(a, b)
    return x <= y


def before(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Is time `a` before `b`, at the coarser of their precisions?"""
    x, y = _coarse(a, b)
    return x < y


def close(a: float | None, unit_a: str | None, b: float | None, unit_b: str | None) -> bool:
    """Same unit (pence as pounds) and within 1 %: the same value, as the tracker's tolerance."""
    return close_values(a, unit_a, b, unit_b, TOLERANCE)


# -- gold --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GoldValue:
    """One value gold reports for a quantity: a claim's value, or the value its passage gives
    as the earlier one (`earlier`: a previous_value, known only to come before the claim)."""
    passage: str
    story: str
    claim: int
    metric: str
    subjects: frozenset[str]
    objects: frozenset[str]
    value: float
    unit: str | None
    when: tuple[int, ...]
    when_text: str
    published: str
    as_of: str | None
    earlier: bool = False


@dataclass
class Gold:
    values: list[GoldValue]                                   # reported, state metrics
    quantities: list[tuple[str, frozenset[str], frozenset[str]]]   # every status: metric, subjects, objects


def _party_names(passages: Iterable[Passage]) -> dict[str, set[str]]:
    """Each gold subject's comparable name -> the names gold accepts for it in these passages
    (so that an object is matched by its aliases too)."""
    names: dict[str, set[str]] = defaultdict(set)
    for p in passages:
        for g in p.claims:
            if not g.is_risk:
                names[comparable(g.subject)] |= gold_names(g)
    return names


def _object_names(obj: str | None, parties: Mapping[str, set[str]]) -> frozenset[str]:
    key = comparable(obj)
    return frozenset({key} | parties.get(key, set())) - {""} if key else frozenset()


def _status(raw: Mapping[str, Any]) -> str:
    return raw.get("status") or "reported"


def gold_of(passages: Sequence[Passage], state: frozenset[str]) -> Gold:
    """The gold values and quantities of the state metrics in these passages."""
    parties = _party_names(passages)
    values, quantities = [], []
    for p in passages:
        for i, g in enumerate(p.claims):
            if g.metric not in state:
                continue
            subjects, objects = frozenset(gold_names(g)), _object_names(g.object, parties)
            quantities.append((g.metric, subjects, objects))
            if _status(g.raw) != "reported" or g.value is None:
                continue
            as_of = g.raw.get("as_of")
            when_text = as_of or p.published
            common = dict(passage=p.id, story=p.story, claim=i, metric=g.metric, subjects=subjects,
                          objects=objects, unit=g.unit, when=gold_time(when_text), when_text=when_text,
                          published=p.published, as_of=as_of)
            values.append(GoldValue(value=float(g.value), **common))
            if g.raw.get("previous_value") is not None:
                values.append(GoldValue(value=float(g.raw["previous_value"]), earlier=True, **common))
    return Gold(values, quantities)


def _names_match(subject: str | None, obj: str | None, subjects: Iterable[str], objects: Iterable[str]) -> bool:
    objects = set(objects)
    if comparable(subject) not in set(subjects):
        return False
    return comparable(obj) in objects if objects else not comparable(obj)


def _order_ok(prev: GoldValue, new: GoldValue) -> bool:
    """The earlier value is not reported for a later time than the new one."""
    return not_after(prev.when, new.when)


# -- must-see changes --------------------------------------------------------------------------
@dataclass(frozen=True)
class MustSee:
    story: str
    metric: str
    subject: str
    object: str | None
    from_: float
    to: float
    unit: str | None
    from_when: str
    to_when: str
    subject_aliases: tuple[str, ...] = ()
    object_aliases: tuple[str, ...] = ()
    from_passage: str = ""
    to_passage: str = ""

    def matches(self, row: Mapping[str, Any]) -> bool:
        """Does this listed change (a claim_changes row) show this change?"""
        subjects = {comparable(n) for n in (self.subject, *self.subject_aliases)}
        objects = {comparable(n) for n in (self.object, *self.object_aliases) if n}
        return (row["metric"] == self.metric and _names_match(row["subject"], row.get("object"), subjects, objects)
                and close(row["previous_value"], row["unit"], self.from_, self.unit)
                and close(row["new_value"], row["unit"], self.to, self.unit))


def _quantity_groups(items: list[tuple[Passage, int]]) -> list[list[tuple[Passage, int]]]:
    """Union the gold claims of one story that are one quantity: metric, unit, object, and a
    shared subject name."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    keys = []
    for p, i in items:
        g = p.claims[i]
        keys.append((g.metric, normalised_unit(1.0, g.unit)[1], comparable(g.object), frozenset(gold_names(g))))
    for a in range(len(items)):
        for b in range(a):
            ka, kb = keys[a], keys[b]
            if ka[:3] == kb[:3] and ka[3] & kb[3]:
                parent[find(a)] = find(b)
    groups: dict[int, list[tuple[Passage, int]]] = defaultdict(list)
    for n, item in enumerate(items):
        groups[find(n)].append(item)
    return list(groups.values())


def derive_must_see(passages: Sequence[Passage], state: frozenset[str] | None = None) -> list[MustSee]:
    """Candidate must-see changes: per story and quantity, the gold `reported` values in gold
    time order (passage order within a time); each value more than 1 % off the one before is a
    change. Candidates only: each is read against its passages before it goes in changes.toml."""
    state = state if state is not None else state_metrics()
    parties = _party_names(passages)
    by_story: dict[str, list[tuple[Passage, int]]] = {}
    for p in passages:
        for i, g in enumerate(p.claims):
            if g.metric in state and _status(g.raw) == "reported" and g.value is not None:
                by_story.setdefault(p.story, []).append((p, i))
    def when(item: tuple[Passage, int]) -> str:
        return item[0].claims[item[1]].raw.get("as_of") or item[0].published
    out = []
    for story, items in by_story.items():
        for group in _quantity_groups(items):      # each group keeps the story's passage order
            seq = sorted(group, key=lambda item: gold_time(when(item)))      # stable: passage order in a time
            claims = [p.claims[i] for p, i in seq]
            subject = Counter(g.subject for g in claims).most_common(1)[0][0]
            aliases = tuple(dict.fromkeys(n for g in claims for n in (g.subject, *g.subject_aliases) if n != subject))
            obj = next((g.object for g in claims if g.object), None)
            obj_aliases = tuple(sorted(parties.get(comparable(obj), set()) - {comparable(obj)})) if obj else ()
            last = None
            for item in seq:
                g = item[0].claims[item[1]]
                if last is not None and not close(g.value, g.unit, last[0].claims[last[1]].value,
                                                  last[0].claims[last[1]].unit):
                    before_ = last[0].claims[last[1]]
                    out.append(MustSee(story, g.metric, subject, obj, float(before_.value), float(g.value), g.unit,
                                       when(last), when(item), aliases, obj_aliases, last[0].id, item[0].id))
                last = item
    return out


def _toml_value(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def must_see_toml(entries: Iterable[MustSee]) -> str:
    """The [[change]] tables of these entries, in the form changes.toml keeps them."""
    blocks = []
    for e in entries:
        fields = [("story", e.story), ("metric", e.metric), ("subject", e.subject),
                  ("subject_aliases", list(e.subject_aliases)), ("object", e.object or ""),
                  ("object_aliases", list(e.object_aliases)), ("from", e.from_), ("to", e.to),
                  ("unit", e.unit or ""), ("from_when", e.from_when), ("to_when", e.to_when),
                  ("from_passage", e.from_passage), ("to_passage", e.to_passage)]
        blocks.append("[[change]]\n" + "".join(f"{k} = {_toml_value(v)}\n" for k, v in fields))
    return "\n".join(blocks)


def must_see_metrics(path: Path = CHANGES_FILE) -> frozenset[str]:
    """The state metrics changes.toml was derived for (its `metrics` key)."""
    return frozenset(tomllib.loads(path.read_text("utf-8")).get("metrics", ()))


def load_must_see(path: Path = CHANGES_FILE, stories: Iterable[str] | None = None) -> list[MustSee]:
    """The must-see changes of changes.toml (of `stories` only, when given)."""
    wanted = set(stories) if stories is not None else None
    out = []
    for raw in tomllib.loads(path.read_text("utf-8")).get("change", []):
        if wanted is not None and raw["story"] not in wanted:
            continue
        out.append(MustSee(raw["story"], raw["metric"], raw["subject"], raw.get("object") or None,
                           float(raw["from"]), float(raw["to"]), raw.get("unit") or None, raw["from_when"],
                           raw["to_when"], tuple(raw.get("subject_aliases", ())), tuple(raw.get("object_aliases", ())),
                           raw.get("from_passage", ""), raw.get("to_passage", "")))
    return out


# -- scoring -----------------------------------------------------------------------------------
NO_QUANTITY, NOT_REPORTED, WRONG_ORDER = "no such quantity", "value never reported", "wrong order"


@dataclass
class TrackingScore:
    listed: int = 0
    right: int = 0
    must_see: int = 0
    must_see_found: int = 0
    history_changes: int = 0
    ignored: dict[str, int] = field(default_factory=dict)      # rows of metrics not scored, by metric
    untracked: dict[str, int] = field(default_factory=dict)    # must-see changes of metrics now of kind event
    wrong: list[dict[str, Any]] = field(default_factory=list)  # each wrong change, with `reason` and `detail`
    found: list[MustSee] = field(default_factory=list)
    missed: list[MustSee] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)

    @property
    def share_right(self) -> float:
        return self.right / self.listed if self.listed else 0.0

    def reasons(self) -> dict[str, int]:
        return dict(Counter(w["reason"] for w in self.wrong))

    def as_dict(self) -> dict[str, Any]:
        return {"listed": self.listed, "right": self.right, "share_right": round(self.share_right, 4),
                "must_see": self.must_see, "must_see_found": self.must_see_found,
                "history_changes": self.history_changes, "wrong_by_reason": self.reasons(),
                "ignored_rows": self.ignored, "must_see_of_event_metrics": self.untracked}


def judge(row: Mapping[str, Any], gold: Gold) -> tuple[str | None, str, list[GoldValue]]:
    """(None if right else the reason, a detail, the gold values the new value matches) for
    one listed change."""
    metric, subject, obj = row["metric"], row["subject"], row.get("object")
    if not any(m == metric and _names_match(subject, obj, s, o) for m, s, o in gold.quantities):
        return NO_QUANTITY, f"no gold {metric} of {subject!r} -> {obj!r}", []
    values = [v for v in gold.values if v.metric == metric and _names_match(subject, obj, v.subjects, v.objects)]
    prevs = [v for v in values if close(row["previous_value"], row["unit"], v.value, v.unit)]
    news = [v for v in values if not v.earlier and close(row["new_value"], row["unit"], v.value, v.unit)]
    if not prevs or not news:
        reported = ", ".join(f"{value:g} ({when})" for value, when in
                             sorted({(v.value, v.when_text) for v in values if not v.earlier})[:8])
        side = "both values" if not prevs and not news else "the previous value" if not prevs else "the new value"
        return NOT_REPORTED, f"{side} not among gold's reported: {reported}", news
    if any(_order_ok(p, n) for p in prevs for n in news):
        return None, "", news
    return (WRONG_ORDER, f"previous reported for {sorted({p.when_text for p in prevs})}, new for "
                         f"{sorted({n.when_text for n in news})}", news)


@cache
def period_metrics() -> frozenset[str]:
    """The built-in claim types that measure a period (`periodic = true`: revenue, profit, market
    share). A result is told after its period ends ("Q1 profit" in May, a research firm's
    "second-quarter market share" in July), so it is news until a year has passed, and history
    only when older ("revenue was $5 billion in 2019")."""
    return frozenset(t.metric for t in load_extractor_config().claim_types if t.periodic)


def is_history(news: Sequence[GoldValue]) -> bool:
    """Does the new value match only values gold dates (as_of) before their article's month (a
    period's result: before the same month a year earlier)?"""
    def told_before(v: GoldValue) -> bool:
        year, *rest = gold_time(v.published[:7])
        since = (year - 1, *rest) if v.metric in period_metrics() else (year, *rest)
        return v.as_of is not None and before(gold_time(v.as_of), since)
    return bool(news) and all(told_before(v) for v in news)


def score(changes: Iterable[Mapping[str, Any]], passages: Sequence[Passage], must_see: Sequence[MustSee],
          state: frozenset[str] | None = None) -> TrackingScore:
    """Score the listed changes (claim_changes rows) against the gold of `passages` and the
    must-see changes."""
    state = state if state is not None else state_metrics()
    gold = gold_of(passages, state)
    out = TrackingScore(must_see=len(must_see))
    listed = []
    for row in changes:
        if row.get("previous_value") is None:
            continue
        if row["metric"] not in state:
            out.ignored[row["metric"]] = out.ignored.get(row["metric"], 0) + 1
            continue
        listed.append(row)
        reason, detail, news = judge(row, gold)
        if reason is None:
            out.right += 1
        else:
            out.wrong.append({**row, "reason": reason, "detail": detail})
        if is_history(news):
            out.history_changes += 1
            out.history.append({**row, "gold": sorted({f"{v.passage} as of {v.as_of}" for v in news})})
    out.listed = len(listed)
    for m in must_see:
        (out.found if any(m.matches(r) for r in listed) else out.missed).append(m)
        if m.metric not in state:       # the tracker lists no change of it any more: a miss by design
            out.untracked[m.metric] = out.untracked.get(m.metric, 0) + 1
    out.must_see_found = len(out.found)
    return out
