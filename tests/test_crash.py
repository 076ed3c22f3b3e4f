"""SIGKILL during ingest, extraction and the digest send (tests/crash_driver.py, a real second
process), then a restart: the final database equals that of an uninterrupted run (row counts
and a content hash of articles, claims and the tracked views), and no digest goes to anyone
twice. The kill point is drawn at random (CRASH_SEED replays one); `make crash-10` runs this
file ten times in a row."""
from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller

from conftest import ROOT, write_config
from claimtrack.db.deliveries import week_ledger
from claimtrack.db.store import Store

SEED = int(os.environ.get("CRASH_SEED", time.time_ns() % 1_000_000))
DRIVER = ROOT / "tests" / "crash_driver.py"
COMPANIES = ["Microsoft", "Nvidia", "Oracle", "SoftBank", "AMD", "Broadcom"]


# --- a corpus written for these tests: 3 teaser feeds whose pages are fetched, 1 full-text feed ---

def _story(n: int) -> tuple[str, str, datetime]:
    """Article n: a headline, paragraphs with a stake, a valuation and a commitment, a date."""
    company = COMPANIES[n % len(COMPANIES)]
    stake = 5 + (n * 7) % 30
    valuation = 300 + 25 * (n % 9)
    commitment = 10 * (1 + n % 12)
    when = datetime(2025, 10, 20, 9, tzinfo=timezone.utc) + timedelta(hours=13 * n)
    body = (f"<p>{company} holds a {stake}% stake in OpenAI, according to filing number {n}.</p>"
            f"<p>OpenAI is valued at ${valuation} billion after the latest share sale.</p>"
            f"<p>OpenAI agreed to buy ${commitment} billion of computing capacity from {company}.</p>")
    return f"{company} and OpenAI, report {n}", body, when


def _corpus(base: str) -> dict[str, tuple[bytes, str]]:
    routes: dict[str, tuple[bytes, str]] = {}
    for f in range(4):
        items = []
        for i in range(8):
            n = f * 8 + i
            title, body, when = _story(n)
            if f == 3 and i == 7:                      # a syndicated copy of story 2, a day later
                title, body, when = "Republished: " + _story(2)[0], _story(2)[1], _story(2)[2] + timedelta(days=1)
            link = f"{base}/pages/{n}.html"
            text = (f"<content:encoded><![CDATA[{body}]]></content:encoded>" if f == 3
                    else "<description>Teaser only.</description>")
            items.append(f"<item><title>{title}</title><link>{link}</link><guid>story-{n}</guid>"
                         f"<pubDate>{format_datetime(when)}</pubDate>{text}</item>")
            routes[f"/pages/{n}.html"] = (
                f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}"
                "</article></body></html>".encode(), "text/html; charset=utf-8")
        routes[f"/feed{f}.xml"] = (
            ('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
             f"<channel><title>Crash Outlet {f}</title>{''.join(items)}</channel></rss>").encode(),
            "application/rss+xml")
    return routes


