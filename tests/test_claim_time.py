"""When a figure was true (issue 15): time expressions resolved against the article's date,
the status of a figure (reported, planned, forecast), the previous value a sentence gives as a
history point, and the tracking tables ordered by claim time. The articles are written for
these tests in the way real reporting retells a story; the figures are the public ones."""
from dataclasses import replace
from datetime import date, datetime, timezone

import pytest

from claimtrack.db.store import Store
from claimtrack.extractors.claim import Claim
from claimtrack.extractors.claimtime import resolve, time_mentions
from claimtrack.extractors.corpus import Passage
from claimtrack.flows.extraction.claim_time import place, place_claim, place_claims, place_previous
from claimtrack.flows.outputs.digest import render_digest
from claimtrack.flows.quality.tracking_check import run_check

REF = datetime(2025, 10, 28, 15, 0, tzinfo=timezone.utc)       # a Tuesday


@pytest.mark.parametrize("phrase, label, precision", [
    ("in 2019", "2019", "year"),
    ("fiscal 2023", "2023", "year"),
    ("in early 2023", "2023", "year"),
    ("last October", "2024-10", "month"),        # in October itself, "last October" is a year back
    ("in March", "2025-03", "month"),
    ("Last May", "2025-05", "month"),
    ("In August 2024", "2024-08", "month"),
    ("mid-May 2024", "2024-05", "month"),
    ("the third quarter of 2024", "2024-Q3", "quarter"),
    ("Q1 2025", "2025-Q1", "quarter"),
    ("last quarter", "2025-Q3", "quarter"),
    ("last year", "2024", "year"),
    ("earlier this year", "2025", "year"),
    ("earlier in the year", "2025", "year"),
    ("last month", "2025-09", "month"),
    ("a year ago", "2024", "year"),
    ("a year earlier", "2024", "year"),
    ("six months earlier", "2025-04", "month"),
    ("two years ago", "2023", "year"),
    ("on Friday", "2025-10-24", "day"),
    ("Monday", "2025-10-27", "day"),
    ("yesterday", "2025-10-27", "day"),
    ("March 3, 2025", "2025-03-03", "day"),
    ("On Sept. 30", "2025-09-30", "day"),
    ("12 April", "2025-04-12", "day"),
    ("in FY24", "2024", "year"),
    ("in April last year", "2024-04", "month"),
    ("Earlier in February", "2025-02", "month"),
    ("that July ← in March 2022", "2022-07", "month"),          # relative to a time told before it
    ("later that year ← in March 2022", "2022", "year"),
    ("the following year ← in 2019", "2020", "year"),
    ("four months after", "2025-06", "month"),       # figure_time.py: a clause told that long before now
    ("the September quarter", "2025-Q3", "quarter"),          # a quarter named by its last month
    ("the June quarter 2024", "2024-Q2", "quarter"),
    ("between April and June", "2025-Q2", "quarter"),
    ("the previous day", "2025-10-27", "day"),
    ("the quarter ended June 30", "2025-Q2", "quarter"),     # the quarter its end date closes, not the latest
    ("for the quarter ended in July 2024", "2024-Q2", "quarter"),   # a fiscal quarter: where most of it lies
    ("in the fiscal quarter ending Sept. 30, 2024", "2024-Q3", "quarter"),
    ("last summer", "2025-Q3", "quarter"),          # a season: the quarter most of it lies in
    ("this spring", "2025-Q2", "quarter"),
    ("last fall", "2024-Q4", "quarter"),            # this autumn is not over on Oct 28
    ("in the autumn of 2023", "2023-Q4", "quarter"),
    ("winter 2023", "2024-Q1", "quarter"),          # the winter the new year 2024 opens
])
def test_a_time_expression_resolves_against_the_articles_date(phrase, label, precision):
    got = resolve(phrase, REF)
    assert got is not None and (got.label(), got.precision) == (label, precision)


@pytest.mark.parametrize("text", [
    "The stake has been held since 2019.", "The rights run until 2032.", "It aims to close the deal by March.",
    "Shares have risen since the start of last year.",
    "Revenue should double over the next five years.", "The company, founded five years ago in 2020s style,",
    "Shareholders may vote on it.", "It will march on.",
    # a time a figure is compared with is not the figure's
    "Orrin kept a 20% market share, the same as last year.", "Its margin was higher than in 2024.",
    "The fall in its shares left a spring in the bidder's step.",      # no season named
])
def test_spans_deadlines_durations_and_verbs_are_no_time_the_figure_was_true(text):
    found = [t.text for t in time_mentions(text)]
    assert not [f for f in found if f.lower() not in ("five years ago",)], found


