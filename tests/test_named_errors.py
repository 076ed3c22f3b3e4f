"""Every failure of a feed or an article page is a named, recorded error (issue 16, class 6):
redirects to a Location that is no http(s) URL, links httpx cannot send, charsets that are no
text encoding, links that are no URL. Real local server, real ingest code, real DuckDB; none
of these may reach the catch-all that records "unexpected"."""
from __future__ import annotations

import re
import socket
import threading

import pytest

from conftest import FIXTURES
from claimtrack.db.store import Store
from claimtrack.errors import PermanentFetchError
from claimtrack.flows.sources.http import Fetcher
from claimtrack.flows.sources.ingest import file_roots, poll_feed

PAGE = (FIXTURES / "pages" / "valuation.html").read_bytes()


def _feed(*items: tuple[str, str]) -> bytes:
    """An RSS feed of teaser entries (guid, link): each article is read from its page."""
    body = "".join(f"<item><title>Story {guid}</title><link>{link}</link><guid>{guid}</guid>"
                   "<description>A teaser.</description></item>" for guid, link in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Named</title>'
            f"{body}</channel></rss>").encode("utf-8")


def _poll(settings):
    store = Store(settings.storage.db, settings.storage.lock_wait_seconds)
    with Fetcher(settings.http, file_roots(settings)) as fetcher:
        (result,) = [poll_feed(f, settings, store, fetcher) for f in settings.feeds]
    return store, result


def _failures(store: Store) -> list[dict]:
    with store.read() as con:
        rows = con.execute("SELECT url, kind, error, transient FROM fetch_failures ORDER BY failed_at").fetchall()
    return [dict(zip(("url", "kind", "error", "transient"), r)) for r in rows]


@pytest.fixture
def redirector():
    """A raw server on 127.0.0.1 answering every request with a redirect to the Location it
    is given, byte for byte (werkzeug will not send one that is no URL)."""
    listeners = []

    def start(status: int, location: str) -> str:
        listener = socket.create_server(("127.0.0.1", 0))
        listeners.append(listener)
        reply = (f"HTTP/1.1 {status} Moved\r\nLocation: {location}\r\nContent-Length: 0\r\n"
                 "Connection: close\r\n\r\n").encode("latin-1")

        def serve() -> None:
            while True:
                try:
                    conn, _ = listener.accept()
                except OSError:
                    return
                with conn:
                    conn.recv(65536)
                    conn.sendall(reply)
        threading.Thread(target=serve, daemon=True).start()
        return f"http://127.0.0.1:{listener.getsockname()[1]}/moved.xml"
    yield start
    for listener in listeners:
        listener.close()


BAD_LOCATIONS = {
    "javascript": "javascript:alert(1)",
    "data": "data:application/rss+xml;base64,PHJzcy8+",
    "unclosed-ipv6": "http://[zz/feed.xml",
}


@pytest.mark.parametrize("location", BAD_LOCATIONS.values(), ids=BAD_LOCATIONS.keys())
def test_a_feed_redirecting_to_no_http_url_is_recorded_and_backs_off(redirector, make_settings, location):
    """It used to escape poll_feed (httpx's InvalidURL, urljoin's ValueError): the CLI printed
    ✗ and nothing was recorded, so the feed never backed off."""
    url = redirector(302, location)
    settings = make_settings([url])
    store, first = _poll(settings)
    assert first.status == "error" and not first.transient
    assert first.error.startswith(f"{url}: HTTP 302 redirects to ") and "unexpected" not in first.error
    _, second = _poll(settings)
    (health,) = store.query("feed_health_all")
    assert (health["last_status"], health["consecutive_failures"]) == ("error", 2)
    assert health["next_poll_at"] is not None and second.next_poll_at is not None      # backing off
    failures = _failures(store)
    assert [(f["kind"], f["transient"]) for f in failures] == [("feed", False)] * 2
    assert all("redirects to" in f["error"] for f in failures)


