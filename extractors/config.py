"""Load the extractors' data files: entity aliases, claim types and risk cues.

Built-in files under extractors/data/ and the user's files under config/ go through the
same loader, so the path a user extends is the one the built-ins prove every run.
"""
from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from claimtrack.errors import ConfigError
from claimtrack.extractors.risk_prefilter import RiskWords

UNITS = {"percent", "currency", "price", "year", "count"}
KINDS = {"state", "event"}
ENTITY_KINDS = {"company", "product", "outlet", "person", "government"}


@dataclass(frozen=True)
class Entity:
    name: str
    kind: str
    aliases: tuple[str, ...]
    owner: str | None = None


@dataclass(frozen=True)
class ClaimType:
    metric: str
    unit: str
    triggers: tuple[re.Pattern[str], ...]
    cues: re.Pattern[str] | None = None     # for years: a cue word must end the text before the figure
    object: str = "entity"
    reject: tuple[re.Pattern[str], ...] = ()
    kind: str = "state"            # state: a standing figure that changes; event: each report is its own event
    tolerance_pct: float = 1.0     # values closer than this (relative, in percent) are the same value
    nouns: tuple[str, ...] = ()    # what the figure sizes ("round", "market value"), lower-case lemmas
    verbs: tuple[str, ...] = ()    # "raise", "put in", "value at": a verb, its particle or the figure's preposition
    subject: str = "agent"         # for verbs: agent (who does it) or patient (what it is done to)
    projection: bool = False       # the claim is itself someone's projection: "expects" reports it
    label: str = ""                # what a reader calls it ("stake"); empty: default_label(metric)
    preposition: str = "in"        # joins the label to the object: "Microsoft's stake *in* OpenAI"
    periodic: bool = False         # a measure of a period (a quarter's revenue): undated, the period the text reports


@dataclass(frozen=True)
class RiskTopic:
    topic: str
    patterns: tuple[re.Pattern[str], ...]
    context: tuple[re.Pattern[str], ...] = ()   # valuation words near these name this topic


@dataclass(frozen=True)
class ExtractorConfig:
    entities: tuple[Entity, ...]
    ignore: frozenset[str]
    claim_types: tuple[ClaimType, ...]
    risk_topics: tuple[RiskTopic, ...]
    dismiss: tuple[re.Pattern[str], ...]
    warn: tuple[re.Pattern[str], ...]
    valuation: tuple[re.Pattern[str], ...] = ()       # "a bubble", "stretched valuations"
    valuation_fallback: str = "market_bubble"         # their topic when no context word is near
    denials: tuple[re.Pattern[str], ...] = ()         # "not a bubble": deny the risk outright
    falls: tuple[re.Pattern[str], ...] = ()           # "a crash", "could drop to zero"
    falls_fallback: str = "market_correction"          # their topic when no context word is near
    falls_contexts: tuple[str, ...] = ()               # the topics whose context words claim a fall
    dangers: tuple[re.Pattern[str], ...] = ()         # "a ticking time bomb", "red flags": a topic only by context
    speaker_verbs: frozenset[str] = frozenset()       # "warn", "say": their subject holds the view
    speaker_groups: frozenset[str] = frozenset()      # "investors", "fund managers"
    risk_words: RiskWords | None = None                # every topic pattern, valuation, fall and danger word in one search
    open_metrics: tuple[tuple[str, str], ...] = ()     # (words, metric name): "market value" -> market_cap
    open_skip: frozenset[str] = frozenset()             # measures that make no open claim ("years")
    open_enabled: bool = True                           # [open] enabled = false: typed claims only
    fingerprint: str = field(default="")   # changes when any data file changes

    def entity(self, name: str) -> Entity | None:
        return next((e for e in self.entities if e.name == name), None)


_LABEL_SUFFIXES = ("_pct", "_usd", "_count")


def default_label(metric: str) -> str:
    """A reader's words for a metric no claim type labels (an open one): its name without a
    unit suffix, in words: 'stake_pct' -> 'stake', 'benchmark_rate' -> 'benchmark rate'."""
    for suffix in _LABEL_SUFFIXES:
        if metric.endswith(suffix) and len(metric) > len(suffix):
            metric = metric[: -len(suffix)]
    return metric.replace("_", " ").strip()


