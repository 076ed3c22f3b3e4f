"""Fetch feeds and pages from untrusted URLs: timeouts, a streamed size cap, a redirect cap,
http(s) only, and no private or loopback addresses unless settings allow them (checked
before connecting and again on the address actually connected, on every redirect hop).

Politeness: at most `per_host` requests in flight per host, and a 429/503 Retry-After is
honoured: waited out when short (then one more try), otherwise reported so the feed backs off.

Slow servers: httpx's read timeout restarts with every byte, so a server trickling one byte a
second would hold a request for ever. Each request (every hop of it: connect, headers, body)
therefore runs under a total deadline, cancelled by anyio when it passes, and a body must
average `min_bytes_per_second` once it has been arriving for `read_timeout` seconds. Requests
run on one event loop in a thread of the fetcher's own; callers' threads wait for them. A host
found too slow is not asked again in the same run.

Every failure is a FetchError naming the URL: a redirect to a Location that is no http(s) URL,
or a link that httpx cannot send (a 100 KB URL), included.

`file:` URLs are read only inside folders the user's own config lists feeds in.
"""
from __future__ import annotations

import asyncio
import email.utils
import ipaddress
import socket
import threading
import time
import urllib.request
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urljoin, urlsplit

import anyio
import httpx

from claimtrack.flows.sources.bodies import CappedBody
from claimtrack.flows.sources.hostpools import MAX_POOLS, HostPools, tls_context
from claimtrack.errors import PermanentFetchError, SlowServerError, TransientFetchError, shown_url
from claimtrack.flows.sources.politeness import HostLimiter
from claimtrack.flows.settings import HttpSettings

_REDIRECTS = {301, 302, 303, 307, 308}
T = TypeVar("T")


@dataclass(frozen=True)
class Fetched:
    url: str                     # the final URL, after redirects
    status: int                  # 200, or 304 when the validators matched
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), else None."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _per_second(rate: float) -> str:
    """A rate as people write it: '1 KB/s', '1.5 KB/s', '500 bytes/s'."""
    if rate >= 1024:
        return f"{rate / 1024:g} KB/s"
    return f"{rate:g} bytes/s"


def redirect_target(url: str, status: int, location: str) -> str:
    """The absolute http(s) URL a redirect from `url` points to; PermanentFetchError naming
    `url` when the Location is no URL (unparseable, too long) or not http(s) (javascript:, data:)."""
    quoted = repr(shown_url(location))
    try:
        target = urljoin(url, location.strip())
        scheme = urlsplit(target).scheme.lower()
    except ValueError as exc:                  # 'http://[zz/'
        raise PermanentFetchError(url, f"HTTP {status} redirects to {quoted}, which is no URL: {exc}", status) from None
    if scheme not in ("http", "https"):
        raise PermanentFetchError(url, f"HTTP {status} redirects to {quoted}: only http and https are followed",
                                  status)
    try:
        httpx.URL(target)
    except httpx.InvalidURL as exc:           # over 65,536 characters, control characters
        raise PermanentFetchError(url, f"HTTP {status} redirects to {quoted}, which is no URL: {exc}", status) from None
    return target


class _Pace:
    """A body's progress against the minimum rate: once it has been arriving for `grace`
    seconds, fewer than `min_rate` bytes a second on average is a server too slow to wait for."""

    def __init__(self, url: str, min_rate: float, grace: float) -> None:
        self.url, self.min_rate, self.grace = url, min_rate, grace
        self.started = time.monotonic()
        self.received = 0

    def add(self, size: int) -> None:
        self.received += size
        elapsed = time.monotonic() - self.started
        if self.min_rate and elapsed >= self.grace and self.received < self.min_rate * elapsed:
            raise SlowServerError(self.url, f"transfer slower than {_per_second(self.min_rate)} "
                                            f"({self.received:,} bytes in {elapsed:.1f} s)")


