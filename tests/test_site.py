"""The claim site (`claimtrack site`): its pages from the demo database, escaping, a folder
replaced whole and never one that holds something else; then the pages in headless Chromium
(load with no console error, the index filters, a claim page shows its chart), skipped cleanly
where Debian's chromium is not installed."""
import re

import pytest
from bs4 import BeautifulSoup
from typer.testing import CliRunner

from chromium import CHROMIUM, Browser
from claimtrack.db.store import Store
from claimtrack.errors import SiteError
from claimtrack.flows.outputs.site import write_site
from claimtrack.flows.outputs.site_paths import claim_page, outlet_page

STAKE = "Microsoft|stake_pct|OpenAI"


@pytest.fixture(scope="module")
def demo_site(demo_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    done = write_site(Store(demo_db.storage.db), out)
    return out, done


def _soup(path):
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def test_the_index_lists_each_tracked_claim_in_words_with_its_latest_value_and_last_change(demo_site):
    out, done = demo_site
    rows = {tr.find("a").get_text(): tr for tr in _soup(out / "index.html").select("#claims tbody tr")}
    assert len(rows) == done.claims >= 8
    stake = rows["Microsoft's stake in OpenAI"]
    cells = [td.get_text(" ", strip=True) for td in stake.find_all("td")]
    assert cells[1] == "27%" and cells[2].startswith("27%, down from 32.5% 28 Oct 2025, The Ledger") and cells[3] == "3"
    assert stake.find("a")["href"] == claim_page(STAKE) and stake.find("polyline")["points"].count(",") >= 2
    assert stake["data-search"] == "microsoft openai stake_pct stake"
    assert (out / claim_page(STAKE)).is_file() and (out / outlet_page("The Ledger")).is_file()


def test_a_claim_page_shows_every_report_with_its_sentence_link_date_outlet_and_source(demo_site):
    out, _ = demo_site
    page = _soup(out / claim_page(STAKE))
    assert page.h1.get_text() == "Microsoft's stake in OpenAI"
    assert page.find("img", id="chart")["src"] == claim_page(STAKE).split("/")[1].replace(".html", ".png")
    reports = page.select("div.report")
    assert len(reports) >= 5
    ledger = next(r for r in reports if "The Ledger" in r.get_text() and "27%" in r.get_text())
    assert ledger.find("blockquote").get_text().strip()                          # the sentence
    assert any(a["href"].startswith("https://ledger.example/") for a in ledger.find_all("a"))
    assert re.search(r"published \d{2} \w{3} 20\d\d", ledger.get_text())
    text = page.get_text(" ", strip=True)
    assert "32.5% → 27%" in text and "Stale repeats (1)" in text and "stale" in text
    assert "Signal Daily said 32.5% when it was 27%" in text


def test_outlet_names_and_sentences_are_escaped_on_every_page(hostile_outlet_db, tmp_path):
    out = tmp_path / "site"
    write_site(Store(hostile_outlet_db.storage.db), out)
    for page in out.rglob("*.html"):
        html = page.read_text("utf-8")
        assert "<script>" not in html and "<img src=x" not in html, page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Daily" in (out / "index.html").read_text("utf-8")


def test_the_site_is_replaced_whole_and_a_folder_holding_something_else_is_refused(demo_db, tmp_path):
    out = tmp_path / "site"
    write_site(Store(demo_db.storage.db), out)
    (out / "claims" / "gone.html").write_text("old")
    write_site(Store(demo_db.storage.db), out)
    assert not (out / "claims" / "gone.html").exists() and (out / "index.html").is_file()
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "thesis.txt").write_text("keep me")
    with pytest.raises(SiteError, match="holds something other than a claimtrack site"):
        write_site(Store(demo_db.storage.db), mine)
    assert (mine / "thesis.txt").read_text() == "keep me" and sorted(p.name for p in tmp_path.iterdir()) == ["notes", "site"]


def test_claimtrack_site_writes_the_folder_it_is_given(demo_db, tmp_path):
    from claimtrack.flows.terminal.cli import app
    result = CliRunner().invoke(app, ["site", "--out", str(tmp_path / "pages"), "--config", str(demo_db.config_path)])
    assert result.exit_code == 0, result.output
    assert "claims" in result.output and (tmp_path / "pages" / "index.html").is_file()


needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")


@needs_chromium
def test_in_chromium_pages_load_cleanly_the_index_filters_and_a_claim_shows_its_chart(demo_site, tmp_path):
    out, done = demo_site
    with Browser(tmp_path / "profile") as page:
        assert page.open((out / "index.html").as_uri()) == []
        assert page.eval("document.querySelectorAll('#claims tbody tr:not([hidden])').length") == done.claims
        shown = page.eval("""(() => { const q = document.getElementById('q'); q.value = 'stake openai';
            q.dispatchEvent(new Event('input'));
            return [...document.querySelectorAll('#claims tbody tr:not([hidden]) a')].map(a => a.textContent); })()""")
        assert sorted(shown) == ["Microsoft's stake in OpenAI", "Microsoft's stake value in OpenAI"]
        assert page.eval("document.getElementById('shown').textContent") == "2 shown"
        assert page.open((out / "index.html").as_uri() + "?q=nothing-like-this") == []
        assert page.eval("document.getElementById('none').hidden") is False
        assert page.open((out / claim_page(STAKE)).as_uri()) == []
        assert page.eval("(() => { const c = document.getElementById('chart'); "
                         "return c.complete && c.naturalWidth > 400 && c.getBoundingClientRect().width > 0; })()")
        assert page.open((out / outlet_page("Signal Daily")).as_uri()) == []