def _label(spot: str, raw: dict[str, Any], metric: str) -> tuple[str, str]:
    """A claim type's label and preposition: short words on one line, a preposition one word."""
    label, prep = raw.get("label", ""), raw.get("preposition", "in")
    if not isinstance(label, str) or len(label) > 60 or re.search(r"[\x00-\x1f\x7f]", label):
        raise ConfigError(f"{spot} ({metric}): label must be a few words on one line (60 characters at most)")
    if not isinstance(prep, str) or not re.fullmatch(r"[a-z]+", prep):
        raise ConfigError(f"{spot} ({metric}): preposition must be one lower-case word, such as 'in' or 'for'")
    return " ".join(label.split()) or default_label(metric), prep


def _read(path: Path | None, builtin: str) -> list[tuple[str, dict[str, Any]]]:
    texts = [(f"extractors/data/{builtin}", resources.files("claimtrack.extractors").joinpath("data").joinpath(builtin).read_text("utf-8"))]
    if path is not None:
        try:
            texts.append((str(path), path.read_text("utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    out = []
    for where, text in texts:
        try:
            out.append((where, tomllib.loads(text)))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{where}: not valid TOML: {exc}") from exc
    return out


def _patterns(where: str, values: Any) -> tuple[re.Pattern[str], ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ConfigError(f"{where}: expected a list of regular expressions")
    out = []
    for v in values:
        try:
            out.append(re.compile(v, re.IGNORECASE))
        except re.error as exc:
            raise ConfigError(f"{where}: bad pattern {v!r}: {exc}") from exc
    return tuple(out)


def _entities(docs: list[tuple[str, dict[str, Any]]]) -> tuple[tuple[Entity, ...], frozenset[str]]:
    by_name: dict[str, Entity] = {}
    ignore: set[str] = set()
    for where, doc in docs:
        for i, raw in enumerate(doc.get("entity", [])):
            spot = f"{where}: entity[{i}]"
            name, kind = raw.get("name"), raw.get("kind", "company")
            if not name or kind not in ENTITY_KINDS:
                raise ConfigError(f"{spot}: needs a name and a kind in {sorted(ENTITY_KINDS)}")
            aliases = tuple(dict.fromkeys([name, *raw.get("aliases", [])]))
            old = by_name.get(name)
            if old:   # a user's entry extends a built-in one
                aliases = tuple(dict.fromkeys([*old.aliases, *aliases]))
            by_name[name] = Entity(name, kind, aliases, raw.get("owner", old.owner if old else None))
        ignore.update(doc.get("ignore", {}).get("names", []))
    for e in by_name.values():
        if e.owner and e.owner not in by_name:
            raise ConfigError(f"entity {e.name!r}: owner {e.owner!r} is not a known entity")
    return tuple(by_name.values()), frozenset(ignore)


def _claim_types(docs: list[tuple[str, dict[str, Any]]]) -> tuple[ClaimType, ...]:
    """Built-in types in file order; a user's type with a known metric replaces it in place,
    a new one goes before the built-ins (a user's type is usually the more specific)."""
    by_metric: dict[str, ClaimType] = {}
    added: dict[str, ClaimType] = {}
    for n, (where, doc) in enumerate(docs):
        for i, raw in enumerate(doc.get("claim", [])):
            ct = _claim_type(f"{where}: claim[{i}]", raw)
            if ct.metric in by_metric:
                by_metric[ct.metric] = ct
            elif n == 0:
                by_metric[ct.metric] = ct
            else:
                added[ct.metric] = ct
    return (*added.values(), *by_metric.values())


def _cue_pattern(cues: list[str]) -> re.Pattern[str] | None:
    """'until 2032', 'through the end of 2030': a cue word right before the figure, compiled once."""
    if not cues:
        return None
    words = "|".join(re.escape(c) for c in cues)
    return re.compile(rf"\b(?:{words})\s+(?:(?:the )?(?:end|start|beginning) of\s+)?$", re.IGNORECASE)


def _claim_type(spot: str, raw: dict[str, Any]) -> ClaimType:
    metric, unit = raw.get("metric"), raw.get("unit")
    if not metric or not re.fullmatch(r"[a-z][a-z0-9_]*", str(metric)):
        raise ConfigError(f"{spot}: metric must be a snake_case name")
    if unit not in UNITS:
        raise ConfigError(f"{spot} ({metric}): unit must be one of {sorted(UNITS)}")
    if raw.get("object", "entity") not in ("entity", "none"):
        raise ConfigError(f"{spot} ({metric}): object must be 'entity' or 'none'")
    if raw.get("kind", "state") not in KINDS:
        raise ConfigError(f"{spot} ({metric}): kind must be one of {sorted(KINDS)}")
    tolerance = raw.get("tolerance_pct", 0.0 if unit == "year" else 1.0)    # 2025 and 2026 are not "about" equal
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or not 0 <= tolerance <= 50:
        raise ConfigError(f"{spot} ({metric}): tolerance_pct must be a number from 0 to 50")
    unknown = set(raw) - {"metric", "unit", "triggers", "cues", "object", "reject", "kind", "tolerance_pct",
                          "nouns", "verbs", "subject", "projection", "label", "preposition", "periodic"}
    if unknown:
        raise ConfigError(f"{spot} ({metric}): unknown keys {sorted(unknown)}")
    if not isinstance(raw.get("projection", False), bool):
        raise ConfigError(f"{spot} ({metric}): projection must be true or false")
    if not isinstance(raw.get("periodic", False), bool):
        raise ConfigError(f"{spot} ({metric}): periodic must be true or false")
    if raw.get("subject", "agent") not in ("agent", "patient"):
        raise ConfigError(f"{spot} ({metric}): subject must be 'agent' or 'patient'")
    nouns, verbs = _words(f"{spot} ({metric}) nouns", raw.get("nouns", [])), _words(f"{spot} ({metric}) verbs", raw.get("verbs", []))
    triggers = _patterns(f"{spot} ({metric}) triggers", raw.get("triggers", []))
    if not triggers and not nouns and not verbs:
        raise ConfigError(f"{spot} ({metric}): needs nouns, verbs or at least one trigger")
    return ClaimType(metric, unit, triggers, _cue_pattern(raw.get("cues", [])), raw.get("object", "entity"),
                     _patterns(f"{spot} ({metric}) reject", raw.get("reject", [])),
                     raw.get("kind", "state"), float(tolerance), nouns, verbs, raw.get("subject", "agent"),
                     raw.get("projection", False), *_label(spot, raw, metric), raw.get("periodic", False))


def _words(where: str, values: Any) -> tuple[str, ...]:
    """Nouns or verbs of a claim type: lower-case words, one or a few each."""
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise ConfigError(f"{where}: expected a list of words")
    return tuple(" ".join(v.lower().split()) for v in values)


def _risk_topics(docs: list[tuple[str, dict[str, Any]]]) -> tuple[RiskTopic, ...]:
    """Built-in topics in file order; a user's topic of a known name replaces it in place, a
    new one goes before the built-ins (a user's topic is usually the more specific)."""
    by_name: dict[str, RiskTopic] = {}
    added: dict[str, RiskTopic] = {}
    for n, (where, doc) in enumerate(docs):
        unknown = set(doc) - {"topic", "valuation", "stance", "speakers", "falls", "dangers"}
        if unknown:
            raise ConfigError(f"{where}: unknown tables {sorted(unknown)}")
        for i, raw in enumerate(doc.get("topic", [])):
            spot = f"{where}: topic[{i}]"
            name = raw.get("topic")
            if not name or not re.fullmatch(r"[a-z][a-z0-9_]*", str(name)):
                raise ConfigError(f"{spot}: topic must be a snake_case name")
            extra = set(raw) - {"topic", "patterns", "context"}
            if extra:
                raise ConfigError(f"{spot} ({name}): unknown keys {sorted(extra)}")
            topic = RiskTopic(name, _patterns(f"{spot} ({name}) patterns", raw.get("patterns", [])),
                              _patterns(f"{spot} ({name}) context", raw.get("context", [])))
            if not topic.patterns and not topic.context:
                raise ConfigError(f"{spot} ({name}): needs patterns or context")
            if name in by_name or n == 0:
                by_name[name] = topic
            else:
                added[name] = topic
    return (*added.values(), *by_name.values())


def _merged_list(docs: list[tuple[str, dict[str, Any]]], table: str, key: str) -> list[str]:
    out: list[str] = []
    for where, doc in docs:
        values = doc.get(table, {}).get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ConfigError(f"{where}: [{table}] {key} must be a list of strings")
        out.extend(values)
    return out


def _fallback(docs: list[tuple[str, dict[str, Any]]], table: str = "valuation", default: str = "market_bubble") -> str:
    value = default
    for where, doc in docs:
        value = doc.get(table, {}).get("fallback", value)
        if not isinstance(value, str):
            raise ConfigError(f"{where}: [{table}] fallback must be a topic name")
    return value


def _check_topic_names(docs: list[tuple[str, dict[str, Any]]], table: str, key: str, topics: set[str]) -> None:
    """A fallback or fall context must name a risk topic: a typo would be stored as a topic of its own."""
    for where, doc in docs:
        value = doc.get(table, {}).get(key, [])
        for name in value if isinstance(value, list) else [value]:
            if name not in topics:
                raise ConfigError(f"{where}: [{table}] {key}: {name!r} is not a risk topic "
                                  f"(known: {', '.join(sorted(topics))})")


def load_extractor_config(entities: Path | None = None, claims: Path | None = None,
                          risk: Path | None = None) -> ExtractorConfig:
    """Built-in data files merged with the user's `entities`, `claims` and `risk` files (when given)."""
    ent_docs, claim_docs = _read(entities, "entities.toml"), _read(claims, "claims.toml")
    risk_docs = _read(risk, "risk.toml")
    ents, ignore = _entities(ent_docs)
    digest = hashlib.sha1()
    for _, doc in [*ent_docs, *claim_docs, *risk_docs]:
        digest.update(repr(sorted(doc.items())).encode())
    topics = _risk_topics(risk_docs)
    for table, key in (("valuation", "fallback"), ("falls", "fallback"), ("falls", "contexts")):
        _check_topic_names(risk_docs, table, key, {t.topic for t in topics})
    valuation = _patterns("risk valuation words", _merged_list(risk_docs, "valuation", "words"))
    falls = _patterns("risk falls words", _merged_list(risk_docs, "falls", "words"))
    dangers = _patterns("risk dangers words", _merged_list(risk_docs, "dangers", "words"))
    every = [p for t in topics for p in t.patterns] + [*valuation, *falls, *dangers]
    open_metrics, open_skip, open_enabled = _open_metrics(claim_docs)
    return ExtractorConfig(
        entities=ents, ignore=ignore, claim_types=_claim_types(claim_docs), risk_topics=topics,
        dismiss=_patterns("risk stance dismisses", _merged_list(risk_docs, "stance", "dismisses")),
        warn=_patterns("risk stance warns", _merged_list(risk_docs, "stance", "warns")),
        valuation=valuation,
        valuation_fallback=_fallback(risk_docs),
        denials=_patterns("risk stance denials", _merged_list(risk_docs, "stance", "denials")),
        falls=falls,
        falls_fallback=_fallback(risk_docs, "falls", "market_correction"),
        falls_contexts=tuple(_merged_list(risk_docs, "falls", "contexts")),
        dangers=dangers,
        speaker_verbs=frozenset(v.lower() for v in _merged_list(risk_docs, "speakers", "verbs")),
        speaker_groups=frozenset(v.lower() for v in _merged_list(risk_docs, "speakers", "groups")),
        # one search tells that a sentence names no risk at all, as most do
        risk_words=RiskWords(every) if every else None,
        open_metrics=open_metrics, open_skip=open_skip, open_enabled=open_enabled,
        fingerprint=digest.hexdigest()[:8],
    )


def _open_metrics(docs: list[tuple[str, dict[str, Any]]]) -> tuple[tuple[tuple[str, str], ...], frozenset[str], bool]:
    """The open claims' metric lexicon ([[metric]] name + words), skipped measures and switch;
    a user's words for a known name add to it, a user's word given to another name moves."""
    words: dict[str, str] = {}
    skip: set[str] = set()
    enabled = True
    for where, doc in docs:
        for i, raw in enumerate(doc.get("metric", [])):
            spot = f"{where}: metric[{i}]"
            name = raw.get("name")
            if not name or not re.fullmatch(r"[a-z][a-z0-9_]*", str(name)):
                raise ConfigError(f"{spot}: name must be a snake_case metric name")
            extra = set(raw) - {"name", "words"}
            if extra:
                raise ConfigError(f"{spot} ({name}): unknown keys {sorted(extra)}")
            for w in _words(f"{spot} ({name}) words", raw.get("words", [])):
                words[w] = name
        table = doc.get("open", {})
        if not isinstance(table, dict) or set(table) - {"enabled", "skip"}:
            raise ConfigError(f"{where}: [open] takes only 'enabled' and 'skip'")
        skip.update(_words(f"{where}: [open] skip", table.get("skip", [])))
        if not isinstance(table.get("enabled", enabled), bool):
            raise ConfigError(f"{where}: [open] enabled must be true or false")
        enabled = table.get("enabled", enabled)
    return tuple(words.items()), frozenset(skip), enabled
