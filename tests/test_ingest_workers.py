"""Ingest on worker processes and in batches: articles made on a pool equal those made in
process, a worker's error lands on its own article, small runs start no pool; each feed of a
batch keeps its retries and its own result."""
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import pytest

from conftest import FIXTURES
from claimtrack.db.store import Store
from claimtrack.flows.kinds import FeedEntry
from claimtrack.flows.sources.articles import feed_article_text
from claimtrack.flows.sources.http import Fetcher
from claimtrack.flows.sources.ingest import file_roots, poll_feed
from claimtrack.flows.sources.pagework import PageWork, needs_page
from claimtrack.flows.sources.pollrun import feed_batches, poll_batch, poll_with_retries

PAGES = FIXTURES / "pages"
STORY = ("Northwind Capital said on Tuesday that it had raised $2.5 billion for its third fund, "
         "more than the $1.8 billion it set out to raise, and that it would invest the money in "
         "regional grid operators over the next four years. ")
FULL = "".join(f"<p>{STORY} Paragraph {i} adds that the fund's fees are 1.{i}%.</p>" for i in range(6))
SUMMARY = ("<p>" + STORY * 2 + "</p>")            # long enough to stand in for a walled page


def _item(n: int, link: str, summary: str = "<p>A teaser.</p>", content: str = "") -> str:
    body = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
    return (f"<item><title>Story {n}</title><link>{link}</link><guid>s-{n}</guid>"
            f"<description><![CDATA[{summary}]]></description>{body}</item>")


def _feed(items: list[str]) -> bytes:
    return ('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>Mixed</title><link>http://mixed.test/</link>{''.join(items)}</channel></rss>").encode()


@pytest.fixture
def mixed_feed(httpserver):
    """A feed whose entries take every path an article can: text in the feed, a page read, a
    walled page standing in for its long summary, a walled page with a short one, a page with no
    text, a missing page, a PDF."""
    pages = {"/stake.html": (PAGES / "stake.html").read_bytes(), "/valuation.html": (PAGES / "valuation.html").read_bytes(),
             "/wall-long.html": (PAGES / "paywall.html").read_bytes(), "/wall-short.html": (PAGES / "paywall.html").read_bytes(),
             "/empty.html": b"<html><body><p>Nothing here.</p></body></html>"}
    for path, body in pages.items():
        httpserver.expect_request(path).respond_with_data(body, content_type="text/html; charset=utf-8")
    httpserver.expect_request("/missing.html").respond_with_data("", status=404)
    httpserver.expect_request("/doc.pdf").respond_with_data(b"%PDF-1.4", content_type="application/pdf")
    url = httpserver.url_for
    items = [_item(1, url("/full-1"), content=FULL), _item(2, url("/stake.html")), _item(3, url("/valuation.html")),
             _item(4, url("/wall-long.html"), summary=SUMMARY), _item(5, url("/wall-short.html")),
             _item(6, url("/empty.html")), _item(7, url("/missing.html")), _item(8, url("/doc.pdf"))]
    httpserver.expect_request("/mixed.xml").respond_with_data(_feed(items), content_type="application/rss+xml")
    return url("/mixed.xml")


def _tables(db) -> dict[str, list[tuple]]:
    store = Store(db)
    with store.read() as con:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in ("articles", "internal.article_raw", "internal.article_bands", "internal.article_signatures",
                          "fetch_failures")}


def _settings_in(folder, feed):
    from claimtrack.flows.settings import load_settings
    from conftest import write_config
    folder.mkdir()
    return load_settings(write_config(folder, [feed]))


def _poll(settings, work):
    store = Store(settings.storage.db)
    with Fetcher(settings.http, file_roots(settings)) as fetcher:
        return [poll_feed(f, settings, store, fetcher, work=work) for f in settings.feeds]


