"""Ingest benchmark: N feeds × M entries served from 127.0.0.x with added latency per response.

Runs the real ingest flow (Prefect tasks, the shared fetcher, per-host limits, DuckDB writes)
twice over the same feeds and prints:
  * the first poll's wall time and its ratio to the ideal (responses × latency ÷ concurrency);
  * the second poll's wall time, when every feed answers 304, and the rows it wrote (must be 0);
  * process CPU seconds of each poll, to show how much of the gap to the ideal is parsing.

    .venv/bin/python bench/ingest_bench.py                    # 200 × 25, 50 ms, pages fetched
    .venv/bin/python bench/ingest_bench.py --full-content     # entries carry the article text

Not a test: figures depend on the machine; compare ratios measured in one run.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import shutil
import socket
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from served import answer  # noqa: E402  (bench/served.py: conditional GET)

WORDS = ("market company deal stake cloud compute revenue investors board chips contract quarter growth "
         "analysts shares capacity regulators profit datacenter partnership model launch customers demand "
         "billion percent estimate forecast agreement venture funding round valuation outlook").split()


def article_text(rng: random.Random, n_paragraphs: int = 8) -> list[str]:
    """Distinct, realistic-length paragraphs (about 600 words) with figures in them."""
    paragraphs = []
    for _ in range(n_paragraphs):
        sentences = []
        for _ in range(4):
            words = rng.choices(WORDS, k=rng.randint(12, 22))
            words.insert(rng.randint(1, len(words) - 1), f"${rng.randint(1, 900)} billion")
            sentences.append(" ".join(words).capitalize() + ".")
        paragraphs.append(" ".join(sentences))
    return paragraphs


class Site:
    """Every feed and page body, built once up front so the server only sleeps and writes."""

    def __init__(self, feeds: int, entries: int, hosts: int, port: int, full_content: bool) -> None:
        rng = random.Random(7)
        self.bodies: dict[tuple[str, str], bytes] = {}
        self.urls: list[str] = []
        for f in range(feeds):
            host = f"127.0.0.{1 + f % hosts}"
            base = f"http://{host}:{port}"
            items = []
            for e in range(entries):
                paragraphs = article_text(rng)
                html = "".join(f"<p>{p}</p>" for p in paragraphs)
                link = f"{base}/a/{f}/{e}.html"
                content = f"<content:encoded><![CDATA[{html}]]></content:encoded>" if full_content else ""
                items.append(f"<item><title>Story {f}-{e}</title><link>{link}</link><guid>g-{f}-{e}</guid>"
                             f"<pubDate>Tue, 28 Oct 2025 {e % 24:02d}:00:00 GMT</pubDate>"
                             f"<description>{paragraphs[0][:150]}…</description>{content}</item>")
                if not full_content:
                    self.bodies[(host, f"/a/{f}/{e}.html")] = (
                        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Story {f}-{e}</title>"
                        f"</head><body><nav>Home · Markets · Tech</nav><article><h1>Story {f}-{e}</h1>{html}"
                        f"</article><footer>Bench outlet {f}</footer></body></html>").encode()
            feed = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
                    'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
                    f"<title>Bench feed {f}</title><link>{base}/</link>{''.join(items)}</channel></rss>")
            self.bodies[(host, f"/feeds/{f}.xml")] = feed.encode()
            self.urls.append(f"{base}/feeds/{f}.xml")


def serve(site: Site, hosts: int, port: int, latency: float, counter) -> None:
    """Serve the site from 127.0.0.1..hosts until killed (runs in its own process, so the
    server's work does not compete with the client's for the GIL)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            # headers and body go out in two writes: without this, Nagle's algorithm and the
            # client's delayed ACK add 40 ms to every response
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_GET(self) -> None:
            time.sleep(latency)
            host = self.server.server_address[0]
            body = site.bodies.get((host, self.path))
            with counter.get_lock():
                counter.value += 1
            answer(self, body, "application/rss+xml" if self.path.endswith(".xml") else "text/html")

        def log_message(self, *args) -> None:
            pass

    servers = [ThreadingHTTPServer((f"127.0.0.{h}", port), Handler) for h in range(1, hosts + 1)]
    for s in servers:
        s.daemon_threads = True
        threading.Thread(target=s.serve_forever, daemon=True).start()
    threading.Event().wait()


