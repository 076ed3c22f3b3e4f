"""Extract: run the spaCy pipeline over stored articles and replace their claims.

Articles are read by id in batches and go through `nlp.pipe`; each batch's claims replace
the articles' older claims in one transaction. An article that makes the pipeline fail is
recorded in `extractions.error` and the batch goes on without it.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimtrack.db.store import Store
from claimtrack.extractors.claim import Claim
from claimtrack.extractors.object_joins import claim_key, join_objects
from claimtrack.extractors.versions import extractor_version
from claimtrack.flows.extraction.claim_time import event_key, place_claims, place_previous
from claimtrack.flows.ids import short_hash
from claimtrack.flows.extraction.keys import known_figures, known_objects, known_spellings, spell_alike
from claimtrack.flows.settings import ExtractSettings

if TYPE_CHECKING:           # the pipeline (and spaCy) load only where a text is extracted
    from claimtrack.extractors.pipeline import Extractor

log = logging.getLogger("claimtrack.extract")


MAX_LISTED_CHANGES = 200       # changes kept for display per run; the counts are complete


@cache
def _built(model: str, entities: Path | None, claims: Path | None, risk: Path | None) -> "Extractor":
    from claimtrack.extractors.pipeline import build_extractor
    return build_extractor(model, entities, claims, risk)


def extractor_for(extract: ExtractSettings) -> "Extractor":
    """The pipeline for these `[extract]` settings, loaded once per process (spaCy loads here,
    on the first call, not when this module is imported). Both ways of reading a text
    (`select_sentences`) share one loaded model."""
    return replace(_built(extract.model, extract.entities, extract.claims, extract.risk),
                   selective=extract.select_sentences)


@dataclass(frozen=True)
class Described:
    """What the writing process needs of an extractor whose model runs in worker processes: the
    version stored on its claims, the metric catalogue and the metrics that take an object."""
    version: str
    metrics: tuple[dict[str, Any], ...]
    objects: frozenset[str]


def writer_for(extract: ExtractSettings) -> "Described | Extractor":
    """The extractor as the process that only writes needs it, read from the config and the
    model's meta.json without loading spaCy (which would hold about 130 MB beside the workers'
    own models); the loaded extractor when the model's label cannot be read so."""
    return _described(extract.model, extract.entities, extract.claims, extract.risk) or extractor_for(extract)


@cache
def _described(model: str, entities: Path | None, claims: Path | None, risk: Path | None) -> Described | None:
    from claimtrack.extractors.catalogue import metric_catalogue, object_metrics
    from claimtrack.extractors.config import load_extractor_config
    version = extractor_version(model, entities, claims, risk)
    if version is None:
        return None
    config = load_extractor_config(entities, claims, risk)
    return Described(version, metric_catalogue(config), object_metrics(config))


def nothing_pending(store: Store, settings: ExtractSettings, reextract: bool = False) -> str | None:
    """The extractor's version when no stored article awaits it, decided without loading the
    model (so a command with nothing to do starts neither spaCy nor Prefect); else None."""
    version = extractor_version(settings.model, settings.entities, settings.claims, settings.risk)
    if version is None or store.pending_articles(version, reextract):
        return None
    return version


@dataclass
class ExtractResult:
    articles: int = 0
    claims: int = 0
    failed: list[str] = field(default_factory=list)
    added: int = 0                 # claims the new extraction has and the stored one had not
    removed: int = 0
    changed: int = 0               # same claim, another value
    joined: int = 0                # claims whose missing object was their key's only one (flows/extraction/keys.py)
    changes: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: "ExtractResult") -> None:
        self.articles += other.articles
        self.claims += other.claims
        self.failed.extend(other.failed)
        self.added += other.added
        self.removed += other.removed
        self.changed += other.changed
        self.joined += other.joined
        self.changes.extend(other.changes[:max(0, MAX_LISTED_CHANGES - len(self.changes))])


def _identity(row: dict[str, Any]) -> tuple:
    """Which stored claim a new one replaces: same article and version, sentence, metric,
    subject, object and status (a previous value the sentence gives is a row of its own,
    status superseded)."""
    return (row["article_id"], row.get("version", 1), row["sentence"], row["metric"], row["subject"], row["object"],
            row["status"])


def diff_claims(old: Sequence[dict[str, Any]], new: Sequence[dict[str, Any]]) -> tuple[int, int, list[dict[str, Any]]]:
    """Compare a re-extraction with the stored claims of the same articles: how many claims
    were added and removed, and each claim whose value changed (old and new value)."""
    pending: dict[tuple, list[dict[str, Any]]] = {}
    for row in old:
        pending.setdefault(_identity(row), []).append(row)
    added, changed = 0, []
    for row in new:
        same = pending.get(_identity(row))
        if not same:
            added += 1
            continue
        before = same.pop(0)
        if before["value"] != row["value"] or before["unit"] != row["unit"]:
            changed.append({"article_id": row["article_id"], "claim_key": row["claim_key"],
                            "old_value": before["value"], "new_value": row["value"], "unit": row["unit"],
                            "old_version": before["extractor_version"], "sentence": row["sentence"]})
    removed = sum(len(rest) for rest in pending.values())
    return added, removed, changed


