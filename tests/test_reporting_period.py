"""A results article names its quarter once (extractors/reporting_period.py): the revenue,
profit and market share told after it are that quarter's, unless another time stands between
or the quarter was only a comparison's baseline. Articles written for these tests; the
companies and figures are public ones."""
from datetime import date

import pytest

from claimtrack.extractors.claimtime import resolve

PUBLISHED = date(2025, 10, 30)


def _when(extractor, text: str, metric: str, value: float) -> str | None:
    found = [c for c in extractor.claims(text) if c.metric == metric and c.value == value]
    assert found, f"no {metric} claim of {value} in: {text}"
    when = resolve(found[0].when, PUBLISHED) if found[0].when else None
    return when.label() if when else None


@pytest.mark.parametrize("text, metric, value, label", [
    # the quarter named in the first sentence dates the profit of the second
    ("In the third quarter, Lufthansa increased its revenue by 4% to €11.2 billion. "
     "The airline generated an operating profit of €1.3 billion.", "profit", 1.3e9, "2025-Q3"),
    # a research firm's quarter dates every share after it, past the day it published
    ("Canalys said on Tuesday that smartphone shipments grew 2% in Q1 2025. "
     "Samsung led the market with a 20% share, while Apple followed with 18%.", "market_share", 20, "2025-Q1"),
    # a fiscal year carries the same way
    ("Siemens closed fiscal 2025 with record orders. Net income rose to €10.4 billion.",
     "profit", 10.4e9, "2025"),
])
def test_a_period_named_once_dates_the_measures_after_it(extractor, text, metric, value, label):
    assert _when(extractor, text, metric, value) == label


@pytest.mark.parametrize("text, metric, value", [
    # the quarter is the baseline of a comparison, not the period reported
    ("Lenovo shipped 17 million PCs, up from 15 million in Q2 2024. "
     "HP held a 22.3% share of the market.", "market_share", 22.3),
    # a year named between the quarter and the figure: the figure is no longer the quarter's
    ("Apple shipped 46 million iPhones in Q2. The company was founded in 1976. "
     "Its revenue was $94 billion.", "revenue", 94e9),
    # a valuation is no measure of a period
    ("Revenue doubled in the third quarter. Investors valued Ramp at $22.5 billion.", "valuation", 22.5e9),
])
def test_no_period_is_carried_past_a_baseline_another_time_or_to_a_level(extractor, text, metric, value):
    assert _when(extractor, text, metric, value) is None


def test_the_selected_reading_carries_the_same_period(extractor):
    """The period is read from the text, not the parse: a sentence with no figure that names
    the quarter (and so is not parsed when only selected sentences are) still dates the next."""
    from dataclasses import replace
    text = ("Delta Air Lines reported its results for the second quarter on Thursday. "
            "Revenue rose to $16.6 billion.")
    whole = [c.when for c in extractor.claims(text) if c.metric == "revenue"]
    chosen = [c.when for c in replace(extractor, selective=True).claims(text) if c.metric == "revenue"]
    assert whole == chosen == ["for the second quarter"]
