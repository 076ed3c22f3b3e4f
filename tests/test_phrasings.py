"""Each kind of claim in the constructions news uses for it (tests/fixtures/phrasings.toml):
the claims a case lists are found, and no core claim of another value or party is made."""
import tomllib
from pathlib import Path

import pytest

from claimtrack.extractors.corpus import CORE_METRICS
from claimtrack.extractors.names import comparable

CASES = tomllib.loads((Path(__file__).parent / "fixtures" / "phrasings.toml").read_text("utf-8"))["case"]


def _text(case: dict) -> str:
    return f"{case['context']} {case['text']}" if case.get("context") else case["text"]


def _found(claims, want) -> bool:
    metric, who = want[0], comparable(want[1])
    for c in claims:
        if c.metric != metric:
            continue
        if metric == "risk_warning":
            if (c.topic, c.stance) == (want[2], want[3]) and who in {comparable(c.speaker), comparable(c.subject)}:
                return True
        elif comparable(c.subject) == who and c.value is not None and abs(c.value - want[2]) <= abs(want[2]) * 0.005:
            return True
    return False


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:60] for c in CASES])
def test_a_phrasing_gives_its_claims(extractor, case):
    text = _text(case)
    start = text.index(case["text"])
    claims = [c for c in extractor.claims(text) if c.end > start]
    missing = [w for w in case["claims"] if not _found(claims, w)]
    assert not missing, f"missing {missing}; got {[(c.metric, c.subject, c.value, c.topic, c.stance, c.speaker) for c in claims]}"
    expected = {(w[0], round(w[2], 2)) for w in case["claims"] if w[0] != "risk_warning"}
    extra = [(c.metric, c.subject, c.value) for c in claims
             if c.metric in CORE_METRICS and (c.metric, round(c.value or 0, 2)) not in expected]
    assert not extra, f"claims no reader takes: {extra}"