def test_articles_made_on_worker_processes_equal_those_made_in_process(mixed_feed, make_settings, tmp_path,
                                                                        monkeypatch):
    import claimtrack.flows.sources.ingest as ingest
    monkeypatch.setattr(ingest, "_now", lambda: datetime(2026, 11, 29, 9, 0, tzinfo=timezone.utc))
    here, pooled = _settings_in(tmp_path / "here", mixed_feed), _settings_in(tmp_path / "pool", mixed_feed)
    (alone,) = _poll(here, PageWork(1))
    with PageWork(2, start_after=0) as work:
        (shared,) = _poll(pooled, work)
        assert work.started and work.jobs == 7
    assert (alone.new_articles, len(alone.page_errors)) == (4, 4)
    assert (shared.new_articles, shared.page_errors) == (alone.new_articles, alone.page_errors)
    made_here, made_on_pool = _tables(here.storage.db), _tables(pooled.storage.db)
    assert made_on_pool == made_here
    assert len(made_here["internal.article_bands"]) > 0


def test_a_workers_error_is_recorded_against_its_own_article(mixed_feed, make_settings):
    settings = make_settings([mixed_feed])
    with PageWork(2, start_after=0) as work:
        (result,) = _poll(settings, work)
    with Store(settings.storage.db).read() as con:
        failures = {url.rsplit("/", 1)[1]: {"error": error, "wall": wall} for url, error, wall in
                    con.execute("SELECT url, error, wall FROM fetch_failures").fetchall()}
    assert failures["wall-short.html"]["wall"] == "paywall" and "paywall" in failures["wall-short.html"]["error"]
    assert failures["wall-long.html"]["wall"] == "paywall" and "feed summary is the article's text" in \
        failures["wall-long.html"]["error"]
    assert "no article text found" in failures["empty.html"]["error"]
    assert "content type application/pdf is not a web page" in failures["doc.pdf"]["error"]
    assert "404" in failures["missing.html"]["error"]
    assert result.status == "ok" and result.new_articles == 4


def test_a_small_run_starts_no_pool(mixed_feed, make_settings):
    with PageWork(2) as work:                    # the default threshold: 100 articles
        (result,) = _poll(make_settings([mixed_feed]), work)
    assert result.new_articles == 4 and work.jobs == 7 and not work.started


def test_the_settings_say_how_many_workers(make_settings):
    assert make_settings([]).ingest.workers == 0
    assert PageWork(0).workers >= 1 and PageWork(3).workers == 3
    assert make_settings([], ingest={"workers": 1}).ingest.workers == 1
    from claimtrack.errors import ConfigError
    with pytest.raises(ConfigError, match="workers"):
        make_settings([], ingest={"workers": -1})


@pytest.mark.parametrize("content, summary", [
    ("", ""), ("", "<p>short</p>"), ("", "<p>" + "word " * 200 + "</p>"), (FULL, ""), ("<p>Read more</p>", ""),
    ("", "&amp;" * 150), ("", "<b>a</b>" * 100),
])
def test_a_page_is_fetched_first_only_when_the_entry_cannot_hold_the_article(content, summary):
    entry = FeedEntry("g", "http://x.test/a", "A", None, None, summary, content)
    if needs_page(entry):
        assert feed_article_text(content, summary) is None


class Flaky:
    """Answers 503 to the first `failures` requests, then serves the feed."""

    def __init__(self, httpserver, path, failures, headers=None):
        self.left, self.requests = failures, 0
        body = (FIXTURES / "feeds" / "rss2_full_content.xml").read_bytes()

        def handler(request):
            from werkzeug import Response
            self.requests += 1
            if self.left:
                self.left -= 1
                return Response("busy", status=503, headers=headers or {})
            return Response(body, content_type="application/rss+xml")
        httpserver.expect_request(path).respond_with_handler(handler)
        self.url = httpserver.url_for(path)


@pytest.mark.parametrize("failures, headers, tries, status, waits", [
    (1, None, 2, "ok", [1.0]),                           # retried after about a second, then stored
    (5, None, 3, "error", [1.0, 4.0]),                   # three tries, then its failure is the result
    (5, {"Retry-After": "3600"}, 1, "error", []),        # the server said when: not asked again in the run
])
def test_a_feed_is_retried_within_the_run_only_when_worth_it(httpserver, make_settings, failures, headers, tries,
                                                             status, waits):
    flaky = Flaky(httpserver, "/flaky.xml", failures, headers)
    settings = make_settings([flaky.url])
    slept = []
    with Fetcher(settings.http, file_roots(settings)) as fetcher:
        result = poll_with_retries(settings.feeds[0], settings, Store(settings.storage.db), fetcher, {},
                                   sleep=slept.append)
    assert (flaky.requests, result.status) == (tries, status)
    assert [w for w, base in zip(slept, waits) if base <= w <= base * 1.5] == slept and len(slept) == len(waits)
    recorded = Store(settings.storage.db).query("failures_recent")
    assert len(recorded) == min(tries, failures) and all("503" in r["error"] for r in recorded)


