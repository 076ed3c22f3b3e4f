"""Claims from article text: the fixture article's expected claims, the seed article's
reference claims, the rule-only fallback, and claim types added through config alone."""
import json
from pathlib import Path

import pytest

from conftest import FIXTURES, shared_path
from claimtrack.extractors.config import load_extractor_config
from claimtrack.extractors.evaluate import seed_score
from claimtrack.extractors.pipeline import build_extractor
from claimtrack.errors import ConfigError


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _matches(claim, expected: dict) -> bool:
    got = claim.as_dict()
    for key, want in expected.items():
        have = got[key]
        if isinstance(want, (int, float)) and isinstance(have, (int, float)):
            if abs(have - want) > abs(want) * 0.005:
                return False
        elif have != want:
            return False
    return True


@pytest.mark.parametrize("name", ["stake_and_commitment"])
def test_fixture_article_gives_exactly_its_expected_claims(extractor, name):
    text = (FIXTURES / "articles" / f"{name}.txt").read_text("utf-8")
    expected = _load(FIXTURES / "articles" / f"{name}.claims.jsonl")
    claims = extractor.claims(text)
    for want in expected:
        assert any(_matches(c, want) for c in claims), f"missing {want}\ngot {[c.as_dict() for c in claims]}"
    assert len(claims) == len(expected), [c.as_dict() for c in claims]


def test_every_claim_carries_its_evidence(extractor):
    text = (FIXTURES / "articles" / "stake_and_commitment.txt").read_text("utf-8")
    for c in extractor.claims(text):
        assert text[c.start:c.end] == c.sentence
        assert c.sentence.strip() == c.sentence and c.sentence


def test_seed_article_recall_and_precision(extractor):
    """Issue 2/4 gate: at least 10 of the 11 reference claims; at most 2 claims matching none."""
    text = shared_path("seeds", "000_6ac0e1f229eea688.txt").read_text("utf-8")
    refs = _load(shared_path("seeds", "seed-article.claims.jsonl"))
    claims = extractor.claims(text)
    score = seed_score(claims, refs)
    found, unmatched = score.matched, score.unmatched_claims
    assert len(found) >= 10, f"found only {found}"
    assert len(unmatched) <= 2, unmatched


def test_seed_article_key_figures(extractor):
    text = shared_path("seeds", "000_6ac0e1f229eea688.txt").read_text("utf-8")
    got = {(c.metric, c.value) for c in extractor.claims(text)}
    assert ("stake_pct", 27.0) in got and ("stake_value", 135e9) in got


def test_rule_only_fallback_still_finds_claims(blank_extractor):
    assert "blank-en" in blank_extractor.version.split("+")
    claims = blank_extractor.claims("Microsoft now holds a 27% stake in OpenAI, down from 32.5%.\n"
                                    "This stake is now valued at $135 billion.")
    assert [(c.subject, c.metric, c.object, c.value, c.previous_value) for c in claims] == [
        ("Microsoft", "stake_pct", "OpenAI", 27.0, 32.5),
        ("Microsoft", "stake_value", "OpenAI", 135e9, None),
    ]


def test_a_claim_type_added_in_config_needs_no_code(tmp_path):
    claims_file = tmp_path / "claims.toml"
    claims_file.write_text('[[claim]]\nmetric = "capex"\nunit = "currency"\n'
                           "triggers = ['\\bcapital spending\\b']\nobject = \"none\"\n")
    ex = build_extractor("blank", None, claims_file)
    (claim,) = ex.claims("Microsoft raised its capital spending to $80 billion.")
    assert (claim.subject, claim.metric, claim.value) == ("Microsoft", "capex", 80e9)
    assert ex.version != build_extractor("blank").version        # config changes the version


def test_bad_claim_type_names_file_and_problem(tmp_path):
    bad = tmp_path / "claims.toml"
    bad.write_text('[[claim]]\nmetric = "x"\nunit = "furlongs"\ntriggers = ["a"]\n')
    with pytest.raises(ConfigError, match=r"claims\.toml.*unit must be one of"):
        load_extractor_config(None, bad)