def claim_rows(article: Mapping[str, Any], claims: Sequence[Claim], version: str,
               kinds: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """The `claims` rows of one article's claims (`article`: its article_id, version,
    published_at, published_source, outlet, title and canonical_url), each placed in time
    (flows/extraction/claim_time.py), and a row of its own for each previous value a sentence gives
    ("down from 32.5%"), marked superseded and told as history. `kinds`: each metric's kind.
    Each row keeps its claim's kind (typed or open), range (low, high) and stated change; the
    row of a previous value keeps the kind only."""
    kinds = kinds or {}
    article_id, published = article["article_id"], article["published_at"]
    edition = article.get("version") or 1
    ident = article_id if edition == 1 else f"{article_id}@{edition}"   # a later version's claims are rows of their own
    rows = []
    times = place_claims(claims, published, article["published_source"])
    for i, (c, placed) in enumerate(zip(claims, times)):
        key = claim_key(c.subject, c.metric, c.object)
        event = kinds.get(c.metric) == "event"
        base = {
            "article_id": article_id, "claim_key": key,
            "subject": c.subject, "object": c.object, "metric": c.metric, "value": c.value,
            "unit": c.unit, "previous_value": c.previous_value, "qualifier": c.qualifier,
            "topic": c.topic, "stance": c.stance, "attributed_to": c.attributed_to, "speaker": c.speaker,
            "sentence": c.sentence, "start_char": c.start, "end_char": c.end,
            "extractor_version": version, "status": c.status,
            "outlet": article["outlet"], "article_title": article["title"], "article_url": article["canonical_url"],
            "published_at": published, "kind": c.kind, "version": edition,
        }
        rows.append({**base, "claim_id": short_hash(f"{ident}|{i}|{c.metric}|{c.start}|{version}"),
                     **placed.columns(), "event_key": event_key(key, placed) if event else None,
                     "low": c.low, "high": c.high, "change": c.change, "change_unit": c.change_unit})
        if c.previous_value is not None and c.value is not None and not event:
            before = place_previous(c, placed, published)
            # the value before is a figure of its own: same kind, none of the new value's range or change
            rows.append({**base, "claim_id": short_hash(f"{ident}|{i}|{c.metric}|{c.start}|{version}|before"),
                         "value": c.previous_value, "previous_value": None, "status": "superseded",
                         **before.columns(), "event_key": None,
                         "low": None, "high": None, "change": None, "change_unit": None})
    return rows


def batches(ids: Sequence[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(ids), size):
        yield list(ids[i:i + size])


def run_texts(extractor: Extractor, texts: list[str], batch_size: int) -> list[list[Claim] | Exception]:
    """Claims of each text, or the exception that text raised (the others still get theirs)."""
    try:
        return list(extractor.pipe(texts, batch_size=batch_size))
    except Exception:   # noqa: BLE001 - find the article that broke the batch, record it
        out: list[list[Claim] | Exception] = []
        for text in texts:
            try:
                out.append(extractor.claims(text))
            except Exception as exc:  # noqa: BLE001 - recorded per article, never lost
                out.append(exc)
        return out


def extract_batch(store: Store, extractor: "Extractor | Described", article_ids: Sequence[str],
                  batch_size: int = 32, runner: Callable[[list[str], int], list[Any]] | None = None) -> ExtractResult:
    """Extract claims from these articles and store them, replacing older claims. Every
    version of an updated article is read; one that fails fails its article. `runner`
    computes the claims elsewhere (an ExtractorPool; `extractor` may then be its description,
    `writer_for`); by default `extractor` does, here."""
    if runner is None and isinstance(extractor, Described):
        raise TypeError("extract_batch: a described extractor computes no claims; pass a runner")
    texts_of = store.article_texts(article_ids)         # one row per version
    texts = [a["text"] for a in texts_of]
    outputs = runner(texts, batch_size) if runner else run_texts(extractor, texts, batch_size)
    now = datetime.now(timezone.utc)
    kinds = {m["metric"]: m["kind"] for m in extractor.metrics}
    rows_of: dict[str, list[dict[str, Any]]] = {}      # by article, in order; every version's rows
    errors: dict[str, str] = {}                         # an article's first failed version
    for article, got in zip(texts_of, outputs):
        aid = article["article_id"]
        rows_of.setdefault(aid, [])
        if isinstance(got, Exception):
            error = f"{type(got).__name__}: {got}"
            log.error("article %s (version %s): extraction failed: %s", aid, article["version"], error)
            errors.setdefault(aid, error)
        else:
            rows_of[aid].extend(claim_rows(article, got, extractor.version, kinds))
    results, rows, out = [], [], ExtractResult()
    for aid, new in rows_of.items():
        error = errors.get(aid)
        if error:
            out.failed.append(f"{aid}: {error}")
        else:
            rows.extend(new)
        results.append({"article_id": aid, "extractor_version": extractor.version, "extracted_at": now,
                        "claims": 0 if error else len(new), "error": error})
    known = known_spellings(store)
    spell_alike(rows, known, known_figures(store, rows, known))
    out.joined = join_objects(rows, extractor.objects, known_objects(store, rows, extractor.objects))
    extracted = [r["article_id"] for r in results if r["error"] is None]
    before = store.query("article_claims", ids=extracted) if extracted else []
    store.replace_claims(results, rows, extractor.metrics)
    out.articles, out.claims = len(rows_of) - len(out.failed), len(rows)
    out.added, out.removed, changes = diff_claims(before, rows)
    out.changed, out.changes = len(changes), changes[:MAX_LISTED_CHANGES]
    return out
