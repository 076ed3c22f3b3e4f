"""httpx's transport with one small connection pool per server instead of one pool for all.

httpcore's pool looks at every connection it holds, asking each idle one whether the server
closed it (a poll of its socket), at every request and at every response closed: a run with
twenty connections open paid ~0.45 ms of CPU a request for that alone, on the one core its
threads share (bench/README.md, ingest). A run asks each server for at most `per_host`
requests at a time (flows/sources/politeness.py), so a pool per server holds that many and its
checks look at those. Pools of servers no longer asked are closed once more than `max_pools`
are open, so a run over many sites keeps a bounded number of sockets (`max_pools` ×
`per_host`). All of it runs on the fetcher's one event loop, so no locks.
"""
from __future__ import annotations

import functools
import os
import ssl
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable

import httpx

Origin = tuple[bytes, bytes, int | None]

MAX_POOLS = 64          # servers whose connections stay open: with 20, a run over 50 hosts reconnected all the time


def tls_context() -> ssl.SSLContext:
    """The TLS context of this process's fetchers, made as httpx makes its own: once, not at
    every run, since loading the CA bundle took 40-110 ms on a loaded machine (a tenth of a
    re-poll answered 304 throughout); made again when SSL_CERT_FILE or SSL_CERT_DIR changes."""
    return _tls_for(os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))


@functools.lru_cache(maxsize=4)
def _tls_for(cert_file: str | None, cert_dir: str | None) -> ssl.SSLContext:
    return httpx.create_ssl_context(trust_env=True)     # reads the two variables itself


class _Released(httpx.AsyncByteStream):
    """A response body that tells its pool's owner when it is closed (the request is over)."""

    def __init__(self, stream: httpx.AsyncByteStream, done: Callable[[], None]) -> None:
        self._stream, self._done = stream, done

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self._stream.__aiter__()         # the body's own chunks, without another generator

    async def aclose(self) -> None:
        done, self._done = self._done, None
        try:
            await self._stream.aclose()
        finally:
            if done is not None:
                done()


class HostPools(httpx.AsyncBaseTransport):
    """Requests dispatched to a pool of their origin (scheme, host, port) holding up to
    `per_host` kept-alive connections; at most `max_pools` pools stay open, the ones used least
    recently and with no request in flight closed first."""

    def __init__(self, per_host: int, max_pools: int, tls: ssl.SSLContext | None = None) -> None:
        self.per_host = max(per_host, 1)
        self.max_pools = max(max_pools, 1)
        # one TLS context for all pools (by default the process's, `tls_context`): loading the CA
        # bundle for each new pool (~17 ms) would cost more than the pools save
        self._tls = tls or tls_context()
        self._pools: OrderedDict[Origin, httpx.AsyncHTTPTransport] = OrderedDict()
        self._in_flight: dict[Origin, int] = {}
        self._closed = False

    @property
    def open_pools(self) -> int:
        return len(self._pools)

    def _pool(self, origin: Origin) -> httpx.AsyncHTTPTransport:
        pool = self._pools.get(origin)
        if pool is None:
            # a little room over per_host: a connection being closed still counts until it is
            limits = httpx.Limits(max_connections=self.per_host + 2, max_keepalive_connections=self.per_host)
            pool = self._pools[origin] = httpx.AsyncHTTPTransport(verify=self._tls, limits=limits)
        else:
            self._pools.move_to_end(origin)
        return pool

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._closed:
            raise RuntimeError("transport closed")
        url = request.url
        origin = (url.raw_scheme, url.raw_host, url.port)
        pool = self._pool(origin)
        self._in_flight[origin] = self._in_flight.get(origin, 0) + 1
        try:
            await self._trim()              # before connecting: this origin, in flight, stays
            response = await pool.handle_async_request(request)
        except BaseException:
            self._release(origin)
            raise
        response.stream = _Released(response.stream, lambda: self._release(origin))
        return response

    def _release(self, origin: Origin) -> None:
        left = self._in_flight.get(origin, 1) - 1
        if left:
            self._in_flight[origin] = left
        else:
            self._in_flight.pop(origin, None)

    async def _trim(self) -> None:
        """Close the least recently used idle pools while more than `max_pools` are open."""
        excess = len(self._pools) - self.max_pools
        if excess <= 0:
            return
        idle = [o for o in self._pools if o not in self._in_flight][:excess]
        closing = [self._pools.pop(origin) for origin in idle]    # all out before the first await
        for pool in closing:
            await pool.aclose()

    async def aclose(self) -> None:
        self._closed = True
        pools, self._pools = list(self._pools.values()), OrderedDict()
        for pool in pools:
            await pool.aclose()
