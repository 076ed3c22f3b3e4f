"""Ingest against a real local HTTP server: full-text and summary-only feeds, conditional GET,
one changed entry, page and feed failures recorded and retried, cross-feed duplicates."""
import hashlib

import pytest
from werkzeug import Response

from conftest import FIXTURES
from db.store import Store
from flows.http import Fetcher
from flows.ingest import file_roots, poll_feed


class FeedServer:
    """Serves mutable feed bodies with ETags and answers 304 to a matching If-None-Match."""

    def __init__(self, httpserver):
        self.server, self.bodies, self.requests = httpserver, {}, []

    def feed(self, path: str, body: bytes, content_type: str = "application/rss+xml") -> str:
        self.bodies[path] = body

        def handler(request):
            self.requests.append(path)
            current = self.bodies[path]
            etag = '"' + hashlib.sha1(current).hexdigest()[:12] + '"'
            if request.headers.get("If-None-Match") == etag:
                return Response(status=304, headers={"ETag": etag})
            return Response(current, content_type=content_type, headers={"ETag": etag})
        self.server.expect_request(path).respond_with_handler(handler)
        return self.server.url_for(path)

    def page(self, path: str, body: bytes, status: int = 200) -> None:
        self.server.expect_request(path).respond_with_data(body, status=status, content_type="text/html")


@pytest.fixture
def feeds(httpserver):
    return FeedServer(httpserver)


def _poll_all(settings, force=False):
    store = Store(settings.storage.db, settings.storage.lock_wait_seconds)
    with Fetcher(settings.http, file_roots(settings)) as fetcher:
        results = [poll_feed(f, settings, store, fetcher, force=force) for f in settings.feeds]
    return store, results


def _fixture(name: str) -> bytes:
    return (FIXTURES / "feeds" / name).read_bytes()


def test_full_text_and_summary_only_feeds_become_articles(feeds, make_settings):
    full = feeds.feed("/chronicle.xml", _fixture("rss2_full_content.xml"))
    teaser = feeds.feed("/gazette.xml", _fixture("rss2_summary_only.xml"))
    feeds.page("/pages/stake.html", (FIXTURES / "pages" / "stake.html").read_bytes())
    feeds.page("/pages/valuation.html", (FIXTURES / "pages" / "valuation.html").read_bytes())
    store, results = _poll_all(make_settings([full, teaser]))
    assert [(r.status, r.new_articles, r.page_errors) for r in results] == [("ok", 2, []), ("ok", 2, [])]
    with store.read() as con:
        rows = con.execute("SELECT outlet, text_source, canonical_url, published_source, text FROM articles "
                           "ORDER BY outlet, canonical_url").fetchall()
    assert [(r[0], r[1]) for r in rows] == [("Test Chronicle", "feed"), ("Test Chronicle", "feed"),
                                             ("Test Gazette", "page"), ("Test Gazette", "page")]
    assert all("utm_" not in r[2] for r in rows)                  # tracking parameters dropped
    assert all(r[3] == "feed" for r in rows)
    stake = next(r[4] for r in rows if r[2].endswith("stake.html"))
    assert stake.startswith("Microsoft's OpenAI stake falls to 27%\nMicrosoft now holds a 27% stake")
    assert "Sign in" not in stake


def test_second_poll_is_a_304_and_writes_nothing_but_the_poll_time(feeds, make_settings):
    url = feeds.feed("/chronicle.xml", _fixture("rss2_full_content.xml"))
    settings = make_settings([url])
    store, _ = _poll_all(settings)
    before = store.counts()
    polled_before = store.query("feed_health_all")[0]["last_polled_at"]
    _, (again,) = _poll_all(settings)
    assert again.status == "not_modified" and again.new_articles == 0
    assert store.counts() == before
    health = store.query("feed_health_all")[0]
    assert health["last_status"] == "not_modified" and health["http_status"] == 304
    assert health["last_polled_at"] >= polled_before and health["entries_seen"] == 2


def test_a_changed_feed_adds_exactly_the_new_entry(feeds, make_settings):
    body = _fixture("rss2_full_content.xml")
    url = feeds.feed("/chronicle.xml", body)
    settings = make_settings([url])
    store, _ = _poll_all(settings)
    new_item = (b"<item><title>Microsoft books a $3 billion gain</title><link>/tech/gain</link>"
                b"<guid isPermaLink=\"false\">chronicle-1002</guid><pubDate>Wed, 29 Oct 2025 20:00:00 +0000</pubDate>"
                b"<content:encoded><![CDATA[<p>Microsoft said its stake in OpenAI produced an accounting gain of "
                b"about $3 billion in the quarter.</p>]]></content:encoded></item>")
    feeds.bodies["/chronicle.xml"] = body.replace(b"<item>", new_item + b"<item>", 1)
    _, (again,) = _poll_all(settings)
    assert (again.status, again.entries, again.new_articles) == ("ok", 3, 1)
    assert store.counts()["articles"] == 3


