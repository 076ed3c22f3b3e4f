"""Extraction throughput: claimtrack's whole extraction (parse, figures, mentions, claims,
DuckDB write), reading every sentence and reading only the selected ones
(extractors/selection.py), against bare `nlp.pipe` of the same model on the same documents,
in one run; and the share of sentences the selection parses, here and on real texts.

    .venv/bin/python bench/extract_bench.py [--articles 1000] [--words 600]
    .venv/bin/python bench/extract_bench.py --compare   # the two readings' claims, article by article
    .venv/bin/python bench/extract_bench.py --memory    # peak memory of `claimtrack extract` on them
    .venv/bin/python bench/extract_bench.py --stages    # CPU time of each stage, bare model and claimtrack's
    .venv/bin/python bench/extract_bench.py --attributes    # every token attribute, bare model and claimtrack's

The corpus is built from the demo outlets' articles (ours), the real-news corpus's passages
(tests/corpus/news) and, when present, the seed article in ../shared: their sentences are
shuffled into N articles of about W words, so the texts read like news and carry the
figures, parties and cues the claim components look for.
Not a test: compare the ratio within one run.
"""
from __future__ import annotations

import argparse
import atexit
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def real_texts() -> dict[str, list[str]]:
    """Texts as published, by where they come from: the demo outlets, the seed article (when
    present), the real-news passages, and the English feed files in ../shared/fixtures."""
    from claimtrack.extractors.corpus import read_stories
    from claimtrack.flows.sources.articles import html_to_text, page_text
    from claimtrack.flows.sources.feeds import parse_feed
    out: dict[str, list[str]] = {"demo outlets": [], "seed article": [], "real-news passages": [], "feed files": []}
    for path in sorted((ROOT / "config" / "demo").rglob("*")):
        if path.suffix == ".xml":
            feed = parse_feed(path.read_bytes(), path.as_uri())
            out["demo outlets"] += [html_to_text(e.content_html or e.summary_html) for e in feed.entries]
        elif path.suffix == ".html":
            out["demo outlets"].append(page_text(path.read_text("utf-8"), path.as_uri()).text)
    seed = ROOT.parent / "shared" / "seeds" / "000_6ac0e1f229eea688.txt"
    if seed.exists():
        out["seed article"].append(seed.read_text("utf-8"))
    out["real-news passages"] = [p.text for p in read_stories(ROOT / "tests" / "corpus" / "news")[0]]
    for name in ("guardian-us-rss2.xml", "science-twis-rss1-rdf.xml"):
        path = ROOT.parent / "shared" / "fixtures" / "feeds" / name
        if path.exists():
            feed = parse_feed(path.read_bytes(), path.as_uri())
            out["feed files"] += [html_to_text(e.content_html or e.summary_html) for e in feed.entries]
    return out


def sentences() -> list[str]:
    groups = real_texts()
    texts = groups["demo outlets"] + groups["seed article"] + groups["real-news passages"]
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



def share_parsed(extractor, texts: list[str]) -> tuple[int, int, int, int]:
    """(sentences kept, sentences, characters kept, characters) when reading only what can
    hold a claim (a text kept whole counts all its sentences)."""
    from claimtrack.extractors.selection import select
    kept = total = chars = all_chars = 0
    for text in texts:
        chosen = select(text, extractor.risk_words, years=extractor.year_types)
        kept, total = kept + chosen.kept, total + chosen.total
        chars, all_chars = chars + len(chosen.text), all_chars + len(text)
    return kept, total, chars, all_chars


def bounded(texts: list[str], batch_size: int) -> list[list[str]]:
    """The texts in the batches claimtrack's pipeline gives the model: at most `batch_size`
    texts and BATCH_CHARS characters each (extractors/pipeline.py)."""
    from claimtrack.extractors.pipeline import BATCH_CHARS
    out: list[list[str]] = []
    chars = 0
    for text in texts:
        if not out or len(out[-1]) >= batch_size or chars + len(text) > BATCH_CHARS:
            out.append([])
            chars = 0
        out[-1].append(text)
        chars += len(text)
    return out


