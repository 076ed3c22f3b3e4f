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

from flows.errors import ConfigError

UNITS = {"percent", "currency", "year"}
KINDS = {"state", "event"}
ENTITY_KINDS = {"company", "product", "outlet", "person"}


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


@dataclass(frozen=True)
class RiskTopic:
    topic: str
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class ExtractorConfig:
    entities: tuple[Entity, ...]
    ignore: frozenset[str]
    claim_types: tuple[ClaimType, ...]
    risk_topics: tuple[RiskTopic, ...]
    dismiss: tuple[re.Pattern[str], ...]
    warn: tuple[re.Pattern[str], ...]
    fingerprint: str = field(default="")   # changes when any data file changes

    def entity(self, name: str) -> Entity | None:
        return next((e for e in self.entities if e.name == name), None)


def _read(path: Path | None, builtin: str) -> list[tuple[str, dict[str, Any]]]:
    texts = [(f"extractors/data/{builtin}", resources.files("extractors").joinpath("data").joinpath(builtin).read_text("utf-8"))]
    if path is not None:
        texts.append((str(path), path.read_text("utf-8")))
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
    tolerance = raw.get("tolerance_pct", 1.0)
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or not 0 <= tolerance <= 50:
        raise ConfigError(f"{spot} ({metric}): tolerance_pct must be a number from 0 to 50")
    unknown = set(raw) - {"metric", "unit", "triggers", "cues", "object", "reject", "kind", "tolerance_pct"}
    if unknown:
        raise ConfigError(f"{spot} ({metric}): unknown keys {sorted(unknown)}")
    triggers = _patterns(f"{spot} ({metric}) triggers", raw.get("triggers"))
    if not triggers:
        raise ConfigError(f"{spot} ({metric}): needs at least one trigger")
    return ClaimType(metric, unit, triggers, _cue_pattern(raw.get("cues", [])), raw.get("object", "entity"),
                     _patterns(f"{spot} ({metric}) reject", raw.get("reject", [])),
                     raw.get("kind", "state"), float(tolerance))


def load_extractor_config(entities: Path | None = None, claims: Path | None = None) -> ExtractorConfig:
    """Built-in data files merged with the user's `entities` and `claims` files (when given)."""
    ent_docs, claim_docs = _read(entities, "entities.toml"), _read(claims, "claims.toml")
    risk_doc = _read(None, "risk.toml")[0][1]
    ents, ignore = _entities(ent_docs)
    topics = tuple(RiskTopic(t["topic"], _patterns(f"risk topic {t['topic']}", t["patterns"]))
                   for t in risk_doc.get("topic", []))
    stance = risk_doc.get("stance", {})
    digest = hashlib.sha1()
    for _, doc in [*ent_docs, *claim_docs, ("risk", risk_doc)]:
        digest.update(repr(sorted(doc.items())).encode())
    return ExtractorConfig(
        entities=ents, ignore=ignore, claim_types=_claim_types(claim_docs), risk_topics=topics,
        dismiss=_patterns("risk stance dismisses", stance.get("dismisses", [])),
        warn=_patterns("risk stance warns", stance.get("warns", [])),
        fingerprint=digest.hexdigest()[:8],
    )
