"""The warning lexicon's prefilter (extractors/risk_prefilter.py) answers as the one
alternation of every pattern does, on every sentence the project holds, at every window the
sentence selection asks about, and on letters a case-insensitive pattern matches to ASCII."""
import pickle
import re
import tomllib
from pathlib import Path

import pytest

from claimtrack.extractors.config import load_extractor_config
from claimtrack.extractors.corpus import read_stories
from claimtrack.extractors.risk_prefilter import RiskWords, fold, needed
from re import _parser

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def lexicon() -> tuple[RiskWords, re.Pattern[str]]:
    words = load_extractor_config(None, None, ROOT / "config" / "risk.toml").risk_words
    return words, re.compile(words.pattern, re.IGNORECASE)


def _texts() -> list[str]:
    cases = tomllib.loads((ROOT / "tests" / "fixtures" / "warnings.toml").read_text("utf-8"))["case"]
    passages = [p.text for p in read_stories(ROOT / "tests" / "corpus" / "news")[0]]
    return [c["text"] for c in cases] + passages


def _span(m):
    return m.span() if m is not None else None


@pytest.mark.corpus
def test_it_finds_what_the_one_alternation_finds_in_every_text_and_window(lexicon):
    words, whole = lexicon
    texts = _texts()
    found = 0
    for n, text in enumerate(texts):
        expected = whole.search(text)
        assert _span(words.search(text)) == _span(expected), text
        found += expected is not None
        for start in range(0, len(text) if n % 4 == 0 else 0, 61):      # windows, as selection.py asks about a sentence
            assert _span(words.search(text, start, start + 150)) == _span(whole.search(text, start, start + 150)), (text, start)
    assert len(texts) > 500 and 100 < found < len(texts)        # both kinds of text were tried


def test_the_patterns_a_sentence_may_match_include_every_one_that_does(lexicon):
    words, _ = lexicon
    for text in _texts()[:300]:
        may = words.possible(text)
        assert {p.pattern for p in words._patterns if p.search(text)} <= {p.pattern for p in may}


@pytest.mark.parametrize("pattern, want", [
    (r"\b(stock|equity|asset) bubbles?\b", {" bubble"}),
    (r"\bcrypto\w* (bubble|crash)\b", {"crypto"}),
    (r"\b(bitcoin|crypto\w*)\b.{0,60}\b(risks?|runs?)\b", {"bitcoin", "crypto"}),
    (r"\bgrowth\b.{0,60}\bpeak(ed|ing)?\b", {"growth"}),
    (r"\b(won[’']t|never) end well\b", {" end well"}),
    (r"\bover-?valued\b", {"valued"}),
    (r"\b\w+ly\b", None),                       # no letter fixed but the 'ly', too short to look for
    (r"\b(AI)?\w*\b", None),
])
def test_the_words_a_match_must_hold(pattern, want):
    got = needed(_parser.parse(pattern, re.IGNORECASE))
    assert (set(got) if got else None) == want or (want is None and got is not None and min(map(len, got)) < 3)


def test_a_pattern_with_no_word_to_look_for_is_always_tried():
    words = RiskWords([r"\bbubble\b", r"\b\d+x\b"])
    assert _span(words.search("Valuations at 40x sales")) == (14, 17)
    assert words.search("Nothing here") is None


def test_of_two_patterns_matching_it_answers_the_leftmost_and_then_the_first():
    words = RiskWords([r"\bAI bubble\b", r"\bbubble\b", r"\bhousing\b"])
    assert words.search("A housing bubble and an AI bubble").span() == (2, 9)
    assert words.search("An AI bubble").span() == (3, 12)
    assert words.search("A bubble in housing").span() == (2, 8)


def test_letters_a_case_insensitive_pattern_matches_to_ascii_are_folded_to_them():
    letter = re.compile(r"[a-z]", re.IGNORECASE)
    odd = [chr(c) for c in range(0x80, 0x10000) if letter.fullmatch(chr(c))]
    assert odd, "Python's re matches some non-ASCII letters to ASCII ones without case"
    for ch in odd:
        assert len(fold(ch)) == 1 and re.fullmatch(re.escape(fold(ch)), ch, re.IGNORECASE), hex(ord(ch))
    words = RiskWords([r"\bsubprime\b", r"\brisks?\b"])
    for text in ("the \u017fubprime mess", "R\u0130SK of a run", "r\u0131sk", "\u212aelvin subPRIME"):
        assert _span(words.search(text)) == _span(re.compile(words.pattern, re.IGNORECASE).search(text)), text


def test_it_survives_a_trip_to_a_worker_process(lexicon):
    words, _ = lexicon
    copy = pickle.loads(pickle.dumps(words))
    assert copy.pattern == words.pattern
    assert _span(copy.search("Fund managers see an AI bubble.")) == _span(words.search("Fund managers see an AI bubble."))
