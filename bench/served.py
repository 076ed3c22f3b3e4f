"""What the benchmarks' feed servers answer a GET: 404 for nothing, 304 when the client holds
the body's ETag, else the body with its ETag (conditional GET as a real feed server does it)."""
from __future__ import annotations

import hashlib
from http.server import BaseHTTPRequestHandler


def answer(handler: BaseHTTPRequestHandler, body: bytes | None, content_type: str) -> None:
    """Reply to `handler`'s GET with `body` (None: 404), honouring If-None-Match."""
    if body is None:
        handler.send_response(404)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
        return
    etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
    if handler.headers.get("If-None-Match") == etag:
        handler.send_response(304)
        handler.send_header("ETag", etag)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
        return
    handler.send_response(200)
    handler.send_header("Content-Type", content_type)
    handler.send_header("ETag", etag)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)
