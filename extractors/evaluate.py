"""Measured extraction quality: the seed article's reference claims, and other projects'
figure test suites (Microsoft Recognizers-Text, quantulum3) on their English money and
percentage cases.

A peer case passes when the money and percentage figures we find are exactly the ones it
expects (same value, same currency), no more and no fewer. Cases outside claimtrack's scope
(physical units, crypto and historic currencies, plain numbers) are counted by reason and
not scored; cases the reference implementation itself marks as unsupported in Python are
scored separately.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractors.figures import find_figures

# Recognizers-Text unit names -> ISO codes we report; anything else is out of scope.
RECOGNIZERS_CURRENCIES = {
    "Dollar": "USD", "United States dollar": "USD", "Euro": "EUR", "Pound": "GBP",
    "British pound": "GBP", "Japanese yen": "JPY", "Chinese yuan": "CNY", "Canadian dollar": "CAD",
    "Australian dollar": "AUD", "Swiss franc": "CHF", "Hong Kong dollar": "HKD",
    "New Zealand dollar": "NZD", "Mexican peso": "MXN", "Turkish lira": "TRY",
}
RECOGNIZERS_OUT_OF_SCOPE = {
    "Bitcoin": "crypto-currency", "Satoshi": "crypto-currency",
    "Finnish markka": "historic currency", "Peseta": "historic currency",
    "Netherlands guilder": "historic currency", "Franc": "ambiguous currency (which franc?)",
    "Rupee": "ambiguous currency (which rupee?)", "Cent": "sub-unit coin amount",
    "Pence": "sub-unit coin amount", "Penny": "sub-unit coin amount", "Sen": "sub-unit coin amount",
    "Costa Rican colón": "currency outside the supported list", "Georgian lari": "currency outside the supported list",
    "Lao kip": "currency outside the supported list", "Sri Lankan rupee": "currency outside the supported list",
}
QUANTULUM_CURRENCIES = {"dollar": "USD", "United States dollar": "USD", "euro": "EUR", "pound sterling": "GBP",
                        "yen": "JPY", "Japanese yen": "JPY"}
QUANTULUM_PERCENT = {"percentage"}

Figure = tuple[str, float, str]          # (kind, value, unit) — money: ISO code; percent: "percent"


@dataclass
class Case:
    suite: str
    text: str
    expected: list[Figure]
    out_of_scope: str | None = None      # why the case is not scored
    unsupported_upstream: bool = False   # the reference implementation fails it in Python
    kinds: tuple[str, ...] = ("money", "percent")   # what the suite's model recognises


@dataclass
class SuiteScore:
    suite: str
    scored: int = 0
    passed: int = 0
    upstream_unsupported: int = 0
    upstream_unsupported_passed: int = 0
    out_of_scope: Counter = field(default_factory=Counter)
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.passed / self.scored if self.scored else 1.0


def _load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8-sig"))


def recognizers_cases(folder: Path) -> Iterable[Case]:
    """English money (CurrencyModel) and percentage (PercentModel) cases."""
    for name, kind in (("CurrencyModel.json", "money"), ("PercentModel.json", "percent")):
        path = folder / name
        if not path.exists():
            continue
        for case in _load_json(path):
            unsupported = "python" in str(case.get("NotSupported", "")).lower() or \
                "python" in str(case.get("NotSupportedByDesign", "")).lower()
            expected, reason = [], None
            for r in case.get("Results", []):
                res = r.get("Resolution") or {}
                raw = str(res.get("value", "null"))
                if raw in ("null", "None", ""):
                    reason = reason or "no value to compare"
                    continue
                if kind == "money":
                    unit = res.get("unit", "")
                    if unit in RECOGNIZERS_OUT_OF_SCOPE:
                        reason = reason or RECOGNIZERS_OUT_OF_SCOPE[unit]
                        continue
                    if unit not in RECOGNIZERS_CURRENCIES:
                        reason = reason or f"unit {unit!r} outside the supported list"
                        continue
                    expected.append(("money", float(raw), RECOGNIZERS_CURRENCIES[unit]))
                else:
                    expected.append(("percent", float(raw.rstrip("%")), "percent"))
            yield Case(f"recognizers-text/{name}", case["Input"], expected, reason, unsupported, (kind,))


def quantulum_cases(folder: Path) -> Iterable[Case]:
    """quantulum3's English cases with money or percentages; physical units are out of scope."""
    path = folder / "quantities.json"
    if not path.exists():
        return
    for case in _load_json(path):
        expected, other = [], []
        for r in case.get("res", []):
            unit = r.get("unit")
            if unit in QUANTULUM_CURRENCIES:
                expected.append(("money", float(r["value"]), QUANTULUM_CURRENCIES[unit]))
            elif unit in QUANTULUM_PERCENT:
                expected.append(("percent", float(r["value"]), "percent"))
            else:
                other.append(unit)
        reason = None
        if not expected:
            reason = "plain numbers only" if set(other) <= {"dimensionless"} else "physical units only"
        yield Case("quantulum3/quantities.json", case["req"], expected, reason)


