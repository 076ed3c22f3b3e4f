"""Risk warnings in the constructions reporters use (tests/fixtures/warnings.toml): every
warning a case lists is found, with its speaker (or the speaker's organisation), topic and
stance, and no other warning is made."""
import tomllib
from pathlib import Path

import pytest

from claimtrack.extractors.names import comparable

CASES = tomllib.loads((Path(__file__).parent / "fixtures" / "warnings.toml").read_text("utf-8"))["case"]


def _agrees(claim, want: list[str]) -> bool:
    names = {comparable(n) for n in want[0].split("|")}
    return (claim.topic, claim.stance) == (want[1], want[2]) and bool(names & {comparable(claim.speaker),
                                                                              comparable(claim.subject)})


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:60] for c in CASES])
def test_a_warning_is_read_with_its_speaker_topic_and_stance(extractor, case):
    text = f"{case['context']} {case['text']}" if case.get("context") else case["text"]
    start = text.index(case["text"])
    warnings = [c for c in extractor.claims(text) if c.metric == "risk_warning" and c.start >= start]
    got = [(c.speaker, c.subject, c.topic, c.stance) for c in warnings]
    missing = [w for w in case["claims"] if not any(_agrees(c, w) for c in warnings)]
    assert not missing, f"missing {missing}; got {got}"
    extra = [(c.speaker, c.topic, c.stance) for c in warnings if not any(_agrees(c, w) for w in case["claims"])]
    assert not extra, f"warnings no reader takes: {extra}"


@pytest.mark.parametrize("text, speaker, subject", [
    ("Goldman Sachs chief economist Jan Hatzius said a recession is coming.", "Jan Hatzius", "Goldman Sachs"),
    ("Hedge fund boss Ray Dalio said growth has peaked.", "Ray Dalio", "Ray Dalio"),
    ("Former Federal Reserve Chairman Mara Quint said a recession is coming.", "Mara Quint", "Mara Quint"),
    ("Mara Quint, a former chief economist at the IMF, said a recession is coming.", "Mara Quint", "Mara Quint"),
])
def test_a_person_speaks_for_the_firm_named_with_their_role_and_for_no_headline_word(extractor, text, speaker, subject):
    """The warning's subject is the speaker's organisation when the text names it; a capital a
    headline sets before a role ("Hedge fund boss") names no organisation, and a post held
    before ("Former ... Chairman") is no organisation the speaker speaks for now."""
    got = [(c.speaker, c.subject) for c in extractor.claims(text) if c.metric == "risk_warning"]
    assert got == [(speaker, subject)]
