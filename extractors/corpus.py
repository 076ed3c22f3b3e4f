"""The real-news corpus (tests/corpus/news): passages of published news with their gold
claims, loaded and checked against the conventions in its README.

`python -m claimtrack.extractors.corpus tests/corpus/news` checks every story file and prints what the
corpus holds; it exits 1 naming each passage that breaks a convention.
"""
from __future__ import annotations

import json
import re
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimtrack.errors import CorpusError

CORE_METRICS = frozenset({
    "stake_pct", "stake_value", "valuation", "market_cap", "investment", "funding_round",
    "acquisition_price", "purchase_commitment", "revenue", "profit", "buyback", "debt_issue",
    "share_price", "market_share",
})
# A share of something is a percentage; every other core metric is an amount of money.
PERCENT_METRICS = frozenset({"stake_pct", "market_share"})
RISK_TOPICS = frozenset({"ai_bubble", "market_bubble", "market_correction", "credit", "housing",
                         "crypto", "overcapacity", "growth_peak"})
STANCES = frozenset({"warns", "dismisses"})
QUALIFIERS = frozenset({"approximately", "more than", "at least", "up to", "less than", "additional"})
STATUSES = frozenset({"reported", "planned", "forecast"})
BASES = frozenset({"page", "url", "story"})
SOURCE_KINDS = frozenset({"news", "wire", "blog"})
_PASSAGE_KEYS = {"id", "story", "outlet", "url", "published", "published_basis", "source_kind",
                 "text", "claims", "figures", "note"}
_CLAIM_KEYS = {"metric", "subject", "subject_aliases", "object", "value", "unit", "low", "high",
               "qualifier", "previous_value", "attributed_to", "status", "as_of", "surface",
               "speaker", "speaker_aliases", "topic", "stance", "note", "quantity"}
_FIGURE_KEYS = {"subject", "subject_aliases", "measure", "value", "unit", "low", "high", "previous_value",
                "change", "change_unit", "surface", "status", "as_of", "quantity", "note"}
FIGURE_UNITS = frozenset({"percent", "percentage_points", "basis_points", "count"})
_CURRENCY = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True)
class GoldClaim:
    metric: str
    subject: str
    subject_aliases: tuple[str, ...]
    object: str | None
    value: float | None
    unit: str | None
    speaker: str | None = None
    speaker_aliases: tuple[str, ...] = ()
    topic: str | None = None
    stance: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_risk(self) -> bool:
        return self.metric == "risk_warning"

    @property
    def status(self) -> str:
        """reported | planned | forecast, as the annotator read the figure."""
        return self.raw.get("status") or "reported"

    @property
    def as_of(self) -> str | None:
        """When the passage says the figure was true, where that is not its publication."""
        return self.raw.get("as_of")

    @property
    def previous_value(self) -> float | None:
        return self.raw.get("previous_value")


@dataclass(frozen=True)
class GoldFigure:
    """A figure a reader would track that no claim type names (issue 17's open claims): whose it
    is, what it measures in the annotator's words, its value and unit."""
    subject: str
    subject_aliases: tuple[str, ...]
    measure: str
    value: float
    unit: str
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def quantity(self) -> str | None:
        """The id shared by other outlets' reports of the same quantity in the story."""
        return self.raw.get("quantity")


@dataclass(frozen=True)
class Passage:
    id: str
    story: str
    outlet: str
    url: str
    published: str
    text: str
    claims: tuple[GoldClaim, ...]
    source_kind: str
    figures: tuple[GoldFigure, ...] = ()


@dataclass(frozen=True)
class Corpus:
    passages: tuple[Passage, ...]
    dev_stories: frozenset[str]
    test_stories: frozenset[str]

    def half(self, name: str) -> tuple[Passage, ...]:
        """The passages of the `dev` or `test` half."""
        stories = self.dev_stories if name == "dev" else self.test_stories
        return tuple(p for p in self.passages if p.story in stories)


