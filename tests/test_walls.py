"""Walls: pages that stand between us and the article (tests/fixtures/walls/, written in
the shape of real ones) are told by kind, recorded, never read as the article; the entry's feed
summary is its text when it has one, and a walled page is fetched again at most once a day."""
from datetime import timedelta

import pytest
from typer.testing import CliRunner

from claimtrack.errors import WalledPage
from claimtrack.flows.sources.articles import feed_summary, html_to_text, page_text
from claimtrack.flows.sources.walls import FeedSummary, classify
from claimtrack.flows.terminal.cli import app
from conftest import FIXTURES
from test_ingest import _poll_all, feeds, rss  # noqa: F401  (feeds is a fixture)

WALLS = FIXTURES / "walls"
SUMMARY = ("Nvidia agreed to buy a stake of about 4% in Intel for $5 billion, paying $23.28 a share, and the "
           "two chipmakers will build data-centre and PC products together.")


def _page(name: str) -> str:
    return (WALLS / name).read_text("utf-8")


@pytest.mark.parametrize("name, kind", [("paywall_metered.html", "paywall"), ("challenge_cloudflare.html", "bot_challenge"),
                                        ("consent_wall.html", "consent"), ("error_200.html", "error_page")])
def test_each_kind_of_wall_is_told_by_the_page_itself(name, kind):
    with pytest.raises(WalledPage) as caught:
        page_text(_page(name), f"https://news.example/{name}")
    assert caught.value.kind == kind and str(caught.value).startswith(f"https://news.example/{name}: a")


def test_an_article_whose_page_loads_a_paywall_vendor_and_says_already_a_subscriber_is_an_article():
    html = _page("article_with_vendor_scripts.html")
    assert "tinypass" in html and "Already a subscriber?" in html
    assert "Intel for $5 billion" in page_text(html, "https://news.example/a").text


def test_markup_counts_only_when_little_text_is_left_or_the_text_is_short_of_the_feeds_summary():
    html = '<html><head><script src="https://cdn.tinypass.com/x.js"></script></head><body>...</body></html>'
    assert classify(html, "Nvidia said on Thursday it would buy").kind == "paywall"
    assert classify(html, "x" * 700) is None
    assert classify(html, "x" * 700, summary="y" * 1600).kind == "paywall"     # less than half the summary
    assert classify("<html><title>Markets</title></html>", "A short brief with no wall in it at all.") is None


def test_the_feeds_summary_is_read_only_when_the_page_is_short_enough_for_it_to_count():
    """Reading the summary's HTML costs a sixth of making an article; a long page never needs it,
    and whether it is read or not, the page is judged alike."""
    html = '<html><head><script src="https://cdn.tinypass.com/x.js"></script></head><body>...</body></html>'
    reads = []

    def counted(summary_html: str) -> str:
        reads.append(summary_html)
        return html_to_text(summary_html)

    long_summary = "<p>" + "y" * 4000 + "</p>"
    for text, summary_html in [("x" * 1600, "<p>" + "y" * 100 + "</p>"), ("x" * 1600, long_summary),
                               ("x" * 700, "<p>" + "y" * 1600 + "</p>"), ("x" * 700, "<p>short</p>"),
                               ("Nvidia said on Thursday it would buy", "")]:
        reads.clear()
        lazy = classify(html, text, FeedSummary(summary_html, counted))
        assert lazy == classify(html, text, html_to_text(summary_html) if summary_html else "")
        needed = bool(summary_html) and (len(text) <= 1500 or len(text) < len(summary_html) // 2)
        assert reads == ([summary_html] if needed else [])
    assert classify(html, "x" * 1600, FeedSummary(long_summary, counted)).kind == "paywall"   # short of it


@pytest.mark.parametrize("fragment", ["<p>a&amp;b &lt;c&gt; &#128512;</p>", "plain text, no tags", "<b>x</b><i>y</i>",
                                      "<ul><li>one</li><li>two<br>three</li></ul>", "a<br>b<![CDATA[c]]>d",
                                      "<p>  spaced \t out \r\n lines </p><script>var x=1;</script>",
                                      "<div>x<p>y</p>z</div>", "&nbsp;&nbsp;&nbsp;word&nbsp;&nbsp;"])
def test_text_read_from_html_is_never_longer_than_the_html(fragment):
    """What lets a long page skip reading the feed's summary (walls.FeedSummary)."""
    assert len(html_to_text(fragment)) <= len(fragment)
    assert feed_summary(fragment).text == html_to_text(fragment)


def test_walled_pages_are_recorded_and_their_summary_is_the_text_or_they_wait_a_day(feeds, make_settings, httpserver):
    hits: dict[str, int] = {}

    def page(path: str, body: str) -> None:
        def handler(request):
            hits[path] = hits.get(path, 0) + 1
            from werkzeug import Response
            return Response(body, content_type="text/html; charset=utf-8")
        httpserver.expect_request(path).respond_with_handler(handler)

    page("/paid.html", _page("paywall_metered.html"))
    page("/check.html", _page("challenge_cloudflare.html"))
    page("/open.html", _page("article_with_vendor_scripts.html"))
    items = [{"title": "Nvidia's $5 billion stake in Intel", "link": httpserver.url_for("/paid.html"), "guid": "paid",
              "summary": SUMMARY},
             {"title": "Intel shares jump", "link": httpserver.url_for("/check.html"), "guid": "check",
              "summary": "Shares jumped."},
             {"title": "Nvidia to buy $5 billion stake in Intel", "link": httpserver.url_for("/open.html"),
              "guid": "open", "summary": "A teaser."}]
    url = feeds.feed("/wire.xml", rss("Meridian Wire", items))
    settings = make_settings([url])
    store, (result,) = _poll_all(settings)

    with store.read() as con:
        texts = dict(con.execute("SELECT title, text FROM articles").fetchall())
        walls = dict(con.execute("SELECT url, wall FROM fetch_failures WHERE wall IS NOT NULL").fetchall())
    paid, open_ = "Nvidia's $5 billion stake in Intel", "Nvidia to buy $5 billion stake in Intel"
    assert set(texts) == {paid, open_} and result.new_articles == 2
    assert SUMMARY in texts[paid] and "subscribe" not in texts[paid].lower()      # the summary, never the wall
    assert "Intel for $5 billion" in texts[open_]
    assert walls == {httpserver.url_for("/paid.html"): "paywall", httpserver.url_for("/check.html"): "bot_challenge"}
    assert any("a bot challenge (title says 'Just a moment...')" in e for e in result.page_errors)

    # the next poll, the same day: the challenge page is not asked for again, nothing is written
    before = store.counts()
    store, (again,) = _poll_all(settings)
    assert hits["/check.html"] == 1 and again.walls_waiting == 1 and store.counts() == before

    health = {r["feed"]: r for r in store.query("feed_health_all")}
    assert health["Meridian Wire"]["walls"] == "bot_challenge 1, paywall 1"
    out = CliRunner().invoke(app, ["feeds", "--db", str(settings.storage.db)], env={"COLUMNS": "250"})
    assert "walls (30 days): bot_challenge 1, paywall 1" in out.output

    # a day later it is tried again
    with store.write() as con:
        con.execute("UPDATE fetch_failures SET failed_at = failed_at - ?", [timedelta(days=1, hours=1)])
    _poll_all(settings)
    assert hits["/check.html"] == 2
