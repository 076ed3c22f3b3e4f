"""Several worker processes on one DuckLake (the catalog in SQLite, or in a real PostgreSQL started
for the session: tests/pg.py): two ingest workers and an extraction worker at once over the
demo feeds on a loopback server store the articles, claims and tracked changes one process
stores in a DuckDB file; an ingest or extraction worker SIGKILLed inside a write (held there by
crash_driver.py's CRASH_HOLD, so the kill lands mid-write every time) leaves no partial snapshot,
and a rerun restores what it lost.
The workers are tests/crash_driver.py, the plain functions the Prefect flows compose."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from claimtrack.flows.extraction.extract import extract_batch
from claimtrack.flows.settings import load_settings
from claimtrack.flows.sources.http import Fetcher
from claimtrack.flows.sources.ingest import file_roots, poll_feed
from conftest import DEMO, ROOT, serve_folder, write_config
from test_lake import COMPARED, _everything, _rows

WORKER = ROOT / "tests" / "crash_driver.py"


@pytest.fixture(scope="module")
def demo_feeds():
    """The demo outlets on a loopback server of the module's own (the URLs stay the same for
    every test here, so one reference run serves them all)."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    serve_folder(server, DEMO, "/")
    yield [server.url_for(p) for p in ("/ledger/rss.xml", "/northwind/atom.xml", "/signal/rss.xml")]
    server.stop()


@pytest.fixture(scope="module")
def one_run_in_a_file(demo_feeds, extractor, tmp_path_factory) -> dict[str, list[tuple]]:
    """What one process stores in a DuckDB file: every feed polled, every article extracted."""
    settings = load_settings(write_config(tmp_path_factory.mktemp("file"), demo_feeds))
    store = settings.storage.store()
    with Fetcher(settings.http, file_roots(settings)) as fetcher:
        for feed in settings.feeds:
            poll_feed(feed, settings, store, fetcher)
    _extract(store, extractor)
    return _everything(store)


def _extract(store, extractor) -> None:
    """An extraction pass in this process (the model is loaded already), as a worker's would be."""
    extract_batch(store, extractor, store.pending_articles(extractor.version))
    store.refresh_tracking()


def _start(config: Path, stage: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WORKER), str(config), stage],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(worker: subprocess.Popen) -> str:
    out, err = worker.communicate(timeout=300)
    assert worker.returncode == 0 and out.rstrip().endswith("done"), err[-3000:]
    return out


def _lake_config(folder: Path, feeds: list[str], lake_storage: dict[str, str]) -> Path:
    folder.mkdir()
    return write_config(folder, feeds, storage={**lake_storage, "lock_wait_seconds": 120})


def test_two_ingest_workers_and_an_extractor_at_once_store_what_one_run_does(lake_storage, demo_feeds, extractor,
                                                                             one_run_in_a_file, tmp_path):
    config = _lake_config(tmp_path / "lake", demo_feeds, lake_storage)
    store = load_settings(config).storage.store()
    store.counts()                                          # the lake made before the workers race
    workers = [_start(config, "ingest"), _start(config, "ingest-reversed"), _start(config, "extract")]
    for worker in workers:
        _finish(worker)
    _extract(store, extractor)                              # what the extractor's pass came too early for
    assert _everything(store) == one_run_in_a_file
    assert _rows(store, "SELECT count(*) - count(DISTINCT article_id) FROM articles") == [(0,)]


def _start_holding(config: Path, stage: str, hold: str) -> tuple[subprocess.Popen, int, int]:
    """A worker stopped inside its Nth write that adds rows to a table (crash_driver.py
    CRASH_HOLD): the rows it had committed before, and the rows its open transaction holds."""
    worker = subprocess.Popen([sys.executable, str(WORKER), str(config), stage], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env={**os.environ, "CRASH_HOLD": hold})
    for line in worker.stdout:
        if line.startswith("holding"):
            committed, in_transaction = map(int, line.split()[1:])
            return worker, committed, in_transaction
    worker.wait()
    pytest.fail(f"the worker ended before its write was held: {worker.stderr.read()[-3000:]}")


