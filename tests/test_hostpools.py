"""The fetcher's pool per server (flows/sources/hostpools.py): connections kept per server and
reused, a bounded number of servers kept open, none closed under a request, and proxies from
the environment still used. Real servers on 127.0.0.1 that note which connection asked."""
import asyncio
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from claimtrack.flows.sources.hostpools import HostPools
from claimtrack.flows.sources.http import Fetcher


class Server:
    """A keep-alive HTTP/1.1 server answering 'ok' that records the client port of each request
    (one port per connection) and the request line's target."""

    def __init__(self):
        self.ports, self.targets = [], []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                outer.ports.append(self.client_address[1])
                outer.targets.append(self.path)
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def connections(self) -> int:
        return len(set(self.ports))

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def servers():
    made = [Server() for _ in range(3)]
    yield made
    for s in made:
        s.close()


def _get_all(pools: HostPools, urls: list[str]) -> list[bytes]:
    async def run():
        async with httpx.AsyncClient(transport=pools) as client:
            return [(await client.get(u)).content for u in urls]
    return asyncio.run(run())


def test_each_server_keeps_its_connection_between_requests(servers):
    a, b, _ = servers
    pools = HostPools(per_host=2, max_pools=8)
    bodies = _get_all(pools, [f"{s.url}/{i}" for i in range(3) for s in (a, b)])
    assert bodies == [b"ok"] * 6
    assert (len(a.ports), a.connections) == (3, 1)
    assert (len(b.ports), b.connections) == (3, 1)


def test_only_max_pools_servers_stay_open_the_least_recently_used_closed_first(servers):
    a, b, c = servers
    pools = HostPools(per_host=2, max_pools=2)

    async def run():
        async with httpx.AsyncClient(transport=pools) as client:
            for s in (a, b, c):               # a is closed when c opens
                await client.get(f"{s.url}/1")
            open_after_three = pools.open_pools
            await client.get(f"{c.url}/2")    # c's connection kept
            await client.get(f"{a.url}/2")    # a asked again on a new connection; b closed
            return open_after_three

    assert asyncio.run(run()) == 2
    assert (a.connections, b.connections, c.connections) == (2, 1, 1)


def test_a_server_with_a_response_being_read_is_not_closed(servers):
    a, b, c = servers
    pools = HostPools(per_host=2, max_pools=1)

    async def run():
        async with httpx.AsyncClient(transport=pools) as client:
            async with client.stream("GET", f"{a.url}/slow") as reading:
                others = [(await client.get(f"{s.url}/1")).content for s in (b, c)]
                body = await reading.aread()
            return others, body, pools.open_pools

    others, body, still_open = asyncio.run(run())
    assert (others, body) == ([b"ok", b"ok"], b"ok")
    assert still_open == 2                   # a, being read, and c, just used: b was closed


def test_the_fetcher_reuses_connections_per_server(servers, make_settings):
    a, b, _ = servers
    with Fetcher(make_settings([]).http) as fetcher:
        got = [fetcher.get(f"{s.url}/{i}", 100).body for i in range(4) for s in (a, b)]
    assert got == [b"ok"] * 8
    assert (a.connections, b.connections) == (1, 1)


def test_a_proxy_from_the_environment_is_still_used(servers, make_settings, monkeypatch):
    proxy = servers[0]
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    with Fetcher(make_settings([]).http) as fetcher:
        got = fetcher.get("http://news.example.test/feed.xml", 100)
    assert got.body == b"ok"
    assert proxy.targets == ["http://news.example.test/feed.xml"]


def test_fetchers_of_one_process_share_a_tls_context_until_the_ca_settings_change(make_settings, monkeypatch):
    """Loading the CA bundle costs tens of milliseconds a run; the context is made once per
    process, and made again when SSL_CERT_FILE or SSL_CERT_DIR names other certificates."""
    import certifi

    from claimtrack.flows.sources.hostpools import tls_context

    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    contexts = []
    for _ in range(2):
        with Fetcher(make_settings([]).http) as fetcher:
            pools = [t for t in fetcher.client._mounts.values() if isinstance(t, HostPools)]
            contexts += [p._tls for p in pools]
    assert len(contexts) == 2
    assert contexts[0] is contexts[1] is tls_context()
    monkeypatch.setenv("SSL_CERT_FILE", certifi.where())
    assert tls_context() is not contexts[0]
    assert tls_context() is tls_context()
