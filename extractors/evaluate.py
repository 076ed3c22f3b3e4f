"""Measured extraction quality, as `claimtrack eval` reports it and the quality gate pins it:
the real-news corpus's dev and test halves (extractors/corpus_score.py), the seed article's
reference claims, and other projects' figure suites beside quantulum3 (extractors/peers.py).
"""
from __future__ import annotations

import json
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimtrack.errors import ConfigError
from claimtrack.extractors.corpus import CorpusError, load_corpus
from claimtrack.extractors.corpus_score import CorpusScore, score_passages
from claimtrack.extractors.figure_score import FigureScore, score_figures
from claimtrack.extractors.peers import SuiteScore, peer_cases, quantulum_finder, score

# -- the seed article ---------------------------------------------------------------------


def claim_agrees(claim: Any, ref: dict[str, Any]) -> bool:
    """A claim matches a reference claim when metric and subject (or an alias) agree and the
    value is within 0.5% (for risk warnings: topic and stance agree)."""
    names = {ref["subject"], *ref.get("subject_aliases", [])}
    if claim.metric != ref["metric"] or claim.subject not in names:
        return False
    if ref.get("value") is None:
        return claim.topic == ref.get("topic") and claim.stance == ref.get("stance")
    return claim.value is not None and abs(claim.value - ref["value"]) <= abs(ref["value"]) * 0.005


@dataclass
class SeedScore:
    references: int
    matched: list[str]
    missed: list[str]
    unmatched_claims: list[dict[str, Any]]

    @property
    def recall(self) -> float:
        return len(self.matched) / self.references if self.references else 1.0


def seed_score(claims: list[Any], references: list[dict[str, Any]]) -> SeedScore:
    matched = [r["id"] for r in references if any(claim_agrees(c, r) for c in claims)]
    missed = [r["id"] for r in references if r["id"] not in matched]
    unmatched = [c.as_dict() for c in claims if not any(claim_agrees(c, r) for r in references)]
    return SeedScore(len(references), matched, missed, unmatched)


def load_references(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


SEED_ARTICLE = Path("seeds") / "000_6ac0e1f229eea688.txt"
SEED_CLAIMS = Path("seeds") / "seed-article.claims.jsonl"
CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "news"


@dataclass
class Evaluation:
    """Everything `claimtrack eval` measured in one run."""
    corpus: dict[str, CorpusScore] = field(default_factory=dict)      # "dev", "test"
    figures: dict[str, FigureScore] = field(default_factory=dict)     # every figure, typed or open, per half
    seed: SeedScore | None = None
    peers: dict[str, SuiteScore] = field(default_factory=dict)
    quantulum: dict[str, SuiteScore] = field(default_factory=dict)    # the same cases, by quantulum3


def evaluate(shared: Path | None, corpus: Path | None, claims_of: Callable[[str], list[Any]],
             keep_misses: bool = False, takes_object: Collection[str] = frozenset()) -> Evaluation:
    """Score the corpus halves (misses kept for the dev half only: the test half is run, not
    read), the seed article and every peer suite found under `shared`; raises ConfigError when
    none of them is there. `takes_object`: the metrics whose claims take an object (key sharing
    joins a missing one as the store does)."""
    out = Evaluation()
    if corpus is not None and (corpus / "split.toml").exists():
        try:
            loaded = load_corpus(corpus)
        except CorpusError as exc:
            raise ConfigError(f"{corpus}: {exc}") from exc
        once: dict[str, list[Any]] = {}

        def claims_once(text: str) -> list[Any]:       # both scorers read one extraction
            if text not in once:
                once[text] = claims_of(text)
            return once[text]
        for half in ("dev", "test"):
            out.corpus[half] = score_passages(loaded.half(half), claims_once, keep_misses=keep_misses and half == "dev")
            out.figures[half] = score_figures(loaded.half(half), claims_once, takes_object)
    if shared is not None and (shared / SEED_ARTICLE).exists() and (shared / SEED_CLAIMS).exists():
        out.seed = seed_score(claims_of((shared / SEED_ARTICLE).read_text("utf-8")), load_references(shared / SEED_CLAIMS))
    if shared is not None and (shared / "peer-suites").exists():
        cases = peer_cases(shared / "peer-suites")
        out.peers = score(cases)
        finder = quantulum_finder()
        if finder is not None:
            out.quantulum = score(cases, finder)
    if not out.corpus and out.seed is None and not out.peers:
        raise ConfigError(f"no corpus at {corpus} and neither seeds/ nor peer-suites/ under {shared} "
                          "(use --corpus and --shared)")
    return out


# -- the gate -------------------------------------------------------------------------------

def load_floors(path: Path | None = None) -> dict[str, Any]:
    """The pinned quality floors (extractors/data/quality_floors.toml by default); a file of
    one's own that cannot be read or parsed is a ConfigError naming it."""
    import tomllib
    from importlib import resources
    if path is None:
        return tomllib.loads(resources.files("claimtrack.extractors").joinpath("data", "quality_floors.toml").read_text("utf-8"))
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"floors file {path}: {exc}") from exc


def below_floors(result: Evaluation, floors: dict[str, Any]) -> list[str]:
    """What falls below a pinned floor, one line each (empty: the gate passes)."""
    problems = []
    seed = result.seed
    if seed is not None:
        if len(seed.matched) < floors["seed"]["min_matched"]:
            problems.append(f"seed: {len(seed.matched)} reference claims matched, floor {floors['seed']['min_matched']}")
        if len(seed.unmatched_claims) > floors["seed"]["max_unmatched"]:
            problems.append(f"seed: {len(seed.unmatched_claims)} claims match no reference, "
                            f"at most {floors['seed']['max_unmatched']} allowed")
    for suite, floor in floors.get("peers", {}).items():
        if suite in result.peers and result.peers[suite].rate < floor:
            problems.append(f"{suite}: {result.peers[suite].rate:.1%} of the cases pass, floor {floor:.1%}")
    for half, wanted in floors.get("corpus", {}).items():
        got = result.corpus.get(half)
        if got is None:
            continue
        t = got.timing
        measured = {"core_recall": got.core.recall, "core_precision": got.core.precision,
                    "risk_recall": got.risk.recall, "risk_precision": got.risk.precision,
                    "status_agrees": t["status right"] / t["status"] if t["status"] else 0.0,
                    "dated_as_gold": t["dated found"] / t["dated"] if t["dated"] else 0.0}
        for name, floor in wanted.items():
            if measured[name] < floor:
                problems.append(f"corpus {half}: {name.replace('_', ' ')} {measured[name]:.3f}, floor {floor:.3f}")
    for half, wanted in floors.get("figures", {}).items():
        got = result.figures.get(half)
        if got is None:
            continue
        measured = {"recall": got.all.recall, "precision": got.all.precision,
                    "key_sharing": got.pairs_shared / got.pairs if got.pairs else 1.0}
        for name, floor in wanted.items():
            if measured[name] < floor:
                problems.append(f"figures {half}: {name.replace('_', ' ')} {measured[name]:.3f}, floor {floor:.3f}")
    gap = recall_gap(result)
    ceiling = floors.get("gap", {}).get("max_core_recall")
    if gap is not None and ceiling is not None and gap > ceiling:
        problems.append(f"corpus: dev core recall exceeds test by {gap:.3f}, at most {ceiling:.3f} (overfitted rules)")
    return problems


def recall_gap(result: Evaluation) -> float | None:
    """How much better the dev half's core recall is than the test half's (None without both)."""
    dev, test = result.corpus.get("dev"), result.corpus.get("test")
    if dev is None or test is None:
        return None
    return dev.core.recall - test.core.recall