def test_after_from_a_past_period_counted_back_is_the_baselines_time_not_a_spans_start():
    text = "It propelled its valuation to 11.7 billion euros, more than double its 5.8 billion-euro valuation from the prior year."
    assert [t.text for t in time_mentions(text)] == ["the prior year"]
    assert [t.text for t in time_mentions("up from $8.1 billion from six months earlier")] == ["six months earlier"]
    assert [t.text for t in time_mentions("Sales grew from last year to this one.")] == []
    assert [t.text for t in time_mentions("The stake has been held from 2019.")] == []


def test_the_quarter_before_the_articles_is_its_results_not_history():
    day = datetime(2024, 10, 31, 8, 0, tzinfo=timezone.utc)        # Shell's third-quarter results
    latest = place("for the third quarter", day, "feed")
    assert (latest.as_of.date(), latest.precision, latest.history) == (date(2024, 7, 1), "quarter", False)
    assert place("the second quarter", day, "feed").history
    assert place("the third quarter", datetime(2025, 1, 2, tzinfo=timezone.utc), "feed").history
    # a quarter's results retold two months after it ended are history
    assert place("in the fourth quarter of 2024", datetime(2025, 3, 1, tzinfo=timezone.utc), "feed").history
    assert not place("in the fourth quarter of 2024", datetime(2025, 1, 15, tzinfo=timezone.utc), "feed").history


def test_a_quarter_told_in_months_or_as_the_quarter_of_a_results_report_is_that_quarter():
    day = datetime(2024, 5, 2, 12, 0, tzinfo=timezone.utc)        # Shell's first-quarter results
    text = ("The group reported underlying earnings of 7.7 billion US dollars for the first three months of 2024. "
            "For the quarter, income attributable to shareholders was $7.4 billion.")
    assert [t.text for t in time_mentions(text)] == ["for the first three months of 2024", "For the quarter"]
    for phrase in ("for the first three months of 2024", "For the quarter", "the first three months"):
        got = place(phrase, day, "feed")
        assert (got.as_of.date(), got.precision, got.history) == (date(2024, 1, 1), "quarter", False), phrase
    assert resolve("in the last three months of 2023", day).label() == "2023-Q4"
    # the last three months, without a year, run up to now: no quarter, no time of the figure
    assert [t.text for t in time_mentions("Shares rose 20% in the last three months.")] == []
    assert [t.text for t in time_mentions("Profits should grow in the quarters ahead.")] == []


def test_three_months_told_as_a_range_are_that_quarter_and_another_run_of_months_no_time():
    day = date(2025, 8, 7)
    text = "Halden Motors' April-June profit fell 30%, and its July–September 2024 sales rose."
    assert [(t.text, resolve(t.text, day).label()) for t in time_mentions(text)] == [
        ("April-June", "2025-Q2"), ("July–September 2024", "2024-Q3")]
    assert resolve("the October-December quarter", day).label() == "2024-Q4"    # the latest begun
    assert resolve("February-April", day) is None                            # no one period
    assert [t.text for t in time_mentions("Its February-April sales rose.")] == ["February-April"]


def test_a_quarter_without_its_year_is_the_latest_such_quarter_begun_and_a_car_is_no_quarter():
    day = date(2025, 11, 12)
    text = "Nebius reported 355% revenue growth in Q3, to $146.1M."
    assert [(t.text, resolve(t.text, day).label()) for t in time_mentions(text)] == [("in Q3", "2025-Q3")]
    assert resolve("for Q4", date(2025, 2, 1)).label() == "2024-Q4"
    assert [t.text for t in time_mentions("Its results in Q3 2024 were weak.")] == ["Q3 2024"]
    assert [t.text for t in time_mentions("Sales of the Audi Q3 rose to 9,000 cars.")] == []


