"""Servers that trickle bytes (issue 16, class 2): a byte every fraction of a second never
trips a read timeout, so each request has a total deadline and a body a minimum rate. Real
local servers that trickle from a thread; deadlines of 1.5 s keep the tests quick."""
from __future__ import annotations

import socket
import threading
import time

import pytest

from conftest import FIXTURES, write_config
from claimtrack.db.store import Store
from claimtrack.errors import TransientFetchError
from claimtrack.flows.sources.http import Fetcher
from claimtrack.flows.sources.ingest import file_roots, poll_feed

DEADLINE = 1.5
PAGE = (FIXTURES / "pages" / "valuation.html").read_bytes()


class Trickler:
    """A raw HTTP server on 127.0.0.1 that answers every request with `reply`, sending its
    first `at_once` bytes at once and the rest a byte every `every` seconds, never silent
    long enough for a read timeout; it gives up after `at_most` seconds (so that code
    without a deadline fails a test instead of hanging it) and counts the requests."""

    def __init__(self, reply: bytes, at_once: int = 0, every: float = 0.1, at_most: float = 8.0) -> None:
        self.reply, self.at_once, self.every, self.at_most = reply, at_once, every, at_most
        self.requests = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.requests += 1
            threading.Thread(target=self._trickle, args=(conn,), daemon=True).start()

    def _trickle(self, conn: socket.socket) -> None:
        until = time.monotonic() + self.at_most
        try:
            conn.recv(65536)
            conn.sendall(self.reply[:self.at_once])
            for i in range(self.at_once, len(self.reply)):
                if time.monotonic() > until:
                    break
                conn.sendall(self.reply[i:i + 1])
                time.sleep(self.every)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.listener.close()


def _reply(body: bytes, content_type: str = "text/html; charset=utf-8", padding: int = 0) -> bytes:
    """A 200 response; `padding` bytes of an extra header make the headers long to trickle."""
    extra = f"X-Padding: {'p' * padding}\r\n" if padding else ""
    return (f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n{extra}\r\n"
            ).encode("latin-1") + body


@pytest.fixture
def trickler():
    servers = []

    def start(*args, **kwargs) -> Trickler:
        servers.append(Trickler(*args, **kwargs))
        return servers[-1]
    yield start
    for server in servers:
        server.close()


@pytest.fixture
def http(make_settings):
    """[http] settings for these tests: read timeout 1 s (a byte comes every 0.1 s), deadline 1.5 s."""
    return make_settings([], http={"read_timeout": 1.0, "total_timeout": DEADLINE}).http


def _timed_failure(fetcher: Fetcher, url: str) -> tuple[TransientFetchError, float]:
    started = time.monotonic()
    with pytest.raises(TransientFetchError) as caught:
        fetcher.get(url, 1_000_000)
    return caught.value, time.monotonic() - started


def test_headers_sent_a_byte_at_a_time_meet_the_deadline(trickler, http):
    server = trickler(_reply(PAGE, padding=400))              # ~500 bytes of headers: 50 s at this pace
    with Fetcher(http) as fetcher:
        error, took = _timed_failure(fetcher, server.url + "/feed.xml")
    assert type(error).__name__ == "SlowServerError"
    assert str(error) == f"{server.url}/feed.xml: no response within 1.5 s"
    assert DEADLINE - 0.1 < took < DEADLINE + 1.0


def test_a_body_sent_a_byte_at_a_time_meets_the_deadline(trickler, make_settings):
    reply = _reply(PAGE)
    server = trickler(reply, at_once=len(reply) - len(PAGE))  # headers at once, then the body trickles
    http = make_settings([], http={"read_timeout": 1.0, "total_timeout": DEADLINE, "min_bytes_per_second": 0}).http
    with Fetcher(http) as fetcher:
        error, took = _timed_failure(fetcher, server.url + "/page.html")
    assert type(error).__name__ == "SlowServerError"
    assert "/page.html: body not complete within 1.5 s (" in str(error) and "bytes came)" in str(error)
    assert DEADLINE - 0.1 < took < DEADLINE + 1.0