class CorpusServer:
    """A threaded HTTP server for the corpus with ETags; `on_page` is called on each page request."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[bytes, str]] = {}
        self.on_page = None
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                found = outer.routes.get(self.path)
                if found is None:
                    self.send_error(404)
                    return
                body, content_type = found
                etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
                if self.path.startswith("/pages/"):
                    time.sleep(0.02)                     # a page takes a moment: room to be killed in
                    if outer.on_page:
                        outer.on_page()
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.routes = _corpus(self.base)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def feeds(self) -> list[str]:
        return [f"{self.base}/feed{f}.xml" for f in range(4)]


def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _drive(config, stage: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(DRIVER), str(config), stage, *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(config, stage: str, *args: str) -> list[str]:
    child = _drive(config, stage, *args)
    out, err = child.communicate(timeout=600)
    assert child.returncode == 0, err
    return out.split("\n")


def snapshot(db) -> dict:
    """Row counts, and a hash of the content of articles, claims and the tracked views: all that
    must come out the same however often the work was interrupted."""
    def digest(con, sql: str) -> str:
        rows = sorted(repr(r) for r in con.execute(sql).fetchall())
        return hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]
    with Store(db).read() as con:
        return {
            **{t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
               for t in ("feeds", "articles", "claims", "extractions", "fetch_failures", "internal.tracking_dirty")},
            "articles_hash": digest(con, "SELECT article_id, canonical_url, title, text, published_at, duplicate_of, "
                                         "content_hash FROM articles"),
            "claims_hash": digest(con, "SELECT claim_id, article_id, claim_key, value, unit, previous_value, qualifier, "
                                       "attributed_to, sentence, start_char, end_char, as_of, extractor_version FROM claims"),
            "tracked_hash": digest(con, "SELECT * FROM claim_changes") + digest(con, "SELECT * FROM stale_claims")
                            + digest(con, "SELECT * FROM claim_conflicts"),
        }


@pytest.fixture(scope="module")
def corpus():
    server = CorpusServer()
    yield server
    server.httpd.shutdown()


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    """The database of a run nobody interrupted."""
    folder = tmp_path_factory.mktemp("reference")
    config = write_config(folder, corpus.feeds())
    _finish(config, "ingest")
    _finish(config, "extract")
    shot = snapshot(folder / "claimtrack.duckdb")
    assert shot["articles"] == 32 and shot["claims"] >= 90 and shot["fetch_failures"] == 0, shot
    return folder, shot


def _killed(child: subprocess.Popen, seed_note: str) -> None:
    child.wait(timeout=600)
    assert child.returncode == -signal.SIGKILL, f"the run ended before the kill ({seed_note}): it proved nothing"


def test_sigkill_during_ingest_then_a_rerun_equals_an_uninterrupted_run(corpus, reference, tmp_path):
    rng = random.Random(SEED)
    kill_at, delay = rng.randint(1, 23), rng.uniform(0, 0.05)       # 24 pages; a feed is written after its 8th
    note = f"CRASH_SEED={SEED}: page {kill_at}, then {delay:.2f} s"
    config = write_config(tmp_path, corpus.feeds())
    child = _drive(config, "ingest")
    seen = []

    def on_page():
        seen.append(1)
        if len(seen) == kill_at:
            threading.Timer(delay, os.kill, (child.pid, signal.SIGKILL)).start()
    corpus.on_page = on_page
    try:
        _killed(child, note)
    finally:
        corpus.on_page = None
    _finish(config, "ingest")
    _finish(config, "extract")
    assert snapshot(tmp_path / "claimtrack.duckdb") == reference[1], note


def test_sigkill_during_extraction_then_a_rerun_equals_an_uninterrupted_run(corpus, reference, tmp_path):
    rng = random.Random(SEED + 1)
    after, delay = rng.randint(0, 6), rng.uniform(0, 0.1)           # 8 batches of 4 (~0.1 s each), then tracking
    note = f"CRASH_SEED={SEED}: after batch {after}, then {delay:.2f} s"
    config = write_config(tmp_path, corpus.feeds())
    _finish(config, "ingest")
    child = _drive(config, "extract")
    for line in child.stdout:
        if line.split() == ["batch", str(after)]:
            time.sleep(delay)
            os.kill(child.pid, signal.SIGKILL)
            break
    _killed(child, note)
    with Store(tmp_path / "claimtrack.duckdb").read() as con:
        done = con.execute("SELECT count(*) FROM extractions").fetchone()[0]
    assert 4 * (after + 1) <= done < 32, note          # committed batches stay, the rest is to do
    _finish(config, "extract")
    assert snapshot(tmp_path / "claimtrack.duckdb") == reference[1], note


class KillingInbox:
    """An SMTP handler that accepts every message and SIGKILLs the sender while it waits for
    the reply to message number `kill_at`: delivered, but the sender never learns it."""

    def __init__(self, kill_at: int = 0):
        self.kill_at, self.pid, self.received = kill_at, None, []

    async def handle_DATA(self, server, session, envelope):
        self.received.extend(envelope.rcpt_tos)
        if len(self.received) == self.kill_at and self.pid:
            os.kill(self.pid, signal.SIGKILL)
        return "250 Message accepted for delivery"


def test_sigkill_during_the_digest_send_never_sends_anyone_the_week_twice(reference, tmp_path):
    rng = random.Random(SEED + 2)
    kill_at = rng.randint(1, 5)
    note = f"CRASH_SEED={SEED}: killed awaiting the reply to message {kill_at}"
    recipients = [f"reader{i}@analysts.example" for i in range(1, 6)]
    inbox = KillingInbox(kill_at)
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        shutil.copy(reference[0] / "claimtrack.duckdb", tmp_path / "claimtrack.duckdb")
        config = write_config(tmp_path, [], digest={"recipients": recipients, "sender": "digest@claimtrack.example",
                                                    "smtp_host": "127.0.0.1", "smtp_port": port,
                                                    "smtp_security": "none"})
        child = _drive(config, "send", "2025-W44")
        inbox.pid = child.pid
        _killed(child, note)
        lines = _finish(config, "send", "2025-W44")
    finally:
        controller.stop()
    assert sorted(inbox.received) == recipients, note                # everyone got it, once
    log = week_ledger(Store(tmp_path / "claimtrack.duckdb"), "2025-W44").entries("email")
    in_doubt = recipients[kill_at - 1]
    assert {r: row["status"] for r, row in log.items()} == {r: "sending" if r == in_doubt else "sent"
                                                            for r in recipients}, note
    assert f"{in_doubt} skipped" in lines, note
    shot = snapshot(tmp_path / "claimtrack.duckdb")
    assert shot == reference[1], note
