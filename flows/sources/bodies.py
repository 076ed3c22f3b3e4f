"""Reading a response body under a size cap. We inflate gzip and deflate ourselves, a bounded
slice at a time: httpx inflates a whole network chunk at once, and 64 KB of a compression
bomb is 64 MB before any cap can look at it."""
from __future__ import annotations

import zlib
from collections.abc import Iterable

from claimtrack.errors import PermanentFetchError

_SLICE = 256 * 1024          # the most one inflate call may produce


def _inflater(url: str, encoding: str):
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj(zlib.MAX_WBITS)
    raise PermanentFetchError(url, f"unsupported Content-Encoding {encoding!r} (we ask for gzip or deflate)")


class CappedBody:
    """A body decoded chunk by chunk as it arrives (from a sync or an async stream);
    PermanentFetchError as soon as the decoded size passes `max_bytes`, having inflated at
    most _SLICE beyond it."""

    def __init__(self, url: str, encoding: str | None, max_bytes: int) -> None:
        self.url, self.encoding, self.max_bytes = url, encoding, max_bytes
        self._inflate = _inflater(url, encoding or "")
        self._out: list[bytes] = []
        self.size = 0

    def _keep(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.max_bytes:
            raise PermanentFetchError(self.url, f"body is over the {self.max_bytes:,}-byte cap"
                                      + (f" once decoded ({self.encoding})" if self._inflate else ""))
        self._out.append(data)

    def add(self, chunk: bytes) -> None:
        """Decode one raw (still encoded) chunk and keep it."""
        try:
            if self._inflate is None:
                self._keep(chunk)
                return
            data = chunk
            while data:
                self._keep(self._inflate.decompress(data, _SLICE))
                data = self._inflate.unconsumed_tail
        except zlib.error as exc:
            raise PermanentFetchError(self.url, f"undecodable {self.encoding} body: {exc}") from exc

    def result(self) -> bytes:
        """The whole decoded body, once the stream has ended."""
        if self._inflate is not None:
            try:
                self._keep(self._inflate.flush())
            except zlib.error as exc:
                raise PermanentFetchError(self.url, f"undecodable {self.encoding} body: {exc}") from exc
        return b"".join(self._out)


def read_capped(url: str, raw_chunks: Iterable[bytes], encoding: str | None, max_bytes: int) -> bytes:
    """The decoded body from the raw (still encoded) chunks, under the cap (see CappedBody)."""
    body = CappedBody(url, encoding, max_bytes)
    for chunk in raw_chunks:
        body.add(chunk)
    return body.result()
