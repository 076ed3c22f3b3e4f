"""Other projects' figure test suites (Microsoft Recognizers-Text, quantulum3) scored on
their English money and percentage cases, for claimtrack and, in the same run, for
quantulum3 itself when it is installed (a dev dependency).

A case passes when the money and percentage figures found are exactly the ones it expects
(same value, same unit), no more and no fewer. Every Recognizers-Text case its reference
implementation supports in Python is scored, with no exclusions of our own: coins ("34
cents"), currencies named by a word that does not say which ("528 million francs"),
historic currencies. Cases the reference marks unsupported in Python are scored apart.
quantulum3's own cases with physical units only are out of claimtrack's scope and counted,
not scored.
"""
from __future__ import annotations

import json
import warnings
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimtrack.extractors.figures import find_figures

# Recognizers-Text unit names -> claimtrack's units (ISO codes, or the coin / name unit)
RECOGNIZERS_UNITS = {
    "Dollar": "USD", "United States dollar": "USD", "Euro": "EUR", "Pound": "GBP",
    "British pound": "GBP", "Japanese yen": "JPY", "Chinese yuan": "CNY", "Canadian dollar": "CAD",
    "Australian dollar": "AUD", "Swiss franc": "CHF", "Hong Kong dollar": "HKD",
    "New Zealand dollar": "NZD", "Mexican peso": "MXN", "Turkish lira": "TRY",
    "Franc": "franc", "Rupee": "rupee", "Cent": "cent", "Pence": "GBX", "Penny": "GBX", "Sen": "sen",
    "Finnish markka": "FIM", "Peseta": "ESP", "Netherlands guilder": "NLG", "Bitcoin": "BTC",
    "Satoshi": "satoshi",
}
# a name Recognizers-Text gives for a family of currencies: any of them is that currency
# ("35 lakh rupees" read as INR is a rupee)
FAMILIES = {"rupee": {"rupee", "INR", "PKR", "LKR", "NPR"}, "franc": {"franc", "CHF", "FRF", "XOF", "XAF"},
            "peso": {"peso", "MXN", "ARS", "CLP", "COP", "PHP"}}
# quantulum3 currency names without an ISO code
QUANTULUM_UNITS = {"cent": "cent", "penny": "GBX", "pence": "GBX", "dollar": "USD",
                   "united states dollar": "USD", "euro": "EUR", "pound sterling": "GBP", "yen": "JPY"}

Found = tuple[str, float, str]          # (kind, value, unit) — money: its unit; percent: "percent"
Finder = Callable[[str], list[Found]]


@dataclass
class Case:
    suite: str
    text: str
    expected: list[Found]
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
    """English money (CurrencyModel) and percentage (PercentModel) cases, every one of them;
    results without a value ("dollar" alone) are not expected figures."""
    for name, kind in (("CurrencyModel.json", "money"), ("PercentModel.json", "percent")):
        path = folder / name
        if not path.exists():
            continue
        for case in _load_json(path):
            marks = f"{case.get('NotSupported', '')} {case.get('NotSupportedByDesign', '')}".lower()
            expected = []
            for r in case.get("Results", []):
                res = r.get("Resolution") or {}
                raw = str(res.get("value", "null"))
                if raw in ("null", "None", ""):
                    continue
                if kind == "money":
                    unit = res.get("isoCurrency") or RECOGNIZERS_UNITS.get(res.get("unit", ""), res.get("unit", "?"))
                    expected.append(("money", float(raw), unit))
                else:
                    expected.append(("percent", float(raw.rstrip("%")), "percent"))
            yield Case(f"recognizers-text/{name}", case["Input"], expected, None, "python" in marks, (kind,))


def quantulum_cases(folder: Path) -> Iterable[Case]:
    """quantulum3's English cases with money or percentages; physical units are out of scope."""
    path = folder / "quantities.json"
    if not path.exists():
        return
    for case in _load_json(path):
        expected, other = [], []
        for r in case.get("res", []):
            unit = r.get("unit")
            if unit in QUANTULUM_UNITS:
                expected.append(("money", float(r["value"]), QUANTULUM_UNITS[unit]))
            elif unit == "percentage":
                expected.append(("percent", float(r["value"]), "percent"))
            else:
                other.append(unit)
        reason = None
        if not expected:
            reason = "plain numbers only" if set(other) <= {"dimensionless"} else "physical units only"
        yield Case("quantulum3/quantities.json", case["req"], expected, reason)


def claimtrack_figures(text: str) -> list[Found]:
    """Our money (prices included) and percentage figures in `text` (years are not in the
    peers' scope)."""
    out = []
    for f in find_figures(text):
        if f.kind in ("money", "price"):
            out.append(("money", f.value, f.unit))
        elif f.kind == "percent" and f.unit == "percent":
            out.append(("percent", f.value, "percent"))
    return out


def quantulum_finder() -> Finder | None:
    """quantulum3's money and percentage figures, in claimtrack's units; None when it is not
    installed (it is a dev dependency)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser
    except ImportError:
        return None

    def find(text: str) -> list[Found]:
        out = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            quantities = parser.parse(text)
        for q in quantities:
            unit = q.unit
            if unit.entity.name == "currency":
                code = getattr(unit, "currency_code", None)
                out.append(("money", float(q.value), code or QUANTULUM_UNITS.get(unit.name, unit.name)))
            elif unit.name == "percentage":
                out.append(("percent", float(q.value), "percent"))
        return out
    return find


def _same(a: list[Found], b: list[Found]) -> bool:
    if len(a) != len(b):
        return False
    rest = list(b)
    for kind, value, unit in a:
        for i, (k2, v2, u2) in enumerate(rest):
            same_unit = u2 == unit or u2 in FAMILIES.get(unit, ()) or unit in FAMILIES.get(u2, ())
            if k2 == kind and same_unit and abs(v2 - value) <= max(1e-9, abs(value) * 1e-6):
                del rest[i]
                break
        else:
            return False
    return True


def score(cases: Iterable[Case], finder: Finder = claimtrack_figures) -> dict[str, SuiteScore]:
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


def peer_cases(peer_root: Path) -> list[Case]:
    return [*recognizers_cases(peer_root / "recognizers-text"), *quantulum_cases(peer_root / "quantulum3")]
