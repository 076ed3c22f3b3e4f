"""Digest preview from the demo database: the week's changes, risks, escaping of hostile names."""
import pytest

from claimtrack.db.store import Store
from claimtrack.flows.outputs.digest import render_digest, write_preview
from claimtrack.flows.outputs.week_report import parse_week
from claimtrack.errors import DigestError


def test_week_2025_w44_shows_the_stake_change_and_the_risk_notes(demo_db, tmp_path):
    store = Store(demo_db.storage.db)
    digest = render_digest(store, "2025-W44")
    assert digest.week == "2025-W44" and "2025-W44" in digest.subject
    assert "Microsoft / stake_pct / OpenAI: 32.5% -> 27%, first reported by The Ledger" in digest.text
    assert "32.5% → 27%" in digest.html
    # "now expects peak occupancy well into 2026 (from the end of 2025 previously)": the
    # forecast's previous value is a history point, so its move to 2026 is a change
    assert "Goldman Sachs / forecast_peak_until: 2025 -> 2026, first reported by Northwind Wire" in digest.text
    assert "Clay Magouyrk dismisses ai bubble" in digest.text
    assert "Microsoft executives warns overcapacity (Northwind Wire, citing The Information)" in digest.text
    assert ("Microsoft / stake_value / OpenAI: $130B (Northwind Wire) vs $135B (Signal Daily, The Ledger)"
            in digest.text)
    assert "OpenAI / valuation: $500B (Northwind Wire, Signal Daily, citing CNBC)" in digest.text
    html, text = write_preview(digest, tmp_path / "out")
    assert text.name == "2025-W44.txt" and text.read_text("utf-8") == digest.text
    assert len(digest.charts) == 2 and digest.charts[0][1].startswith(b"\x89PNG")    # a chart per change
    page = html.read_text("utf-8")
    assert 'src="2025-W44-chart-1.png"' in page and "cid:" not in page
    assert (html.parent / "2025-W44-chart-1.png").read_bytes() == digest.charts[0][1]
    assert 'style="' in page and "<style>" in page                     # CSS inlined, the block kept


def test_week_2025_w44_shows_signal_dailys_stale_stake(demo_db):
    digest = render_digest(Store(demo_db.storage.db), "2025-W44")
    assert ("Signal Daily still says Microsoft / stake_pct / OpenAI is 32.5% on 2025-11-02; "
            "27% since 2025-10-28 (The Ledger)") in digest.text
    assert "still says 32.5%" in digest.html


def test_default_week_is_the_last_full_week():
    from datetime import date
    from claimtrack.flows.outputs.week_report import last_full_week
    assert last_full_week(date(2025, 11, 3)) == "2025-W44"          # a Monday: the week before
    assert last_full_week(date(2025, 11, 9)) == "2025-W44"          # a Sunday: still the week before
    assert last_full_week(date(2026, 1, 1)) == "2025-W52"


def test_the_default_digest_reports_the_last_full_week_and_a_run_previews_the_newest(demo_db):
    from datetime import date
    from claimtrack.flows.outputs.week_report import newest_week
    store = Store(demo_db.storage.db)
    assert render_digest(store, today=date(2025, 11, 5)).week == "2025-W44"
    assert newest_week(store) == "2025-W45"


def test_bad_week_is_a_clear_error():
    with pytest.raises(DigestError, match="'2025-44' is not an ISO week"):
        parse_week("2025-44")


def test_hostile_outlet_names_and_headlines_are_escaped_in_html(hostile_outlet_db):
    digest = render_digest(Store(hostile_outlet_db.storage.db), "2025-W44")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Daily" in digest.html
    assert "<script" not in digest.html and "<img src=x" not in digest.html
    assert "<script>alert(1)</script> Daily" in digest.text          # plain text needs no escaping


def test_evidence_links_carry_no_tracking_parameters(demo_db):
    rows = Store(demo_db.storage.db).query("claims", subject=None, metric=None, object=None, outlet="The Ledger", since=None)
    assert rows and all("utm_" not in r["article_url"] for r in rows)


def test_a_round_raised_is_a_new_claim_and_a_round_agreed_a_plan(demo_db):
    """OpenAI's $6.6B round (2024-W40) is a new claim of its week; the $40B round it agreed in
    2025-W14 is listed under plans, and the valuation, a state key, is new only in its first
    week. (tests/test_claim_time.py has a second round raised by a known company.)"""
    store = Store(demo_db.storage.db)
    spring = render_digest(store, "2025-W14").text
    # "OpenAI has agreed a funding round of up to $40 billion": agreed, not yet raised
    assert "- OpenAI / funding_round: $40B, planned (Northwind Wire)" in spring.split("PLANS AND FORECASTS")[1]
    assert "OpenAI / valuation" not in spring.split("NEW CLAIMS")[1].split("\n\n")[0]
    assert "- OpenAI / funding_round: $6.6B (The Ledger)" in render_digest(store, "2024-W40").text