def _problems_of_claim(c: dict[str, Any], text: str) -> list[str]:
    out = []
    unknown = set(c) - _CLAIM_KEYS
    if unknown:
        out.append(f"unknown keys {sorted(unknown)}")
    metric = c.get("metric")
    if metric == "risk_warning":
        if c.get("topic") not in RISK_TOPICS:
            out.append(f"topic {c.get('topic')!r} not in {sorted(RISK_TOPICS)}")
        if c.get("stance") not in STANCES:
            out.append(f"stance {c.get('stance')!r} not in {sorted(STANCES)}")
        if not c.get("speaker"):
            out.append("a risk warning needs a speaker")
        if c.get("value") is not None:
            out.append("a risk warning has no value")
    elif metric in CORE_METRICS:
        value, unit = c.get("value"), c.get("unit")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            out.append(f"value {value!r} is not a number")
        if not (unit in ("percent", "year") or (isinstance(unit, str) and _CURRENCY.fullmatch(unit))):
            out.append(f"unit {unit!r} is not percent, year or an ISO currency code")
        elif (unit == "percent") != (metric in PERCENT_METRICS):
            out.append(f"unit {unit!r} does not fit {metric}: "
                       + ("a share is in percent" if metric in PERCENT_METRICS else "an amount is money"))
        for key in ("low", "high", "previous_value"):
            if c.get(key) is not None and not isinstance(c[key], (int, float)):
                out.append(f"{key} {c[key]!r} is not a number")
    else:
        out.append(f"metric {metric!r} is not a core type or risk_warning")
    if not c.get("subject"):
        out.append("no subject")
    if c.get("qualifier") not in (None, *QUALIFIERS):
        out.append(f"qualifier {c.get('qualifier')!r} not in {sorted(QUALIFIERS)}")
    if c.get("status", "reported") not in STATUSES:
        out.append(f"status {c.get('status')!r} not in {sorted(STATUSES)}")
    for key in ("subject_aliases", "speaker_aliases"):
        if not isinstance(c.get(key, []), list):
            out.append(f"{key} must be a list")
    surface = c.get("surface")
    if not surface:
        out.append("no surface")
    else:
        out.extend(_surface_problems(surface, text))
    return out


def _problems_of_figure(f: dict[str, Any], text: str) -> list[str]:
    out = []
    unknown = set(f) - _FIGURE_KEYS
    if unknown:
        out.append(f"unknown keys {sorted(unknown)}")
    for key in ("subject", "measure", "surface"):
        if not isinstance(f.get(key), str) or not f.get(key):
            out.append(f"no {key}")
    value, unit = f.get("value"), f.get("unit")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        out.append(f"value {value!r} is not a number")
    if not (unit in FIGURE_UNITS or (isinstance(unit, str) and _CURRENCY.fullmatch(unit))):
        out.append(f"unit {unit!r} is not {', '.join(sorted(FIGURE_UNITS))} or an ISO currency code")
    for key in ("low", "high", "previous_value", "change"):
        if f.get(key) is not None and (isinstance(f[key], bool) or not isinstance(f[key], (int, float))):
            out.append(f"{key} {f[key]!r} is not a number")
    if f.get("status", "reported") not in STATUSES:
        out.append(f"status {f.get('status')!r} not in {sorted(STATUSES)}")
    if not isinstance(f.get("subject_aliases", []), list):
        out.append("subject_aliases must be a list")
    surface = f.get("surface")
    if isinstance(surface, str) and surface:
        out.extend(_surface_problems(surface, text))
    return out


def _surface_problems(surface: str, text: str) -> list[str]:
    """A gold entry's surface must be words of its passage (an elided one, "…", is not checked)."""
    if _squash(surface) in _squash(text) or "..." in surface or "…" in surface:
        return []
    return [f"surface {surface[:60]!r} is not in the text"]


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("’", "'").replace("“", '"').replace("”", '"')).strip().lower()