def test_the_same_period_a_year_before_is_the_figures_own_period_a_year_back(extractor):
    day = datetime(2024, 10, 31, 8, 0, tzinfo=timezone.utc)
    (claim,) = [c for c in extractor.claims("Shell reported adjusted earnings of $6bn for the third quarter, only "
                                            "slightly down from $6.2bn in the same period last year.")
                if c.metric == "profit"]
    assert claim.previous_when == "in the same period last year"
    current = place_claim(claim, day, "feed")
    before = place_previous(claim, current, day)
    assert (before.as_of.date(), before.precision, before.history) == (date(2023, 7, 1), "quarter", True)
    # told as a figure of its own, it is a year before the figure of its sentence it is compared with
    text = ("In the fourth quarter of 2024, Citigroup reported a net income of $2.86 billion, a turnaround "
            "from a loss of $1.84 billion in the same period the previous year.")
    claims = [c for c in extractor.claims(text) if c.metric == "profit"]
    times = {c.value: t for c, t in zip(claims, place_claims(claims, datetime(2025, 1, 15, tzinfo=timezone.utc), "feed"))}
    assert (times[-1.84e9].as_of.date(), times[-1.84e9].precision, times[-1.84e9].history) == (
        date(2023, 10, 1), "quarter", True)
    assert (times[2.86e9].as_of.date(), times[2.86e9].history) == (date(2024, 10, 1), False)


def test_a_quarters_figure_compared_with_the_same_quarter_last_year_keeps_the_articles_date(extractor):
    day = datetime(2025, 5, 2, 12, 0, tzinfo=timezone.utc)
    (claim,) = [c for c in extractor.claims("Chevron said net income came in at $2.1 billion, down from $2.9 billion in the "
                                            "same quarter last year.") if c.metric == "profit"]
    assert (claim.when, claim.previous_when) == (None, "in the same quarter last year")
    current = place_claim(claim, day, "feed")          # not "the following year" of a year the text never names
    assert (current.as_of, current.basis, current.precision) == (day, "published", "day")
    before = place_previous(claim, current, day)
    assert (before.as_of.date(), before.history) == (date(2024, 5, 2), True)


def test_a_previous_values_time_is_before_the_new_values_or_just_before_it():
    day = datetime(2024, 5, 2, 12, 0, tzinfo=timezone.utc)
    claim = Claim("Shell", None, "profit", 7.7e9, "USD", 9.6e9, None, None, None, None, None,
                  "earnings of $7.7 billion for the first three months of 2024, down from $9.6 billion", 0, 80,
                  when=None, previous_when="2024")
    current = place(None, day, "feed")
    before = place_previous(claim, current, day)            # "2024" holds the new value too: no time of its own
    assert (before.basis, before.as_of < current.as_of, before.history) == ("before", True, True)
    told = place_previous(replace(claim, previous_when="in 2023"), current, day)
    assert (told.basis, told.as_of.year) == ("sentence", 2023)


def test_the_corresponding_period_and_the_prior_year_quarter_are_the_same_period_a_year_back():
    day = datetime(2025, 4, 29, 12, 0, tzinfo=timezone.utc)
    text = ("HSBC disclosed a pre-tax profit of $9.5 billion for the first quarter, lower than the $12.7 billion "
            "recorded in the corresponding period last year; costs were up from $3bn in the prior-year quarter.")
    assert [t.text for t in time_mentions(text)] == ["for the first quarter", "in the corresponding period last year",
                                                     "in the prior-year quarter"]
    current = place("for the first quarter", day, "feed")
    claim = Claim("HSBC", None, "profit", 9.5e9, "USD", 12.7e9, None, None, None, None, None, text, 0, len(text),
                  when="for the first quarter", previous_when="in the corresponding period last year")
    before = place_previous(claim, current, day)
    assert (before.as_of.date(), before.precision, before.history) == (date(2024, 1, 1), "quarter", True)


def test_the_prior_months_are_before_the_time_told_before_them_else_before_the_article():
    day = date(2025, 3, 6)
    assert resolve("the prior three months ← Nov. 30", day).label() == "2024-08"
    assert resolve("the previous six months", day).label() == "2024-09"
    assert [t.text for t in time_mentions("Shares rose 20% in the past three months.")] == []


def test_a_time_told_relative_to_another_carries_that_other_time():
    text = "It cut its valuation to $24 billion in March 2022, then to $15 billion that July."
    assert [t.text for t in time_mentions(text)] == ["in March 2022", "that July ← in March 2022"]
    assert [t.text for t in time_mentions("It was sold later that year.")] == []     # no time to go by
    # the time to go by may stand in a sentence just before, never in another paragraph
    text = "In October 2023, Google agreed to invest $2bn in Anthropic. Earlier that year, Google invested $300m."
    (told,) = time_mentions(text, text.index("Earlier"))
    assert (told.text, resolve(told.text, date(2025, 1, 8)).label()) == ("Earlier that year ← In October 2023", "2023")
    other = "The company was founded in 2019.\nEarlier that year, it raised $5m."
    assert time_mentions(other, other.index("Earlier")) == []


