"""The real-news tracking check (issue 15, item 8): the corpus's passages served as feeds, one
per outlet and dated as published, run through ingest and extract like any feeds, and the
changes the tracker lists (`claim_changes`) scored against the gold claims and the must-see
changes of tests/corpus/news/changes.toml (the scoring is flows/quality/tracking_score.py).

`python -m claimtrack.flows.quality.tracking_check dev|test [--verbose]` runs one half and prints the figures.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

from claimtrack.db.store import Store
from claimtrack.extractors.corpus import Passage, load_corpus
from claimtrack.extractors.pipeline import Extractor
from claimtrack.errors import PermanentFetchError
from claimtrack.flows.extraction.extract import ExtractResult, batches, extract_batch
from claimtrack.flows.sources.http import Fetched, Fetcher
from claimtrack.flows.sources.ingest import PollResult, feed_id_of, poll_feed
from claimtrack.flows.sources.pollwriter import PollWriter
from claimtrack.flows.settings import HttpSettings, Settings, load_settings
from claimtrack.flows.quality.tracking_score import (CHANGES_FILE, CORPUS, ROOT, MustSee, TrackingScore, load_must_see, score,
                                  state_metrics)
from claimtrack.flows.sources.urls import canonical_url
EXTRACT_CHUNK = 200            # articles per extract_batch call, as flows/orchestration/prefect_flows.py's extract tasks
TITLE_CHARS = 80
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"

ET.register_namespace("content", CONTENT_NS)


# -- feeds -------------------------------------------------------------------------------------
_FIGURE_WORD = re.compile(r"[\d$€£¥₹]|^(?:million|billion|trillion|bn|mn|percent|per)\b", re.IGNORECASE)


def feed_title(text: str) -> str:
    """A headline from the first ~80 characters, cut at a word and before the first figure:
    ingest puts the title before the text as a line of its own, so a cut figure ("$183…")
    would be read as a claim the passage does not make."""
    words = []
    for word in text[:TITLE_CHARS + 1].split()[:-1] if len(text) > TITLE_CHARS else text.split():
        if _FIGURE_WORD.search(word):
            break
        words.append(word)
    title = " ".join(words).rstrip(",;:–—-")
    return f"{title}…" if title else "…"


def _pub_date(published: str) -> str:
    day = datetime.strptime(published, "%Y-%m-%d").replace(hour=12, tzinfo=timezone.utc)
    return format_datetime(day, usegmt=True)


def _with_passage(url: str, guid: str) -> str:
    parts = urlsplit(url)
    query = "&".join(q for q in (parts.query, urlencode({"claimtrack_passage": guid})) if q)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "outlet"


def feed_items(passages: Sequence[Passage]) -> dict[str, list[dict[str, Any]]]:
    """The items of each outlet's feed: one per page and date, holding its passages in corpus
    order (passages quoted from one page are one article, and ingest keeps one article per
    link); a page already used for another date or outlet gets a `claimtrack_passage` query so
    that its link names an article of its own."""
    by_outlet: dict[str, dict[tuple[str, str], list[Passage]]] = {}
    for p in passages:
        by_outlet.setdefault(p.outlet, {}).setdefault((canonical_url(p.url), p.published), []).append(p)
    used: set[str] = set()
    out: dict[str, list[dict[str, Any]]] = {}
    for outlet, pages in by_outlet.items():
        items = []
        for (page, published), ps in pages.items():
            guid = "+".join(p.id for p in ps)
            link = ps[0].url if page not in used else _with_passage(ps[0].url, guid)
            used.add(page)
            items.append({"title": feed_title(ps[0].text), "link": link, "guid": guid,
                          "published": published, "texts": [p.text for p in ps]})
        out[outlet] = items
    return out


def write_feeds(passages: Sequence[Passage], folder: Path) -> list[Path]:
    """One RSS 2.0 file per outlet in `folder`, each item carrying its full text in
    content:encoded and description, so ingest reads it from the feed and fetches no page."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, (outlet, items) in enumerate(feed_items(passages).items()):
        rss = ET.Element("rss", {"version": "2.0"})
        channel = ET.SubElement(rss, "channel")
        first = urlsplit(items[0]["link"])
        for tag, text in (("title", outlet), ("link", f"{first.scheme}://{first.netloc}/"),
                          ("description", f"{outlet}: passages of the claimtrack real-news corpus")):
            ET.SubElement(channel, tag).text = text
        for item in items:
            node = ET.SubElement(channel, "item")
            ET.SubElement(node, "title").text = item["title"]
            ET.SubElement(node, "link").text = item["link"]
            ET.SubElement(node, "guid", {"isPermaLink": "false"}).text = item["guid"]
            ET.SubElement(node, "pubDate").text = _pub_date(item["published"])
            ET.SubElement(node, "description").text = "\n\n".join(item["texts"])
            html = "".join(f"<p>{escape(t)}</p>" for t in item["texts"])
            ET.SubElement(node, f"{{{CONTENT_NS}}}encoded").text = html
        path = folder / f"{n:03d}-{_slug(outlet)}.xml"
        ET.ElementTree(rss).write(path, encoding="utf-8", xml_declaration=True)
        paths.append(path)
    return paths