def _passage(where: str, raw: dict[str, Any]) -> tuple[Passage | None, list[str]]:
    problems = []
    unknown = set(raw) - _PASSAGE_KEYS
    if unknown:
        problems.append(f"unknown keys {sorted(unknown)}")
    for key in ("id", "story", "outlet", "url", "published", "text"):
        if not isinstance(raw.get(key), str) or not raw.get(key):
            problems.append(f"{key} missing")
    if problems:
        return None, [f"{where}: {p}" for p in problems]
    pid = raw["id"]
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw["published"]):
        problems.append(f"published {raw['published']!r} is not YYYY-MM-DD")
    if raw.get("published_basis") not in BASES:
        problems.append(f"published_basis {raw.get('published_basis')!r} not in {sorted(BASES)}")
    if raw.get("source_kind") not in SOURCE_KINDS:
        problems.append(f"source_kind {raw.get('source_kind')!r} not in {sorted(SOURCE_KINDS)}")
    if not raw["url"].startswith(("http://", "https://")):
        problems.append("url is not a web address")
    if not isinstance(raw.get("claims"), list):
        problems.append("claims must be a list")
        return None, [f"{where} ({pid}): {p}" for p in problems]
    claims = []
    for i, c in enumerate(raw["claims"]):
        for p in _problems_of_claim(c, raw["text"]):
            problems.append(f"claim {i}: {p}")
        claims.append(GoldClaim(
            metric=c.get("metric", ""), subject=c.get("subject") or "",
            subject_aliases=tuple(c.get("subject_aliases") or ()), object=c.get("object"),
            value=c.get("value"), unit=c.get("unit"), speaker=c.get("speaker"),
            speaker_aliases=tuple(c.get("speaker_aliases") or ()), topic=c.get("topic"),
            stance=c.get("stance"), raw=c))
    figures = []
    if not isinstance(raw.get("figures", []), list):
        problems.append("figures must be a list")
    for i, f in enumerate(raw.get("figures") or () if isinstance(raw.get("figures", []), list) else ()):
        found = _problems_of_figure(f, raw["text"])
        problems.extend(f"figure {i}: {p}" for p in found)
        if not found:
            figures.append(GoldFigure(f["subject"], tuple(f.get("subject_aliases") or ()), f["measure"],
                                      f["value"], f["unit"], raw=f))
    passage = Passage(pid, raw["story"], raw["outlet"], raw["url"], raw["published"], raw["text"],
                      tuple(claims), raw.get("source_kind", ""), tuple(figures))
    return passage, [f"{where} ({pid}): {p}" for p in problems]


def read_stories(folder: Path) -> tuple[list[Passage], list[str]]:
    """Every passage under `folder/stories`, and the convention problems found."""
    passages, problems, seen = [], [], set()
    for path in sorted((folder / "stories").glob("*.jsonl")):
        for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: not JSON: {exc}")
                continue
            passage, found = _passage(where, raw)
            problems.extend(found)
            if passage is None:
                continue
            if passage.story != path.stem:
                problems.append(f"{where} ({passage.id}): story {passage.story!r} is not the file's name")
            if passage.id in seen:
                problems.append(f"{where}: id {passage.id!r} used twice")
            seen.add(passage.id)
            passages.append(passage)
    return passages, problems


def load_corpus(folder: Path) -> Corpus:
    """The corpus under `folder`, split by `split.toml`; raises CorpusError on any problem."""
    passages, problems = read_stories(folder)
    split_path = folder / "split.toml"
    if not split_path.exists():
        problems.append(f"{split_path}: missing")
        dev, test = set(), set()
    else:
        split = tomllib.loads(split_path.read_text("utf-8"))
        dev, test = set(split.get("dev", [])), set(split.get("test", []))
        stories = {p.story for p in passages}
        if dev & test:
            problems.append(f"{split_path}: in both halves: {sorted(dev & test)}")
        if stories - dev - test:
            problems.append(f"{split_path}: in no half: {sorted(stories - dev - test)}")
        if (dev | test) - stories:
            problems.append(f"{split_path}: no such story: {sorted((dev | test) - stories)}")
    if problems:
        raise CorpusError("\n".join(problems))
    return Corpus(tuple(passages), frozenset(dev), frozenset(test))


def summary(passages: list[Passage]) -> dict[str, Any]:
    """Counts a reader checks the corpus by: passages, outlets, stories, claims by type."""
    metrics = Counter(c.metric for p in passages for c in p.claims)
    return {
        "passages": len(passages),
        "outlets": len({p.outlet.lower() for p in passages}),
        "stories": len({p.story for p in passages}),
        "passages_without_claims": sum(1 for p in passages if not p.claims),
        "claims": sum(metrics.values()),
        "by_metric": dict(metrics.most_common()),
        "by_source_kind": dict(Counter(p.source_kind for p in passages)),
    }


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("tests/corpus/news")
    passages, problems = read_stories(folder)
    for p in problems:
        print(p)
    print(json.dumps(summary(passages), indent=1))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
