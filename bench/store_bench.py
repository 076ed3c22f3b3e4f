"""Claim store benchmark: bulk inserts and the tracking views on synthetic claims.

    .venv/bin/python bench/store_bench.py                 # 1,000,000 claims over 100,000 articles
    .venv/bin/python bench/store_bench.py --claims 100000 --articles 10000

Builds a fresh database through the real migrations, then measures:
  * inserting claims three ways: `executemany` (a sample), Arrow built from row dicts (the
    store's own path, conversion included) and Arrow built from columns;
  * each view's full query (every row fetched as Arrow), median of --repeat runs;
  * a one-key lookup in each view with a claim key, median of 20 runs over different keys,
    as the claims were inserted, after `Store.compact()` (`claimtrack db compact`), which
    stores them in key order, and after --reextract-articles more have had their claims
    replaced (new rows go after the ones in key order);
  * a one-key read of a tracking view through the store (opening and closing the file), with
    nothing dirty, with and without the dirty check every tracked read makes, and after one
    extraction batch left keys dirty.
The synthetic story: each key's value steps up every few months; some outlets keep quoting
the value before (stale), a few quote a wrong value in the same week (conflicts), some retell
an older value with its time (history: dated months back by the sentence), some report a
plan, and some articles are syndicated copies.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimtrack.db import sql  # noqa: E402
from claimtrack.db.store import Store  # noqa: E402

START = datetime(2024, 1, 1, tzinfo=timezone.utc)
SPAN_DAYS = 730
OUTLETS = [f"Outlet {i:02d}" for i in range(40)]
STATE_METRICS = ["stake_pct", "valuation", "purchase_commitment", "revenue", "stake_value"]
CATALOGUE = [{"metric": m, "kind": "state", "unit": "percent" if m == "stake_pct" else "currency", "tolerance_pct": 1.0}
             for m in STATE_METRICS] + [{"metric": "funding_round", "kind": "event", "unit": "currency", "tolerance_pct": 1.0}]
HISTORY_SHARE = 0.05          # claims that retell an older value with its time ("in March 2024")
PLANNED_SHARE = 0.03          # claims that report a plan ("in talks at a $X valuation")


def synthetic(n_articles: int, n_claims: int, n_keys: int, seed: int = 7) -> tuple[pa.Table, pa.Table, pa.Table]:
    """Feeds, articles and claims as Arrow tables (columns, so generation is not the bottleneck)."""
    rng = np.random.default_rng(seed)
    feeds = pa.table({"feed_id": [f"f{i:02d}" for i in range(len(OUTLETS))],
                      "url": [f"https://outlet{i:02d}.example/feed" for i in range(len(OUTLETS))],
                      "consecutive_failures": [0] * len(OUTLETS), "entries_seen": [0] * len(OUTLETS)})
    outlet_of = rng.integers(0, len(OUTLETS), n_articles)
    seconds = np.sort(rng.integers(0, SPAN_DAYS * 86400, n_articles))
    published = [START + timedelta(seconds=int(s)) for s in seconds]
    ids = [f"a{i:07d}" for i in range(n_articles)]
    copies = rng.random(n_articles) < 0.03
    duplicate_of = [ids[int(rng.integers(0, i))] if copies[i] and i > 0 else None for i in range(n_articles)]
    articles = pa.table({
        "article_id": ids, "feed_id": [f"f{o:02d}" for o in outlet_of],
        "url": [f"https://outlet{o:02d}.example/{i}" for i, o in enumerate(outlet_of)],
        "canonical_url": [f"https://outlet{o:02d}.example/{i}" for i, o in enumerate(outlet_of)],
        "title": [f"Story {i}" for i in range(n_articles)],
        "outlet": [OUTLETS[o] for o in outlet_of],
        "published_at": pa.array(published, pa.timestamp("us", tz="UTC")),
        "published_source": ["feed"] * n_articles,
        "fetched_at": pa.array(published, pa.timestamp("us", tz="UTC")),
        "text": ["(synthetic)"] * n_articles, "text_source": ["feed"] * n_articles,
        "content_hash": [f"h{i}" for i in range(n_articles)], "duplicate_of": duplicate_of,
    })

    article = rng.integers(0, n_articles, n_claims)
    key = rng.integers(0, n_keys, n_claims)
    metric_of_key = rng.integers(0, len(STATE_METRICS) + 1, n_keys)       # the last one: funding_round
    metrics = STATE_METRICS + ["funding_round"]
    base = rng.uniform(1, 100, n_keys)
    step_days = rng.uniform(60, 240, n_keys)                                 # each key changes every 2–8 months
    day = seconds[article] / 86400
    era = np.floor(day / step_days[key])
    era = np.where(rng.random(n_claims) < 0.05, np.maximum(era - 1, 0), era)   # stale repeats
    value = np.round(base[key] * (1 + 0.2 * era), 2)
    wrong = rng.random(n_claims) < 0.01
    value = np.where(wrong, np.round(value * 1.1, 2), value)                    # same-week disagreement
    pct = metric_of_key[key] == 0
    unit = np.where(pct, "percent", "USD")
    value = np.where(pct, value, value * 1e9)
    key_names = [f"Company {k % 500}|{metrics[metric_of_key[k]]}|Party {k // 500}" for k in range(n_keys)]
    history = rng.random(n_claims) < HISTORY_SHARE
    back = rng.integers(120, 720, n_claims)
    times = [published[a] - timedelta(days=int(b)) if h else published[a] for a, h, b in zip(article, history, back)]
    times = [t.replace(day=1, hour=0, minute=0, second=0, microsecond=0) if h else t for t, h in zip(times, history)]
    day_back = np.maximum(day - back, 0)                                        # the value of the time retold
    value = np.where(history, np.round(base[key] * (1 + 0.2 * np.floor(day_back / step_days[key])), 2)
                     * np.where(pct, 1, 1e9), value)
    planned = ~history & (rng.random(n_claims) < PLANNED_SHARE)
    is_event = metric_of_key[key] == len(STATE_METRICS)
    as_of = pa.array(times, pa.timestamp("us", tz="UTC"))
    claims = pa.table({
        "claim_id": [f"c{i:08d}" for i in range(n_claims)],
        "article_id": [ids[a] for a in article],
        "claim_key": [key_names[k] for k in key],
        "subject": [f"Company {k % 500}" for k in key],
        "object": [f"Party {k // 500}" for k in key],
        "metric": [metrics[metric_of_key[k]] for k in key],
        "value": value, "unit": unit,
        "sentence": ["A synthetic sentence that carries the claim."] * n_claims,
        "start_char": np.zeros(n_claims, dtype=np.int32), "end_char": np.full(n_claims, 44, dtype=np.int32),
        "as_of": as_of, "extractor_version": ["bench"] * n_claims,
        "outlet": [OUTLETS[outlet_of[a]] for a in article],
        "article_title": [f"Story {a}" for a in article],
        "article_url": [f"https://outlet{outlet_of[a]:02d}.example/{a}" for a in article],
        "published_at": pa.array([published[a] for a in article], pa.timestamp("us", tz="UTC")),
        "as_of_basis": np.where(history, "sentence", "published"),
        "as_of_precision": np.where(history, "month", "day"),
        "as_of_text": pa.array([f"in {t:%B %Y}" if h else None for t, h in zip(times, history)], pa.string()),
        "status": np.where(planned, "planned", "reported"),
        "history": history,
        "event_key": pa.array([f"{key_names[k]}@{t:%Y-%m}" if e else None for k, t, e in zip(key, times, is_event)],
                              pa.string()),
    })
    return feeds, articles, claims


def insert(store: Store, table: str, data: pa.Table) -> float:
    """Seconds to insert an Arrow table in one transaction, through the store's own path."""
    started = time.perf_counter()
    with store.write() as con:
        Store._insert(con, table, data)
    return time.perf_counter() - started


