"""The tracking views answer the questions users ask: on the demo outlets (values asserted, as
the README's cookbook shows them) and on small hand-built stories for the rules behind them:
a change, a same-week disagreement, a stale repeat, an event, a value within tolerance."""
from datetime import datetime, timedelta, timezone

import pytest

from claimtrack.db.store import Store


def rows(store: Store, query: str, *params) -> list[dict]:
    with store.read() as con:
        cur = con.execute(query, list(params) or None)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]


# -- the demo outlets ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo(demo_db):
    return Store(demo_db.storage.db)


def test_the_stake_changed_once_and_the_ledger_reported_27_first(demo):
    got = rows(demo, "SELECT previous_value, new_value, change, first_outlet, explicit FROM claim_changes "
                     "WHERE claim_key = 'Microsoft|stake_pct|OpenAI' ORDER BY changed_at")
    assert got == [
        {"previous_value": None, "new_value": 32.5, "change": None, "first_outlet": "Signal Daily", "explicit": False},
        {"previous_value": 32.5, "new_value": 27.0, "change": -5.5, "first_outlet": "The Ledger", "explicit": True},
    ]


def test_the_valuation_moves_157_300_500_and_funding_rounds_are_not_changes(demo):
    got = rows(demo, "SELECT new_value / 1e9 AS bn, first_outlet, strftime(changed_at, '%Y-%m') AS month "
                     "FROM claim_changes WHERE claim_key = 'OpenAI|valuation|' ORDER BY changed_at")
    assert [(r["bn"], r["first_outlet"], r["month"]) for r in got] == [
        (157.0, "The Ledger", "2024-10"), (300.0, "Northwind Wire", "2025-03"), (500.0, "The Ledger", "2025-10")]
    assert rows(demo, "SELECT * FROM claim_changes WHERE metric = 'funding_round'") == []


def test_the_same_day_130_against_135_is_a_conflict_not_a_change(demo):
    changes = rows(demo, "SELECT new_value FROM claim_changes WHERE claim_key = 'Microsoft|stake_value|OpenAI'")
    assert changes == [{"new_value": 135e9}]
    conflicts = rows(demo, "SELECT claim_key, low_value, low_outlets, high_value, high_outlets, difference_pct "
                           "FROM claim_conflicts")
    assert conflicts == [{"claim_key": "Microsoft|stake_value|OpenAI",
                          "low_value": 130e9, "low_outlets": ["Northwind Wire"],
                          "high_value": 135e9, "high_outlets": ["Signal Daily", "The Ledger"],
                          "difference_pct": 3.85}]


def test_signal_daily_still_quoting_32_5_percent_is_stale(demo):
    got = rows(demo, "SELECT outlet, strftime(as_of, '%Y-%m-%d') AS day, stale_value, current_value, "
                     "current_first_outlet FROM stale_claims")
    assert got == [{"outlet": "Signal Daily", "day": "2025-11-02", "stale_value": 32.5, "current_value": 27.0,
                    "current_first_outlet": "The Ledger"}]


def test_risk_watch_groups_warnings_by_week_topic_and_speaker_with_quotes(demo):
    got = rows(demo, "SELECT week, topic, speaker, stance, mentions, outlets, quotes FROM risk_watch")
    by_speaker = {(r["week"], r["speaker"]): r for r in got}
    altman = by_speaker[("2025-W45", "Sam Altman")]
    assert (altman["topic"], altman["stance"], altman["outlets"]) == ("ai_bubble", "warns", ["Northwind Wire"])
    assert "bubble" in altman["quotes"][0]
    assert by_speaker[("2025-W44", "Jensen Huang")]["stance"] == "dismisses"
    assert by_speaker[("2025-W44", "Microsoft executives")]["topic"] == "overcapacity"
    assert {r["week"] for r in got} == {"2025-W44", "2025-W45"}


