"""DuckLake benchmark: the store on a lake beside the DuckDB file, and ingest workers side by side.

    .venv/bin/python bench/lake_bench.py store              # 1,000,000 claims, file and lake
    .venv/bin/python bench/lake_bench.py store --claims 100000 --articles 10000
    .venv/bin/python bench/lake_bench.py workers            # 200 feeds × 25 entries, 1, 2 and 4 workers, file and lake

The lake's catalog is a throwaway PostgreSQL cluster (Debian's postgresql, as the tests start
it: tests/pg.py), or SQLite with --catalog sqlite; its data path is a temporary folder.

`store`: the synthetic claims of bench/store_bench.py inserted through the store's own path
(Arrow, one transaction), the tracking tables rebuilt from them, every view read whole and,
where it has a claim key, for one key; then a one-key read through the store as a command
makes it (open, attach, read, close). The same on a file and on a lake.

`workers`: the feeds of bench/ingest_bench.py (summary feeds, each article's page fetched,
50 ms per response) served from 127.0.0.x by a separate process; N worker processes each poll
a share of them (feeds i, i+N, ...) with the plain functions on a thread pool and write to
one lake at once; then the same N workers on one DuckDB file, where they take turns on the
file (one writer at a time: each waits while another holds it for a batch). Wall time from the first start to the last exit, and the rows stored.
"""
from __future__ import annotations

import argparse
import multiprocessing
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

import pg  # noqa: E402  (tests/pg.py: a throwaway PostgreSQL cluster)

from claimtrack.db import sql  # noqa: E402
from claimtrack.db.lake import Lake  # noqa: E402
from claimtrack.db.store import Store  # noqa: E402


def _catalog(kind: str, folder: Path, cluster: "pg.Cluster | None", name: str) -> Lake:
    data = str(folder / name / "data") + "/"
    if kind == "sqlite":
        return Lake(f"ducklake:sqlite:{folder / name / 'catalog.sqlite'}", data)
    assert cluster is not None
    return Lake("ducklake:postgres:" + cluster.create_database(name), data)


def measure_store(store: Store, data, repeat: int) -> dict[str, object]:
    """Insert rates, the tracking rebuild, each view whole and for one key, a store read."""
    from store_bench import CATALOGUE, insert, median_time as _median
    feeds, articles, claims = data
    out: dict[str, object] = {}
    insert(store, "feeds", feeds)
    out["articles/s"] = len(articles) / insert(store, "articles", articles)
    out["claims/s"] = len(claims) / insert(store, "claims", claims)
    with store.write() as con:
        Store._insert(con, "metrics", CATALOGUE)
    started = time.perf_counter()
    store.refresh_tracking(everything=True)
    out["rebuild s"] = time.perf_counter() - started
    keys = claims.column("claim_key").unique().to_pylist()[:20]
    views = {}
    with store.read() as con:
        for view in sql.views():
            full = _median(lambda: con.sql(f"SELECT * FROM {view}").to_arrow_table(), repeat)
            columns = {r[0] for r in con.execute(f"DESCRIBE {view}").fetchall()}
            one = None
            if "claim_key" in columns:
                it = iter(keys * 2)
                one = _median(lambda: con.sql(f"SELECT * FROM {view} WHERE claim_key = $k",
                                              params={"k": next(it)}).to_arrow_table(), 20)
            views[view] = (full, one)
    out["views"] = views
    statement = sql.query("key_changes")
    it = iter(keys * 3)

    def read() -> None:
        with store.read() as con:
            con.execute(statement, {"key": next(it)}).fetchall()
    out["store read s"] = _median(read, 20)
    return out


def bench_store(args: argparse.Namespace, folder: Path, cluster: "pg.Cluster | None") -> None:
    from store_bench import synthetic
    started = time.perf_counter()
    data = synthetic(args.articles, args.claims, args.keys)
    print(f"generated {args.claims:,} claims over {args.articles:,} articles in {time.perf_counter() - started:.1f} s")
    results = {}
    for name, store in (("file", Store(folder / "bench.duckdb")),
                        (f"DuckLake ({args.catalog} catalog)",
                         Store(folder / "unused", lake=_catalog(args.catalog, folder, cluster, "store_lake")))):
        started = time.perf_counter()
        results[name] = measure_store(store, data, args.repeat)
        print(f"{name}: measured in {time.perf_counter() - started:.0f} s")
    names = list(results)
    print()
    print("| | " + " | ".join(names) + " |")
    print("| --- |" + " ---: |" * len(names))
    for label, key, fmt in (("articles inserted, rows/s", "articles/s", "{:,.0f}"),
                            ("claims inserted, rows/s", "claims/s", "{:,.0f}"),
                            ("tracking tables rebuilt from all claims", "rebuild s", "{:.1f} s"),
                            ("a one-key read of `claim_changes` through the store (median of 20)", "store read s",
                             "{:.0f} ms")):
        values = [results[n][key] * (1000 if fmt.endswith("ms") else 1) for n in names]
        print(f"| {label} | " + " | ".join(fmt.format(v) for v in values) + " |")
    for view in sql.views():
        whole = [results[n]["views"][view][0] * 1000 for n in names]
        print(f"| `{view}`, every row | " + " | ".join(f"{v:,.0f} ms" for v in whole) + " |")
        ones = [results[n]["views"][view][1] for n in names]
        if ones[0] is not None:
            print(f"| `{view}`, one key | " + " | ".join(f"{v * 1000:.1f} ms" for v in ones) + " |")