def executemany_rate(folder: Path, feeds: pa.Table, articles: pa.Table, claims: pa.Table, n: int) -> float:
    store = Store(folder / "executemany.duckdb")
    insert(store, "feeds", feeds)
    insert(store, "articles", articles)
    sample = claims.slice(0, n)
    cols = sample.column_names
    rows = [tuple(r[c] for c in cols) for r in sample.to_pylist()]
    statement = f"INSERT INTO claims ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    started = time.perf_counter()
    with store.write() as con:
        con.executemany(statement, rows)
    return n / (time.perf_counter() - started)


def pylist_rate(folder: Path, feeds: pa.Table, articles: pa.Table, claims: pa.Table) -> tuple[float, float]:
    """The store's own path: row dicts → Store._insert (Arrow from the dicts, then INSERT)."""
    store = Store(folder / "pylist.duckdb")
    insert(store, "feeds", feeds)
    insert(store, "articles", articles)
    rows = claims.to_pylist()
    started = time.perf_counter()
    with store.write() as con:
        Store._insert(con, "claims", rows)
    return len(rows) / (time.perf_counter() - started), time.perf_counter() - started


def replace_batch(store: Store, articles: pa.Table, claims: pa.Table, n: int) -> tuple[float, int]:
    """What extraction writes for n articles: their claims replaced and their keys marked."""
    ids = set(articles.column("article_id").to_pylist()[-n:])
    rows = [c for c in claims.to_pylist() if c["article_id"] in ids]
    results = [{"article_id": a, "extractor_version": "bench", "extracted_at": START, "claims": 0, "error": None}
               for a in ids]
    started = time.perf_counter()
    store.replace_claims(results, rows, CATALOGUE)
    return time.perf_counter() - started, len(rows)