def test_source_stats_counts_first_reports_stale_repeats_and_copies(demo):
    got = {r["outlet"]: r for r in rows(demo, "SELECT * FROM source_stats")}
    assert set(got) == {"The Ledger", "Northwind Wire", "Signal Daily"}
    assert got["Signal Daily"]["duplicates"] == 1 and got["Signal Daily"]["stale_claims"] == 1
    assert got["The Ledger"]["stale_claims"] == 0
    assert got["The Ledger"]["first_reports"] > got["Northwind Wire"]["first_reports"] > got["Signal Daily"]["first_reports"]
    assert all(got[o]["conflicts"] == 1 for o in got)
    total = rows(demo, "SELECT count(*) AS n FROM claim_timeline")[0]["n"]
    assert sum(r["claims"] for r in got.values()) == total


# -- small stories for the rules -----------------------------------------------------------

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


class Story:
    """A database of reports written by hand: each report is one article of one outlet with
    one claim, so every rule of the views can be set up in a few lines."""

    def __init__(self, path):
        self.store = Store(path)
        self.articles: list[dict] = []
        self.claims: list[dict] = []
        self.metrics: list[dict] = []

    def report(self, outlet: str, day: float, value: float, key=("Acme", "valuation", ""), unit="USD",
               previous=None, told_of: float | None = None, status: str = "reported",
               event: str | None = None, precision: str = "day", in_article: int | None = None,
               history: bool | None = None) -> "Story":
        """One article of `outlet` on `day` reporting `value`; `told_of`: the day the sentence says
        the value was true (history told in passing, "in March"); `status`: reported, planned...;
        `event`: what tells an event from another (its month), for the event key; `precision`:
        how fine the told time is (a period told as history starts at `told_of`); `in_article`:
        the index of an article already written that gives this report too; `history`: whether
        the time told is history (by default, when it is more than a week before `day`)"""
        n = len(self.claims)
        when = T0 + timedelta(days=day)
        true_at = T0 + timedelta(days=told_of) if told_of is not None else when
        subject, metric, obj = key
        article = f"a{n}" if in_article is None else f"a{in_article}"
        if in_article is None:
            self.articles.append({"article_id": article, "feed_id": "f", "url": f"https://x.example/{n}",
                                  "canonical_url": f"https://x.example/{n}", "title": f"story {n}", "outlet": outlet,
                                  "published_at": when, "published_source": "feed", "fetched_at": when,
                                  "text": f"text {n}", "text_source": "feed", "content_hash": f"h{n}"})
        self.claims.append({"claim_id": f"c{n}", "article_id": article, "claim_key": f"{subject}|{metric}|{obj}",
                            "subject": subject, "metric": metric, "object": obj or None, "value": value,
                            "unit": unit, "previous_value": previous, "sentence": f"text {n}",
                            "start_char": 0, "end_char": 6, "as_of": true_at, "extractor_version": "test",
                            "as_of_basis": "sentence" if told_of is not None else "published",
                            "as_of_precision": precision, "as_of_text": "on that day" if told_of is not None else None,
                            "status": status,
                            "history": told_of is not None and told_of < day - 7 if history is None else history,
                            "outlet": outlet, "article_title": f"story {n}", "article_url": f"https://x.example/{n}",
                            "published_at": when, "event_key": f"{subject}|{metric}|{obj}@{event}" if event else None})
        return self

    def metric(self, metric: str, kind: str, tolerance_pct: float = 1.0) -> "Story":
        self.metrics.append({"metric": metric, "kind": kind, "unit": "currency", "tolerance_pct": tolerance_pct})
        return self

    def save(self) -> Store:
        with self.store.write() as con:
            Store._insert(con, "feeds", [{"feed_id": "f", "url": "https://x.example/feed"}])
            Store._insert(con, "articles", self.articles)
        self.store.replace_claims([{"article_id": a["article_id"], "extractor_version": "test",
                                    "extracted_at": T0, "claims": 1, "error": None} for a in self.articles],
                                  self.claims, self.metrics)
        return self.store            # not refreshed: every read brings the tracking up to date


