"""Extraction throughput: claimtrack's whole extraction (parse, figures, mentions, claims,
DuckDB write) against bare `nlp.pipe` of the same model on the same documents, in one run.

    .venv/bin/python bench/extract_bench.py [--articles 1000] [--words 600]

The corpus is built from the demo outlets' articles (ours), the real-news corpus's passages
(tests/corpus/news) and, when present, the seed article in ../shared: their sentences are
shuffled into N articles of about W words, so the texts read like news and carry the
figures, parties and cues the claim components look for.
Not a test: compare the ratio within one run.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def sentences() -> list[str]:
    from claimtrack.flows.sources.articles import html_to_text, page_text
    from claimtrack.flows.sources.feeds import parse_feed
    texts = []
    for path in sorted((ROOT / "config" / "demo").rglob("*")):
        if path.suffix == ".xml":
            feed = parse_feed(path.read_bytes(), path.as_uri())
            texts += [html_to_text(e.content_html or e.summary_html) for e in feed.entries]
        elif path.suffix == ".html":
            texts.append(page_text(path.read_text("utf-8"), path.as_uri()).text)
    seed = ROOT.parent / "shared" / "seeds" / "000_6ac0e1f229eea688.txt"
    if seed.exists():
        texts.append(seed.read_text("utf-8"))
    from claimtrack.extractors.corpus import read_stories
    texts += [p.text for p in read_stories(ROOT / "tests" / "corpus" / "news")[0]]
    found = []
    for text in texts:
        found += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if 8 <= len(s.split()) <= 60]
    return found


def corpus(n: int, words: int) -> list[str]:
    rng = random.Random(11)
    pool = sentences()
    docs = []
    for _ in range(n):
        out, count = [], 0
        while count < words:
            s = rng.choice(pool)
            out.append(s)
            count += len(s.split())
        paragraphs = [" ".join(out[i:i + 4]) for i in range(0, len(out), 4)]
        docs.append("\n".join(paragraphs))
    return docs


def extractor_base_pipes(model: str) -> list[str]:
    """The model components claimtrack's pipeline runs (it leaves some out)."""
    from claimtrack.extractors.model import load_base
    nlp, _ = load_base(model)
    return nlp.pipe_names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--processes", type=int, default=2, help="for the runs that use several cores")
    args = parser.parse_args()

    import spacy

    from claimtrack.db.polls import ArticleRecord, PollRecord
    from claimtrack.db.store import Store
    from claimtrack.extractors.model import installed_model_name
    from claimtrack.extractors.pipeline import build_extractor
    from claimtrack.db.dedupe import fingerprint
    from claimtrack.flows.extraction.extract import batches, extract_batch
    from claimtrack.flows.sources.ingest import poll_row
    from claimtrack.flows.settings import FeedConfig

    texts = corpus(args.articles, args.words)
    n_words = sum(len(t.split()) for t in texts)
    model = installed_model_name()
    if model is None:
        sys.exit("no English model installed: run make install first")
    print(f"extract bench: {len(texts)} articles, {n_words:,} words, model {model}, batch {args.batch_size}")

    work = Path(tempfile.mkdtemp(prefix="claimtrack-extract-bench-"))
    store = Store(work / "bench.duckdb")
    now = datetime.now(timezone.utc)
    poll = {**poll_row(FeedConfig("http://bench.test/feed", "Bench"), "bench", now),
            "http_status": 200, "entries_seen": len(texts)}
    records = []
    for i, text in enumerate(texts):
        aid = f"a{i:05d}"
        row = {"article_id": aid, "feed_id": "bench", "url": f"http://bench.test/{i}", "canonical_url": f"http://bench.test/{i}",
               "entry_url": None, "guid": None, "title": f"Bench {i}", "author": None, "outlet": "Bench",
               "published_at": now, "published_source": "feed", "fetched_at": now, "text": text,
               "text_source": "feed", "language": "en", "content_hash": str(i)}
        records.append(ArticleRecord(row, None, fingerprint(aid, now, f"bench article {i}")))
    store.record_polls([PollRecord(poll, (), tuple(records))])

    bare = spacy.load(model)
    trimmed = spacy.load(model, exclude=[p for p in bare.pipe_names if p not in extractor_base_pipes(model)])
    extractor = build_extractor("auto", ROOT / "config" / "entities.toml", ROOT / "config" / "claims.toml",
                                ROOT / "config" / "risk.toml")
    list(bare.pipe(texts[:20], batch_size=args.batch_size))          # warm both up
    list(extractor.pipe(texts[:20], batch_size=args.batch_size))

    timings = {}
    for label, nlp in (("bare", bare), ("trimmed", trimmed)):
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=args.batch_size):
            pass
        timings[label] = time.perf_counter() - t0
    bare_s, trimmed_s = timings["bare"], timings["trimmed"]

    ids = [f"a{i:05d}" for i in range(len(texts))]
    t0 = time.perf_counter()
    claims = 0
    for chunk in batches(ids, 200):
        claims += extract_batch(store, extractor, chunk, args.batch_size).claims
    ours_s = time.perf_counter() - t0

    # both cores: spaCy's own n_process for the bare model; worker processes for claimtrack
    # (pool start-up, each worker loading the model, is inside the timing)
    t0 = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=args.batch_size, n_process=args.processes):
        pass
    bare_mp_s = time.perf_counter() - t0
    from claimtrack.flows.extraction.pool import ExtractorPool
    t0 = time.perf_counter()
    pool = ExtractorPool(args.processes, "auto", ROOT / "config" / "entities.toml", ROOT / "config" / "claims.toml",
                         ROOT / "config" / "risk.toml")
    pool_claims = 0
    try:
        for chunk in batches(ids, 200 * args.processes):
            pool_claims += extract_batch(store, extractor, chunk, args.batch_size, runner=pool).claims
    finally:
        pool.close()
    pool_s = time.perf_counter() - t0

    print(f"bare nlp.pipe ({', '.join(bare.pipe_names)}): {bare_s:.1f} s, {n_words / bare_s:,.0f} words/s")
    print(f"bare nlp.pipe, the components claimtrack keeps ({', '.join(trimmed.pipe_names)}): {trimmed_s:.1f} s, "
          f"{n_words / trimmed_s:,.0f} words/s")
    print(f"claimtrack extraction (parse + figures + mentions + claims + DuckDB write): {ours_s:.1f} s, "
          f"{n_words / ours_s:,.0f} words/s, {claims:,} claims")
    print(f"ratio: {ours_s / bare_s:.2f} × bare nlp.pipe time; {ours_s / trimmed_s:.2f} × the same components bare")
    print(f"{args.processes} processes: bare nlp.pipe(n_process={args.processes}) {bare_mp_s:.1f} s, "
          f"{n_words / bare_mp_s:,.0f} words/s; claimtrack with {args.processes} worker processes {pool_s:.1f} s, "
          f"{n_words / pool_s:,.0f} words/s, {pool_claims:,} claims")
    print(f"ratio: {pool_s / bare_mp_s:.2f} × bare nlp.pipe time on {args.processes} processes; "
          f"{ours_s / pool_s:.2f}× faster than claimtrack on one process")


if __name__ == "__main__":
    main()