def median_time(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def tracked_reads(store: Store, articles: pa.Table, claims: pa.Table, keys: list[str],
                  runs: int = 60) -> list[tuple[str, float]]:
    """A one-key read of `claim_changes` through the store (each opens and closes the file),
    with nothing dirty: without the dirty check, with it (what every tracked read does), and
    after an explicit `refresh_tracking()` (the protocol readers followed before); interleaved,
    medians of `runs`. Then the first tracked read after an extraction batch marked keys dirty."""
    statement = sql.query("key_changes")

    def read(key: str, tracked: bool) -> None:
        with store.read(tracked=tracked) as con:
            con.execute(statement, {"key": key}).fetchall()

    def refreshed(key: str) -> None:
        store.refresh_tracking()
        read(key, False)

    ways = {"no dirty check": lambda k: read(k, False), "dirty check (a tracked read)": lambda k: read(k, True),
            "`refresh_tracking()`, then the read": refreshed}
    times: dict[str, list[float]] = {what: [] for what in ways}
    for n in range(runs):
        for what, way in ways.items():
            started = time.perf_counter()
            way(keys[n % len(keys)])
            times[what].append(time.perf_counter() - started)
    out = [(f"nothing dirty, {what}", statistics.median(t)) for what, t in times.items()]
    _, replaced = replace_batch(store, articles, claims, 200)
    started = time.perf_counter()
    read(keys[0], True)
    out.append((f"a tracked read after one extraction batch ({replaced:,} claims of 200 articles; one run)",
                time.perf_counter() - started))
    return out


def view_figures(store: Store, views: list[str], keys: list[str], repeat: int) -> None:
    """Each view's full query (median of `repeat`) and, for views with a claim key, a one-key
    lookup over 20 keys: the median wall time and the median CPU time of this process (all of
    DuckDB's threads), which a machine shared with other work inflates less."""
    print("| view | rows | full query (median) | one-key lookup (median of 20) | one-key lookup, CPU |")
    print("| --- | ---: | ---: | ---: | ---: |")
    with store.read() as con:
        for view in views:
            n = con.execute(f"SELECT count(*) FROM {view}").fetchall()[0][0]
            full = median_time(lambda: con.sql(f"SELECT * FROM {view}").to_arrow_table(), repeat)
            columns = {r[0] for r in con.execute(f"DESCRIBE {view}").fetchall()}
            lookup = cpu = ""
            if "claim_key" in columns:
                walls, cpus = [], []
                for key in keys:
                    started, used = time.perf_counter(), time.process_time()
                    con.sql(f"SELECT * FROM {view} WHERE claim_key = $k", params={"k": key}).to_arrow_table()
                    walls.append(time.perf_counter() - started)
                    cpus.append(time.process_time() - used)
                lookup = f"{statistics.median(walls) * 1000:.1f} ms"
                cpu = f"{statistics.median(cpus) * 1000:.1f} ms"
            print(f"| `{view}` | {n:,} | {full * 1000:,.0f} ms | {lookup} | {cpu} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--keys", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--executemany-rows", type=int, default=2_000)
    ap.add_argument("--reextract-articles", type=int, default=5_000,
                    help="articles whose claims are replaced after the compaction")
    args = ap.parse_args()

    started = time.perf_counter()
    feeds, articles, claims = synthetic(args.articles, args.claims, args.keys)
    print(f"generated {args.claims:,} claims over {args.articles:,} articles and {args.keys:,} keys "
          f"in {time.perf_counter() - started:.1f} s")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rate_many = executemany_rate(folder, feeds, articles, claims, args.executemany_rows)
        rate_dicts, _ = pylist_rate(folder, feeds, articles, claims)
        bare = Store(folder / "bare.duckdb")          # the same columns without keys, checks or indexes
        with bare.write() as con:
            con.execute("CREATE TABLE claims_bare AS SELECT * FROM claims LIMIT 0").fetchall()
        t_bare = insert(bare, "claims_bare", claims)
        store = Store(folder / "bench.duckdb")
        insert(store, "feeds", feeds)
        t_articles = insert(store, "articles", articles)
        t_claims = insert(store, "claims", claims)
        with store.write() as con:
            Store._insert(con, "metrics", CATALOGUE)
        started = time.perf_counter()
        store.refresh_tracking(everything=True)
        t_rebuild = time.perf_counter() - started
        t_batch, batch_claims = replace_batch(store, articles, claims, 200)
        started = time.perf_counter()
        retracked = store.refresh_tracking()
        t_retrack = time.perf_counter() - started
        print()
        print("| insert | rows | rows/s |")
        print("| --- | ---: | ---: |")
        print(f"| claims, `executemany` (sample) | {args.executemany_rows:,} | {rate_many:,.0f} |")
        print(f"| claims, Arrow from row dicts (`Store._insert`, conversion included) | {args.claims:,} | {rate_dicts:,.0f} |")
        print(f"| claims, Arrow from columns | {args.claims:,} | {args.claims / t_claims:,.0f} |")
        print(f"| same columns, no constraints or indexes, Arrow from columns | {args.claims:,} | {args.claims / t_bare:,.0f} |")
        print(f"| articles, Arrow from columns | {args.articles:,} | {args.articles / t_articles:,.0f} |")

        print()
        print(f"tracking tables rebuilt from all claims: {t_rebuild:.1f} s")
        print(f"one extraction batch written (200 articles, {batch_claims:,} claims replaced, their keys "
              f"marked): {t_batch * 1000:,.0f} ms")
        print(f"end of run: tracking of the {retracked:,} keys marked recomputed: {t_retrack * 1000:,.0f} ms")

        keys = claims.column("claim_key").unique().to_pylist()[:20]
        views = list(sql.views())
        print()
        print("As inserted (a key's claims scattered over every row group):")
        view_figures(store, views, keys, args.repeat)
        started = time.perf_counter()
        store.compact()
        t_compact = time.perf_counter() - started
        for backup in folder.glob("bench.before-compact-*"):
            backup.unlink()
        print()
        print(f"After `claimtrack db compact` ({t_compact:.1f} s; claims and tracking tables stored in key order):")
        view_figures(store, views, keys, args.repeat)
        t_again, again = replace_batch(store, articles, claims, args.reextract_articles)
        store.refresh_tracking()
        print()
        print(f"Then {args.reextract_articles:,} articles extracted again ({again:,} claims replaced, now after the "
              f"ones in key order; {t_again:.1f} s):")
        view_figures(store, views, keys, args.repeat)
        print()
        print("| one-key read of `claim_changes` through the store | median |")
        print("| --- | ---: |")
        for what, seconds in tracked_reads(store, articles, claims, keys):
            print(f"| {what} | {seconds * 1000:,.1f} ms |")
        size = (folder / "bench.duckdb").stat().st_size
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print()
    print(f"database file: {size / 1e6:.0f} MB; peak RSS of this process: {peak:,.0f} MB")


if __name__ == "__main__":
    main()