def worker(config: str, part: int, parts: int) -> None:
    """One ingest worker: its share of the feeds, polled on a thread pool, into the config's store."""
    from concurrent.futures import ThreadPoolExecutor

    from claimtrack.flows.runtime import settings_from
    from claimtrack.flows.sources.http import Fetcher
    from claimtrack.flows.sources.ingest import feed_id_of, file_roots, poll_feed
    from claimtrack.flows.sources.pollwriter import PollWriter
    settings = settings_from(config)
    settings = replace(settings, feeds=settings.feeds[part::parts])
    store = settings.storage.store()
    states = store.feed_states()
    writer = PollWriter(store)
    with Fetcher(settings.http, file_roots(settings)) as fetcher, ThreadPoolExecutor(settings.http.concurrency) as pool:
        list(pool.map(lambda f: poll_feed(f, settings, store, fetcher, states.get(feed_id_of(f.url), {}),
                                          writer=writer), settings.feeds))
    writer.flush()


def bench_workers(args: argparse.Namespace, folder: Path, cluster: "pg.Cluster | None") -> None:
    from ingest_bench import Site, free_port, serve, wait_for
    port = free_port(args.hosts)
    site = Site(args.feeds, args.entries, args.hosts, port, False)
    counter = multiprocessing.Value("q", 0)
    server = multiprocessing.Process(target=serve, args=(site, args.hosts, port, args.latency_ms / 1000, counter),
                                     daemon=True)
    server.start()
    wait_for(port, args.hosts)
    print(f"{args.feeds} feeds × {args.entries} entries on {args.hosts} hosts, {args.latency_ms:.0f} ms a response, "
          f"each worker: concurrency {args.concurrency}, per host {args.per_host}")
    print()
    print("| store | workers | wall | articles stored | duplicate ids | responses |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    # on the file the workers run at once too, but take turns on it: a process holds the file
    # for one batch, and the others wait for it to let go (storage.lock_wait_seconds)
    runs = [("file", n) for n in args.workers] + [(f"DuckLake ({args.catalog})", n) for n in args.workers]
    for n_run, (kind, n) in enumerate(runs):
        storage = [f'db = "{folder / f"w{n_run}.duckdb"}"']
        if kind != "file":
            lake = _catalog(args.catalog, folder, cluster, f"workers_{n_run}")
            storage += [f'url = "{lake.url}"', f'data_path = "{lake.data_path}"']
        config = folder / f"workers_{n_run}.toml"
        config.write_text("\n".join([
            "[storage]", *storage, f'data_dir = "{folder}"', "lock_wait_seconds = 600", "",
            "[http]", "allow_private = true", f"concurrency = {args.concurrency}", f"per_host = {args.per_host}", "",
            *[f'[[feeds]]\nurl = "{u}"\n' for u in site.urls]]), encoding="utf-8")
        from claimtrack.flows.runtime import settings_from
        store = settings_from(config).storage.store()
        store.counts()                              # made before the clock runs
        before = counter.value
        started = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, __file__, "worker", str(config), str(i), str(n)])
                 for i in range(n)]
        codes = [p.wait() for p in procs]
        wall = time.perf_counter() - started
        with store.read() as con:
            stored, dupes = con.execute("SELECT count(*), count(*) - count(DISTINCT article_id) FROM articles").fetchone()
        print(f"| {kind} | {n} | {wall:.1f} s | {stored:,} | {dupes} | {counter.value - before:,} |"
              + ("" if codes == [0] * n else f" exit codes {codes}"))
    server.kill()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "worker":
        worker(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=("store", "workers"))
    ap.add_argument("--catalog", choices=("postgres", "sqlite"), default="postgres")
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--keys", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--entries", type=int, default=25)
    ap.add_argument("--latency-ms", type=float, default=50.0)
    ap.add_argument("--hosts", type=int, default=50)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--per-host", type=int, default=2)
    ap.add_argument("--workers", type=lambda s: [int(x) for x in s.split(",")], default=[1, 2, 4])
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="claimtrack-lake-bench-"))
    cluster = None
    if args.catalog == "postgres":
        why = pg.unavailable()
        if why:
            sys.exit(f"lake bench: {why}; or use --catalog sqlite")
        cluster = pg.start()
    try:
        (bench_store if args.what == "store" else bench_workers)(args, folder, cluster)
    finally:
        if cluster is not None:
            cluster.stop()
            shutil.rmtree(cluster.folder, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