@pytest.mark.parametrize("text,told,label", [
    ("Zeta was valued at $2 billion in May 2022 and at $3.5 billion two months later.",
     "two months later ← in May 2022", "2022-07"),
    ("Zeta earned $1 billion in the second quarter of 2024 and $1.3 billion the following quarter.",
     "the following quarter ← in the second quarter of 2024", "2024-Q3"),
    ("Zeta hit a $9 billion valuation in 2020 and sank to $4 billion three years later.",
     "three years later ← in 2020", "2023"),
    ("Zeta was worth $5 billion on June 2, 2023 and $6 billion a week later.", "a week later ← on June 2, 2023",
     "2023-06-09"),
    # a step finer than the time told before it: that time, a past all the same
    ("Zeta was valued at $2 billion in 2021 and at $3 billion the following month.",
     "the following month ← in 2021", "2021"),
])
def test_a_time_told_as_so_long_after_another_is_that_long_after_it(text, told, label):
    found = time_mentions(text)
    assert found[-1].text == told
    assert resolve(told, date(2025, 6, 16)).label() == label



def test_at_the_time_is_the_time_told_before_it_never_the_present():
    day = date(2025, 10, 2)
    text = ("The government first entered into a stake in Intel in August. At the time, the government purchased "
            "433.3 million Intel shares at $20.47 per share.")
    told = time_mentions(text, text.index("At the time"))
    assert [(t.text, resolve(t.text, day).label()) for t in told] == [("At the time ← in August", "2025-08")]
    same = "In 2022, another four percent of Aramco shares, estimated at the time to be worth $80 billion, moved."
    assert [t.text for t in time_mentions(same)] == ["In 2022", "at the time ← In 2022"]
    assert [t.text for t in time_mentions("It is worth $2.45bn today, up from $500m at the time.")] == ["today"]
    assert [t.text for t in time_mentions("At the time of writing, it was worth $13.4 billion.")] == []


def test_a_period_that_holds_the_article_is_the_articles_news_and_an_old_one_history():
    now = place("this year", REF, "feed")
    assert (now.as_of, now.basis, now.history) == (REF, "sentence", False)
    old = place("in 2019", REF, "feed")
    assert (old.as_of, old.precision, old.history) == (datetime(2019, 1, 1, tzinfo=timezone.utc), "year", True)
    monday = place("on Monday", REF, "feed")
    assert (monday.as_of.date(), monday.history) == (date(2025, 10, 27), False)    # news of the week
    later = place("in 2026", REF, "page")          # a deal expected to close later: not a time it was true
    assert (later.as_of, later.basis) == (REF, "page")
    assert place("by 2030", REF, "feed").basis == "published"          # a deadline ahead
    by_then = place("by October 2021", REF, "feed")                      # "had grown to $6 billion by October 2021"
    assert (by_then.as_of.date(), by_then.history) == (date(2021, 10, 1), True)
    assert place(None, REF, "fetch").basis == "fetched"