def test_a_batch_gives_each_feed_its_result_and_one_broken_feed_does_not_stop_the_others(
        httpserver, make_settings, monkeypatch):
    import claimtrack.flows.sources.pollrun as pollrun
    body = (FIXTURES / "feeds" / "rss2_full_content.xml").read_bytes()
    urls = []
    for n in range(3):
        httpserver.expect_request(f"/f{n}.xml").respond_with_data(body, content_type="application/rss+xml")
        urls.append(httpserver.url_for(f"/f{n}.xml"))
    real = pollrun.poll_feed

    def breaks_on_f1(feed, *args, **kwargs):
        if feed.url.endswith("/f1.xml"):
            raise KeyError("injected fault")
        return real(feed, *args, **kwargs)
    monkeypatch.setattr(pollrun, "poll_feed", breaks_on_f1)
    settings = make_settings(urls)
    with Fetcher(settings.http, file_roots(settings)) as fetcher, ThreadPoolExecutor(4) as threads:
        results = poll_batch(settings.feeds, {}, settings, Store(settings.storage.db), fetcher, threads)
    assert [r.feed for r in results] == urls
    assert [r.status for r in results] == ["ok", "error", "ok"]
    assert "unexpected KeyError" in results[1].error and "f1.xml" in results[1].error


def test_feeds_are_batched_in_their_order():
    assert [len(b) for b in feed_batches(list(range(23)), 10)] == [10, 10, 3]
    assert [x for b in feed_batches(list(range(23)), 10) for x in b] == list(range(23))
    assert feed_batches([], 10) == []


def test_the_ingest_flow_runs_a_task_per_batch_and_reports_each_feed(prefect_harness, httpserver, tmp_path,
                                                                    monkeypatch):
    from prefect.artifacts import Artifact
    from claimtrack.flows.orchestration import prefect_flows
    from conftest import write_config
    body = (FIXTURES / "feeds" / "rss2_full_content.xml").read_bytes()
    for n in range(12):
        httpserver.expect_request(f"/f{n}.xml").respond_with_data(body, content_type="application/rss+xml")
    urls = [httpserver.url_for(f"/f{n}.xml") for n in range(12)] + [httpserver.url_for("/gone.xml")]
    submitted, task = [], prefect_flows.poll_feeds_task

    class Seen:
        """The real task, its submissions noted (the server records task runs later, from events)."""
        def submit(self, feeds, label, *args):
            submitted.append((len(feeds), label))
            return task.submit(feeds, label, *args)
    monkeypatch.setattr(prefect_flows, "poll_feeds_task", Seen())
    monkeypatch.setattr(prefect_flows, "FEEDS_PER_BATCH", 10)      # a run's batches are of 50: two here
    polls = prefect_flows.ingest_flow(str(write_config(tmp_path, urls)), str(tmp_path / "b.duckdb"))
    assert submitted == [(10, "feeds 1-10 of 13"), (3, "feeds 11-13 of 13")]
    assert [p["feed"] for p in polls] == urls
    assert sum(p["new_articles"] for p in polls) == 2 and polls[-1]["status"] == "error"
    report = Artifact.get("claimtrack-ingest").data
    assert "## Feeds: 13 polled, 1 failing, 2 new articles" in report and report.count("| ok |") == 12