# -- the run -----------------------------------------------------------------------------------
class FeedOnlyFetcher(Fetcher):
    """A Fetcher that gets the served feeds and refuses every other URL: each article's text
    comes from its feed, and the items' links are real sites that must not be asked for."""

    def __init__(self, settings: HttpSettings, served: str) -> None:
        super().__init__(settings)
        self.served = served

    def get(self, url: str, max_bytes: int, etag: str | None = None,
            last_modified: str | None = None) -> Fetched:
        """Only the served feeds; any other URL is a permanent failure of its article."""
        if not url.startswith(self.served):
            raise PermanentFetchError(url, "not fetched: the tracking check reads article text from the feed only")
        return super().get(url, max_bytes, etag, last_modified)

    def resolve(self, url: str, through: Any) -> str:
        """Feed-proxy links are not followed either."""
        return url


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the feed folder without a log line per request."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass


@dataclass
class TrackingRun:
    """What one run left in its database, read back for scoring and diagnosis."""
    passages: tuple[Passage, ...]
    db: Path
    polls: list[PollResult]
    extracted: ExtractResult
    articles: list[dict[str, Any]]          # id, outlet, published_at, text_source, guid, duplicate_of
    changes: list[dict[str, Any]]           # claim_changes, every row
    timeline: list[dict[str, Any]]          # claim_timeline, every row

    @property
    def page_errors(self) -> list[str]:
        """Feeds that failed and entries whose text could not be had (none, when all is well)."""
        return [e for r in self.polls for e in r.page_errors] + [f"{r.feed}: {r.error}" for r in self.polls
                                                                 if r.status == "error"]


def write_config(workdir: Path, feed_urls: Sequence[tuple[str, str]]) -> Path:
    """A claimtrack.toml for the run: storage under `workdir`, loopback allowed, the feeds."""
    def s(value: Any) -> str:
        return json.dumps(str(value))
    lines = ["[storage]", f"db = {s(workdir / 'claimtrack.duckdb')}", f"data_dir = {s(workdir / 'data')}",
             "lock_wait_seconds = 30", "", "[http]", "allow_private = true", "connect_timeout = 5.0",
             "read_timeout = 15.0", "", "[extract]",
             *(f"{k} = {s(ROOT / 'config' / f'{k}.toml')}" for k in ("entities", "claims", "risk")),
             "", "[digest]", f"out_dir = {s(workdir / 'digest')}", ""]
    for url, name in feed_urls:
        lines += ["[[feeds]]", f"url = {s(url)}", f"name = {s(name)}", ""]
    path = workdir / "claimtrack.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _rows(store: Store, statement: str) -> list[dict[str, Any]]:
    with store.read() as con:
        cur = con.execute(statement)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]