def test_a_new_value_nobody_disputes_within_a_week_is_a_change(tmp_path):
    store = Story(tmp_path / "s.duckdb").report("A", 0, 100e9).report("B", 30, 150e9).report("A", 31, 150e9).save()
    assert [(r["previous_value"], r["new_value"], r["first_outlet"]) for r in
            rows(store, "SELECT * FROM claim_changes")] == [(None, 100e9, "A"), (100e9, 150e9, "B")]
    assert rows(store, "SELECT * FROM claim_conflicts") == []
    assert rows(store, "SELECT * FROM stale_claims") == []


def test_the_old_value_repeated_within_the_week_makes_a_conflict_unless_the_new_report_names_it(tmp_path):
    disputed = Story(tmp_path / "d.duckdb").report("A", 0, 100e9).report("B", 30, 150e9).report("C", 33, 100e9).save()
    assert [r["new_value"] for r in rows(disputed, "SELECT * FROM claim_changes")] == [100e9]
    conflict = rows(disputed, "SELECT low_outlets, high_outlets, window_start, window_end FROM claim_conflicts")
    assert conflict == [{"low_outlets": ["C"], "high_outlets": ["B"],
                         "window_start": T0 + timedelta(days=30), "window_end": T0 + timedelta(days=33)}]

    named = Story(tmp_path / "n.duckdb").report("A", 0, 100e9).report("B", 30, 150e9, previous=100e9) \
        .report("C", 33, 100e9).save()
    assert [r["new_value"] for r in rows(named, "SELECT * FROM claim_changes")] == [100e9, 150e9]
    assert [(r["outlet"], r["stale_value"]) for r in rows(named, "SELECT * FROM stale_claims")] == [("C", 100e9)]
    assert rows(named, "SELECT * FROM claim_conflicts") == []


def test_a_repeat_published_before_the_change_is_not_stale(tmp_path):
    store = Story(tmp_path / "s.duckdb").report("A", 0, 27.0, unit="percent").report("B", 10, 27.0, unit="percent") \
        .report("C", 20, 30.0, unit="percent").report("B", 40, 27.0, unit="percent").save()
    stale = rows(store, "SELECT outlet, as_of, current_value FROM stale_claims")
    assert stale == [{"outlet": "B", "as_of": T0 + timedelta(days=40), "current_value": 30.0}]


def test_values_within_the_tolerance_are_one_value(tmp_path):
    store = Story(tmp_path / "t.duckdb").metric("valuation", "state", tolerance_pct=1.0) \
        .report("A", 0, 500e9).report("B", 1, 499e9).report("C", 2, 505e9).save()
    assert len(rows(store, "SELECT * FROM claim_changes")) == 1
    assert rows(store, "SELECT * FROM claim_conflicts") == []
    loose = Story(tmp_path / "l.duckdb").metric("valuation", "state", tolerance_pct=0.1) \
        .report("A", 0, 500e9).report("B", 1, 499e9).save()
    assert len(rows(loose, "SELECT * FROM claim_conflicts")) == 1


def test_events_never_change_or_go_stale_but_can_disagree_in_one_week(tmp_path):
    key = ("Acme", "funding_round", "")
    store = Story(tmp_path / "e.duckdb").metric("funding_round", "event") \
        .report("A", 0, 6e9, key).report("B", 200, 40e9, key).report("C", 203, 30e9, key) \
        .report("A", 400, 6e9, key).save()
    assert rows(store, "SELECT * FROM claim_changes") == []
    assert rows(store, "SELECT * FROM stale_claims") == []
    conflicts = rows(store, "SELECT low_value, high_value, low_outlets, high_outlets FROM claim_conflicts")
    assert conflicts == [{"low_value": 30e9, "high_value": 40e9, "low_outlets": ["C"], "high_outlets": ["B"]}]