@pytest.mark.parametrize("text, metric, value, when, previous_when", [
    ("Microsoft invested $1 billion in OpenAI in 2019.", "investment", 1e9, "in 2019", None),
    ("OpenAI raised $6.6 billion in October at a $157 billion valuation.", "valuation", 157e9, "in October", None),
    ("The sale valued OpenAI at $500 billion, up from $300 billion in March.", "valuation", 500e9, None, "in March"),
    ("In August 2024, Groq raised $640 million, valuing the company at $2.8 billion.", "valuation", 2.8e9,
     "In August 2024", None),
    ("AMD's $35 billion takeover of Xilinx, announced in 2020, was its largest deal.",
     "acquisition_price", 35e9, "in 2020", None),
    # a clause telling when the figure's clause happened gives it its time
    ("Wiz reached a $10 billion valuation when it raised $300 million in 2023.", "valuation", 10e9, "in 2023", None),
    ("Scale was last valued at $14 billion after raising a $1 billion Series F a year ago.", "valuation", 14e9,
     "a year ago", None),
    # the months before a time told before them; the figure of "for the three months ending Nov. 30"
    # keeps that time, not the time of the clause after it
    ("Walgreens Boots Alliance reported an operating loss of $245M for the three months ending Nov. 30 after "
     "reporting a $978M operating loss the prior three months.", "profit", -245e6, "Nov. 30", None),
    ("Walgreens Boots Alliance reported an operating loss of $245M for the three months ending Nov. 30 after "
     "reporting a $978M operating loss the prior three months.", "profit", -978e6,
     "the prior three months ← Nov. 30", None),
    # "double the $183 billion" is the value before, and the time right after it is its own
    ("Anthropic raised its valuation to $355 billion, nearly double the $183 billion in September.", "valuation",
     355e9, None, "in September"),
    # a time right after the noun an earlier value sizes is that value's, and the new one keeps its own
    ("Suno has exploded from a $500 million valuation in May 2024 to $2.45 billion today.", "valuation", 2.45e9,
     "today", None),
    # (the earlier value, linked through its noun, keeps the time after that noun)
    ("ClickHouse moved from a $6.35 billion valuation in mid-2025 to $15 billion in early 2026.", "valuation", 15e9,
     "in early 2026", "in mid-2025"),
    # a figure that makes no claim of its own does not take the time from the one that does
    ("Nebius reported 355% revenue growth in Q3, to $146.1 million.", "revenue", 146.1e6, "in Q3", None),
    # a "when" clause describing a time told before it: its figures are of that time
    ("The record was set in March 2021, when Verizon sold $25 billion of bonds to pay for spectrum.",
     "debt_issue", 25e9, "in March 2021", None),
    ("The lender returned to private hands in 2017, when the Treasury sold its last 5% stake in Lloyds.",
     "stake_pct", 5.0, "in 2017", None),
    ("Arm went public in September, when SoftBank held about 90% of Arm.", "stake_pct", 90.0, "in September", None),
    # a clause told as that long before the sentence's news, in a sentence with no other time:
    # its figures are that long before the article, the sentence's own keep the article's date
    ("Just three months after raising $600 million in a round led by Radical Ventures, Cohere is back in talks "
     "with investors.", "funding_round", 6e8, "three months after", None),
    ("Revolut is now valued at $75 billion, a year after it raised $1 billion from investors.", "funding_round",
     1e9, "a year after", None),
    ("Revolut is now valued at $75 billion, a year after it raised $1 billion from investors.", "valuation",
     75e9, None, None),
    ("Two years after its founding, Cohere is valued at $5.5 billion.", "valuation", 5.5e9, None, None),
    # the time of a party's founding is no figure's ("founded in 2019", "since its founding in
    # 2017", "was formed last year"), nor is a past period the figure is compared with when the
    # sentence gives no value for it ("sharply reduced from three years ago")
    ("Cohere, founded in 2019, has raised $500 million in a new funding round.", "funding_round", 5e8, None, None),   # (a total raised to date is no round: raised_totals.raised_to_date)
    ("Cisco has invested $500 million in Cohere since the startup's founding in 2019.", "investment", 5e8, None, None),
    ("Nebius listed in Amsterdam. The $12bn company was formed last year by spinning off the cloud unit of Yandex.",
     "market_cap", 12e9, None, None),
    ("The listing gives Chime an $11.6bn valuation that is sharply reduced from three years ago.", "valuation", 11.6e9,
     None, None),
    ("Alphabet said revenue rose 14% to $90.2 billion from the prior year.", "revenue", 90.2e9, None, None),
    # two past acts of one subject told in one breath share the time told with the later one
    # (the earlier is no later than it); a present holding or a second subject keeps its own
    ("Meta took a 49% stake in Scale AI and hired its chief executive last month.", "stake_pct", 49.0,
     "last month", None),
    ("Microsoft holds a 27% stake in OpenAI and bought more shares last month.", "stake_pct", 27.0, None, None),
    ("Nvidia's market value topped $5 trillion and its shares rose 3% on Wednesday.", "market_cap", 5e12, None, None),
    # a clause joined with a subject of its own is another statement: the first one's time is not its
    ("Alphabet first reached a $1 trillion market value back in January 2020 and the rally kept going with its "
     "market value nearly tripling since, faster than Amazon, the only other firm with a market value "
     "of more than $2 trillion.", "market_cap", 1e12, "in January 2020", None),
    ("Alphabet first reached a $1 trillion market value back in January 2020 and the rally kept going with its "
     "market value nearly tripling since, faster than Amazon, the only other firm with a market value "
     "of more than $2 trillion.", "market_cap", 2e12, None, None),
    # a past told in a past report is as old as its telling; a future told then is not
    ("Kestrel Foods announced last year that it planned to buy Harbor Snacks in a deal worth $3 billion.",
     "acquisition_price", 3e9, "last year", None),
    ("Kestrel Foods said last year that it will buy Harbor Snacks for $3 billion.", "acquisition_price", 3e9, None, None),
    # a time that modifies a noun is the time of the figure that noun names, not the nearest one's
    ("Kestrel Foods will pay $40 for each Harbor Snacks share, a 25% premium over Tuesday's closing price of $32.",
     "share_price", 32.0, "Tuesday", None),
    ("Kestrel Foods sold new shares at $27 each, a discount to Thursday’s closing price of $29.",
     "share_price", 29.0, "Thursday", None),
    # a list of figures shares the time told after its last one
    ("Harbor Snacks generated $2.1 billion in net sales and $400 million in adjusted EBITDA in 2024.",
     "revenue", 2.1e9, "in 2024", None),
    # a quarter named by its last month, or told as the months between
    ("Harbor Snacks reported record September quarter revenue of $4.1 billion.", "revenue", 4.1e9,
     "September quarter", None),
    ("Harbor Snacks' quarterly sales rose 4% to $4.1 billion between April and June.", "revenue", 4.1e9,
     "between April and June", None),
    # a time that follows a figure making no claim of its own at once closes the clause
    ("Cerebras raised $1.1 billion at a valuation of about $8.1 billion two months ago.", "funding_round", 1.1e9,
     "two months ago", None),
])
def test_the_time_a_sentence_gives_belongs_to_its_figure(extractor, text, metric, value, when, previous_when):
    (claim,) = [c for c in extractor.claims(text) if c.metric == metric and c.value == value]
    assert (claim.when, claim.previous_when) == (when, previous_when)