def ingest_and_extract(settings: Settings, extractor: Extractor, served: str) -> tuple[list[PollResult], ExtractResult]:
    """flows/orchestration/prefect_flows.py's ingest then extract, without Prefect: every feed polled through one
    fetcher into a PollWriter, then pending articles extracted in chunks (the reads that follow
    bring the tracking up to date themselves)."""
    store = settings.storage.store()
    states = store.feed_states()
    writer = PollWriter(store)
    with FeedOnlyFetcher(settings.http, served) as fetcher:
        polls = [poll_feed(feed, settings, store, fetcher, states.get(feed_id_of(feed.url)) or {}, writer=writer)
                 for feed in settings.feeds]
    writer.flush()
    for r in polls:
        r.new_articles = writer.new_articles.get(feed_id_of(r.feed), 0)
    total = ExtractResult()
    for chunk in batches(store.pending_articles(extractor.version), EXTRACT_CHUNK):
        total.add(extract_batch(store, extractor, chunk, settings.extract.batch_size))
    return polls, total


def run_check(passages: Sequence[Passage], workdir: Path, extractor: Extractor) -> TrackingRun:
    """Serve the passages as feeds on 127.0.0.1, ingest and extract them into a new database
    under `workdir`, and read back the articles, claim_changes and claim_timeline."""
    workdir.mkdir(parents=True, exist_ok=True)
    folder = workdir / "feeds"
    paths = write_feeds(passages, folder)
    names = {p.name: outlet for p, outlet in zip(paths, feed_items(passages))}
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name="tracking-check-feeds", daemon=True)
    thread.start()
    try:
        served = f"http://127.0.0.1:{server.server_address[1]}/"
        config = write_config(workdir, [(served + p.name, names[p.name]) for p in paths])
        settings = load_settings(config, db=workdir / "claimtrack.duckdb")
        polls, extracted = ingest_and_extract(settings, extractor, served)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    store = settings.storage.store()
    articles = _rows(store, "SELECT article_id, outlet, published_at, text_source, guid, duplicate_of, "
                            "canonical_url FROM articles ORDER BY published_at, article_id")
    changes = _rows(store, "SELECT * FROM claim_changes")
    timeline = _rows(store, "SELECT * FROM claim_timeline")
    return TrackingRun(tuple(passages), settings.storage.db, polls, extracted, articles, changes, timeline)


def check_halves(extractor: Extractor, halves: Sequence[str] = ("dev", "test"),
                 corpus: Path = CORPUS) -> dict[str, TrackingScore]:
    """Run and score the tracking check on each half of the corpus, each in a fresh folder."""
    state = state_metrics()
    loaded = load_corpus(corpus)
    out = {}
    for half in halves:
        passages = loaded.half(half)
        listing = corpus / CHANGES_FILE.name            # a corpus without a must-see list scores changes only
        must = load_must_see(listing, {p.story for p in passages}) if listing.exists() else []
        with tempfile.TemporaryDirectory(prefix="tracking-check-") as tmp:
            run = run_check(passages, Path(tmp), extractor)
        out[half] = score(run.changes, passages, must, state)
    return out


def below_floors(scores: Mapping[str, TrackingScore], floors: Mapping[str, Any]) -> list[str]:
    """What falls short of the pinned floors ([tracking.HALF] in the quality floors file)."""
    problems = []
    for half, s in scores.items():
        f = floors.get("tracking", {}).get(half)
        if not f:
            continue
        if s.share_right < f["share_right"]:
            problems.append(f"tracking {half}: {s.share_right:.3f} of the changes listed are right, "
                            f"floor {f['share_right']:.3f}")
        found = s.must_see_found / s.must_see if s.must_see else 1.0
        if found < f["must_see_found"]:
            problems.append(f"tracking {half}: {s.must_see_found}/{s.must_see} must-see changes found, "
                            f"floor {f['must_see_found']:.3f}")
        if s.history_changes > f["max_history_changes"]:
            problems.append(f"tracking {half}: {s.history_changes} changes made by history told in passing, "
                            f"at most {f['max_history_changes']}")
    return problems