def test_a_failed_page_is_recorded_and_retried_on_the_next_poll(feeds, make_settings, httpserver):
    url = feeds.feed("/gazette.xml", _fixture("rss2_summary_only.xml"))
    feeds.page("/pages/valuation.html", (FIXTURES / "pages" / "valuation.html").read_bytes())
    httpserver.expect_oneshot_request("/pages/stake.html").respond_with_data("down", status=503)
    settings = make_settings([url])
    store, (first,) = _poll_all(settings)
    assert first.new_articles == 1 and len(first.page_errors) == 1 and "HTTP 503" in first.page_errors[0]
    (failure,) = store.query("failures_recent")
    assert failure["kind"] == "page" and failure["transient"] and failure["url"].endswith("/pages/stake.html")
    feeds.page("/pages/stake.html", (FIXTURES / "pages" / "stake.html").read_bytes())
    _, (second,) = _poll_all(settings)
    assert (second.status, second.new_articles, second.page_errors) == ("ok", 1, [])
    assert store.counts()["articles"] == 2


def test_a_paywalled_page_is_refused_not_stored(feeds, make_settings):
    body = _fixture("rss2_summary_only.xml").replace(b"/pages/valuation.html", b"/pages/paywall.html")
    url = feeds.feed("/gazette.xml", body)
    feeds.page("/pages/stake.html", (FIXTURES / "pages" / "stake.html").read_bytes())
    feeds.page("/pages/paywall.html", (FIXTURES / "pages" / "paywall.html").read_bytes())
    store, (result,) = _poll_all(make_settings([url]))
    assert result.new_articles == 1
    assert "paywall or bot-challenge" in result.page_errors[0]


def test_feed_failures_are_counted_then_back_off_and_success_resets_them(feeds, make_settings, httpserver):
    httpserver.expect_oneshot_request("/flaky.xml").respond_with_data("oops", status=500)
    httpserver.expect_oneshot_request("/flaky.xml").respond_with_data("oops", status=502)
    url = httpserver.url_for("/flaky.xml")
    settings = make_settings([url])
    store, (first,) = _poll_all(settings)
    assert first.status == "error" and first.transient and "HTTP 500" in first.error
    assert first.next_poll_at is None                 # one failure: simply tried again next run
    _, (second,) = _poll_all(settings)
    health = store.query("feed_health_all")[0]
    assert (health["last_status"], health["consecutive_failures"], health["http_status"]) == ("error", 2, 502)
    waited = (health["next_poll_at"] - health["last_polled_at"]).total_seconds()
    assert waited == 15 * 60                          # two in a row: back off (defaults: 15 min)
    feeds.feed("/flaky.xml", _fixture("rss2_full_content.xml"))
    _, (skipped,) = _poll_all(settings)
    assert skipped.status == "skipped" and "backing off until" in skipped.error and "HTTP 502" in skipped.error
    assert httpserver.log[-1][0].path == "/flaky.xml" and len(httpserver.log) == 2     # no request made
    _, (ok,) = _poll_all(settings, force=True)        # polled by name (ingest --feed): no waiting
    health = store.query("feed_health_all")[0]
    assert ok.status == "ok" and (health["consecutive_failures"], health["last_error"], health["next_poll_at"]) == (0, None, None)


def test_an_html_page_served_as_a_feed_is_a_recorded_parse_error(feeds, make_settings):
    url = feeds.feed("/home.xml", _fixture("not_a_feed.html"), content_type="text/html")
    store, (result,) = _poll_all(make_settings([url]))
    assert result.status == "error" and "not a feed" in result.error and not result.transient
    assert store.counts()["failures"] == 1


def test_the_same_story_in_two_feeds_is_stored_once_as_original_and_duplicate(feeds, make_settings):
    one = _fixture("rss2_full_content.xml")
    two = (one.replace(b"Test Chronicle", b"Test Syndicate").replace(b"chronicle-", b"syndicate-")
              .replace(b"/tech/", b"/copies/").replace(b"Mon, 22 Sep 2025 18:00", b"Tue, 23 Sep 2025 08:00")
              .replace(b"Wed, 10 Sep 2025 14:00", b"Thu, 11 Sep 2025 09:00"))
    urls = [feeds.feed("/chronicle.xml", one), feeds.feed("/syndicate.xml", two)]
    store, _ = _poll_all(make_settings(urls))
    with store.read() as con:
        rows = con.execute("SELECT a.outlet, o.outlet FROM articles a JOIN articles o ON a.duplicate_of = o.article_id").fetchall()
    assert sorted(rows) == [("Test Syndicate", "Test Chronicle")] * 2


def test_entries_without_link_or_guid_are_recorded_each_and_do_not_hide_others(feeds, make_settings):
    body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Odd</title>'
            b"<item><title>No link one</title><description>x</description></item>"
            b"<item><title>No link two</title><description>y</description></item>"
            b"<item><title>Fine</title><guid>odd-3</guid><link>/ok</link><description><![CDATA["
            + b"<p>" + b"OpenAI is valued at $500 billion. " * 30 + b"</p>]]></description></item>"
            b"</channel></rss>")
    store, (result,) = _poll_all(make_settings([feeds.feed("/odd.xml", body)]))
    assert result.new_articles == 1
    assert sorted(e.split(": ", 1)[1] for e in result.page_errors) == [
        "entry 'No link one' has neither a link nor a GUID", "entry 'No link two' has neither a link nor a GUID"]
