"""Score extracted claims against the real-news corpus's gold claims (tests/corpus/news).

Core claims: a gold claim is found when an extracted claim of its passage has the same
metric, a subject that is the gold subject or an alias (names compared by
extractors/names.py), the same unit and a value within 0.5 %. Risk warnings: same topic and
stance, and a speaker or subject that names the gold speaker (or an alias). Each extracted
claim matches at most one gold claim; identical extractions in one passage count once.

Besides recall and precision per claim type, the score counts the failure kinds the corpus
was gathered to expose: several parties in one passage, parties named by description,
figures given the wrong role, figures given the wrong party.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from claimtrack.extractors.claimtime import is_history, resolve
from claimtrack.extractors.corpus import CORE_METRICS, GoldClaim, Passage
from claimtrack.extractors.names import comparable

TOLERANCE = 0.005


def normalised_unit(value: float | None, unit: str | None) -> tuple[float | None, str | None]:
    """Pence as pounds: the unit and value a figure is compared in."""
    if value is not None and unit == "GBX":
        return value / 100, "GBP"
    return value, unit


def close_values(a: float | None, unit_a: str | None, b: float | None, unit_b: str | None,
                 tolerance: float = TOLERANCE) -> bool:
    """The same unit (pence counted as pounds) and values within `tolerance`, relative to `b`."""
    a, unit_a = normalised_unit(a, unit_a)
    b, unit_b = normalised_unit(b, unit_b)
    if a is None or b is None or unit_a != unit_b:
        return False
    return abs(a - b) <= abs(b) * tolerance + 1e-9


def _names(*groups: Iterable[str | None]) -> set[str]:
    return {comparable(n) for g in groups for n in g if n} - {""}


def gold_names(g: GoldClaim) -> set[str]:
    if g.is_risk:
        return _names([g.speaker, g.subject], g.speaker_aliases, g.subject_aliases)
    return _names([g.subject], g.subject_aliases)


def agrees(claim: Any, g: GoldClaim) -> bool:
    if claim.metric != g.metric:
        return False
    if g.is_risk:
        return claim.topic == g.topic and claim.stance == g.stance and \
            bool(_names([claim.speaker, claim.subject]) & gold_names(g))
    return comparable(claim.subject) in gold_names(g) and close_values(claim.value, claim.unit, g.value, g.unit)


def _dedupe(claims: list[Any]) -> list[Any]:
    seen, out = set(), []
    for c in claims:
        if getattr(c, "kind", "typed") == "open":
            continue        # open claims are scored with every figure (figure_score.py)
        if c.metric == "risk_warning":
            key = (c.metric, c.topic, c.stance, comparable(c.speaker or c.subject))
        elif c.metric in CORE_METRICS:
            key = (c.metric, comparable(c.subject), c.unit, round(c.value or 0.0, 4))
        else:
            continue
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    extracted: int = 0
    right: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.extracted if self.extracted else 1.0

    def add(self, other: "Tally") -> None:
        self.gold += other.gold
        self.found += other.found
        self.extracted += other.extracted
        self.right += other.right


@dataclass
class CorpusScore:
    passages: int = 0
    core: Tally = field(default_factory=Tally)
    risk: Tally = field(default_factory=Tally)
    by_metric: dict[str, Tally] = field(default_factory=dict)
    risk_by: dict[str, Counter] = field(default_factory=lambda: {"speaker": Counter(), "topic": Counter(),
                                                                  "stance": Counter()})
    kinds: dict[str, Tally] = field(default_factory=dict)
    timing: Counter = field(default_factory=Counter)
    missed: list[dict[str, Any]] = field(default_factory=list)
    wrong: list[dict[str, Any]] = field(default_factory=list)

    def kind(self, name: str) -> Tally:
        return self.kinds.setdefault(name, Tally())

    def metric(self, name: str) -> Tally:
        return self.by_metric.setdefault(name, Tally())

    def as_dict(self) -> dict[str, Any]:
        def t(x: Tally) -> dict[str, Any]:
            return {"gold": x.gold, "found": x.found, "recall": round(x.recall, 4),
                    "extracted": x.extracted, "right": x.right, "precision": round(x.precision, 4)}
        return {"passages": self.passages, "core": t(self.core), "risk": t(self.risk),
                "by_metric": {k: t(v) for k, v in sorted(self.by_metric.items())},
                "risk_parts": {k: dict(v) for k, v in self.risk_by.items()},
                "failure_kinds": {k: t(v) for k, v in sorted(self.kinds.items())},
                "timing": dict(self.timing)}


def _in_text(names: set[str], text: str) -> bool:
    low = comparable(text)
    return any(n and n in low for n in names)


def score_passages(passages: Iterable[Passage], claims_of: Callable[[str], list[Any]],
                   keep_misses: bool = False) -> CorpusScore:
    """Extract every passage with `claims_of` and score it against its gold claims."""
    score = CorpusScore()
    for p in passages:
        score.passages += 1
        every = claims_of(p.text)
        extracted = _dedupe(every)
        used: set[int] = set()
        gold_hits: dict[int, int] = {}
        for gi, g in enumerate(p.claims):
            for ci, c in enumerate(extracted):
                if ci not in used and agrees(c, g):
                    used.add(ci)
                    gold_hits[gi] = ci
                    break
        multi = Counter((g.metric for g in p.claims if not g.is_risk))
        subjects: dict[str, set[str]] = {}
        for g in p.claims:
            subjects.setdefault(g.metric, set()).add(comparable(g.subject))
        for gi, ci in gold_hits.items():
            if not p.claims[gi].is_risk:
                _timing(score.timing, extracted[ci], p.claims[gi], p.published)
        for gi, g in enumerate(p.claims):
            hit = gi in gold_hits
            tally = score.risk if g.is_risk else score.core
            tally.gold += 1
            tally.found += hit
            score.metric(g.metric).gold += 1
            score.metric(g.metric).found += hit
            if g.is_risk:
                _risk_parts(score, g, [c for c in extracted if c.metric == "risk_warning"])
            else:
                if multi[g.metric] > 1 and len(subjects[g.metric]) > 1:
                    score.kind("several parties in one passage").gold += 1
                    score.kind("several parties in one passage").found += hit
                if not _in_text(gold_names(g), g.raw.get("surface") or p.text):
                    score.kind("party named by description").gold += 1
                    score.kind("party named by description").found += hit
            if not hit and not g.is_risk:
                score.kind(_miss_kind(g, every)).extracted += 1
                if not any(getattr(c, "kind", "typed") == "typed" and c.metric != "risk_warning" for c in every):
                    score.kind("  missed: its passage gave no typed claim").extracted += 1
            if not hit and keep_misses:
                score.missed.append({"id": p.id, "metric": g.metric, "subject": g.subject, "value": g.value,
                                     "unit": g.unit, "topic": g.topic, "stance": g.stance, "speaker": g.speaker,
                                     "surface": g.raw.get("surface")})
        for ci, c in enumerate(extracted):
            right = ci in used
            if c.metric == "risk_warning":
                score.risk.extracted += 1
                score.risk.right += right
            else:
                score.core.extracted += 1
                score.core.right += right
                golds = [g for g in p.claims if not g.is_risk]
                if not right and any(close_values(c.value, c.unit, g.value, g.unit) for g in golds):
                    same_value = [g for g in golds if close_values(c.value, c.unit, g.value, g.unit)]
                    if not any(g.metric == c.metric for g in same_value):
                        score.kind("figure given the wrong role").extracted += 1
                    elif not any(comparable(c.subject) in gold_names(g) for g in same_value):
                        score.kind("figure given the wrong party").extracted += 1
                        score.kind(_wrong_party_kind(c, [g for g in same_value if g.metric == c.metric], p)).extracted += 1
            score.metric(c.metric).extracted += 1
            score.metric(c.metric).right += right
            if not right and keep_misses:
                score.wrong.append({"id": p.id, "metric": c.metric, "subject": c.subject, "object": c.object,
                                    "value": c.value, "unit": c.unit, "topic": c.topic, "stance": c.stance,
                                    "speaker": c.speaker, "sentence": c.sentence[:160]})
    return score


def _miss_kind(g: GoldClaim, claims: list[Any]) -> str:
    """What the extractor read of a gold claim it missed, for the failure table: the value in a
    typed claim (of another type or party), only in an open claim, or in no claim at all."""
    same = [c for c in claims if c.metric != "risk_warning" and close_values(c.value, c.unit, g.value, g.unit)]
    if any(getattr(c, "kind", "typed") == "typed" for c in same):
        return "  missed: the value typed, another type or party"
    return "  missed: the value only an open claim" if same else "  missed: the value in no claim"


def _wrong_party_kind(c: Any, golds: list[GoldClaim], p: Passage) -> str:
    """Where a wrong party came from, for the failure table: whether the party given is named in
    the claim's sentence or was found through a reference ("the company", "its"), and whether the
    right one is named in the gold's words or only described there."""
    ours = "named" if _in_text({comparable(c.subject)} - {""}, c.sentence) else "a reference"
    theirs = "named" if any(_in_text(gold_names(g), g.raw.get("surface") or p.text) for g in golds) else "described"
    return f"  wrong party: given {ours}, right one {theirs}"