def _killed(worker: subprocess.Popen) -> None:
    worker.kill()
    assert worker.wait() == -signal.SIGKILL


def _untracked(store, statement: str) -> list[tuple]:
    """A read that does not first bring the tracking tables up to date (which would be a write)."""
    with store.read(tracked=False) as con:
        return con.execute(statement).fetchall()


def _snapshots(store) -> int:
    return _untracked(store, "SELECT count(*) FROM ducklake_snapshots('lake')")[0][0]


def _orphans(store) -> dict[str, int]:
    """Rows of every table keyed by article that name an article the store does not hold."""
    with store.read(tracked=False) as con:
        tables = con.execute("""SELECT DISTINCT table_schema, table_name FROM information_schema.columns
                                JOIN information_schema.tables USING (table_catalog, table_schema, table_name)
                                WHERE column_name = 'article_id' AND table_type = 'BASE TABLE'
                                  AND table_name <> 'articles' ORDER BY ALL""").fetchall()
        assert len(tables) >= 4, tables            # claims, extractions, the raw pages, signatures...
        return {f"{schema}.{table}": con.execute(f"""SELECT count(*) FROM {schema}.{table}
                                                     WHERE article_id NOT IN (SELECT article_id FROM articles)""")
                .fetchone()[0] for schema, table in tables}


@pytest.mark.parametrize("lake_storage", ["postgres"], indirect=True)     # one catalog: make test's time
def test_an_ingest_worker_killed_mid_write_leaves_no_partial_snapshot_and_a_rerun_restores_the_rest(
        lake_storage, demo_feeds, extractor, one_run_in_a_file, tmp_path):
    config = _lake_config(tmp_path / "lake", demo_feeds, lake_storage)
    store = load_settings(config).storage.store()
    store.counts()
    worker, committed, in_transaction = _start_holding(config, "ingest", "articles:2")
    assert 0 < committed < in_transaction          # a feed's articles stored, the next feed's on their way
    before = _snapshots(store)
    assert _untracked(store, "SELECT count(*) FROM articles") == [(committed,)]   # read while the write is open
    _killed(worker)
    assert _snapshots(store) == before             # the killed write made no snapshot
    stored = _rows(store, COMPARED["articles"])
    assert len(stored) == committed and set(stored) <= set(one_run_in_a_file["articles"])
    assert set(_orphans(store).values()) == {0}    # no row of the lost batch in any other table
    _finish(_start(config, "ingest"))
    _extract(store, extractor)
    assert _everything(store) == one_run_in_a_file


@pytest.mark.parametrize("lake_storage", ["postgres"], indirect=True)
def test_an_extraction_worker_killed_mid_write_leaves_no_partial_snapshot_and_a_rerun_restores_the_rest(
        lake_storage, demo_feeds, extractor, one_run_in_a_file, tmp_path):
    config = _lake_config(tmp_path / "lake", demo_feeds, lake_storage)
    settings = load_settings(config)
    store = settings.storage.store()
    with Fetcher(settings.http, file_roots(settings)) as fetcher:
        for feed in settings.feeds:
            poll_feed(feed, settings, store, fetcher)
    worker, committed, in_transaction = _start_holding(config, "extract", "claims:2")
    assert 0 < committed < in_transaction          # a batch's claims stored, the next batch's on their way
    before = _snapshots(store)
    _killed(worker)
    assert _snapshots(store) == before
    claims = _rows(store, COMPARED["claims"])
    assert len(claims) == committed
    assert set(_orphans(store).values()) == {0}    # no claim without its article
    extracted = {r[0] for r in _rows(store, "SELECT article_id FROM extractions")}
    assert 0 < len(extracted) < len(one_run_in_a_file["articles"])
    # each article marked extracted has all its claims, and no other article has any: no half a batch
    assert sorted(claims) == sorted(c for c in one_run_in_a_file["claims"] if c[1] in extracted)
    _extract(store, extractor)
    assert _everything(store) == one_run_in_a_file
