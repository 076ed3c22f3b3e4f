"""Fetching from a real local HTTP server: conditional GET, caps, redirects, faults, and the
address and scheme guards."""
import gzip
import time
from dataclasses import replace

import pytest
from werkzeug import Response

from claimtrack.errors import PermanentFetchError, TransientFetchError
from claimtrack.flows.sources.http import Fetcher
from claimtrack.flows.sources.urls import is_feed_proxy


class FakeSleep:
    """Records the waits a fetcher asks for instead of sleeping through them."""

    def __init__(self):
        self.waits = []

    def __call__(self, seconds):
        self.waits.append(seconds)


@pytest.fixture
def slept():
    return FakeSleep()


@pytest.fixture
def fetcher(make_settings, slept):
    with Fetcher(make_settings([], http={"contact": "ops@example.org"}).http, sleep=slept) as f:
        yield f


def test_ok_sends_a_user_agent_naming_claimtrack_and_the_contact(httpserver, fetcher):
    seen = {}

    def handler(request):
        seen["ua"] = request.headers.get("User-Agent")
        return Response(b"<rss/>", content_type="application/rss+xml")
    httpserver.expect_request("/feed").respond_with_handler(handler)
    got = fetcher.get(httpserver.url_for("/feed"), 1000)
    assert got.status == 200 and got.body == b"<rss/>"
    assert seen["ua"].startswith("claimtrack/") and "ops@example.org" in seen["ua"]


def test_conditional_get_returns_304_with_no_body(httpserver, fetcher):
    def handler(request):
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(b"<rss/>", headers={"ETag": '"v1"', "Last-Modified": "Tue, 28 Oct 2025 10:00:00 GMT"})
    httpserver.expect_request("/feed").respond_with_handler(handler)
    first = fetcher.get(httpserver.url_for("/feed"), 1000)
    again = fetcher.get(httpserver.url_for("/feed"), 1000, etag=first.headers["etag"])
    assert again.not_modified and again.body == b""


def test_declared_oversize_body_is_refused(httpserver, fetcher):
    httpserver.expect_request("/big").respond_with_data(b"x" * 5000)
    with pytest.raises(PermanentFetchError, match="over the 1,000-byte cap"):
        fetcher.get(httpserver.url_for("/big"), 1000)


def test_streamed_oversize_body_is_cut_off(httpserver, fetcher):
    def handler(request):
        return Response((b"x" * 1000 for _ in range(50)), direct_passthrough=True)   # chunked, no length
    httpserver.expect_request("/stream").respond_with_handler(handler)
    with pytest.raises(PermanentFetchError, match="over the 10,000-byte cap"):
        fetcher.get(httpserver.url_for("/stream"), 10_000)