def free_port(hosts: int) -> int:
    """A port free on every 127.0.0.x the bench serves from."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        try:
            taken = []
            for h in range(1, hosts + 1):
                s = socket.socket()
                s.bind((f"127.0.0.{h}", port))
                taken.append(s)
            for s in taken:
                s.close()
            return port
        except OSError:
            for s in taken:
                s.close()
    raise RuntimeError("no port free on all loopback addresses")


def wait_for(port: int, hosts: int) -> None:
    for h in range(1, hosts + 1):
        for _ in range(200):
            try:
                socket.create_connection((f"127.0.0.{h}", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)


def rows(db: Path) -> dict[str, int]:
    import duckdb
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t.split(".")[-1]: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "internal.article_raw", "internal.article_bands", "internal.article_signatures",
                          "fetch_failures")}
    finally:
        con.close()


def plain_ingest(config: str, db: str) -> list[dict]:
    """The ingest flow's work without Prefect: the same plain functions (feeds on a thread pool,
    articles made on worker processes when there are many), to show what orchestration costs."""
    from concurrent.futures import ThreadPoolExecutor
    from dataclasses import asdict

    from claimtrack.db.store import Store
    from claimtrack.flows.sources.http import Fetcher
    from claimtrack.flows.sources.ingest import file_roots
    from claimtrack.flows.sources.pagework import PageWork
    from claimtrack.flows.sources.pollrun import poll_batch
    from claimtrack.flows.sources.pollwriter import PollWriter
    from claimtrack.flows.runtime import settings_from
    settings = settings_from(config, db)
    store = Store(settings.storage.db)
    states = store.feed_states()
    writer = PollWriter(store)
    with Fetcher(settings.http, file_roots(settings)) as fetcher, PageWork(settings.ingest.workers) as work, \
            ThreadPoolExecutor(settings.http.concurrency) as threads:
        results = poll_batch(settings.feeds, states, settings, store, fetcher, threads, writer=writer, work=work)
        work.stop()              # as the flow does: the workers exit while the last polls are written
        writer.finish()
    return [asdict(r) for r in results]


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds of this process, and of its children that have ended (the article workers,
    stopped at the end of each poll; not the feed server nor Prefect's server, still running)."""
    own, ended = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, ended.ru_utime + ended.ru_stime


def process_cpu(pid: int) -> float:
    """CPU seconds of another running process (the feed server), from /proc; 0 where there is none."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=25)
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--hosts", type=int, default=50, help="distinct 127.0.0.x hosts the feeds live on")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--full-content", action="store_true", help="articles in the feed, no page fetches")
    parser.add_argument("--no-plain", action="store_true", help="skip the comparison run without Prefect")
    parser.add_argument("--workers", type=int, default=0, help="[ingest] workers (0: one per core, 1: none)")
    parser.add_argument("--keep", action="store_true", help="keep the run's folder (databases, config) to look at")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="claimtrack-bench-"))
    os.environ["PREFECT_HOME"] = str(work / "prefect")
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] = "CRITICAL"

    port = free_port(args.hosts)
    site = Site(args.feeds, args.entries, args.hosts, port, args.full_content)
    counter = multiprocessing.Value("q", 0)
    server = multiprocessing.Process(target=serve, args=(site, args.hosts, port, args.latency_ms / 1000, counter),
                                     daemon=True)
    server.start()
    wait_for(port, args.hosts)
    config = work / "claimtrack.toml"
    config.write_text("\n".join([
        "[storage]", f'db = "{work / "bench.duckdb"}"', f'data_dir = "{work}"', "",
        "[ingest]", f"workers = {args.workers}", "",
        "[http]", "allow_private = true", f"concurrency = {args.concurrency}", f"per_host = {args.per_host}", "",
        *[f'[[feeds]]\nurl = "{u}"\n' for u in site.urls]]), encoding="utf-8")

    from claimtrack.flows.orchestration.prefect_flows import configured, ingest_flow
    from claimtrack.flows.runtime import settings_from
    from prefect import flow
    settings = settings_from(config)

    @flow(name="bench-warm-up")
    def warm_up() -> None:
        """Start Prefect's temporary server before the clock runs."""

    warm_up()
    print(f"ingest bench: {args.feeds} feeds × {args.entries} entries on {args.hosts} hosts, "
          f"{args.latency_ms:.0f} ms per response, concurrency {args.concurrency} (per host {args.per_host}), "
          f"{'full content in feeds' if args.full_content else 'summary feeds, pages fetched'}, "
          f"workers {args.workers} ({os.cpu_count()} cores)")
    ways = [("prefect flow", configured(ingest_flow, settings), settings)]
    if not args.no_plain:
        plain_db = work / "plain.duckdb"
        ways.append(("same functions, thread pool, no prefect", plain_ingest,
                     settings_from(config, plain_db)))
    for way, ingest, way_settings in ways:
        print(f"{way}:")
        for label in ("first poll", "second poll"):
            db = way_settings.storage.db
            before_rows = rows(db) if db.exists() else {}
            before_responses = counter.value
            (own0, workers0), served0, t0 = cpu_seconds(), process_cpu(server.pid), time.perf_counter()
            polls = ingest(str(config), str(db))
            wall = time.perf_counter() - t0
            served = process_cpu(server.pid) - served0
            own, workers = (b - a for a, b in zip((own0, workers0), cpu_seconds()))
            responses = counter.value - before_responses
            after_rows = rows(db)
            statuses = {s: n for s in ("ok", "not_modified", "error", "skipped")
                        if (n := sum(p["status"] == s for p in polls))}
            errors = [p["error"] for p in polls if p["error"]] + [e for p in polls for e in p["page_errors"]]
            ideal = max(responses, 1) * args.latency_ms / 1000 / args.concurrency
            written = sum(after_rows.values()) - sum(before_rows.values())
            print(f"  {label}: {wall:.2f} s wall, {own + workers:.2f} s CPU ({workers:.2f} s on workers; feed server {served:.2f} s), {responses} responses, ideal {ideal:.2f} s "
                  f"(ratio {wall / ideal:.2f}), rows written {written}, feeds {statuses}, "
                  f"articles {after_rows['articles']}" + (f", {len(errors)} errors, first: {errors[0]}" if errors else ""))
    server.kill()
    if args.keep:
        print(f"kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)     # ~85 MB of databases and Prefect's files a run


if __name__ == "__main__":
    main()
