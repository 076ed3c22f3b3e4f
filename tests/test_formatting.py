"""How values read in tables and the digest."""
import pytest

from flows.formatting import format_value


@pytest.mark.parametrize("value, unit, shown", [
    (135e9, "USD", "$135B"), (2.5e9, "USD", "$2.5B"), (1.2e12, "GBP", "£1.2T"), (300e6, "EUR", "€300M"),
    (5e12, "JPY", "¥5T"), (7_500, "CHF", "CHF 7.5K"), (12, "USD", "$12"), (27.0, "percent", "27%"),
    (32.5, "percent", "32.5%"), (2032.0, "year", "2032"), (50, "basis_points", "50 bps"), (None, "USD", "—"),
])
def test_format_value(value, unit, shown):
    assert format_value(value, unit) == shown