def test_two_events_of_one_week_are_two_facts_and_two_sizes_of_one_event_disagree(tmp_path):
    key = ("Acme", "funding_round", "")
    store = Story(tmp_path / "e2.duckdb").metric("funding_round", "event") \
        .report("A", 0, 2e9, key, event="2025-01").report("B", 3, 5e9, key, event="2025-02") \
        .report("C", 4, 2.5e9, key, event="2025-01").save()
    conflicts = rows(store, "SELECT low_value, high_value FROM claim_conflicts")
    assert conflicts == [{"low_value": 2e9, "high_value": 2.5e9}]          # 5e9 is another round


def test_history_told_later_takes_its_place_and_makes_no_change_stale_repeat_or_conflict(tmp_path):
    story = Story(tmp_path / "h.duckdb").report("A", 0, 100e9).report("B", 60, 150e9)
    story.report("C", 200, 100e9, told_of=0)            # "it was valued at $100 billion in January"
    story.report("D", 300, 80e9, told_of=30)            # a value nobody reported at the time, told later
    story.report("E", 301, 150e9)
    store = story.save()
    changes = rows(store, "SELECT previous_value, new_value FROM claim_changes ORDER BY changed_at")
    # the 80 told later sits at day 30 in the timeline but is no change, and the change it is
    # between stays the one reported at the time; the retold 100 neither changes nor is stale
    assert [(r["previous_value"], r["new_value"]) for r in changes] == [(None, 100e9), (100e9, 150e9)]
    assert rows(store, "SELECT * FROM stale_claims") == []
    assert rows(store, "SELECT * FROM claim_conflicts") == []
    told = rows(store, "SELECT outlet, as_of FROM claim_timeline WHERE outlet IN ('C', 'D') ORDER BY outlet")
    assert [r["as_of"] for r in told] == [T0, T0 + timedelta(days=30)]


def test_history_before_the_first_value_reported_at_the_time_is_where_the_next_change_starts(tmp_path):
    # "by October 2021 its valuation had ballooned to $6 billion and by February 2023 to $10
    # billion", told in one later article; then $12 billion is reported as news
    store = Story(tmp_path / "hb.duckdb").report("A", 800, 6e9, told_of=0).report("A", 800, 10e9, told_of=480) \
        .report("B", 820, 12e9).save()
    changes = rows(store, "SELECT previous_value, new_value FROM claim_changes ORDER BY changed_at")
    assert [(r["previous_value"], r["new_value"]) for r in changes] == [(None, 6e9), (10e9, 12e9)]


def test_a_value_told_as_history_of_a_whole_year_comes_after_one_reported_within_that_year(tmp_path):
    # "more than double its 5.8 billion-euro valuation from the prior year": known to hold in
    # that year, so not before the $2 billion reported at the time in its first months
    store = Story(tmp_path / "hy.duckdb").report("A", 50, 2e9).report("B", 160, 5.8e9) \
        .report("C", 550, 5.8e9, told_of=0, precision="year").report("C", 550, 11.7e9, previous=5.8e9).save()
    changes = rows(store, "SELECT previous_value, new_value FROM claim_changes")
    assert {(r["previous_value"], r["new_value"]) for r in changes} == {(None, 2e9), (2e9, 5.8e9), (5.8e9, 11.7e9)}


def test_a_periods_figure_stands_at_the_periods_end_so_what_was_reported_within_it_comes_first(tmp_path):
    # "pre-tax profit of $9.5 billion for the first quarter" (days 0-89), its results told on day
    # 118, comes after the annual $32.31 billion reported on day 49, within that quarter
    key = ("HSBC", "profit", "")
    store = Story(tmp_path / "pe.duckdb").report("A", 49, 32.31e9, key) \
        .report("B", 118, 9.5e9, key, told_of=0, precision="quarter", history=False).save()
    changes = rows(store, "SELECT previous_value, new_value FROM claim_changes")
    assert {(r["previous_value"], r["new_value"]) for r in changes} == {(None, 32.31e9), (32.31e9, 9.5e9)}