def test_compression_bomb_is_stopped_by_the_decoded_size_cap(httpserver, fetcher):
    bomb = gzip.compress(b"\0" * 5_000_000)         # 5 MB of zeros in about 5 KB
    httpserver.expect_request("/bomb").respond_with_data(bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(PermanentFetchError, match="cap"):
        fetcher.get(httpserver.url_for("/bomb"), 100_000)


def test_gzip_bodies_are_decoded(httpserver, fetcher):
    httpserver.expect_request("/gz").respond_with_data(gzip.compress(b"<rss>ok</rss>"),
                                                       headers={"Content-Encoding": "gzip"})
    assert fetcher.get(httpserver.url_for("/gz"), 1000).body == b"<rss>ok</rss>"


def test_redirects_are_followed_up_to_five(httpserver, fetcher):
    for i in range(5):
        httpserver.expect_request(f"/r{i}").respond_with_data("", status=302, headers={"Location": f"/r{i + 1}"})
    httpserver.expect_request("/r5").respond_with_data(b"end")
    got = fetcher.get(httpserver.url_for("/r0"), 1000)
    assert got.body == b"end" and got.url.endswith("/r5")


def test_a_redirect_loop_is_a_permanent_error(httpserver, fetcher):
    httpserver.expect_request("/loop").respond_with_data("", status=301, headers={"Location": "/loop"})
    with pytest.raises(PermanentFetchError, match="more than 5 redirects"):
        fetcher.get(httpserver.url_for("/loop"), 1000)


@pytest.mark.parametrize("status, error, retry_after", [
    (500, TransientFetchError, None), (503, TransientFetchError, 120.0),
    (429, TransientFetchError, 7.0), (404, PermanentFetchError, None), (410, PermanentFetchError, None),
])
def test_status_codes_map_to_transient_or_permanent(httpserver, fetcher, status, error, retry_after):
    headers = {"Retry-After": str(int(retry_after))} if retry_after else {}
    httpserver.expect_request("/s").respond_with_data("no", status=status, headers=headers)
    with pytest.raises(error, match=f"HTTP {status}") as info:
        fetcher.get(httpserver.url_for("/s"), 1000)
    assert info.value.status == status
    assert getattr(info.value, "retry_after", None) == retry_after


def test_a_short_retry_after_is_waited_out_then_tried_once_more(httpserver, fetcher, slept):
    httpserver.expect_ordered_request("/busy").respond_with_data("slow down", status=429, headers={"Retry-After": "2"})
    httpserver.expect_ordered_request("/busy").respond_with_data("<rss/>")
    got = fetcher.get(httpserver.url_for("/busy"), 1000)
    assert (got.status, got.body, slept.waits) == (200, b"<rss/>", [pytest.approx(2.0, abs=0.5)])


def test_a_retry_after_given_as_a_date_is_understood(httpserver, fetcher):
    import email.utils
    later = email.utils.formatdate(time.time() + 3600, usegmt=True)
    httpserver.expect_request("/busy").respond_with_data("", status=503, headers={"Retry-After": later})
    with pytest.raises(TransientFetchError) as info:
        fetcher.get(httpserver.url_for("/busy"), 1000)
    assert 3500 < info.value.retry_after <= 3600


def test_a_long_retry_after_is_not_waited_and_keeps_us_off_that_host(httpserver, fetcher, slept):
    httpserver.expect_request("/feed").respond_with_data("", status=429, headers={"Retry-After": "3600"})
    httpserver.expect_request("/other-page").respond_with_data("fine")
    with pytest.raises(TransientFetchError, match="HTTP 429") as info:
        fetcher.get(httpserver.url_for("/feed"), 1000)
    assert info.value.retry_after == 3600 and slept.waits == []
    with pytest.raises(TransientFetchError, match=r"asked for 3\d+ s without requests"):
        fetcher.get(httpserver.url_for("/other-page"), 1000)        # same host: not even asked
    assert [req.path for req, _ in httpserver.log] == ["/feed"]


def test_requests_to_one_host_are_limited_to_per_host_at_once(make_settings):
    """A real threaded server counts how many requests it is serving at once."""
    import threading
    from concurrent.futures import ThreadPoolExecutor
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    state = {"now": 0, "most": 0}
    lock = threading.Lock()

    class Slow(BaseHTTPRequestHandler):
        def do_GET(self):
            with lock:
                state["now"] += 1
                state["most"] = max(state["most"], state["now"])
            time.sleep(0.15)
            with lock:
                state["now"] -= 1
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings = make_settings([], http={"per_host": 2, "concurrency": 8})
        with Fetcher(settings.http) as fetcher, ThreadPoolExecutor(8) as pool:
            url = f"http://127.0.0.1:{server.server_port}/p"
            bodies = list(pool.map(lambda i: fetcher.get(f"{url}{i}", 100).body, range(8)))
    finally:
        server.shutdown()
        server.server_close()
    assert bodies == [b"ok"] * 8
    assert state["most"] == 2


def test_a_connection_reset_mid_body_is_a_transient_error(fetcher):
    import socket
    import threading
    listener = socket.create_server(("127.0.0.1", 0))

    def serve_half():
        conn, _ = listener.accept()
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 5000\r\n\r\n<rss ver")
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        conn.close()                       # linger 0: the peer sees a reset, not a clean end

    thread = threading.Thread(target=serve_half, daemon=True)
    thread.start()
    try:
        with pytest.raises(TransientFetchError, match="connection failed"):
            fetcher.get(f"http://127.0.0.1:{listener.getsockname()[1]}/feed.xml", 100_000)
    finally:
        thread.join(5)
        listener.close()


def test_resolve_follows_a_feed_proxy_redirect_without_reading_the_article(httpserver, fetcher):
    httpserver.expect_request("/~r/feed/~3/abc/story").respond_with_data(
        "", status=301, headers={"Location": "/news/story.html?utm_source=feedburner"})
    target = httpserver.url_for("/news/story.html?utm_source=feedburner")
    assert fetcher.resolve(httpserver.url_for("/~r/feed/~3/abc/story"), through=is_feed_proxy) == target
    assert [req.path for req, _ in httpserver.log] == ["/~r/feed/~3/abc/story"]


def test_a_slow_server_times_out_as_a_transient_error(httpserver, fetcher):
    def slow(request):
        time.sleep(3)
        return Response(b"late")
    httpserver.expect_request("/slow").respond_with_handler(slow)
    with pytest.raises(TransientFetchError, match="timed out"):
        fetcher.get(httpserver.url_for("/slow"), 1000)


def test_a_server_that_never_accepts_is_a_connect_timeout(fetcher):
    """A listener whose one-slot backlog is already full: the kernel drops our SYN, so the
    connection neither opens nor fails, and the connect timeout (2 s here) must end it."""
    import socket
    listener = socket.create_server(("127.0.0.1", 0), backlog=0)
    port = listener.getsockname()[1]
    fillers = []
    try:
        for _ in range(4):
            s = socket.socket()
            s.setblocking(False)
            s.connect_ex(("127.0.0.1", port))
            fillers.append(s)
        with pytest.raises(TransientFetchError, match=r"timed out \(ConnectTimeout\)"):
            fetcher.get(f"http://127.0.0.1:{port}/feed.xml", 1000)
    finally:
        for s in fillers:
            s.close()
        listener.close()


def test_a_closed_port_is_a_transient_error(fetcher):
    with pytest.raises(TransientFetchError, match="connection failed"):
        fetcher.get("http://127.0.0.1:9/", 1000)


def test_loopback_is_refused_unless_allowed(httpserver, make_settings):
    httpserver.expect_request("/feed").respond_with_data(b"<rss/>")
    strict = replace(make_settings([]).http, allow_private=False)
    with Fetcher(strict) as f, pytest.raises(PermanentFetchError, match="127.0.0.1 is a private, loopback"):
        f.get(httpserver.url_for("/feed"), 1000)


def test_private_and_link_local_addresses_are_refused(make_settings):
    strict = replace(make_settings([]).http, allow_private=False)
    with Fetcher(strict) as f:
        for url in ("http://169.254.169.254/latest/meta-data", "http://10.0.0.1/", "http://[::1]/"):
            with pytest.raises(PermanentFetchError, match="private, loopback or reserved"):
                f.get(url, 1000)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", "ftp://example.org/f", "gopher://x"])
def test_only_http_and_https_are_fetched(fetcher, url):
    with pytest.raises(PermanentFetchError, match="is not http or https"):
        fetcher.get(url, 1000)


@pytest.mark.parametrize("url", ["http://a.test:99999/", "http://a.test:http/", "http://[zz]/"])
def test_a_url_that_is_no_url_is_a_clear_permanent_error(fetcher, url):
    with pytest.raises(PermanentFetchError, match="not a valid URL"):
        fetcher.get(url, 1000)


def test_file_urls_only_inside_configured_feed_folders(tmp_path, make_settings):
    inside, outside = tmp_path / "feeds", tmp_path / "secret"
    inside.mkdir(), outside.mkdir()
    (inside / "a.xml").write_text("<rss/>")
    (outside / "b.txt").write_text("password")
    with Fetcher(make_settings([]).http, file_roots=(inside,)) as f:
        got = f.get((inside / "a.xml").as_uri(), 1000)
        assert got.body == b"<rss/>"
        assert f.get((inside / "a.xml").as_uri(), 1000, last_modified=got.headers["last-modified"]).not_modified
        for url in ((outside / "b.txt").as_uri(), (inside / ".." / "secret" / "b.txt").as_uri(), "file:///etc/passwd"):
            with pytest.raises(PermanentFetchError, match="only inside the folders"):
                f.get(url, 1000)


def test_tests_cannot_reach_beyond_loopback(fetcher):
    """The session guard in conftest: a real host name is never looked up from a test."""
    with pytest.raises(TransientFetchError, match="tests may not look up 'example.org'"):
        fetcher.get("http://example.org/feed", 1000)


def test_the_connected_address_is_checked_too(httpserver, make_settings):
    """DNS rebinding: a name that looked public when checked but connects to loopback is refused."""
    httpserver.expect_request("/feed").respond_with_data(b"<rss/>")
    with Fetcher(replace(make_settings([]).http, allow_private=False)) as f:
        f._check_host = lambda url: None          # the name check passed (or was fooled)
        with pytest.raises(PermanentFetchError, match="refused: 127.0.0.1"):
            f.get(httpserver.url_for("/feed"), 1000)