def test_lookups_from_many_threads_get_each_their_own_answer(mixed_feed, make_settings):
    from claimtrack.db.polls import PollLookup
    from claimtrack.flows.sources.ingest import feed_id_of
    from claimtrack.flows.sources.pollwriter import PollReader
    settings = make_settings([mixed_feed])
    _poll(settings, PageWork(1))
    store, feed_id = Store(settings.storage.db), feed_id_of(mixed_feed)
    since = datetime(2000, 1, 1, tzinfo=timezone.utc)
    base = mixed_feed.rsplit("/", 1)[0]
    with store.read() as con:
        guids = tuple(sorted(r[0] for r in con.execute("SELECT guid FROM articles").fetchall()))
    assert len(guids) == 4
    asks = [PollLookup(feed_id if n % 2 else "other", (f"{base}/stake.html", f"{base}/nowhere-{n}"),
                       guids[:2] + ("unknown",), since) for n in range(12)]
    reader = PollReader(store)
    with ThreadPoolExecutor(6) as threads:
        answers = list(threads.map(reader.lookup, asks))
    assert answers == store.poll_lookups(asks)
    assert [(set(known), walled) for known, walled in answers[:2]] == [
        ({f"{base}/stake.html"}, set()),                         # GUIDs and walls are the feed's own
        ({f"{base}/stake.html", *guids[:2]}, {f"{base}/wall-long.html", f"{base}/wall-short.html"})]
    assert {row["feed_id"] for row in answers[0][0].values()} == {feed_id}   # each key with its stored article
    assert 1 <= reader.openings <= len(asks)


def test_a_lookup_that_cannot_be_read_fails_every_feed_waiting_for_it(tmp_path):
    from claimtrack.db.polls import PollLookup
    from claimtrack.errors import StoreError
    from claimtrack.flows.sources.pollwriter import PollReader
    (tmp_path / "a-folder.duckdb").mkdir()
    reader = PollReader(Store(tmp_path / "a-folder.duckdb", lock_wait_seconds=0))
    ask = PollLookup("f", ("http://x.test/a",), (), datetime(2000, 1, 1, tzinfo=timezone.utc))
    with ThreadPoolExecutor(3) as threads:
        futures = [threads.submit(reader.lookup, ask) for _ in range(3)]
    for future in futures:
        with pytest.raises(StoreError, match="a-folder.duckdb"):
            future.result()


def test_a_poll_does_not_wait_for_a_write_under_way(tmp_path):
    from test_store import _poll as poll_of
    from claimtrack.flows.sources.pollwriter import PollWriter
    store = Store(tmp_path / "w.duckdb")
    writer = PollWriter(store, max_feeds=1, max_age=60)
    writer._flushing.acquire()              # another thread is writing
    try:
        writer.add(poll_of("a", failed=True))   # due, but returns at once: the next write takes it
        writer.add(poll_of("b", failed=True))
    finally:
        writer._flushing.release()
    assert store.counts()["feeds"] == 0
    writer.add(poll_of("c", failed=True))   # due, and nothing is being written: a, b and c go
    assert store.counts()["feeds"] == 3 and writer.new_articles == {"a": 0, "b": 0, "c": 0}


def test_stopping_the_workers_lets_the_run_go_on_and_closing_waits_for_them(mixed_feed, make_settings):
    import multiprocessing

    from claimtrack.flows.sources.pagework import ArticleJob
    before = {p.pid for p in multiprocessing.active_children()}
    work = PageWork(2, start_after=0)
    (result,) = _poll(make_settings([mixed_feed]), work)
    workers = {p.pid for p in multiprocessing.active_children()} - before
    assert work.started and workers and result.new_articles == 4
    work.stop()                                 # returns at once; the workers exit meanwhile
    text = "<p>" + "Nvidia agreed to invest $5 billion in Intel, the chipmaker said on Thursday. " * 12 + "</p>"
    entry = FeedEntry(guid="g-1", link="http://wire.test/a.html", title="Nvidia invests", author=None,
                      published=datetime(2026, 11, 29, tzinfo=timezone.utc), summary_html="", content_html=text)
    later = work.submit(ArticleJob(entry, entry.link, entry.link, "wire", "http://wire.test/rss.xml", "Wire",
                                   datetime(2026, 11, 29, tzinfo=timezone.utc)))
    assert later.done() and work.result(None, later).row["title"] == "Nvidia invests"    # made here
    work.close()
    assert not workers & {p.pid for p in multiprocessing.active_children()}