def test_of_new_values_first_reported_the_same_day_the_most_reported_comes_first(tmp_path):
    # the post-money €11.7 billion from three outlets, a pre-money €10 billion from one, the
    # same day: the change is 5.8 -> 11.7, and 10 comes after it
    story = Story(tmp_path / "sd.duckdb").report("A", 0, 5.8e9).report("B", 400, 10e9)
    for outlet in "CDE":
        story.report(outlet, 400, 11.7e9)
    changes = rows(story.save(), "SELECT previous_value, new_value FROM claim_changes")
    assert (5.8e9, 11.7e9) in {(r["previous_value"], r["new_value"]) for r in changes}
    assert (5.8e9, 10e9) not in {(r["previous_value"], r["new_value"]) for r in changes}


def test_two_values_one_article_gives_for_one_time_make_no_change_unless_one_names_the_other(tmp_path):
    # "Anima bought 3%, bringing its total ownership in Monte Paschi to around 4%": one article,
    # two readings of one key for one day, neither naming the other as the value before: the
    # smaller is a part told beside its whole, and the whole is the value
    pct = dict(unit="percent")
    alone = Story(tmp_path / "one.duckdb").report("A", 0, 3.0, **pct).report("A", 0, 4.0, **pct, in_article=0).save()
    assert [(r["previous_value"], r["new_value"]) for r in rows(alone, "SELECT * FROM claim_changes")] == [(None, 4.0)]
    # "instruments on 11.5% of the shares, taking its stake to 21%", after 9.2% the week before:
    # the change is 9.2 -> 21, and 11.5 none
    stake = Story(tmp_path / "part.duckdb").report("A", 0, 9.2, **pct).report("B", 10, 11.5, **pct) \
        .report("B", 10, 21.0, **pct, in_article=1).save()
    assert [(r["previous_value"], r["new_value"]) for r in rows(stake, "SELECT * FROM claim_changes")] == [
        (None, 9.2), (9.2, 21.0)]
    # another outlet reporting 4% makes it the key's value, and 3%, known only beside it, no change
    # either; the article naming 3% as the value before makes the change
    seconded = Story(tmp_path / "two.duckdb").report("A", 0, 3.0, **pct).report("A", 0, 4.0, **pct, in_article=0) \
        .report("B", 20, 4.0, **pct).save()
    assert [(r["previous_value"], r["new_value"]) for r in rows(seconded, "SELECT * FROM claim_changes")] == [
        (None, 4.0)]
    named = Story(tmp_path / "named.duckdb").report("A", 0, 3.0, **pct) \
        .report("A", 0, 4.0, **pct, previous=3.0, in_article=0).save()
    assert [(r["previous_value"], r["new_value"]) for r in rows(named, "SELECT * FROM claim_changes")] == [
        (None, 3.0), (3.0, 4.0)]


def test_a_plan_is_shown_in_the_timeline_but_is_no_value_of_the_quantity(tmp_path):
    store = Story(tmp_path / "p.duckdb").report("A", 0, 100e9).report("B", 40, 300e9, status="planned") \
        .report("C", 41, 100e9).save()
    assert [r["new_value"] for r in rows(store, "SELECT * FROM claim_changes")] == [100e9]
    assert rows(store, "SELECT count(*) AS n FROM claim_values WHERE value = 300e9") == [{"n": 0}]
    assert rows(store, "SELECT status FROM claim_timeline WHERE value = 300e9") == [{"status": "planned"}]


def test_a_metric_the_catalogue_does_not_know_is_a_standing_figure(tmp_path):
    key = ("Acme", "headcount_guess", "")
    store = Story(tmp_path / "u.duckdb").report("A", 0, 10, key, unit="count").report("B", 30, 12, key, unit="count").save()
    assert [r["new_value"] for r in rows(store, "SELECT * FROM claim_changes")] == [10, 12]
