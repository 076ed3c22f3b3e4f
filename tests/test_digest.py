"""Digest preview from the demo database: the week's changes, risks, escaping of hostile names."""
import re

import pytest

from claimtrack.db.store import Store
from claimtrack.flows.outputs.digest import render_digest, write_preview
from claimtrack.flows.outputs.week_report import parse_week
from claimtrack.errors import DigestError


def test_week_2025_w44_shows_the_stake_change_and_the_risk_notes(demo_db, tmp_path):
    store = Store(demo_db.storage.db)
    digest = render_digest(store, "2025-W44")
    assert digest.week == "2025-W44" and "2025-W44" in digest.subject
    assert "Microsoft's stake in OpenAI: 32.5% -> 27%, first reported by The Ledger" in digest.text
    assert "32.5% → 27%" in digest.html
    # "now expects peak occupancy well into 2026 (from the end of 2025 previously)": the
    # forecast's previous value is a history point, so its move to 2026 is a change
    assert "Goldman Sachs' forecast peak: 2025 -> 2026, first reported by Northwind Wire" in digest.text
    assert "Clay Magouyrk dismisses ai bubble" in digest.text
    assert "Microsoft executives warns overcapacity (Northwind Wire, 2025-10-30, citing The Information)" in digest.text
    assert ("Microsoft's stake value in OpenAI: $130B (Northwind Wire) vs $135B (Signal Daily, The Ledger), 2025-10-28"
            in digest.text)
    assert "OpenAI's valuation: $500B (Northwind Wire, Signal Daily, citing CNBC)" in digest.text
    html, text = write_preview(digest, tmp_path / "out")
    assert text.name == "2025-W44.txt" and text.read_text("utf-8") == digest.text
    assert len(digest.charts) == 2 and digest.charts[0][1].startswith(b"\x89PNG")    # a chart per change
    page = html.read_text("utf-8")
    assert 'src="2025-W44-chart-1.png"' in page and "cid:" not in page
    assert (html.parent / "2025-W44-chart-1.png").read_bytes() == digest.charts[0][1]
    assert 'style="' in page and "<style>" in page                     # CSS inlined, the block kept


def test_week_2025_w44_shows_signal_dailys_stale_stake(demo_db):
    digest = render_digest(Store(demo_db.storage.db), "2025-W44")
    assert ("Signal Daily still says Microsoft's stake in OpenAI is 32.5% on 2025-11-02; "
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
    assert "- OpenAI's funding round: $40B, planned (Northwind Wire)" in spring.split("PLANS AND FORECASTS")[1]
    assert "OpenAI's valuation" not in spring.split("NEW CLAIMS")[1].split("\n\n")[0]
    assert "- OpenAI's funding round: $6.6B (The Ledger, 2024-10-02)" in render_digest(store, "2024-W40").text


def test_the_digest_opens_with_a_line_in_words_per_top_change(demo_db):
    """Each of the week's biggest changes as a reader says it, above the tables, in every rendering."""
    from claimtrack.flows.outputs.week_report import gather_report
    from claimtrack.flows.outputs.digest import render_markdown
    digest = render_digest(Store(demo_db.storage.db), "2025-W44")
    line = "Microsoft's stake in OpenAI: 27%, down from 32.5%, first reported by The Ledger on Tue 28 Oct"
    head = digest.text.split("CLAIMS THAT CHANGED")[0]
    assert f"* {line}\n" in head
    assert "* Goldman Sachs' forecast peak: 2026, later than 2025, first reported by Northwind Wire on Thu 30 Oct" in head
    from bs4 import BeautifulSoup
    summary = BeautifulSoup(digest.html, "html.parser").select_one("ul.summary")
    assert summary.find("li").get_text(" ", strip=True).replace(" :", ":").replace(" ,", ",") == line
    assert summary.find("li").find("a")["href"] == "https://ledger.example/markets/microsoft-openai-definitive-agreement"
    md = render_markdown(gather_report(Store(demo_db.storage.db), "2025-W44"))
    assert md.split("**Claims that changed")[0].count("\n- **") == 2


def test_every_row_has_its_date_and_a_link_to_each_report_with_a_web_address(demo_db):
    """Changes, new claims, disagreements, stale repeats, figures, plans and risk notes: each row
    of the HTML says when, and links every report the report data gives a web address for."""
    from bs4 import BeautifulSoup
    from claimtrack.flows.outputs.week_report import gather_report
    store = Store(demo_db.storage.db)
    report = gather_report(store, "2025-W44")
    soup = BeautifulSoup(render_digest(store, "2025-W44").html, "html.parser")
    day = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{2} (Oct|Nov)\b")
    sections = {h.get_text().split(" (")[0]: h for h in soup.find_all("h2")}

    def rows(title):
        table = sections[title].find_next_sibling()
        return [tr for tr in table.find_all("tr") if tr.find("td") and not tr.find("img")]

    def web(url):
        return url.startswith(("http://", "https://"))

    checked = 0
    for title, data, urls in [
        ("Claims that changed", report.changes, lambda r: [r["first_url"]]),
        ("New claims", report.new_keys, lambda r: [r["first_url"]]),
        ("Outlets disagree", report.conflicts, lambda r: [s["url"] for s in r["low_sources"] + r["high_sources"]]),
        ("Stale repeats", report.stale, lambda r: [r["article_url"]]),
        ("Figures reported this week", report.reported, lambda r: [s["url"] for s in r["sources"]]),
    ]:
        shown = rows(title)
        assert len(shown) == len(data) > 0, title
        for tr, row in zip(shown, data):
            assert day.search(tr.get_text(" ")), (title, tr.get_text(" "))
            hrefs = {a["href"] for a in tr.find_all("a")}
            assert {u for u in urls(row) if web(u)} <= hrefs, (title, row["claim_key"])
            checked += 1
    risks = [p for p in sections["Risk watch"].find_next_siblings("p")][:len(report.risks)]
    for p, risk in zip(risks, report.risks):
        assert day.search(p.get_text(" ")) and (not web(risk["article_url"]) or p.find("a")["href"] == risk["article_url"])
    assert checked >= 15 and len(risks) == 5


def test_a_published_site_gets_a_view_in_browser_link_and_claim_links(demo_db):
    from claimtrack.flows.outputs.site_paths import claim_page
    store = Store(demo_db.storage.db)
    plain = render_digest(store, "2025-W44")
    assert "View in" not in plain.html and "View in" not in plain.text
    published = render_digest(store, "2025-W44", site_url="https://claims.example.org/track/")
    assert '<a href="https://claims.example.org/track/index.html"' in published.html
    assert "View in a browser: https://claims.example.org/track/index.html\n" in published.text
    page = "https://claims.example.org/track/" + claim_page("Microsoft|stake_pct|OpenAI")
    assert f'href="{page}"' in published.html and page.endswith(".html") and "|" not in page


def test_the_metrics_table_holds_each_claim_types_label(demo_db):
    """Built-in types and the user's own (config/claims.toml's capex) alike."""
    labels = {r["metric"]: (r["label"], r["preposition"]) for r in Store(demo_db.storage.db).query("metric_labels")}
    assert labels["stake_pct"] == ("stake", "in") and labels["acquisition_price"] == ("acquisition price", "for")
    assert labels["capex"] == ("capital spending", "in")