def stage_times(nlp, texts: list[str], batch_size: int) -> dict[str, float]:
    """CPU seconds of each stage of `nlp` (the tokenizer first) over the texts, each stage run
    on a batch's Docs after the one before it, in claimtrack's batches."""
    cost = {"tokenizer": 0.0, **{name: 0.0 for name in nlp.pipe_names}}
    for group in bounded(texts, batch_size):
        t0 = time.process_time()
        docs = [nlp.make_doc(text) for text in group]
        cost["tokenizer"] += time.process_time() - t0
        for name, proc in nlp.pipeline:
            t0 = time.process_time()
            docs = list(proc.pipe(docs, batch_size=len(group))) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            cost[name] += time.process_time() - t0
    return cost


def attribute_differences(bare, ours, texts: list[str]) -> tuple[int, int]:
    """(texts, tokens) whose attributes (tag, POS, morphology, lemma, dependency and head,
    entity) differ between two pipelines of one model."""
    def of(doc) -> list[tuple]:
        return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
                for t in doc]
    texts_differ = tokens_differ = 0
    for a, b in zip(bare.pipe(texts), ours.pipe(texts)):
        wrong = sum(x != y for x, y in zip(of(a), of(b))) + abs(len(a) - len(b))
        texts_differ, tokens_differ = texts_differ + bool(wrong), tokens_differ + wrong
    return texts_differ, tokens_differ


def store_of(texts: list[str], path: Path):
    """A DuckDB store holding the texts as the articles of one feed."""
    from claimtrack.db.dedupe import fingerprint
    from claimtrack.db.polls import ArticleRecord, PollRecord
    from claimtrack.db.store import Store
    from claimtrack.flows.settings import FeedConfig
    from claimtrack.flows.sources.ingest import poll_row
    store = Store(path)
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
    return store


