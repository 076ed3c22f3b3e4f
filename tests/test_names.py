"""Canonical names of parties as written in news: suffixes, tickers and possessives go, the
name stays (extractors/names.py)."""
import pytest

from claimtrack.extractors.names import canonical


@pytest.mark.parametrize("written,name", [
    ("JPMorgan Chase & Co.", "JPMorgan Chase"),          # the suffix after "&" goes with the "&"
    ("Wells Fargo & Co", "Wells Fargo"),
    ("Procter & Gamble", "Procter & Gamble"),             # an "&" inside the name stays
    ("Morgan Stanley MS", "Morgan Stanley"),              # a ticker written after the name
    ("KKR KKR.N", "KKR"), ("Carlsberg CARLb.CO", "Carlsberg"),   # a wire code written after the name
    ("Deliveroo Share", "Deliveroo"),                      # "180 pence per Deliveroo Share"
    ("Goldman Sachs GS", "Goldman Sachs"),
    ("Grupo Mexico SAB", "Grupo Mexico SAB"),             # capitals that are no ticker of the name stay
    ("Mastercard (MA)", "Mastercard"),
    ("Intel Corp.", "Intel"),
])
def test_a_written_name_becomes_its_canonical_form(written, name):
    assert canonical(written) == name