class Fetcher:
    """One HTTP client for a run; call `get` from any thread. Requests run on the fetcher's own
    event loop (so that anyio can cancel one at its deadline) while the caller waits."""

    def __init__(self, settings: HttpSettings, file_roots: tuple[Path, ...] = (),
                 transport: httpx.AsyncBaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self.file_roots = tuple(p.resolve() for p in file_roots)
        self.hosts = HostLimiter(settings.per_host)
        self._sleep = sleep
        self._slow: dict[str, str] = {}           # host:port -> why it was given up on, this run
        self._slow_lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="claimtrack-http", daemon=True)
        self._thread.start()
        self.client = self._on_loop(self._open_client(transport))

    async def _open_client(self, transport: httpx.AsyncBaseTransport | None) -> httpx.AsyncClient:
        settings = self.settings
        timeout = httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout)
        limits = httpx.Limits(max_connections=settings.concurrency + 4,
                              max_keepalive_connections=settings.concurrency + 4)
        tls, mounts = tls_context(), None     # one TLS context for all transports and runs
        if transport is None and "all" not in urllib.request.getproxies():
            # a pool per server (flows/sources/hostpools.py); mounted for all:// rather than given as
            # the transport, so that http(s)_proxy and no_proxy from the environment still apply
            mounts = {"all://": HostPools(settings.per_host, MAX_POOLS, tls)}
        return httpx.AsyncClient(timeout=timeout, follow_redirects=False, transport=transport, limits=limits,
                                 verify=tls, mounts=mounts, event_hooks={"response": [self._check_location]},
                                 headers={"User-Agent": settings.user_agent_header,
                                          "Accept-Encoding": "gzip, deflate"})

    def _on_loop(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine on the fetcher's event loop and wait for its result here."""
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result()

    def close(self) -> None:
        if self._loop.is_closed():
            return
        try:
            self._on_loop(self.client.aclose())
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- addresses -------------------------------------------------------------------------
    def _check_address(self, url: str, address: str) -> None:
        if self.settings.allow_private:
            return
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            raise PermanentFetchError(url, f"refused: {address} is a private, loopback or reserved address "
                                           "(set http.allow_private to allow it)")

    def _check_host(self, url: str) -> None:
        try:
            parts = urlsplit(url)
            parts.port                      # noqa: B018 - raises on a port that is no port
        except ValueError as exc:           # 'http://a.test:99999/', 'http://[zz]/'
            raise PermanentFetchError(url, f"not a valid URL: {exc}") from None
        if parts.scheme not in ("http", "https"):
            raise PermanentFetchError(url, f"refused: scheme {parts.scheme or '(none)'!r} is not http or https")
        if not parts.hostname:
            raise PermanentFetchError(url, "no host in URL")
        try:
            httpx.URL(url)
        except httpx.InvalidURL as exc:     # a 100 KB link, control characters
            raise PermanentFetchError(url, f"not a valid URL: {exc}") from None
        if self.settings.allow_private:
            return
        try:
            infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
        except socket.gaierror as exc:
            raise TransientFetchError(url, f"cannot resolve host {parts.hostname}: {exc.strerror}") from exc
        except UnicodeError:                # a label over 63 characters, a name IDNA cannot encode
            raise PermanentFetchError(url, f"host {shown_url(parts.hostname)!r} is no valid DNS name") from None
        for info in infos:
            self._check_address(url, info[4][0])

    # -- fetching --------------------------------------------------------------------------
    def get(self, url: str, max_bytes: int, etag: str | None = None,
            last_modified: str | None = None) -> Fetched:
        """GET `url` (conditionally, when validators are given); raises a FetchError subclass.
        A 429/503 whose Retry-After is at most `max_retry_wait` seconds is waited out and tried
        once more; a longer one is raised with its `retry_after` for the caller to back off."""
        if url.startswith("file:"):
            return self._get_file(url, max_bytes, last_modified)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            return self._follow(url, max_bytes, headers)
        except TransientFetchError as exc:
            if exc.retry_after is None or exc.retry_after > self.settings.max_retry_wait:
                raise
            return self._follow(url, max_bytes, headers)      # _await_host sleeps out the wait

    def _follow(self, url: str, max_bytes: int, headers: dict[str, str], read_body: bool = True,
                stop: Callable[[str], bool] | None = None) -> Fetched:
        current = url
        budget = self.settings.total_timeout or None      # seconds left for the request, all hops
        for _hop in range(self.settings.max_redirects + 1):
            if stop is not None and stop(current):
                return Fetched(current, 0)
            self._check_host(current)
            parts = urlsplit(current)
            host = parts.hostname or ""
            server = f"{host}:{parts.port or (443 if parts.scheme == 'https' else 80)}"
            self._await_host(current, host)
            try:
                with self.hosts.slot(host):
                    self._refuse_slow(current, server)        # checked once a slot is ours: it may
                    started = time.monotonic()                # have been given up on while we waited
                    try:
                        got = self._on_loop(self._request(current, max_bytes, headers, read_body, budget))
                    finally:
                        budget = budget and max(0.0, budget - (time.monotonic() - started))
            except SlowServerError as exc:
                with self._slow_lock:
                    self._slow.setdefault(server, exc.reason)
                raise
            except TransientFetchError as exc:
                if exc.retry_after is not None:
                    self.hosts.hold_off(host, exc.retry_after)
                raise
            if got.status not in _REDIRECTS:
                return got
            current = redirect_target(current, got.status, got.headers["location"])
        raise PermanentFetchError(url, f"more than {self.settings.max_redirects} redirects")

    async def _request(self, url: str, max_bytes: int, headers: dict[str, str], read_body: bool,
                       seconds: float | None) -> Fetched:
        """One GET on the event loop, within `seconds` (None: no deadline) for connecting,
        the headers and the body; a redirect is returned with its headers, unread."""
        pace, deadline = None, None
        try:
            with anyio.fail_after(seconds) as deadline:
                async with self.client.stream("GET", url, headers=headers) as response:
                    self._check_peer(url, response)
                    if response.status_code in _REDIRECTS:
                        if not response.headers.get("location"):
                            raise PermanentFetchError(url, f"HTTP {response.status_code} without Location")
                        return Fetched(url, response.status_code, dict(response.headers))
                    self._raise_for_status(url, response)
                    if response.status_code == 304 or not read_body:
                        return Fetched(url, response.status_code, dict(response.headers))
                    self._check_declared_size(url, response, max_bytes)
                    body = CappedBody(url, response.headers.get("content-encoding"), max_bytes)
                    pace = _Pace(url, self.settings.min_bytes_per_second, self.settings.read_timeout)
                    async for chunk in response.aiter_raw():
                        body.add(chunk)
                        pace.add(len(chunk))
                    return Fetched(url, response.status_code, dict(response.headers), body.result())
        except TimeoutError as exc:         # the deadline passed: anyio cancelled whatever was waiting
            if deadline is None or not deadline.cancel_called:
                raise TransientFetchError(url, f"timed out ({type(exc).__name__})") from exc
            total = f"{self.settings.total_timeout:g} s"
            if pace is None:
                raise SlowServerError(url, f"no response within {total}") from None
            raise SlowServerError(url, f"body not complete within {total} ({pace.received:,} bytes came)") from None
        except httpx.TimeoutException as exc:
            raise TransientFetchError(url, f"timed out ({type(exc).__name__})") from exc
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            raise TransientFetchError(url, f"connection failed: {exc or type(exc).__name__}") from exc
        except httpx.DecodingError as exc:
            raise PermanentFetchError(url, f"undecodable body: {exc}") from exc
        except httpx.HTTPError as exc:
            raise TransientFetchError(url, f"HTTP error: {exc}") from exc
        except httpx.InvalidURL as exc:     # _check_host and _check_location let none through; still named
            raise PermanentFetchError(url, f"not a valid URL: {exc}") from exc

    async def _check_location(self, response: httpx.Response) -> None:
        """Response hook: refuse a redirect's Location before httpx parses it (it raises
        InvalidURL on 'javascript:…', which is no FetchError and named nothing)."""
        if response.has_redirect_location:
            redirect_target(str(response.request.url), response.status_code, response.headers["location"])

    def _refuse_slow(self, url: str, server: str) -> None:
        """A server given up on as too slow earlier in this run is not asked again: one host
        that trickles bytes must not cost a deadline per feed or page."""
        with self._slow_lock:
            reason = self._slow.get(server)
        if reason is not None:
            raise SlowServerError(url, f"not requested: {server} was too slow earlier in this run ({reason})")

    def _check_peer(self, url: str, response: httpx.Response) -> None:
        """Check the address actually connected (DNS may answer differently the second time)."""
        stream = response.extensions.get("network_stream")
        try:
            peer = stream.get_extra_info("server_addr") if stream is not None else None
        except OSError as exc:          # the server already reset the connection
            raise TransientFetchError(url, f"connection failed: {exc.strerror or exc}") from exc
        if peer:
            self._check_address(url, peer[0])

    def _await_host(self, url: str, host: str) -> None:
        """Sleep out a short Retry-After another request got from this host; refuse a long one."""
        wait = self.hosts.wait_seconds(host)
        if wait > self.settings.max_retry_wait:
            raise TransientFetchError(url, f"{host} asked for {wait:.0f} s without requests (Retry-After)",
                                      retry_after=wait)
        if wait > 0:
            self._sleep(wait)

    def resolve(self, url: str, through: Callable[[str], bool]) -> str:
        """Follow redirects while `through(url)` holds (a feed proxy's hops) and return the first
        URL where it does not: the article, which is not requested here."""
        return self._follow(url, 0, {}, read_body=False, stop=lambda u: not through(u)).url

    @staticmethod
    def _raise_for_status(url: str, response: httpx.Response) -> None:
        code = response.status_code
        if code in (429, 503) or code >= 500:
            raise TransientFetchError(url, f"HTTP {code}", code, _retry_after(response.headers.get("retry-after")))
        if code >= 400:
            raise PermanentFetchError(url, f"HTTP {code}", code)

    @staticmethod
    def _check_declared_size(url: str, response: httpx.Response, max_bytes: int) -> None:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise PermanentFetchError(url, f"body of {int(declared):,} bytes is over the {max_bytes:,}-byte cap")

    def _get_file(self, url: str, max_bytes: int, last_modified: str | None) -> Fetched:
        path = Path(unquote(urlsplit(url).path)).resolve()
        if not any(path.is_relative_to(root) for root in self.file_roots):
            raise PermanentFetchError(url, "refused: file: URLs are read only inside the folders of file: feeds in config")
        try:
            stat = path.stat()
        except OSError as exc:
            raise PermanentFetchError(url, f"cannot read file: {exc.strerror}") from exc
        if stat.st_size > max_bytes:
            raise PermanentFetchError(url, f"file of {stat.st_size:,} bytes is over the {max_bytes:,}-byte cap")
        stamp = email.utils.formatdate(stat.st_mtime, usegmt=True)
        if last_modified == stamp:
            return Fetched(url, 304, {"last-modified": stamp})
        return Fetched(url, 200, {"last-modified": stamp}, path.read_bytes())