# -- command line ------------------------------------------------------------------------------
def _show(row: Mapping[str, Any]) -> str:
    return (f"{row['metric']} {row['subject']!r}->{row.get('object')!r}: {row['previous_value']:g} -> "
            f"{row['new_value']:g} {row['unit']} ({row['first_outlet']}, {row['changed_at']:%Y-%m-%d})")


def _show_must(m: MustSee) -> str:
    return (f"{m.story}: {m.metric} {m.subject!r}->{m.object!r}: {m.from_:g} ({m.from_when}) -> "
            f"{m.to:g} ({m.to_when}) {m.unit}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the tracking check on one half of the corpus and print its figures."""
    parser = argparse.ArgumentParser(prog="python -m claimtrack.flows.quality.tracking_check", description=__doc__.split("\n\n")[0])
    parser.add_argument("half", choices=("dev", "test"))
    parser.add_argument("--verbose", action="store_true", help="list wrong changes, must-see misses, history")
    parser.add_argument("--keep", type=Path, help="run in this folder and keep the feeds and database")
    parser.add_argument("--json", action="store_true", help="the figures as one JSON object")
    args = parser.parse_args(argv)
    from claimtrack.extractors.pipeline import build_extractor
    extractor = build_extractor("auto", ROOT / "config" / "entities.toml", ROOT / "config" / "claims.toml",
                                ROOT / "config" / "risk.toml")
    state = state_metrics()         # read once, with the extractor: claims.toml may change while the run goes on
    corpus = load_corpus(CORPUS)
    passages = corpus.half(args.half)
    must = load_must_see(CHANGES_FILE, {p.story for p in passages})
    with tempfile.TemporaryDirectory(prefix="tracking-check-") as tmp:
        run = run_check(passages, args.keep or Path(tmp), extractor)
    result = score(run.changes, passages, must, state)
    sources = Counter(a["text_source"] for a in run.articles)
    if args.json:
        print(json.dumps({"half": args.half, "extractor": extractor.version, "passages": len(passages),
                          "articles": len(run.articles), "text_sources": dict(sources),
                          "page_errors": len(run.page_errors), **result.as_dict()}))
        return 0
    print(f"tracking check, {args.half} half: {len(passages)} passages, {len(run.polls)} feeds, "
          f"{len(run.articles)} articles (text from {dict(sources)}), {len(run.page_errors)} feed/page errors, "
          f"{run.extracted.claims} claims; extractor {extractor.version}")
    print(f"  listed changes        {result.listed}")
    print(f"  right                 {result.right}  (share {result.share_right:.3f})")
    print(f"  wrong, by reason      {result.reasons()}")
    print(f"  must-see found        {result.must_see_found}/{result.must_see}"
          + (f"  (of the must-see, of metrics now of kind event: {result.untracked})" if result.untracked else ""))
    print(f"  history changes       {result.history_changes}")
    if result.ignored:
        print(f"  not scored (metric not a state metric here): {result.ignored}")
    if args.verbose:
        for error in run.page_errors:
            print(f"  ! {error}")
        print("wrong changes:")
        for w in result.wrong:
            print(f"  - [{w['reason']}] {_show(w)}: {w['detail']}")
        print("must-see found:")
        for m in result.found:
            print(f"  + {_show_must(m)}")
        print("must-see missed:")
        for m in result.missed:
            print(f"  - {_show_must(m)}")
        print("history changes:")
        for h in result.history:
            print(f"  ~ {_show(h)}: {', '.join(h['gold'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