@pytest.mark.parametrize("extra, problem", [
    ('kind = "rumour"', "kind must be one of"),
    ("tolerance_pct = 80", "tolerance_pct must be a number from 0 to 50"),
    ('tolerance_pct = "1%"', "tolerance_pct must be a number"),
])
def test_a_claim_types_kind_and_tolerance_are_checked(tmp_path, extra, problem):
    bad = tmp_path / "claims.toml"
    bad.write_text(f'[[claim]]\nmetric = "capex"\nunit = "currency"\ntriggers = ["capex"]\n{extra}\n')
    with pytest.raises(ConfigError, match=rf"claims\.toml.*\(capex\): {problem}"):
        load_extractor_config(None, bad)


def test_the_metric_catalogue_carries_each_types_kind_and_tolerance(tmp_path):
    claims_file = tmp_path / "claims.toml"
    claims_file.write_text('[[claim]]\nmetric = "round"\nunit = "currency"\ntriggers = ["round"]\n'
                           'kind = "event"\ntolerance_pct = 2.5\n')
    catalogue = {m["metric"]: m for m in build_extractor("blank", None, claims_file).metrics}
    assert catalogue["round"] == {"metric": "round", "kind": "event", "unit": "currency", "tolerance_pct": 2.5,
                                  "label": "round", "preposition": "in"}
    assert catalogue["valuation"]["kind"] == "state"


def test_every_built_in_claim_type_has_a_label_and_a_users_label_wins(tmp_path):
    """Labels are what the digest and the site show; a built-in type without one would show its
    snake_case name. A user's type gives its own label and preposition, or gets its metric in words."""
    built_in = load_extractor_config(None, None).claim_types
    raw = (Path(__file__).parents[1] / "extractors" / "data" / "claims.toml").read_text("utf-8")
    assert raw.count("[[claim]]") == len(built_in) == raw.count("\nlabel = ")
    assert {t.metric: (t.label, t.preposition) for t in built_in}["stake_pct"] == ("stake", "in")
    mine = tmp_path / "claims.toml"
    mine.write_text('[[claim]]\nmetric = "lease_until"\nunit = "year"\ntriggers = ["lease"]\n'
                    'label = "data-centre lease"\npreposition = "with"\n\n'
                    '[[claim]]\nmetric = "headcount_count"\nunit = "count"\ntriggers = ["staff"]\n')
    types = {t.metric: t for t in load_extractor_config(None, mine).claim_types}
    assert (types["lease_until"].label, types["lease_until"].preposition) == ("data-centre lease", "with")
    assert (types["headcount_count"].label, types["headcount_count"].preposition) == ("headcount", "in")


@pytest.mark.parametrize("extra, problem", [
    ('label = "two\\nlines"', "label must be a few words on one line"),
    ("label = 3", "label must be a few words on one line"),
    ('preposition = "next to"', "preposition must be one lower-case word"),
])
def test_a_bad_label_names_the_file_and_the_type(tmp_path, extra, problem):
    bad = tmp_path / "claims.toml"
    bad.write_text(f'[[claim]]\nmetric = "capex"\nunit = "currency"\ntriggers = ["capex"]\n{extra}\n')
    with pytest.raises(ConfigError, match=rf"claims\.toml.*\(capex\): {problem}"):
        load_extractor_config(None, bad)


@pytest.mark.parametrize("sentence, topic, stance, speaker", [
    ("ORACLE CEO: NOT CONCERNED ABOUT “AI BUBBLE”", "ai_bubble", "dismisses", "Oracle CEO"),
    ("Microsoft executives warned that OpenAI's demands could create overcapacity risks.", "overcapacity", "warns", "Microsoft executives"),
    ("That report showed ChatGPT's mobile app growth may already have peaked.", "growth_peak", "warns", "ChatGPT"),
    ("Nvidia's Jensen Huang dismissed talk of a bubble.", "ai_bubble", "dismisses", "Jensen Huang"),
])
def test_risk_warnings(extractor, sentence, topic, stance, speaker):
    (claim,) = extractor.claims(sentence)
    assert (claim.metric, claim.topic, claim.stance, claim.speaker) == ("risk_warning", topic, stance, speaker)


