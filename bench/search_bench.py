"""Search benchmark: the word index behind `claimtrack search` on synthetic articles.

    .venv/bin/python bench/search_bench.py                  # 20,000 articles of 500 words
    .venv/bin/python bench/search_bench.py --articles 100000 --words 800

Builds a fresh database through the real migrations, inserts the articles in one batch, then
measures: indexing them all (the first search's cost), a refresh with nothing new (every
later search pays it), a search of three words (refresh included, median of 5), and after
1% of the articles changed (a reparse), the refresh that re-indexes them.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimtrack.db.search import refresh_index, search  # noqa: E402
from claimtrack.db.store import Store  # noqa: E402

VOCABULARY = [f"w{i}" for i in range(5000)] + ("openai microsoft stake valuation billion round funding "
                                             "investors chip nvidia bubble warning deal shares").split()


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(words))


def _timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--words", type=int, default=500, help="words per article")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "search.duckdb")
        with store.write() as con:
            con.execute("INSERT INTO feeds (feed_id, url, name) VALUES ('bench', 'https://bench.example/rss', 'Bench')")
            rows = [(f"a{i:07d}", f"https://bench.example/{i}", _text(rng, 8), _text(rng, args.words), f"h{i}")
                    for i in range(args.articles)]
            con.executemany(
                "INSERT INTO articles (article_id, feed_id, url, canonical_url, title, outlet, published_at,"
                " published_source, fetched_at, text, text_source, content_hash)"
                " VALUES ($1, 'bench', $2, $2, $3, 'Bench', now(), 'feed', now(), $4, 'feed', $5)", rows)
        first, n = _timed(lambda: refresh_index(store))
        print(f"{args.articles:,} articles × {args.words} words")
        print(f"  index all ({n:,} articles):        {first:7.2f} s")
        nothing, _ = _timed(lambda: refresh_index(store))
        print(f"  refresh, nothing new:            {nothing * 1000:7.0f} ms")
        runs = [_timed(lambda: search(store, "openai stake bubble", 10))[0] for _ in range(5)]
        print(f"  search 3 words (median of 5):    {statistics.median(runs) * 1000:7.0f} ms")
        changed = max(1, args.articles // 100)
        with store.write() as con:
            con.execute("UPDATE articles SET text = text || ' reparsed', content_hash = content_hash || 'r'"
                        " WHERE article_id < $1", [f"a{changed:07d}"])
        again, n = _timed(lambda: refresh_index(store))
        print(f"  re-index {n:,} changed articles:   {again * 1000:7.0f} ms")
        size = (Path(tmp) / "search.duckdb").stat().st_size
        print(f"  database file with the index:    {size / 1e6:7.1f} MB")


if __name__ == "__main__":
    main()