@pytest.mark.parametrize("published, as_of, history", [
    (datetime(2025, 8, 27, 12, tzinfo=timezone.utc), datetime(2024, 1, 1, tzinfo=timezone.utc), True),
    (datetime(2024, 2, 10, 12, tzinfo=timezone.utc), datetime(2024, 2, 10, 12, tzinfo=timezone.utc), False),
])
def test_a_years_figure_compared_with_a_year_before_is_of_the_year_after_it(extractor, published, as_of, history):
    # told in August 2025 the full year is 2024, history; told in February 2024 it is this year's news
    (claim,) = [c for c in extractor.claims("Morgan Stanley said revenue rose to $103.14 billion, up from "
                                            "$88.29 billion in 2023.") if c.metric == "revenue"]
    placed = place_claim(claim, published, "feed")
    assert (placed.as_of, placed.basis, placed.precision, placed.history) == (as_of, "sentence", "year", history)
    assert place_previous(claim, placed, published).as_of == datetime(2023, 1, 1, tzinfo=timezone.utc)


def test_a_standing_figure_compared_with_a_year_before_keeps_the_articles_date(extractor):
    (claim,) = [c for c in extractor.claims("OpenAI is now valued at $500 billion, up from $157 billion in 2024.")
                if c.metric == "valuation"]
    published = datetime(2025, 10, 2, 12, tzinfo=timezone.utc)
    assert place_claim(claim, published, "feed").as_of == published