def found_figures(text: str) -> list[Figure]:
    """Our money and percentage figures in `text` (years are not in the peers' scope)."""
    out = []
    for f in find_figures(text):
        if f.kind == "money":
            out.append(("money", f.value, f.unit))
        elif f.kind == "percent" and f.unit == "percent":
            out.append(("percent", f.value, "percent"))
    return out


def _same(a: list[Figure], b: list[Figure]) -> bool:
    if len(a) != len(b):
        return False
    rest = list(b)
    for kind, value, unit in a:
        for i, (k2, v2, u2) in enumerate(rest):
            if k2 == kind and u2 == unit and abs(v2 - value) <= max(1e-9, abs(value) * 1e-6):
                del rest[i]
                break
        else:
            return False
    return True


def score(cases: Iterable[Case], finder: Callable[[str], list[Figure]] = found_figures) -> dict[str, SuiteScore]:
    scores: dict[str, SuiteScore] = {}
    for case in cases:
        s = scores.setdefault(case.suite, SuiteScore(case.suite))
        if case.out_of_scope:
            s.out_of_scope[case.out_of_scope] += 1
            continue
        got = [f for f in finder(case.text) if f[0] in case.kinds]
        ok = _same(case.expected, got)
        if case.unsupported_upstream:
            s.upstream_unsupported += 1
            s.upstream_unsupported_passed += ok
            continue
        s.scored += 1
        s.passed += ok
        if not ok:
            s.misses.append({"text": case.text[:200], "expected": case.expected, "found": got})
    return scores


def peer_scores(peer_root: Path) -> dict[str, SuiteScore]:
    """Scores for every suite present under `peer_root` (../shared/peer-suites)."""
    cases = [*recognizers_cases(peer_root / "recognizers-text"), *quantulum_cases(peer_root / "quantulum3")]
    return score(cases)


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


def evaluate_shared(shared: Path, claims_of: Callable[[str], list[Any]]) -> tuple[SeedScore | None, dict[str, SuiteScore]]:
    """Score the seed article (with `claims_of`, the extractor) and every peer suite found under
    `shared`; raises ConfigError when neither is there."""
    from flows.errors import ConfigError
    seed = None
    if (shared / SEED_ARTICLE).exists() and (shared / SEED_CLAIMS).exists():
        seed = seed_score(claims_of((shared / SEED_ARTICLE).read_text("utf-8")), load_references(shared / SEED_CLAIMS))
    peers = peer_scores(shared / "peer-suites") if (shared / "peer-suites").exists() else {}
    if seed is None and not peers:
        raise ConfigError(f"{shared}: neither seeds/ nor peer-suites/ found (use --shared)")
    return seed, peers


# -- the gate -------------------------------------------------------------------------------

def load_floors(path: Path | None = None) -> dict[str, Any]:
    """The pinned quality floors (extractors/data/quality_floors.toml by default)."""
    import tomllib
    from importlib import resources
    text = path.read_text("utf-8") if path else \
        resources.files("extractors").joinpath("data", "quality_floors.toml").read_text("utf-8")
    return tomllib.loads(text)


def below_floors(seed: SeedScore | None, peers: dict[str, SuiteScore], floors: dict[str, Any]) -> list[str]:
    """What falls below a pinned floor, one line each (empty: the gate passes)."""
    problems = []
    if seed is not None:
        if len(seed.matched) < floors["seed"]["min_matched"]:
            problems.append(f"seed: {len(seed.matched)} reference claims matched, floor {floors['seed']['min_matched']}")
        if len(seed.unmatched_claims) > floors["seed"]["max_unmatched"]:
            problems.append(f"seed: {len(seed.unmatched_claims)} claims match no reference, "
                            f"at most {floors['seed']['max_unmatched']} allowed")
    for suite, floor in floors.get("peers", {}).items():
        if suite in peers and peers[suite].rate < floor:
            problems.append(f"{suite}: {peers[suite].rate:.1%} of in-scope cases pass, floor {floor:.1%}")
    return problems
