"""Fetch feeds and pages from untrusted URLs: timeouts, a streamed size cap, a redirect cap,
http(s) only, and no private or loopback addresses unless settings allow them (checked
before connecting and again on the address actually connected, on every redirect hop).

Politeness: at most `per_host` requests in flight per host, and a 429/503 Retry-After is
honoured: waited out when short (then one more try), otherwise reported so the feed backs off.

`file:` URLs are read only inside folders the user's own config lists feeds in.
"""
from __future__ import annotations

import email.utils
import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from flows.bodies import read_capped
from flows.errors import PermanentFetchError, TransientFetchError
from flows.politeness import HostLimiter
from flows.settings import HttpSettings

_REDIRECTS = {301, 302, 303, 307, 308}


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


class Fetcher:
    """One HTTP client for a run; call `get` from any thread."""

    def __init__(self, settings: HttpSettings, file_roots: tuple[Path, ...] = (),
                 transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self.file_roots = tuple(p.resolve() for p in file_roots)
        self.hosts = HostLimiter(settings.per_host)
        self._sleep = sleep
        timeout = httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout)
        limits = httpx.Limits(max_connections=settings.concurrency + 4,
                              max_keepalive_connections=settings.concurrency + 4)
        self.client = httpx.Client(timeout=timeout, follow_redirects=False, transport=transport, limits=limits,
                                   headers={"User-Agent": settings.user_agent_header,
                                            "Accept-Encoding": "gzip, deflate"})

    def close(self) -> None:
        self.client.close()

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
        if self.settings.allow_private:
            return
        try:
            infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
        except socket.gaierror as exc:
            raise TransientFetchError(url, f"cannot resolve host {parts.hostname}: {exc.strerror}") from exc
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
        for _hop in range(self.settings.max_redirects + 1):
            if stop is not None and stop(current):
                return Fetched(current, 0)
            self._check_host(current)
            host = urlsplit(current).hostname or ""
            self._await_host(current, host)
            try:
                with self.hosts.slot(host), self.client.stream("GET", current, headers=headers) as response:
                    self._check_peer(current, response)
                    if response.status_code in _REDIRECTS:
                        location = response.headers.get("location")
                        if not location:
                            raise PermanentFetchError(current, f"HTTP {response.status_code} without Location")
                        current = urljoin(current, location)
                        continue
                    self._raise_for_status(current, response)
                    if response.status_code == 304 or not read_body:
                        return Fetched(current, response.status_code, dict(response.headers))
                    body = self._read_capped(current, response, max_bytes)
                    return Fetched(current, response.status_code, dict(response.headers), body)
            except TransientFetchError as exc:
                if exc.retry_after is not None:
                    self.hosts.hold_off(host, exc.retry_after)
                raise
            except httpx.TimeoutException as exc:
                raise TransientFetchError(current, f"timed out ({type(exc).__name__})") from exc
            except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
                raise TransientFetchError(current, f"connection failed: {exc or type(exc).__name__}") from exc
            except httpx.DecodingError as exc:
                raise PermanentFetchError(current, f"undecodable body: {exc}") from exc
            except httpx.HTTPError as exc:
                raise TransientFetchError(current, f"HTTP error: {exc}") from exc
        raise PermanentFetchError(url, f"more than {self.settings.max_redirects} redirects")

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
    def _read_capped(url: str, response: httpx.Response, max_bytes: int) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise PermanentFetchError(url, f"body of {int(declared):,} bytes is over the {max_bytes:,}-byte cap")
        return read_capped(url, response.iter_raw(), response.headers.get("content-encoding"), max_bytes)

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