def test_a_body_slower_than_the_minimum_rate_is_given_up_before_the_deadline(trickler, make_settings):
    """1 KB/s at the least once the body has been arriving for read_timeout (0.5 s here)."""
    reply = _reply(PAGE)
    server = trickler(reply, at_once=len(reply) - len(PAGE), every=0.05)     # 20 bytes a second
    http = make_settings([], http={"read_timeout": 0.5, "total_timeout": 30.0, "min_bytes_per_second": 1024}).http
    with Fetcher(http) as fetcher:
        error, took = _timed_failure(fetcher, server.url + "/page.html")
    assert type(error).__name__ == "SlowServerError"
    assert "/page.html: transfer slower than 1 KB/s (" in str(error)
    assert took < 1.5


def test_a_slow_article_host_costs_one_deadline_and_the_feeds_other_pages_are_stored(trickler, make_settings,
                                                                                    httpserver):
    """Two pages on a trickling host: the first meets the deadline, the second is not asked
    for (the host was too slow this run); the page elsewhere is stored; all recorded."""
    slow = trickler(_reply(PAGE, padding=400))
    items = "".join(f"<item><title>Story {n}</title><link>{link}</link><guid>{n}</guid>"
                    "<description>A teaser.</description></item>"
                    for n, link in (("a", f"{slow.url}/a.html"), ("b", f"{slow.url}/b.html"),
                                    ("c", httpserver.url_for("/c.html"))))
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Mixed</title>{items}</channel></rss>'
    httpserver.expect_request("/mixed.xml").respond_with_data(feed, content_type="application/rss+xml")
    httpserver.expect_request("/c.html").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    settings = make_settings([httpserver.url_for("/mixed.xml")], http={"read_timeout": 1.0, "total_timeout": DEADLINE})
    store = Store(settings.storage.db)
    started = time.monotonic()
    with Fetcher(settings.http, file_roots(settings)) as fetcher:
        result = poll_feed(settings.feeds[0], settings, store, fetcher)
    assert time.monotonic() - started < DEADLINE + 2.0
    assert (result.status, result.new_articles, slow.requests) == ("ok", 1, 1)
    with store.read() as con:
        failures = con.execute("SELECT url, error, transient FROM fetch_failures WHERE kind = 'page' "
                               "ORDER BY url").fetchall()
    assert [(url[-6:], transient) for url, _, transient in failures] == [("a.html", True), ("b.html", True)]
    assert failures[0][1].endswith("/a.html: no response within 1.5 s")
    assert "/b.html: not requested: 127.0.0.1:" in failures[1][1] and "too slow earlier in this run" in failures[1][1]


def test_a_slow_feed_does_not_hold_the_ingest_run_and_backs_off(prefect_harness, trickler, httpserver, tmp_path):
    """The real flow, feeds polled in parallel: the trickling feed meets the deadline once (no
    retries within the run: each would cost another deadline), its failure is recorded, the
    other feed is stored, and after two runs the slow feed backs off."""
    from claimtrack.flows.orchestration.prefect_flows import ingest_flow
    slow = trickler(_reply(b"<rss/>", "application/rss+xml", padding=400))
    httpserver.expect_request("/good.xml").respond_with_data(
        (FIXTURES / "feeds" / "rss2_full_content.xml").read_bytes(), content_type="application/rss+xml")
    good = httpserver.url_for("/good.xml")
    config = write_config(tmp_path, [f"{slow.url}/slow.xml", good],
                          http={"read_timeout": 1.0, "total_timeout": DEADLINE})
    db = tmp_path / "claimtrack.duckdb"
    for run in (1, 2):
        started = time.monotonic()
        polls = {p["feed"]: p for p in ingest_flow(str(config), str(db))}
        assert time.monotonic() - started < DEADLINE + 5.0, f"run {run} was held by the slow feed"
        assert polls[f"{slow.url}/slow.xml"]["status"] == "error"
        assert polls[good]["status"] in ("ok", "not_modified")
    assert slow.requests == 2                                 # one request a run: not retried within it
    store = Store(db)
    assert store.counts()["articles"] == 2                    # the good feed's entries (rss2_full_content.xml)
    health = {r["url"]: r for r in store.query("feed_health_all")}[f"{slow.url}/slow.xml"]
    assert health["consecutive_failures"] == 2 and health["next_poll_at"] is not None
    failures = store.query("failures_recent")
    assert [f["error"] for f in failures] == [f"{slow.url}/slow.xml: no response within 1.5 s"] * 2
    assert all(f["transient"] and f["kind"] == "feed" for f in failures)