def test_a_headline_naming_a_risk_without_anyone_warning_is_not_a_claim(extractor):
    assert extractor.claims("Investors weigh AI bubble warnings") == []


def test_attribution_and_speaker(extractor):
    (claim,) = extractor.claims("Also, Goldman's James Schneider told clients, “We now expect peak "
                                "datacenter occupancy well into 2026 (from the end of 2025 previously).”")
    assert (claim.subject, claim.metric, claim.value, claim.previous_value) == ("Goldman Sachs", "forecast_peak_until", 2026, 2025)
    assert (claim.attributed_to, claim.speaker, claim.qualifier) == ("James Schneider", "James Schneider", "well into")


def test_a_losses_earlier_value_is_a_loss_too(extractor):
    (claim,) = [c for c in extractor.claims("CoreWeave reported a quarterly loss exceeding $110 million, up from "
                                            "$30 million a year earlier.") if c.kind == "typed"]
    assert (claim.metric, claim.value, claim.previous_value) == ("profit", -110e6, -30e6)


def test_no_text_makes_extraction_raise(extractor):
    for text in ["", "\n\n", "$", "%%%", "\x00" * 10, "2032 " * 50, "$1" * 100]:
        extractor.claims(text)


def test_without_an_installed_model_auto_falls_back_with_one_warning(monkeypatch, caplog):
    import claimtrack.extractors.model as model
    monkeypatch.setattr(model, "installed_model_name", lambda: None)
    with caplog.at_level("WARNING", logger="claimtrack.extractors"):
        nlp, label = model.load_base("auto")
    assert label == "blank-en" and nlp.pipe_names == ["sentencizer"]
    (record,) = caplog.records
    assert "rule-only spacy.blank('en')" in record.getMessage() and "\n" not in record.getMessage()


@pytest.mark.parametrize("text, metric, status", [
    # a takeover's price per share under "would" is its term, not a forecast
    ("Halden Industries would acquire all outstanding Pellworth shares for $48 per share in cash.", "share_price",
     "planned"),
    ("Brightwater Foods shareholders would receive $19.50 per share in cash under the deal.", "share_price", "planned"),
    ("Marlow Capital is expected to pay between $30 and $31 per share for Brightwater Foods.", "share_price", "planned"),
    # a takeover agreed but not closed is a plan
    ("Halden Industries struck a $7 billion deal for Pellworth, pending regulatory approval.", "acquisition_price",
     "planned"),
    ("Orrin Group won approval to buy out Tessaly Labs for $3 billion.", "acquisition_price", "planned"),
    ("Marlow Capital signed an agreement to acquire Brightwater Foods for $4 billion.", "acquisition_price", "planned"),
    ("Halden Industries completed its $7 billion takeover of Pellworth on Friday.", "acquisition_price", "reported"),
])
def test_a_takeovers_terms_are_a_plan_until_it_closes(extractor, text, metric, status):
    (claim,) = [c for c in extractor.claims(text) if c.metric == metric]
    assert claim.status == status


def test_a_part_of_a_stake_sold_for_money_is_the_stakes_worth_not_a_takeover(extractor):
    # "sold about 2% of its stake ... for S$3 billion": the percentage names part of the stake,
    # so the money is what the stake sold fetched (no buyer named), not a takeover's price
    claims = extractor.claims("Temasek said it had sold about 2% of its stake in DBS for S$3 billion.")
    money = [(c.metric, c.subject, c.value, c.unit) for c in claims if c.unit == "SGD"]
    assert money == [("stake_value", "Temasek", 3e9, "SGD")]


@pytest.mark.parametrize("text", [
    "Halden Industries said on the Pellworth social media platform that Orrin paid nothing for the shares of "
    "Tessaly Labs, now valued at about $2 billion.",
    "Orrin told Pellworth News that it paid nothing for the Tessaly Labs shares, now valued at about $2 billion.",
])
def test_where_or_to_whom_something_is_said_is_no_party_of_it(extractor, text):
    # the medium or the audience of a verb of saying ("said on the X platform", "told X") is
    # never the other party of what is said
    objects = {c.object for c in extractor.claims(text) if c.kind == "typed" and c.value == 2e9}
    assert objects and not any(o and "Pellworth" in o for o in objects)
