"""How values read in tables and the digest."""
import pytest

from claimtrack.flows.formatting import change_words, claim_phrase, format_range, format_value, metric_label


@pytest.mark.parametrize("value, unit, shown", [
    (135e9, "USD", "$135B"), (2.5e9, "USD", "$2.5B"), (1.2e12, "GBP", "£1.2T"), (300e6, "EUR", "€300M"),
    (5e12, "JPY", "¥5T"), (7_500, "CHF", "CHF 7.5K"), (12, "USD", "$12"), (27.0, "percent", "27%"),
    (32.5, "percent", "32.5%"), (2032.0, "year", "2032"), (50, "basis_points", "50 bps"), (None, "USD", "—"),
    # counts (open claims: vehicles, jobs, barrels a day) are plain numbers, never money
    (497_099.0, "count", "497,099"), (1_500_000, "count", "1,500,000"), (2.5, "count", "2.5"), (-3.0, "count", "-3"),
    (0.25, "percentage_points", "0.25 pp"),
])
def test_format_value(value, unit, shown):
    assert format_value(value, unit) == shown


@pytest.mark.parametrize("value, unit, low, high, shown", [
    (43_000, "count", 40_000, 46_000, "40,000–46,000"), (4.125, "percent", 4.0, 4.25, "4%–4.25%"),
    (43_000, "count", None, None, "43,000"), (5.0, "percent", 5.0, 5.0, "5%"),
])
def test_a_range_shows_its_ends(value, unit, low, high, shown):
    assert format_range(value, unit, low, high) == shown


LABELS = {"stake_pct": {"label": "stake", "preposition": "in"},
          "acquisition_price": {"label": "acquisition price", "preposition": "for"},
          "valuation": {"label": None, "preposition": None}}      # written before migration 010


@pytest.mark.parametrize("metric, shown", [
    ("stake_pct", "stake"), ("acquisition_price", "acquisition price"),
    # no label stored, or an open metric: the name in words, without a unit suffix
    ("valuation", "valuation"), ("benchmark_rate", "benchmark rate"), ("revenue_share_pct", "revenue share"),
    ("_pct", "pct"),
])
def test_a_metric_reads_as_its_label_or_its_name_in_words(metric, shown):
    assert metric_label(metric, LABELS) == shown


@pytest.mark.parametrize("subject, metric, obj, shown", [
    ("Microsoft", "stake_pct", "OpenAI", "Microsoft's stake in OpenAI"),
    ("Google", "acquisition_price", "Wiz", "Google's acquisition price for Wiz"),
    ("OpenAI", "valuation", None, "OpenAI's valuation"),
    ("Goldman Sachs", "forecast_peak_until", None, "Goldman Sachs' forecast peak until"),
    ("Tesla", "deliveries", "China", "Tesla's deliveries in China"),
])
def test_a_claim_key_reads_as_words(subject, metric, obj, shown):
    assert claim_phrase(subject, metric, obj, LABELS) == shown


@pytest.mark.parametrize("previous, new, unit, shown", [
    (32.5, 27.0, "percent", "27%, down from 32.5%"), (300e9, 500e9, "USD", "$500B, up from $300B"),
    (2025.0, 2026.0, "year", "2026, later than 2025"), (None, 27.0, "percent", "27%"),
])
def test_a_change_reads_as_words(previous, new, unit, shown):
    assert change_words(previous, new, unit) == shown
