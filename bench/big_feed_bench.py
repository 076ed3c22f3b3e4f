"""Big-feed benchmark: one feed of 100,000 small entries from 127.0.0.1, and how long the file is held.

A separate process serves one RSS feed of N short full-text entries (under the 10 MB feed cap;
every 50th entry repeats an earlier story word for word, so there are duplicates to link) and
answers `If-None-Match` with 304. The real ingest runs over it (the Prefect flow, or with
--no-prefect the same plain functions) poll after poll until nothing is left, then once more
(which must be a 304 that writes nothing). Meanwhile a second process tries to open the
database read-only every --probe-ms and records the longest stretch it was locked out.

Prints each poll's time and what it stored, the total time to store the feed, the longest
write transaction seen in the ingesting process (open to close) and the longest lock-out the
probe saw.

    .venv/bin/python bench/big_feed_bench.py                      # 100,000 entries, one poll (cap raised)
    .venv/bin/python bench/big_feed_bench.py --cap 10000          # the default cap: ten polls
    make bench-big-feed

Not a test: figures depend on the machine.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import socket
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from served import answer  # noqa: E402  (bench/served.py: conditional GET)


def feed_body(entries: int, duplicate_every: int) -> bytes:
    """One RSS document of `entries` short full-text items; every `duplicate_every`-th item from
    the thousandth on repeats the text of an earlier one (a duplicate to link)."""
    def story(i: int) -> int:
        return i % 1000 if duplicate_every and i % duplicate_every == 0 else i
    items = "".join(f"<item><title>T{i}</title><guid>g{i}</guid>"
                    f"<content:encoded>Story {story(i)}</content:encoded></item>" for i in range(entries))
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Big feed</title>'
            f"{items}</channel></rss>").encode()


def expected_duplicates(entries: int, duplicate_every: int) -> int:
    return sum(1 for i in range(1000, entries) if duplicate_every and i % duplicate_every == 0)


def serve(body: bytes, port: int) -> None:
    """Serve the feed at /feed.xml with an ETag until killed (its own process)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            answer(self, body if self.path == "/feed.xml" else None, "application/rss+xml")

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    server.serve_forever()


def probe(db: str, interval: float, stop, results) -> None:
    """Open the database read-only every `interval` seconds (and close it at once); record the
    longest stretch from the first refused open to the next one that succeeds."""
    import duckdb
    longest, locked_since, probes, refused = 0.0, None, 0, 0
    while not stop.is_set():
        started = time.monotonic()
        try:
            duckdb.connect(db, read_only=True).close()
            if locked_since is not None:
                longest = max(longest, started - locked_since)
                locked_since = None
        except duckdb.Error as exc:
            if "lock" not in str(exc).lower():
                raise
            refused += 1
            locked_since = locked_since if locked_since is not None else started
        probes += 1
        stop.wait(interval)
    if locked_since is not None:
        longest = max(longest, time.monotonic() - locked_since)
    results.put({"longest": longest, "probes": probes, "refused": refused})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int) -> None:
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the feed server did not start")


class WriteTimer:
    """Times every Store.write in this process from the moment its connection is open to the
    moment it is closed again (commit and checkpoint included, waiting for the file not)."""

    def __init__(self) -> None:
        from claimtrack.db.store import Store
        self.holds: list[float] = []
        self._opened = threading.local()
        connect, write, timer = Store._connect, Store.write, self

        def timed_connect(store, read_only, config=None):
            con = connect(store, read_only, config)
            if not read_only:
                timer._opened.at = time.perf_counter()
            return con

        @contextmanager
        def timed_write(store):
            with write(store) as con:
                yield con
            timer.holds.append(time.perf_counter() - timer._opened.at)

        Store._connect, Store.write = timed_connect, timed_write


def plain_ingest(config: str, db: str) -> list[dict]:
    """What the ingest flow does for each feed, without Prefect."""
    from dataclasses import asdict

    from claimtrack.db.store import Store
    from claimtrack.flows.sources.http import Fetcher
    from claimtrack.flows.sources.ingest import feed_id_of, file_roots, poll_feed
    from claimtrack.flows.sources.pollwriter import PollWriter
    from claimtrack.flows.runtime import settings_from
    settings = settings_from(config, db)
    store = Store(settings.storage.db, settings.storage.lock_wait_seconds)
    states = store.feed_states()
    writer = PollWriter(store)
    with Fetcher(settings.http, file_roots(settings)) as fetcher:
        results = [poll_feed(f, settings, store, fetcher, states.get(feed_id_of(f.url), {}), writer=writer)
                   for f in settings.feeds]
    writer.flush()
    return [asdict(r) for r in results]


