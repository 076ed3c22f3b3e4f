"""The real-news tracking check (flows/quality/tracking_check.py): feeds written from passages, the
scoring of listed changes against gold, the must-see list, and one run through ingest and
extract on hand-written passages (invented sentences about real companies)."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from claimtrack.extractors.corpus import GoldClaim, Passage, load_corpus
from claimtrack.flows.sources.articles import feed_article_text
from claimtrack.errors import PermanentFetchError
from claimtrack.flows.sources.feeds import parse_feed
from claimtrack.flows.settings import load_settings
from claimtrack.flows.quality.tracking_check import (CONTENT_NS, FeedOnlyFetcher, below_floors, check_halves, feed_title, run_check,
                                  write_feeds)
from claimtrack.flows.quality.tracking_score import (CHANGES_FILE, CORPUS, NO_QUANTITY, NOT_REPORTED, WRONG_ORDER, derive_must_see,
                                  gold_time, load_must_see, must_see_metrics, not_after, score, state_metrics)


def gold(metric: str, subject: str, value: float, unit: str, *, obj: str | None = None,
         aliases: tuple[str, ...] = (), status: str = "reported", as_of: str | None = None) -> GoldClaim:
    """A gold claim as the corpus loader builds one."""
    raw = {"metric": metric, "subject": subject, "subject_aliases": list(aliases), "object": obj,
           "value": value, "unit": unit, "status": status, "as_of": as_of, "surface": "-"}
    return GoldClaim(metric, subject, aliases, obj, value, unit, raw=raw)


def passage(pid: str, outlet: str, published: str, text: str, *claims: GoldClaim,
            url: str | None = None, story: str = "invented") -> Passage:
    return Passage(pid, story, outlet, url or f"https://news.example.com/{pid}", published, text,
                   tuple(claims), "news")


# -- feeds ---------------------------------------------------------------------------------------
FEED_PASSAGES = [
    passage("inv-01", "Harbour Wire", "2025-03-03",
            "Anthropic said on Monday that a funding round led by Lightspeed values it at $61.5 billion "
            "& that revenue <reported in filings> keeps growing.",
            url="https://harbour.example.com/anthropic-round"),
    passage("inv-02", "Harbour Wire", "2025-03-03",
            "A second paragraph of the same page: Amazon is not part of the round.",
            url="https://harbour.example.com/anthropic-round"),
    passage("inv-03", "Harbour Wire", "2025-09-02",
            "Anthropic raised $13 billion at a $183 billion valuation, the company said.",
            url="https://harbour.example.com/anthropic-round"),
    passage("inv-04", "Ledger Daily", "2025-09-03",
            "Nvidia shares closed at $170 on Wednesday.", url="https://ledger.example.com/nvidia"),
]


def _items(path: Path) -> list[ET.Element]:
    return ET.parse(path).getroot().find("channel").findall("item")


def test_write_feeds_gives_one_rss_file_per_outlet_with_dates_text_and_links(tmp_path):
    paths = write_feeds(FEED_PASSAGES, tmp_path / "feeds")
    assert len(paths) == 2
    harbour, ledger = paths
    assert ET.parse(harbour).getroot().findtext("channel/title") == "Harbour Wire"
    items = _items(harbour)
    # two passages of one page and date are one article; the same page on another date gets a link of its own
    assert [i.findtext("guid") for i in items] == ["inv-01+inv-02", "inv-03"]
    assert items[0].findtext("link") == "https://harbour.example.com/anthropic-round"
    assert items[1].findtext("link") != items[0].findtext("link")
    assert items[1].findtext("link").startswith("https://harbour.example.com/anthropic-round?")
    assert items[0].findtext("pubDate") == "Mon, 03 Mar 2025 12:00:00 GMT"
    assert items[0].findtext(f"{{{CONTENT_NS}}}encoded").startswith("<p>Anthropic said on Monday")
    assert "&amp; that revenue &lt;reported in filings&gt;" in items[0].findtext(f"{{{CONTENT_NS}}}encoded")
    assert _items(ledger)[0].findtext("pubDate") == "Wed, 03 Sep 2025 12:00:00 GMT"

    parsed = parse_feed(harbour.read_bytes(), "http://127.0.0.1/harbour.xml", "application/xml")
    assert parsed.problem is None and parsed.title == "Harbour Wire"
    first, second = parsed.entries
    assert first.published == datetime(2025, 3, 3, 12, tzinfo=timezone.utc)
    assert second.published == datetime(2025, 9, 2, 12, tzinfo=timezone.utc)
    text, _html = feed_article_text(first.content_html, first.summary_html)      # ingest takes the feed's text
    assert text == FEED_PASSAGES[0].text + "\n" + FEED_PASSAGES[1].text
    assert feed_article_text(second.content_html, second.summary_html)[0] == FEED_PASSAGES[2].text


def test_a_title_stops_before_the_first_figure_so_it_adds_no_claim():
    assert feed_title("Anthropic raised $13 billion at a $183 billion valuation.") == "Anthropic raised…"
    long = "Microsoft and Nvidia will invest in Anthropic, which agreed to buy computing capacity worth $30 billion"
    title = feed_title(long)
    assert title.endswith("…") and len(title) <= 81 and "$" not in title
    assert long.startswith(title[:-1])


def test_the_fetcher_refuses_every_url_but_the_served_feeds(tmp_path):
    settings = load_settings(None, db=tmp_path / "x.duckdb")
    with FeedOnlyFetcher(settings.http, "http://127.0.0.1:9/") as fetcher:
        with pytest.raises(PermanentFetchError, match="from the feed only"):
            fetcher.get("https://www.reuters.com/technology/some-article", 1000)


# -- gold times and metrics ------------------------------------------------------------------------
def test_gold_times_compare_at_the_coarser_precision():
    assert gold_time("2025-Q1") == (2025, 1)
    assert gold_time("2025-02-14") == (2025, 1, 2, 14)
    assert not_after(gold_time("2025"), gold_time("2025-03-01"))        # same year: not after
    assert not_after(gold_time("2025-03-01"), gold_time("2025"))
    assert not_after(gold_time("2025-Q1"), gold_time("2025-02-14"))
    assert not not_after(gold_time("2025-Q2"), gold_time("2025-02-14"))
    assert not not_after(gold_time("2025-02-15"), gold_time("2025-02-14"))


def test_state_metrics_come_from_the_claim_types_and_leave_out_events():
    state = state_metrics()
    assert {"valuation", "stake_pct", "stake_value", "market_cap", "revenue", "profit", "purchase_commitment",
            "market_share"} <= state
    assert not state & {"investment", "funding_round", "acquisition_price", "buyback", "debt_issue"}


# -- scoring ------------------------------------------------------------------------------------
SCORED = [
    passage("s-01", "Harbour Wire", "2024-06-11", "Mistral AI is valued at EUR 5.8 billion.",
            gold("valuation", "Mistral AI", 5.8e9, "EUR", aliases=("Mistral",)),
            gold("valuation", "Mistral AI", 2e9, "EUR", aliases=("Mistral",), as_of="2023-12")),
    passage("s-02", "Ledger Daily", "2025-09-09", "ASML's investment values Mistral at EUR 11.7 billion.",
            gold("valuation", "Mistral AI", 11.7e9, "EUR", aliases=("Mistral",)),
            gold("stake_pct", "ASML", 11, "percent", obj="Mistral AI"),
            gold("valuation", "Mistral AI", 14e9, "EUR", status="planned")),
]


def change(metric: str, subject: str, prev: float, new: float, unit: str, obj: str | None = None) -> dict:
    return {"metric": metric, "subject": subject, "object": obj, "previous_value": prev, "new_value": new,
            "unit": unit}


def test_scoring_tells_right_from_wrong_order_unreported_values_and_unknown_quantities():
    rows = [
        change("valuation", "Mistral", 5.8e9, 11.75e9, "EUR"),        # right: within 1 %, in order, an alias
        change("valuation", "Mistral AI", 11.7e9, 5.8e9, "EUR"),      # both reported, the other way round
        change("valuation", "Mistral AI", 5.8e9, 14e9, "EUR"),        # 14bn is only planned
        change("valuation", "Mistral AI", 5.8e9, 11.7e9, "USD"),      # another unit
        change("stake_pct", "ASML", 9, 11, "percent", obj="Mistral AI"),
        change("stake_pct", "ASML", 9, 11, "percent", obj="Nvidia"),  # no such object
        change("market_cap", "Mistral AI", 5.8e9, 11.7e9, "EUR"),     # no such metric for it
        {**change("valuation", "Mistral AI", None, 2e9, "EUR")},      # a first value: not a change
        change("investment", "ASML", 1e9, 1.3e9, "EUR", obj="Mistral AI"),   # an event: not scored
    ]
    result = score(rows, SCORED, must_see=[])
    assert (result.listed, result.right) == (7, 1)
    assert result.share_right == pytest.approx(1 / 7)
    assert [w["reason"] for w in result.wrong] == [WRONG_ORDER, NOT_REPORTED, NOT_REPORTED, NOT_REPORTED,
                                                   NO_QUANTITY, NO_QUANTITY]
    assert "the new value" in result.wrong[1]["detail"]
    assert "the previous value" in result.wrong[3]["detail"]
    assert result.ignored == {"investment": 1}


def test_history_changes_are_those_whose_new_value_gold_dates_before_its_article():
    rows = [change("valuation", "Mistral AI", 5.8e9, 2e9, "EUR"),       # 2bn: December 2023, told in June 2024
            change("valuation", "Mistral AI", 5.8e9, 11.7e9, "EUR")]
    result = score(rows, SCORED, must_see=[])
    assert result.history_changes == 1
    assert result.history[0]["new_value"] == 2e9
    assert result.wrong[0]["reason"] == WRONG_ORDER


def test_a_period_result_told_after_its_period_is_news_and_an_old_one_history():
    results = [
        passage("res-01", "Harbour Wire", "2024-11-01", "Shell's third-quarter profit was $6 billion.",
                gold("profit", "Shell", 6e9, "USD", as_of="2024-Q3")),
        passage("res-02", "Ledger Daily", "2025-05-02", "Shell's first-quarter profit fell to $5.6 billion.",
                gold("profit", "Shell", 5.6e9, "USD", as_of="2025-Q1")),
        passage("res-03", "Ledger Daily", "2025-05-02", "Back in 2021 its profit had been $4 billion.",
                gold("profit", "Shell", 4e9, "USD", as_of="2021")),
    ]
    rows = [change("profit", "Shell", 6e9, 5.6e9, "USD"), change("profit", "Shell", 5.6e9, 4e9, "USD")]
    result = score(rows, results, must_see=[])
    assert result.history_changes == 1          # the 2021 profit, told in passing in 2025
    assert result.history[0]["new_value"] == 4e9


def test_a_quarters_market_share_told_after_the_quarter_is_news():
    shares = [
        passage("ms-01", "Harbour Wire", "2025-04-20", "Orrin Phones held 19% of the smartphone market in the first quarter.",
                gold("market_share", "Orrin Phones", 19, "percent", as_of="2025-Q1")),
        passage("ms-02", "Ledger Daily", "2025-07-15", "Orrin Phones' share slipped to 15.7% in the second quarter.",
                gold("market_share", "Orrin Phones", 15.7, "percent", as_of="2025-Q2")),
    ]
    result = score([change("market_share", "Orrin Phones", 19, 15.7, "percent")], shares, must_see=[])
    assert (result.right, result.history_changes) == (1, 0)


def test_must_see_changes_are_derived_per_quantity_in_gold_time_and_found_by_value():
    derived = derive_must_see(SCORED)
    assert [(m.subject, m.from_, m.to, m.from_when, m.to_when) for m in derived] == [
        ("Mistral AI", 2e9, 5.8e9, "2023-12", "2024-06-11"),
        ("Mistral AI", 5.8e9, 11.7e9, "2024-06-11", "2025-09-09")]
    rows = [change("valuation", "Mistral", 5.8e9, 11.7e9, "EUR"),
            change("valuation", "Mistral AI", 5.8e9, 2e9, "EUR")]             # reversed: finds nothing
    result = score(rows, SCORED, must_see=derived)
    assert (result.must_see, result.must_see_found) == (2, 1)
    assert result.found == [derived[1]] and result.missed == [derived[0]]
    assert result.untracked == {}
    # a metric the tracker no longer treats as a standing figure: its changes are listed as missed
    narrow = score(rows, SCORED, must_see=derived, state=frozenset({"stake_pct"}))
    assert (narrow.listed, narrow.must_see_found, narrow.untracked) == (0, 0, {"valuation": 2})


def test_changes_toml_holds_only_changes_between_values_gold_reports_in_its_story():
    entries = load_must_see(CHANGES_FILE)
    corpus = load_corpus(CORPUS)
    assert {m.story for m in entries} <= corpus.dev_stories | corpus.test_stories
    assert any(m.story in corpus.dev_stories for m in entries) and any(m.story in corpus.test_stories for m in entries)
    state = must_see_metrics(CHANGES_FILE)       # the state metrics the file was derived for
    assert {"valuation", "stake_pct", "market_cap", "share_price"} <= state
    for m in entries:
        ps = [p for p in corpus.passages if p.story == m.story]
        values = [g.value for p in ps for g in p.claims
                  if g.metric == m.metric and g.raw.get("status", "reported") == "reported"]
        assert m.metric in state, m
        assert any(abs(v - m.from_) <= abs(m.from_) * 0.01 for v in values), m
        assert any(abs(v - m.to) <= abs(m.to) * 0.01 for v in values), m
        assert abs(m.to - m.from_) > abs(m.from_) * 0.01, m


# -- end to end --------------------------------------------------------------------------------
E2E = [
    passage("e2e-01", "Harbour Wire", "2025-03-03",
            "Anthropic said on Monday that its latest funding round values the company at $61.5 billion.",
            gold("valuation", "Anthropic", 61.5e9, "USD"), story="e2e",
            url="https://www.reuters.com/technology/anthropic-round-e2e-01"),
    passage("e2e-02", "Ledger Daily", "2025-03-04",
            "Analysts said the deal showed how much investors want exposure to artificial intelligence.",
            story="e2e", url="https://www.ft.com/content/e2e-02"),
    passage("e2e-03", "Ledger Daily", "2025-09-02",
            "Anthropic raised $13 billion at a $183 billion valuation, the company said on Tuesday.",
            gold("funding_round", "Anthropic", 13e9, "USD"), gold("valuation", "Anthropic", 183e9, "USD"),
            story="e2e", url="https://www.ft.com/content/e2e-03"),
]


def test_a_run_through_ingest_and_extract_lists_the_change_of_the_passages(tmp_path, extractor):
    run = run_check(E2E, tmp_path, extractor)
    assert run.page_errors == []
    assert len(run.articles) == 3 and {a["text_source"] for a in run.articles} == {"feed"}
    assert {a["outlet"] for a in run.articles} == {"Harbour Wire", "Ledger Daily"}
    assert sorted(a["published_at"].date().isoformat() for a in run.articles) == ["2025-03-03", "2025-03-04",
                                                                                 "2025-09-02"]
    listed = [r for r in run.changes if r["previous_value"] is not None]
    assert [(r["metric"], r["subject"], r["previous_value"], r["new_value"]) for r in listed] == [
        ("valuation", "Anthropic", 61.5e9, 183e9)]
    assert listed[0]["first_outlet"] == "Ledger Daily"
    result = score(run.changes, E2E, derive_must_see(E2E))
    assert (result.listed, result.right, result.must_see, result.must_see_found) == (1, 1, 1, 1)


@pytest.mark.corpus
def test_both_halves_meet_the_tracking_floors(remembering_extractor):
    """The quality gate's tracking part: the whole corpus as feeds, each half scored; an article
    whose text is a passage's as the quality gate read it gets the claims read there."""
    from claimtrack.extractors.evaluate import load_floors
    scores = check_halves(remembering_extractor)
    assert set(scores) == {"dev", "test"} and all(s.listed for s in scores.values())
    assert below_floors(scores, load_floors()) == []
    too_high = {"tracking": {"dev": {"share_right": 1.01, "must_see_found": 0.0, "max_history_changes": 99}}}
    assert below_floors(scores, too_high) == [
        f"tracking dev: {scores['dev'].share_right:.3f} of the changes listed are right, floor 1.010"]