@pytest.mark.parametrize("text, metric, status", [
    ("Microsoft now holds a 27% stake in OpenAI, down from 32.5%.", "stake_pct", "reported"),
    ("Microsoft will hold a stake of roughly 27% in OpenAI Group PBC.", "stake_pct", "reported"),   # a term
    ("Stefano Pessina will almost double his stake in Walgreens Boots Alliance to about 30%.", "stake_pct",
     "planned"),                                   # a move of a standing figure not made yet
    ("The Treasury's stake in Fennel Bank will fall from about 41% to 38% once the sale settles.", "stake_pct",
     "planned"),                                   # a future fall, not a term
    ("The share swap will result in Volvo owning 18% of Polestar.", "stake_pct", "planned"),   # an act's outcome
    ("The offering will leave the Treasury with a 30% stake in Lloyds.", "stake_pct", "planned"),
    ("The sale left the Treasury with a 30% stake in Lloyds.", "stake_pct", "reported"),      # the outcome, done
    ("Hollis Capital will see its holding in Marlow Foods diluted to 12% once the new shares are issued.",
     "stake_pct", "planned"),                      # a move a party sees done to it
    ("Suno is shopping for $100 million in new funding at a valuation exceeding $2 billion.", "valuation",
     "planned"),
    ("Intel has agreed to give the U.S. government a 10 percent stake valued at roughly $10 billion.",
     "stake_value", "planned"),                    # a stake handed over, agreed, not yet held
    ("Google will support the project by backstopping its lease obligations and taking an 8% equity stake "
     "in TeraWulf.", "stake_pct", "planned"),
    ("Mercor's current goal is to increase its valuation to $1 billion.", "valuation", "planned"),
    ("OpenAI is in talks to raise money at a $750 billion valuation.", "valuation", "planned"),
    ("The deal would value Scale AI at about $29 billion.", "valuation", "planned"),
    ("Google agreed to buy Wiz for $32 billion in cash.", "acquisition_price", "planned"),
    ("Blackstone signed an agreement last month to buy a 40% stake in Tarrant Data Centers.", "stake_pct",
     "planned"),                                   # an agreement to act, the act a clause of the verb
    ("Nordwind won the nod from regulators on Friday to lift its holding in Saxony Rail to 24.9%.",
     "stake_pct", "planned"),                      # a leave to act: the act still ahead
    ("Alphabet completed its $32 billion purchase of Wiz.", "acquisition_price", "reported"),
    ("It will be AMD's largest deal ever following the $35 billion takeover of Xilinx.", "acquisition_price",
     "reported"),                                  # the future is the new deal's, not the takeover's
    ("Anthropic is reportedly seeking $10 billion in funding to raise its valuation to $350 billion.",
     "valuation", "planned"),
    ("Anthropic is near a deal to raise $2 billion at a price that values the company at $60 billion.",
     "valuation", "planned"),                      # the price of a deal not yet made
    ("OpenAI is in talks to raise $40 billion in a new round. This values the company at $300 billion.",
     "valuation", "planned"),                      # "This": the round underway
    ("Microsoft pledges up to $5 billion in Anthropic's next funding round.", "investment", "planned"),
    ("Microsoft invested $5 billion in the next round of OpenAI.", "investment", "reported"),
    ("Nvidia will contribute up to $10 billion, while Microsoft pledges up to $5 billion in Anthropic's next "
     "funding round. This values Anthropic at around $350 billion.", "valuation", "planned"),
    ("OpenAI said it raised $40 billion in a new round. This values the company at $300 billion.",
     "valuation", "reported"),
    ("Mistral is in talks to raise €500 million, four months after raising €400 million in a round that "
     "valued the start-up at €2 billion.", "valuation", "reported"),     # "that" is the round's, done
    ("Nvidia expects revenue of $54 billion in the fourth quarter.", "revenue", "forecast"),
    ("Goldman Sachs now expects peak datacenter occupancy to last well into 2026.", "forecast_peak_until",
     "reported"),                                  # the claim is itself the forecast
])
def test_a_figure_is_reported_planned_or_forecast_by_the_words_that_govern_it(extractor, text, metric, status):
    (claim,) = [c for c in extractor.claims(text) if c.metric == metric]
    assert claim.status == status


def test_a_closing_price_beside_a_deal_price_stays_reported(extractor):
    # the price the buyer will pay is the deal's term; the close it is measured against was set
    text = "Glacier Partners will pay $30 per share for the stock, a discount to Ember Games' closing price of $31.40."
    assert {(c.subject, c.value, c.status) for c in extractor.claims(text) if c.metric == "share_price"} == {
        ("Ember Games", 30.0, "planned"), ("Ember Games", 31.40, "reported")}


def test_the_movers_own_figure_stays_reported_when_the_move_is_a_plan(extractor):
    text = ("Pessina, the largest shareholder with about 17% of Walgreens Boots Alliance, will increase his "
            "stake to about 30% in the deal.")
    assert {(c.value, c.status) for c in extractor.claims(text) if c.metric == "stake_pct"} == {
        (17.0, "reported"), (30.0, "planned")}


def _passage(pid: str, outlet: str, published: str, text: str) -> Passage:
    return Passage(pid, "openai-valuation", outlet, f"https://{outlet.lower().replace(' ', '')}.example/{pid}",
                   published, text, (), "news")


@pytest.fixture(scope="module")
def retold(tmp_path_factory, extractor):
    """Three outlets' articles on OpenAI's valuation, served as feeds and run through ingest and
    extract: $300B in March, $500B in October, then a later piece retelling the March figure
    and the round of a year before, and a report of talks at a higher price."""
    passages = [
        _passage("a", "Northwind Wire", "2025-03-31", "OpenAI closed a $40 billion funding round led by SoftBank. "
                 "The round values OpenAI at $300 billion."),
        _passage("b", "The Ledger", "2025-10-02", "Employees sold shares in a deal that valued OpenAI at "
                 "$500 billion, up from $300 billion in March."),
        _passage("c", "Signal Daily", "2025-11-20", "OpenAI was valued at $300 billion in March, and at "
                 "$157 billion in October 2024. OpenAI is in talks to raise money at a $750 billion "
                 "valuation."),
        _passage("d", "Signal Daily", "2025-11-21", "OpenAI raised $6.6 billion in a funding round last year."),
    ]
    return run_check(passages, tmp_path_factory.mktemp("retold"), extractor)


