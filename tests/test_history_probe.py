"""A probe feed for "no change is made by a value told as history" (issue 15): articles that
retell an old figure in the ways real reporting does, served as feeds and run through ingest
and extract. Each retold figure must be a history point of the key's timeline and make no
change. The articles are written for this test; the figures are the public ones."""
from datetime import date, datetime, timedelta, timezone

import pytest

from claimtrack.extractors.claimtime import resolve, time_mentions
from claimtrack.extractors.corpus import Passage
from claimtrack.flows.extraction.claim_time import BEFORE, place
from claimtrack.flows.quality.tracking_check import run_check

REF = datetime(2025, 10, 28, 15, 0, tzinfo=timezone.utc)
KEY = "Stripe|valuation|"


def _passage(pid: str, outlet: str, published: str, text: str) -> Passage:
    return Passage(pid, "stripe-valuation", outlet, f"https://{outlet.lower().replace(' ', '')}.example/{pid}",
                   published, text, (), "news")


@pytest.fixture(scope="module")
def probe(tmp_path_factory, extractor):
    """$91.5 billion in March; in June an article says only what Stripe was "previously" valued
    at; in September one gives the old value as the previous one; in October a new value, and
    a week later an article tells the old one in the past perfect ("had valued")."""
    passages = [
        _passage("a", "Northwind Wire", "2025-03-01", "Stripe raised $694 million in a tender offer that "
                 "values Stripe at $91.5 billion."),
        _passage("b", "Signal Daily", "2025-06-02", "Stripe was previously valued at $95 billion."),
        _passage("c", "Quay Times", "2025-09-01", "Stripe is valued at $91.5 billion, down from $95 billion."),
        _passage("d", "Harbor Post", "2025-10-01", "Stripe is now valued at $106.7 billion."),
        _passage("e", "Ridge Journal", "2025-10-08", "Its early backers had valued Stripe at "
                 "$95 billion."),
    ]
    return run_check(passages, tmp_path_factory.mktemp("probe"), extractor)


def test_previously_and_formerly_are_a_past_without_a_period():
    assert [t.text for t in time_mentions("Stripe was formerly worth $95 billion.")] == ["formerly"]
    assert resolve("previously", REF) is None
    told = place("previously", REF, "feed")
    assert (told.as_of, told.basis, told.history, told.text) == (REF - BEFORE, "before", True, None)


def test_a_value_told_as_previously_held_is_a_history_point_and_no_change(probe):
    changes = [(c["previous_value"], c["new_value"]) for c in probe.changes if c["claim_key"] == KEY]
    # neither 91.5 -> 95 (June's retelling) nor 95 -> 91.5 (September's repeat of the value
    # standing), nor 106.7 -> 95 (October's past perfect)
    assert changes == [(None, 91.5e9), (91.5e9, 106.7e9)]
    for outlet, day in (("Signal Daily", date(2025, 6, 2)), ("Ridge Journal", date(2025, 10, 8))):
        told = [(r["value"], r["status"], r["history"], r["as_of_basis"], r["as_of"].date())
                for r in probe.timeline if r["claim_key"] == KEY and r["outlet"] == outlet]
        assert told == [(95e9, "reported", True, "before", day - timedelta(days=1))], outlet
    superseded = [(r["value"], r["status"], r["history"]) for r in probe.timeline
                  if r["claim_key"] == KEY and r["outlet"] == "Quay Times"]
    assert sorted(superseded) == [(91.5e9, "reported", False), (95e9, "superseded", True)]


def test_a_past_perfect_is_history_but_not_in_reported_speech(extractor):
    (owned,) = [c for c in extractor.claims("SoftBank, which had owned 75% of Arm, agreed to buy the rest.")
                if c.metric == "stake_pct"]
    assert (owned.value, owned.when) == (75.0, "had")
    assert place(owned.when, REF, "feed").history
    # "said it had sold": the tense follows "said", and the sale is the news
    (sold,) = [c for c in extractor.claims("SoftBank said it had sold its entire stake in Nvidia for $5.83 billion.")
               if c.metric == "stake_value"]
    assert sold.when is None


@pytest.fixture(scope="module")
def told_after(tmp_path_factory, extractor):
    """A round at €2 billion in December, €5.8 billion in June, and in July an article on
    something else that retells the December round as "six months after raising ..."."""
    def passage(pid: str, outlet: str, published: str, text: str) -> Passage:
        return Passage(pid, "mistral-rounds", outlet, f"https://{outlet.lower().replace(' ', '')}.example/{pid}",
                       published, text, (), "news")
    passages = [
        passage("a", "Northwind Wire", "2023-12-11", "Mistral AI raised €385 million in a round that values the "
                "company at €2 billion."),
        passage("b", "Signal Daily", "2024-06-11", "Mistral AI is now valued at €5.8 billion."),
        passage("c", "Quay Times", "2024-07-20", "Mistral AI has hired 20 researchers in Paris, six months after "
                "raising €385 million in a round that valued Mistral AI at €2 billion."),
    ]
    return run_check(passages, tmp_path_factory.mktemp("told-after"), extractor)


def test_a_figure_told_as_months_after_its_round_is_history_and_makes_no_change(told_after):
    key = "Mistral AI|valuation|"
    changes = [(c["previous_value"], c["new_value"]) for c in told_after.changes if c["claim_key"] == key]
    assert changes == [(None, 2e9), (2e9, 5.8e9)]          # not 5.8 -> 2 in July
    (retold,) = [r for r in told_after.timeline if r["claim_key"] == key and r["outlet"] == "Quay Times"]
    assert (retold["value"], retold["history"], retold["as_of_basis"], retold["as_of_text"]) == \
        (2e9, True, "sentence", "six months after")
    assert (retold["as_of"].year, retold["as_of"].month) == (2024, 1)
