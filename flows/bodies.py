"""Reading a response body under a size cap. We inflate gzip and deflate ourselves, a bounded
slice at a time: httpx inflates a whole network chunk at once, and 64 KB of a compression
bomb is 64 MB before any cap can look at it."""
from __future__ import annotations

import zlib
from collections.abc import Iterable

from flows.errors import PermanentFetchError

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


def read_capped(url: str, raw_chunks: Iterable[bytes], encoding: str | None, max_bytes: int) -> bytes:
    """The decoded body from the raw (still encoded) chunks; PermanentFetchError as soon as
    the decoded size passes `max_bytes`, having inflated at most _SLICE beyond it."""
    inflate = _inflater(url, encoding or "")
    out, size = [], 0

    def keep(data: bytes) -> None:
        nonlocal size
        size += len(data)
        if size > max_bytes:
            raise PermanentFetchError(url, f"body is over the {max_bytes:,}-byte cap"
                                      + (f" once decoded ({encoding})" if inflate else ""))
        out.append(data)

    try:
        for chunk in raw_chunks:
            if inflate is None:
                keep(chunk)
                continue
            data = chunk
            while data:
                keep(inflate.decompress(data, _SLICE))
                data = inflate.unconsumed_tail
        if inflate is not None:
            keep(inflate.flush())
    except zlib.error as exc:
        raise PermanentFetchError(url, f"undecodable {encoding} body: {exc}") from exc
    return b"".join(out)
