"""An estimate a reported revenue is set against is a forecast of the same company's revenue,
and an amount "expected by analysts" after "compared with" is no earlier value of the reported one."""
import pytest


@pytest.mark.parametrize("text, reported, estimate", [
    ("Halden Foods reported second-quarter revenue of $4.12 billion, beating Wall Street's $4.05 billion estimate.",
     4.12e9, 4.05e9),
    ("Orrin Freight's sales rose 4% to US$9.3 billion, compared with US$9.1 billion expected by analysts.",
     9.3e9, 9.1e9),
    ("Marlow Motors' revenue came in at $6.2 billion, edging past the $6.1 billion analysts expected.", 6.2e9, 6.1e9),
])
def test_an_estimate_beside_a_reported_revenue_is_its_forecast(extractor, text, reported, estimate):
    by_value = {c.value: c for c in extractor.claims(text) if c.metric == "revenue"}
    assert by_value[reported].status == "reported" and by_value[reported].previous_value is None
    assert by_value[estimate].status == "forecast"
    assert by_value[estimate].subject == by_value[reported].subject


def test_an_earlier_value_compared_with_stays_the_previous_one(extractor):
    (claim,) = [c for c in extractor.claims("Halden Foods' revenue rose to $5 billion, compared with $4.1 billion a "
                                            "year earlier.") if c.metric == "revenue"]
    assert claim.previous_value == pytest.approx(4.1e9)