def _rows(run, key: str) -> list[dict]:
    return [r for r in run.timeline if r["claim_key"] == key]


def test_a_retold_old_figure_is_a_history_point_and_no_change(retold):
    changes = [(c["previous_value"], c["new_value"]) for c in retold.changes if c["claim_key"] == "OpenAI|valuation|"]
    # 157 (told later, dated October 2024) is the first value; 300 and 500 the changes; the
    # retelling of 300 in November makes no change back, and the talks at 750 none at all
    assert changes == [(None, 157e9), (157e9, 300e9), (300e9, 500e9)]
    march = [r for r in _rows(retold, "OpenAI|valuation|") if r["outlet"] == "Signal Daily" and r["value"] == 300e9]
    assert [(r["as_of"].date(), r["as_of_basis"], r["as_of_precision"], r["as_of_text"], r["history"])
            for r in march] == [(date(2025, 3, 1), "sentence", "month", "in March", True)]


def test_a_stated_previous_value_is_a_superseded_report_of_its_own(retold):
    ledger = [r for r in _rows(retold, "OpenAI|valuation|") if r["outlet"] == "The Ledger"]
    assert sorted((r["value"], r["status"], r["history"], r["as_of_basis"]) for r in ledger) == [
        (300e9, "superseded", True, "sentence"), (500e9, "reported", False, "published")]


def test_a_history_point_is_no_stale_repeat_and_a_plan_no_value(retold):
    store = Store(retold.db)
    assert store.query("digest_stale", week_start=datetime(2025, 1, 1, tzinfo=timezone.utc),
                       week_end=datetime(2026, 1, 1, tzinfo=timezone.utc)) == []
    (plan,) = [r for r in _rows(retold, "OpenAI|valuation|") if r["value"] == 750e9]
    assert plan["status"] == "planned"
    with store.read() as con:
        assert con.execute("SELECT count(*) FROM claim_values WHERE value = 750e9").fetchone()[0] == 0


def test_two_rounds_are_two_events_of_one_timeline_and_each_is_news_of_its_week(retold):
    rounds = _rows(retold, "OpenAI|funding_round|")
    assert sorted((r["value"], r["event_key"]) for r in rounds) == [
        (6.6e9, "OpenAI|funding_round|@2024"), (40e9, "OpenAI|funding_round|@2025-03")]
    assert not [c for c in retold.changes if c["claim_key"] == "OpenAI|funding_round|"]
    week = render_digest(Store(retold.db), "2025-W47").text          # 2025-11-17 .. 23
    assert "- OpenAI's funding round: $6.6B (Signal Daily, 2025-11-21)" in week.split("NEW CLAIMS")[1].split("\n\n")[0]


def test_history_shows_how_each_time_is_known_and_plans_apart(retold):
    from typer.testing import CliRunner
    from claimtrack.flows.terminal.cli import app
    out = CliRunner().invoke(app, ["history", "OpenAI|valuation|", "--json", "--db", str(retold.db)])
    assert out.exit_code == 0, out.output
    import json
    reports = [json.loads(line) for line in out.output.splitlines()]
    told = [(r["value"], r["as_of_basis"], r["as_of_text"], r["note"]) for r in reports if r["outlet"] == "Signal Daily"]
    assert (300e9, "sentence", "in March", "history") in told
    assert (750e9, "published", None, "planned") in told
    table = CliRunner().invoke(app, ["history", "OpenAI|valuation|", "--db", str(retold.db)], terminal_width=200)
    assert "“in March”" in table.output and "planned" in table.output


def test_a_participle_after_a_clause_takes_the_time_of_that_clauses_complement(extractor):
    # "filed to go public in 2021, hitting ...": the time hangs on "go", the complement of the
    # clause the participle hangs from; the market value was that year's, history now
    text = "Quillstone, a web-design platform, filed to go public in 2021, hitting a peak market cap of $8 billion."
    (claim,) = [c for c in extractor.claims(text) if c.metric == "market_cap"]
    assert claim.when == "in 2021"
