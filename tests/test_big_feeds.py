"""Big feeds (issue 16, class 3): near-duplicate linking compares only LSH candidates, a large
poll is stored in bounded transactions with its feed's row last, and a feed with more new
entries than `ingest.max_entries_per_poll` gives the rest to the next poll."""
import hashlib
import random
import signal
import zlib
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

import pytest
from werkzeug import Response

from claimtrack.db.polls import ArticleRecord, PollRecord
from claimtrack.db.store import Store
from claimtrack.db import dedupe
from claimtrack.db.dedupe import fingerprint, link_duplicates
from claimtrack.flows.sources.http import Fetcher
from claimtrack.flows.sources.ingest import feed_id_of, file_roots, poll_feed, poll_row
from claimtrack.flows.settings import FeedConfig

T0 = datetime(2025, 10, 1, tzinfo=timezone.utc)
VOCABULARY = [f"w{i}" for i in range(3000)]


@contextmanager
def time_limit(seconds: float):
    """Fail rather than hang when the block runs longer than `seconds` (a watchdog, not a timing)."""
    def expired(signum, frame):
        raise TimeoutError(f"took more than {seconds} s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def counted_comparisons(monkeypatch):
    """Count the pairwise similarity computations of deduplication: the work that would grow
    with the square of the articles if candidates were not narrowed by hash and band (a count,
    unlike a wall time, does not depend on how loaded the machine is)."""
    compared = [0]
    real = dedupe.similarity

    def counting(a, b):
        compared[0] += 1
        return real(a, b)
    monkeypatch.setattr(dedupe, "similarity", counting)
    yield compared
    monkeypatch.setattr(dedupe, "similarity", real)


def _story(rng: random.Random) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(80))


def _record(aid: str, text: str, published: datetime, feed_id: str = "bigfeed") -> ArticleRecord:
    fp = fingerprint(aid, published, text)
    row = {"article_id": aid, "feed_id": feed_id, "url": f"http://big.test/{aid}", "canonical_url": f"http://big.test/{aid}",
           "entry_url": None, "guid": aid, "title": aid, "author": None, "outlet": "Big", "published_at": published,
           "published_source": "feed", "fetched_at": T0, "text": f"{aid}\n{text}", "text_source": "feed",
           "language": None, "content_hash": fp.content_hash}
    raw = {"article_id": aid, "source": "feed", "url": "http://big.test/feed", "content_type": "text/html",
           "encoding": "zlib", "raw_bytes": len(text), "raw": zlib.compress(text.encode())}
    return ArticleRecord(row, raw, fp)


def _poll_of(feed_id: str = "bigfeed", etag: str | None = None) -> dict:
    row = poll_row(FeedConfig("http://big.test/feed"), feed_id, T0)
    return {**row, "http_status": 200, "etag": etag}


def test_linking_3000_articles_compares_a_few_candidates_each_and_finds_every_copy(monkeypatch):
    rng = random.Random(16)
    fps, expected = [], {}
    for s in range(1000):
        words = _story(rng)
        original = fingerprint(f"s{s}", T0 + timedelta(minutes=s), words)
        byline = fingerprint(f"s{s}-a", T0 + timedelta(days=1, minutes=s), "By a staff writer. " + words)
        trailer = fingerprint(f"s{s}-b", T0 + timedelta(days=2, minutes=s), words + " Sign up for our newsletter.")
        fps += [original, byline, trailer]
        expected[byline.article_id] = expected[trailer.article_id] = original.article_id
    rng.shuffle(fps)
    with time_limit(120), counted_comparisons(monkeypatch) as compared:
        links, repoints = link_duplicates(fps, [])
    assert {lk.article_id: lk.duplicate_of for lk in links} == expected and repoints == []
    # a few candidates per article (those sharing a hash or a band; about 3,000 here), never
    # every pair (4.5 million)
    assert compared[0] <= 3 * len(fps), f"{compared[0]} comparisons for {len(fps)} articles"


def test_a_flood_of_copies_of_one_story_is_linked_with_linear_work(monkeypatch):
    rng = random.Random(7)
    words = _story(rng)
    copies = [fingerprint(f"c{i}", T0 + timedelta(minutes=i), f"{words} Reposted by outlet {i} today.")
              for i in range(2500)]
    with time_limit(120), counted_comparisons(monkeypatch) as compared:
        links, _ = link_duplicates(copies, [])
    assert len(links) == 2499 and {lk.duplicate_of for lk in links} == {"c0"}
    # each copy meets a bounded number of band members (about 10 here), not every copy before
    # it (3.1 million comparisons in all)
    assert compared[0] <= 50 * len(copies), f"{compared[0]} comparisons for {len(copies)} copies"


def test_copies_of_stored_stories_are_linked_through_the_store_with_few_comparisons(tmp_path, monkeypatch):
    rng = random.Random(3)
    stories = [_story(rng) for _ in range(1000)]
    store = Store(tmp_path / "big.duckdb")
    store.record_polls([PollRecord(_poll_of(), (), tuple(_record(f"s{i}", text, T0 + timedelta(minutes=i))
                                                        for i, text in enumerate(stories)))])
    copies = tuple(_record(f"s{i}-{k}", f"Syndicated, copy {k}. {text}", T0 + timedelta(days=1 + k, minutes=i))
                   for k in range(2) for i, text in enumerate(stories))
    with time_limit(120), counted_comparisons(monkeypatch) as compared:
        assert store.record_polls([PollRecord(_poll_of(), (), copies)]) == {"bigfeed": 2000}
    links = _duplicate_of(store)
    assert all(links[f"s{i}-{k}"] == f"s{i}" for i in range(1000) for k in range(2))
    assert all(links[f"s{i}"] is None for i in range(1000))
    # the store hands over only the stored stories that share a band (about 1.5 a copy here),
    # not all 1,000 for each copy
    assert compared[0] <= 3 * len(copies), f"{compared[0]} comparisons for {len(copies)} copies"