@pytest.mark.parametrize("location", BAD_LOCATIONS.values(), ids=BAD_LOCATIONS.keys())
def test_a_redirect_to_no_http_url_is_a_permanent_fetch_error_naming_both(redirector, make_settings, location):
    url = redirector(301, location)
    with Fetcher(make_settings([]).http) as fetcher, pytest.raises(PermanentFetchError) as caught:
        fetcher.get(url, 1000)
    assert caught.value.url == url and caught.value.status == 301
    assert location[:12] in str(caught.value)


# each entry page case: what the server does, and what must be recorded (None: the article is stored)
PAGE_CASES = {
    "redirect-to-data": ("redirect", "data:text/html,<p>hello</p>", r"HTTP 302 redirects to 'data:text/html"),
    "redirect-to-javascript": ("redirect", "javascript:void(0)", r"HTTP 302 redirects to 'javascript:void"),
    "100-kb-link": ("long-link", "", r"not a valid URL: URL too long"),
    "charset-idna": ("charset", "idna", None),
    "charset-undefined": ("charset", "undefined", None),
    "meta-charset-punycode": ("meta-charset", "punycode", None),
    "canonical-that-is-no-url": ("canonical", "http://[zz/story", None),
}


@pytest.mark.parametrize("case", PAGE_CASES, ids=PAGE_CASES)
def test_an_entry_page_failure_is_named_never_unexpected(httpserver, make_settings, case):
    kind, value, error = PAGE_CASES[case]
    link = "/pages/case.html"
    if kind == "redirect":
        httpserver.expect_request(link).respond_with_data("", status=302, headers={"Location": value})
    elif kind == "long-link":
        link = "/pages/" + "a" * 100_000
    elif kind == "charset":
        httpserver.expect_request(link).respond_with_data(PAGE, content_type=f"text/html; charset={value}")
    elif kind == "meta-charset":
        httpserver.expect_request(link).respond_with_data(
            PAGE.replace(b'<meta charset="utf-8">', f'<meta charset="{value}">'.encode()), content_type="text/html")
    elif kind == "canonical":
        httpserver.expect_request(link).respond_with_data(
            PAGE.replace(b"</head>", f'<link rel="canonical" href="{value}"></head>'.encode()),
            content_type="text/html; charset=utf-8")
    httpserver.expect_request("/pages/good.html").respond_with_data(PAGE.replace(b"OpenAI valued", b"Valued"),
                                                                    content_type="text/html; charset=utf-8")
    feed_body = _feed(("case", httpserver.url_for(link)), ("good", "/pages/good.html"))
    httpserver.expect_request("/named.xml").respond_with_data(feed_body, content_type="application/rss+xml")
    store, result = _poll(make_settings([httpserver.url_for("/named.xml")]))
    assert result.status == "ok"
    if error is None:                      # read as UTF-8 (as a browser would); the page is an article
        assert (result.new_articles, result.page_errors) == (2, [])
        return
    assert result.new_articles == 1                      # the other entry is stored
    (failure,) = _failures(store)
    assert failure["kind"] == "page" and not failure["transient"]
    assert "unexpected" not in failure["error"]
    assert re.search(error, failure["error"]), failure["error"]
    assert len(failure["error"]) < 1_000                 # a 100 KB link is quoted cut, with its length


def test_a_feedburner_origlink_that_is_no_url_is_a_named_page_error(httpserver, make_settings):
    """feedburner:origLink passes as http(s) by its prefix; 'http://[zz' then broke the proxy check."""
    feed_body = _feed(("good", "/pages/good.html")).replace(
        b"</channel>", b'<item xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><title>Odd</title>'
        b"<link>/pages/odd.html</link><guid>odd</guid><description>A teaser.</description>"
        b"<feedburner:origLink>http://[zz/odd</feedburner:origLink></item></channel>")
    httpserver.expect_request("/pages/good.html").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    httpserver.expect_request("/origlink.xml").respond_with_data(feed_body, content_type="application/rss+xml")
    store, result = _poll(make_settings([httpserver.url_for("/origlink.xml")]))
    assert result.new_articles == 1
    (failure,) = _failures(store)
    assert failure["kind"] == "page" and not failure["transient"]
    assert "http://[zz/odd: not a valid URL" in failure["error"] and "unexpected" not in failure["error"]