def counts(db: Path) -> dict[str, int]:
    from claimtrack.db.store import Store
    return Store(db).counts()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--cap", type=int, default=None,
                        help="ingest.max_entries_per_poll (default: --entries, so one poll takes the feed)")
    parser.add_argument("--duplicate-every", type=int, default=50)
    parser.add_argument("--probe-ms", type=float, default=100.0, help="how often the second process tries the file")
    parser.add_argument("--no-probe", action="store_true")
    parser.add_argument("--no-prefect", action="store_true", help="the ingest functions without the Prefect flow")
    args = parser.parse_args()
    cap = args.cap or args.entries

    work = Path(tempfile.mkdtemp(prefix="claimtrack-big-feed-"))
    os.environ["PREFECT_HOME"] = str(work / "prefect")
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] = "CRITICAL"

    body = feed_body(args.entries, args.duplicate_every)
    port = free_port()
    spawn = multiprocessing.get_context("spawn")
    server = spawn.Process(target=serve, args=(body, port), daemon=True)
    server.start()
    wait_for(port)
    db = work / "big.duckdb"
    config = work / "claimtrack.toml"
    config.write_text("\n".join([
        "[storage]", f'db = "{db}"', f'data_dir = "{work}"', "",
        "[http]", "allow_private = true", "",
        "[ingest]", f"max_entries_per_poll = {cap}", "",
        "[[feeds]]", f'url = "http://127.0.0.1:{port}/feed.xml"', ""]), encoding="utf-8")

    from claimtrack.flows.runtime import settings_from
    settings = settings_from(config)
    if len(body) > settings.http.max_feed_bytes:
        sys.exit(f"the feed is {len(body):,} bytes, over the {settings.http.max_feed_bytes:,}-byte cap")
    counts(db)                                   # the empty database, migrated before the clock runs
    if args.no_prefect:
        ingest = plain_ingest
    else:
        from prefect import flow

        from claimtrack.flows.orchestration.prefect_flows import configured, ingest_flow

        @flow(name="bench-warm-up")
        def warm_up() -> None:
            """Start Prefect's temporary server before the clock runs."""

        warm_up()
        ingest = configured(ingest_flow, settings)
    timer = WriteTimer()

    stop, results = spawn.Event(), spawn.Queue()
    prober = None
    if not args.no_probe:
        prober = spawn.Process(target=probe, args=(str(db), args.probe_ms / 1000, stop, results), daemon=True)
        prober.start()
    print(f"big-feed bench: one feed of {args.entries:,} entries ({len(body):,} bytes), "
          f"ingest.max_entries_per_poll = {cap:,}, {'no Prefect' if args.no_prefect else 'Prefect flow'}, "
          f"{'no probe' if args.no_probe else f'probe every {args.probe_ms:.0f} ms'}")
    total, stored_in, n = 0.0, None, 0
    while True:
        n += 1
        before = counts(db)
        t0 = time.perf_counter()
        poll = ingest(str(config), str(db))[0]
        wall = time.perf_counter() - t0
        after = counts(db)
        total += wall
        print(f"  poll {n}: {wall:.1f} s, {poll['status']}, articles +{after['articles'] - before['articles']:,}, "
              f"left for the next poll {poll.get('entries_left', 0):,}"
              + (f", error: {poll['error']}" if poll["error"] else "")
              + (f", {len(poll['page_errors'])} page errors" if poll["page_errors"] else ""))
        if poll["status"] != "ok" or not poll.get("entries_left"):
            if stored_in is None and poll["status"] == "ok":
                stored_in = total
                continue                      # once more: it must be a 304 that writes nothing
            break
        if n > args.entries // cap + 2:
            print("  gave up: entries are still left")
            break
    stop.set()
    probed = results.get(timeout=30) if prober else None
    server.kill()

    final = counts(db)
    holds = sorted(timer.holds)
    print(f"stored {final['articles']:,} articles ({final['duplicates']:,} duplicates linked, "
          f"{expected_duplicates(args.entries, args.duplicate_every):,} expected) in "
          f"{stored_in if stored_in is not None else total:.1f} s over {n - 1 if stored_in is not None else n} poll(s)")
    if holds:
        print(f"write transactions: {len(holds)}, longest {holds[-1]:.2f} s, median {holds[len(holds) // 2]:.2f} s "
              f"(open to close, in the ingesting process)")
    if probed:
        print(f"probe: {probed['probes']:,} opens, {probed['refused']:,} refused, longest lock-out "
              f"{probed['longest']:.2f} s (resolution {args.probe_ms:.0f} ms)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