def _duplicate_of(store: Store) -> dict[str, str | None]:
    with store.read() as con:
        return dict(con.execute("SELECT article_id, duplicate_of FROM articles").fetchall())


class WriteSpy:
    """Counts the articles each transaction adds and the transactions."""

    def __init__(self, monkeypatch, fail_at_part: int | None = None):
        self.parts, self.writes = [], 0
        add, write, spy = Store._add_articles, Store.write, self

        def add_articles(store, con, articles):
            spy.parts.append(len(articles))
            if fail_at_part is not None and len(spy.parts) == fail_at_part:
                raise RuntimeError("the process dies here")
            return add(store, con, articles)

        @contextmanager
        def counted_write(store):
            with write(store) as con:
                yield con
            spy.writes += 1

        monkeypatch.setattr(Store, "_add_articles", add_articles)
        monkeypatch.setattr(Store, "write", counted_write)


def test_a_large_poll_is_stored_in_bounded_transactions(tmp_path, monkeypatch):
    store = Store(tmp_path / "big.duckdb", max_articles_per_write=500)
    store.counts()
    spy = WriteSpy(monkeypatch)
    records = tuple(_record(f"a{i}", f"Story {i}", T0 + timedelta(seconds=i)) for i in range(2200))
    assert store.record_polls([PollRecord(_poll_of(etag='"v1"'), (), records)]) == {"bigfeed": 2200}
    assert sorted(spy.parts, reverse=True) == [500, 500, 500, 500, 200]
    assert spy.writes >= 5          # one transaction per part: none holds the file for the whole poll
    assert store.counts()["articles"] == 2200 and store.feed_state("bigfeed")["etag"] == '"v1"'


def test_a_large_poll_cut_short_keeps_its_parts_and_no_validators(tmp_path, monkeypatch):
    """The poll's own row (with the ETag) is written last: a run that dies between parts has
    stored some articles and left the feed to be read in full again, which stores the rest."""
    store = Store(tmp_path / "big.duckdb", max_articles_per_write=500)
    records = tuple(_record(f"a{i}", f"Story {i}", T0 + timedelta(seconds=i)) for i in range(1800))
    poll = PollRecord(_poll_of(etag='"v1"'), (), records)
    with monkeypatch.context() as patched:
        WriteSpy(patched, fail_at_part=3)
        with pytest.raises(RuntimeError, match="dies here"):
            store.record_polls([poll])
    assert store.counts()["articles"] == 1000
    assert (store.feed_state("bigfeed") or {}).get("etag") is None
    assert store.record_polls([poll]) == {"bigfeed": 800}
    assert store.counts()["articles"] == 1800 and store.feed_state("bigfeed")["etag"] == '"v1"'


def _big_feed(n: int) -> bytes:
    items = "".join(f"<item><title>Entry {i}</title><link>http://big.test/a/{i}</link><guid>big-{i}</guid>"
                    f"<content:encoded><![CDATA[<p>Story number {i} of the big feed.</p>]]></content:encoded></item>"
                    for i in range(n))
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Big Times</title>'
            f"{items}</channel></rss>").encode()


def test_a_feed_over_the_cap_stores_the_cap_now_and_the_rest_on_the_next_polls(httpserver, make_settings):
    body = _big_feed(25)
    etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
    asked_with = []

    def handler(request):
        asked_with.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, content_type="application/rss+xml", headers={"ETag": etag})
    httpserver.expect_request("/big.xml").respond_with_handler(handler)
    settings = make_settings([httpserver.url_for("/big.xml")], ingest={"max_entries_per_poll": 10})
    assert settings.ingest.max_entries_per_poll == 10
    store = Store(settings.storage.db)
    feed_id = feed_id_of(settings.feeds[0].url)
    outcomes, notes = [], []
    with Fetcher(settings.http, file_roots(settings)) as fetcher:
        for _ in range(4):
            r = poll_feed(settings.feeds[0], settings, store, fetcher)
            outcomes.append((r.status, r.new_articles, r.entries_left, store.counts()["articles"]))
            notes.append(store.query("feed_health_all")[0]["last_error"])
    assert outcomes == [("ok", 10, 15, 10), ("ok", 10, 5, 20), ("ok", 5, 0, 25), ("not_modified", 0, 0, 25)]
    # the entries not taken are not marked seen: no validators until the feed is stored whole
    assert asked_with == [None, None, None, etag]
    assert notes[0] == ("took 10 of 25 new entries (ingest.max_entries_per_poll); "
                        "the other 15 wait for the next poll")
    assert notes[2] is None and store.feed_state(feed_id)["etag"] == etag
    with store.read() as con:
        titles = {t for (t,) in con.execute("SELECT title FROM articles").fetchall()}
    assert titles == {f"Entry {i}" for i in range(25)}


def test_the_cap_must_be_a_positive_whole_number(make_settings):
    from claimtrack.errors import ConfigError
    for bad in (0, -5, "2000", 1.5):
        with pytest.raises(ConfigError, match="max_entries_per_poll"):
            make_settings([], ingest={"max_entries_per_poll": bad})
