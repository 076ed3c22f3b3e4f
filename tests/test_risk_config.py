"""A user's risk.toml extends the risk topics the way claims.toml extends the claim types: a new
topic needs no code, a topic with a built-in name replaces it, the other tables add to the
built-in ones, and a mistake names the file."""
import pytest

from claimtrack.extractors.config import load_extractor_config
from claimtrack.extractors.pipeline import build_extractor
from claimtrack.errors import ConfigError

SENTENCE = "The IMF warned of a helium squeeze next year."


def _risk(tmp_path, text: str):
    path = tmp_path / "risk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_risk_topic_added_in_config_needs_no_code(tmp_path):
    risk = _risk(tmp_path, "[[topic]]\ntopic = \"helium_shortage\"\npatterns = ['\\bhelium squeeze\\b']\n")
    assert build_extractor("blank").claims(SENTENCE) == []
    ex = build_extractor("blank", None, None, risk)
    (claim,) = ex.claims(SENTENCE)
    assert (claim.metric, claim.topic, claim.stance, claim.speaker) == (
        "risk_warning", "helium_shortage", "warns", "International Monetary Fund")
    assert ex.version != build_extractor("blank").version          # the file changes the version


def test_a_users_topic_with_a_built_in_name_replaces_it_in_place_and_a_new_one_goes_first(tmp_path):
    built_in = [t.topic for t in load_extractor_config().risk_topics]
    risk = _risk(tmp_path, "[[topic]]\ntopic = \"housing\"\npatterns = ['\\bflat prices\\b']\n\n"
                           "[[topic]]\ntopic = \"chip_glut\"\npatterns = ['\\bchip glut\\b']\n")
    config = load_extractor_config(None, None, risk)
    assert [t.topic for t in config.risk_topics] == ["chip_glut", *built_in]
    housing = config.risk_topics[1 + built_in.index("housing")]
    assert (housing.topic, [p.pattern for p in housing.patterns]) == ("housing", ["\\bflat prices\\b"])


def test_a_users_risk_file_adds_to_the_built_in_words_speakers_and_fall_contexts(tmp_path):
    before = load_extractor_config()
    risk = _risk(tmp_path, "[[topic]]\ntopic = \"chip_glut\"\ncontext = ['\\bchips?\\b']\n\n"
                           "[valuation]\nwords = ['\\bfroth\\b']\n\n[falls]\ncontexts = [\"chip_glut\"]\n\n"
                           "[speakers]\ngroups = [\"chip analysts\"]\n")
    config = load_extractor_config(None, None, risk)
    assert [p.pattern for p in config.valuation] == [p.pattern for p in before.valuation] + ["\\bfroth\\b"]
    assert config.falls_contexts == (*before.falls_contexts, "chip_glut")
    assert config.speaker_groups == before.speaker_groups | {"chip analysts"}


@pytest.mark.parametrize("table, line", [
    ("valuation", 'fallback = "ai_bubbel"'),
    ("falls", 'fallback = "crash"'),
    ("falls", 'contexts = ["housing", "chips"]'),
])
def test_a_fallback_or_fall_context_naming_no_topic_is_an_error_naming_the_file(tmp_path, table, line):
    risk = _risk(tmp_path, f"[{table}]\n{line}\n")
    with pytest.raises(ConfigError, match=rf"^{tmp_path / 'risk.toml'}: \[{table}\] \w+: '\w+' is not a risk topic "
                                          r"\(known: ai_bubble, credit, "):
        load_extractor_config(None, None, risk)


def test_a_risk_file_that_cannot_be_read_is_an_error_naming_it(tmp_path):
    bad = tmp_path / "risk.toml"
    bad.write_bytes(b"[[topic]]\ntopic = \"caf\xe9\"\n")
    with pytest.raises(ConfigError, match=rf"^{bad}: cannot read: "):
        load_extractor_config(None, None, bad)


def test_the_readmes_risk_example_loads_and_finds_its_warning(tmp_path):
    from conftest import ROOT
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("**Risk topics of your own**"):]
    example = section[section.index("```toml\n") + 8:section.index("```\n", section.index("```toml\n") + 8)]
    ex = build_extractor("blank", None, None, _risk(tmp_path, example))
    for sentence in ("The IMF warned of a helium squeeze.", "The IMF warned of a crash in helium prices."):
        assert [(c.topic, c.speaker) for c in ex.claims(sentence)] == [("helium_shortage", "International Monetary Fund")]
    assert "gas traders" in load_extractor_config(None, None, tmp_path / "risk.toml").speaker_groups


def test_a_users_danger_words_name_a_topic_only_by_a_context_word_close_by(tmp_path):
    risk = _risk(tmp_path, "[[topic]]\ntopic = \"helium_shortage\"\ncontext = ['\\bhelium\\b']\n\n"
                           "[dangers]\nwords = ['\\bcanary in the coal mine\\b']\n")
    config = load_extractor_config(None, None, risk)
    assert config.dangers[-1].pattern == "\\bcanary in the coal mine\\b"
    ex = build_extractor("blank", None, None, risk)
    assert [(c.topic, c.speaker) for c in ex.claims("The IMF said helium was the canary in the coal mine.")] == [
        ("helium_shortage", "International Monetary Fund")]
    assert ex.claims("The IMF said the port was the canary in the coal mine.") == []