def _timing(tally: Counter, c: Any, g: GoldClaim, published: str) -> None:
    """How a found claim's status and time agree with its gold claim's: status as a plan or
    not (a forecast counts as a plan); the time when gold dates the figure apart from the
    article, and no time told as history when gold does not."""
    planned = getattr(c, "status", "reported") != "reported"
    tally["status"] += 1
    tally["status right"] += planned == (g.status != "reported")
    tally["planned"] += g.status != "reported"
    tally["planned found"] += g.status != "reported" and planned
    tally["said planned"] += planned
    phrase = getattr(c, "when", None)
    when = resolve(phrase, date.fromisoformat(published)) if phrase else None
    day = datetime.fromisoformat(published).replace(tzinfo=timezone.utc)
    history = when is not None and is_history(when, day)
    if g.as_of:
        tally["dated"] += 1
        tally["dated found"] += when is not None and when.label().startswith(g.as_of[:len(when.label())]) \
            and g.as_of.startswith(when.label()[:len(g.as_of)])
    else:
        tally["undated"] += 1
        tally["undated told as history"] += history


def _risk_parts(score: CorpusScore, g: GoldClaim, extracted: list[Any]) -> None:
    """Which part of a gold warning some extracted warning got right: its speaker, its topic
    (with the speaker), its stance (with speaker and topic)."""
    names = gold_names(g)
    speakers = [c for c in extracted if _names([c.speaker, c.subject]) & names]
    score.risk_by["speaker"]["gold"] += 1
    score.risk_by["speaker"]["found"] += bool(speakers)
    topics = [c for c in speakers if c.topic == g.topic]
    score.risk_by["topic"]["gold"] += 1
    score.risk_by["topic"]["found"] += bool(topics)
    score.risk_by["stance"]["gold"] += 1
    score.risk_by["stance"]["found"] += any(c.stance == g.stance for c in topics)