def peak_memory(db: Path, work: Path) -> tuple[float, float, float, dict[str, float]]:
    """Run `claimtrack extract --reextract` on the store: (seconds, peak MB of its whole process
    tree, peak MB of each of its processes by what it runs), sampled every 0.2 s. The tree's peak
    is given twice: RSS summed (a page several processes share, such as a library's, counted in
    each) and PSS summed (such a page split among the processes that share it, so counted once:
    the memory the tree really holds)."""
    import psutil
    env = {**os.environ, "PREFECT_HOME": str(work / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "claimtrack", "extract", "--reextract", "--config",
                             str(ROOT / "config" / "claimtrack.toml"), "--db", str(db)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    top, top_pss, each, parent = 0, 0, {}, psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            info = {p.pid: (_role(p), p.memory_full_info()) for p in [parent, *parent.children(recursive=True)]}
        except psutil.Error:
            info = {}
        top = max(top, sum(m.rss for _, m in info.values()))
        top_pss = max(top_pss, sum(m.pss for _, m in info.values()))
        for pid, (role, m) in info.items():
            each[f"{role} ({pid})"] = max(each.get(f"{role} ({pid})", 0), m.rss / 2**20)
        time.sleep(0.2)
    if proc.returncode:
        sys.exit(f"claimtrack extract failed: {proc.stderr.read().decode()[-2000:]}")
    return time.perf_counter() - t0, top / 2**20, top_pss / 2**20, each


def _role(process) -> str:
    """What a process of `claimtrack extract` is: the command itself, an extraction worker, the
    temporary Prefect server."""
    line = " ".join(process.cmdline())
    if "claimtrack extract" in line or line.endswith("--reextract") or " extract " in line:
        return "claimtrack extract"
    if "multiprocessing" in line:
        return "worker"
    return "prefect server" if "prefect" in line or "uvicorn" in line else line[:60]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--processes", type=int, default=2, help="for the runs that use several cores (1: none)")
    parser.add_argument("--repeat", type=int, default=5, help="passes over the feed files' texts, for their timing")
    parser.add_argument("--compare", action="store_true",
                        help="only compare the claims of both readings on every article (keeps going), no timing")
    parser.add_argument("--memory", action="store_true", help="only the peak memory of `claimtrack extract`")
    parser.add_argument("--stages", action="store_true", help="only the CPU time of each stage, one process")
    parser.add_argument("--attributes", action="store_true",
                        help="only compare every token's attributes, the model as spaCy loads it and claimtrack's")
    args = parser.parse_args()

    import spacy

    from claimtrack.extractors.model import installed_model_name
    from claimtrack.extractors.pipeline import BATCH_CHARS, build_extractor, selection_differences
    from claimtrack.flows.extraction.extract import batches, extract_batch
    from claimtrack.flows.extraction.pool import ExtractorPool

    texts = corpus(args.articles, args.words)
    n_words = sum(len(t.split()) for t in texts)
    model = installed_model_name()
    if model is None:
        sys.exit("no English model installed: run make install first")
    print(f"extract bench: {len(texts)} articles, {n_words:,} words, model {model}, batch {args.batch_size}")
    work = Path(tempfile.mkdtemp(prefix="claimtrack-extract-bench-"))
    atexit.register(shutil.rmtree, work, True)      # its databases and Prefect's files go with the run
    if args.memory:
        store_of(texts, work / "bench.duckdb")
        seconds, tree, tree_pss, each = peak_memory(work / "bench.duckdb", work)
        print(f"claimtrack extract --reextract over {len(texts)} articles: {seconds:.1f} s, peak memory "
              f"of all its processes together {tree:,.0f} MB in RSS, {tree_pss:,.0f} MB in PSS; "
              "each (RSS): " + ", ".join(f"{role} {mb:,.0f} MB" for role, mb in sorted(each.items())))
        return
    files = (ROOT / "config" / "entities.toml", ROOT / "config" / "claims.toml", ROOT / "config" / "risk.toml")
    whole = build_extractor("auto", *files)
    if args.attributes:
        from claimtrack.extractors.model import load_base
        bare, base = spacy.load(model), load_base(model)[0]
        for name, group in {"this corpus": texts, **real_texts()}.items():
            differ, tokens = attribute_differences(bare, base, group)
            print(f"{name} ({len(group)} texts, {sum(len(d) for d in base.pipe(group)):,} tokens): "
                  f"{differ} texts and {tokens} tokens differ")
        return
    if args.stages:
        bare = spacy.load(model)
        for nlp in (bare, whole.nlp):
            list(nlp.pipe(texts[:20], batch_size=args.batch_size))          # warm up
        t0 = time.process_time()
        for _ in bare.pipe(texts, batch_size=args.batch_size):
            pass
        bare_cpu = time.process_time() - t0
        t0 = time.process_time()
        claims = sum(map(len, replace(whole, selective=False).pipe(texts, args.batch_size)))
        ours_cpu = time.process_time() - t0
        theirs, ours = stage_times(bare, texts, args.batch_size), stage_times(whole.nlp, texts, args.batch_size)
        print(f"CPU time, one process: bare nlp.pipe {bare_cpu:.1f} s; claimtrack's pipeline, every sentence, "
              f"{ours_cpu:.1f} s ({claims:,} claims, no DuckDB), {ours_cpu / bare_cpu:.2f} × bare")
        print(f"{'stage':32} {'bare model':>12} {'claimtrack':>12} {'share':>7}")
        for name in ours:
            mine = ours[name]
            print(f"{name:32} {theirs.get(name, 0):11.2f}s {mine:11.2f}s {mine / sum(ours.values()):7.1%}")
        return
    chosen = replace(whole, selective=True)
    if args.compare:
        differ = 0
        for i, a, b in selection_differences(whole, texts, args.batch_size):
            differ += 1
            print(f"article {i}: {len(a)} claims from the whole text, {len(b)} from the selected sentences")
        print(f"{differ} of {len(texts)} articles differ")
        sys.exit(1 if differ else 0)

    kept, total, chars, all_chars = share_parsed(whole, texts)
    print(f"selection on this corpus: {kept:,} of {total:,} sentences ({kept / total:.0%}), "
          f"{chars / all_chars:.0%} of the characters")
    for name, group in real_texts().items():
        if group:
            k, t, c, a = share_parsed(whole, group)
            print(f"selection on {name} ({len(group)} texts): {k:,} of {t:,} sentences ({k / t:.0%}), "
                  f"{c / a:.0%} of the characters")

    store = store_of(texts, work / "bench.duckdb")
    bare = spacy.load(model)
    list(bare.pipe(texts[:20], batch_size=args.batch_size))          # warm both up
    list(whole.pipe(texts[:20], batch_size=args.batch_size))
    ids = [f"a{i:05d}" for i in range(len(texts))]

    def ours(extractor, runner=None, chunk=200) -> tuple[float, int]:
        t0, claims = time.perf_counter(), 0
        for part in batches(ids, chunk):
            claims += extract_batch(store, extractor, part, args.batch_size, runner=runner).claims
        return time.perf_counter() - t0, claims

    def pooled(selective: bool) -> tuple[float, int]:
        # pool start-up, each worker loading the model, is inside the timing
        t0 = time.perf_counter()
        pool = ExtractorPool(args.processes, "auto", *files, selective)
        try:
            _, claims = ours(whole, pool, 200 * args.processes)
        finally:
            pool.close()
        return time.perf_counter() - t0, claims

    def cpu(run) -> tuple[float, float, Any]:
        """(wall seconds, CPU seconds of this process, what `run` returned): on a shared
        machine the CPU time of one process moves far less with the load than the wall time."""
        t0, c0 = time.perf_counter(), time.process_time()
        got = run()
        return time.perf_counter() - t0, time.process_time() - c0, got

    def bare_run() -> None:
        for _ in bare.pipe(texts, batch_size=args.batch_size):
            pass

    def bounded_run() -> None:
        for group in bounded(texts, args.batch_size):       # the model reading the batches claimtrack gives it
            for _ in bare.pipe(group, batch_size=len(group)):
                pass
    bare_s, bare_cpu, _ = cpu(bare_run)
    bounded_s, bounded_cpu, _ = cpu(bounded_run)
    _, whole_cpu, (whole_s, whole_n) = cpu(lambda: ours(whole))
    _, chosen_cpu, (chosen_s, chosen_n) = cpu(lambda: ours(chosen))

    def line(label: str, seconds: float, claims: int | None = None, base: float | None = None,
             cpu_s: float | None = None, cpu_base: float | None = None) -> None:
        ratio = f", {seconds / base:.2f} × bare" if base else ""
        told = f", {claims:,} claims" if claims is not None else ""
        used = f"; CPU {cpu_s:.1f} s" if cpu_s is not None else ""
        used += f", {cpu_s / cpu_base:.2f} × bare" if cpu_s is not None and cpu_base else ""
        print(f"{label}: {seconds:.1f} s, {n_words / seconds:,.0f} words/s{told}{ratio}{used}")

    print(f"one process (bare: {', '.join(bare.pipe_names)})")
    line("  bare nlp.pipe", bare_s, cpu_s=bare_cpu)
    line(f"  bare nlp.pipe, batches of at most {BATCH_CHARS:,} characters", bounded_s, None, bare_s,
         bounded_cpu, bare_cpu)
    line("  claimtrack, every sentence", whole_s, whole_n, bare_s, whole_cpu, bare_cpu)
    line("  claimtrack, selected sentences", chosen_s, chosen_n, bare_s, chosen_cpu, bare_cpu)
    if args.processes > 1:
        t0 = time.perf_counter()
        for _ in bare.pipe(texts, batch_size=args.batch_size, n_process=args.processes):
            pass
        bare_mp_s = time.perf_counter() - t0
        pool_whole_s, pool_whole_n = pooled(False)
        pool_chosen_s, pool_chosen_n = pooled(True)
        print(f"{args.processes} processes")
        line(f"  bare nlp.pipe(n_process={args.processes})", bare_mp_s)
        line("  claimtrack workers, every sentence", pool_whole_s, pool_whole_n, bare_mp_s)
        line("  claimtrack workers, selected sentences", pool_chosen_s, pool_chosen_n, bare_mp_s)
    feeds = real_texts()["feed files"] * args.repeat
    if feeds:       # texts as published, where most sentences hold no figure (no DuckDB here)
        n_words = sum(len(t.split()) for t in feeds)
        timed = {}
        for label, run in (("bare", lambda: bare.pipe(feeds, batch_size=args.batch_size)),
                           ("whole", lambda: whole.pipe(feeds, args.batch_size)),
                           ("chosen", lambda: chosen.pipe(feeds, args.batch_size))):
            wall, used, found = cpu(lambda: sum(len(c) if label != "bare" else 0 for c in run()))
            timed[label] = (wall, found, used)
        print(f"the feed files' texts, each {args.repeat} times ({len(feeds)} texts), one process, no DuckDB")
        line("  bare nlp.pipe", timed["bare"][0], cpu_s=timed["bare"][2])
        for label, name in (("whole", "every sentence"), ("chosen", "selected sentences")):
            line(f"  claimtrack, {name}", timed[label][0], timed[label][1], timed["bare"][0], timed[label][2],
                 timed["bare"][2])


if __name__ == "__main__":
    main()
