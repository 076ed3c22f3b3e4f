"""Several worker processes on one DuckLake (the catalog in SQLite, or in a real PostgreSQL started
for the session: tests/pg.py): two ingest workers and an extraction worker at once over the
demo feeds on a loopback server store the articles, claims and tracked changes one process
stores in a DuckDB file; a worker SIGKILLed mid-run loses nothing that a rerun does not restore.
The workers are tests/crash_driver.py, the plain functions the Prefect flows compose."""
from __future__ import annotations

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
from test_lake import _everything, _rows

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


@pytest.mark.parametrize("lake_storage", ["postgres"], indirect=True)     # one catalog: make test's time
def test_a_worker_killed_mid_run_loses_nothing_a_rerun_does_not_restore(lake_storage, demo_feeds, extractor,
                                                                        one_run_in_a_file, tmp_path):
    config = _lake_config(tmp_path / "lake", demo_feeds, lake_storage)
    store = load_settings(config).storage.store()
    store.counts()
    worker = _start(config, "ingest")
    assert worker.stdout.readline().startswith("polled")    # one feed stored, the next one under way
    worker.kill()
    worker.wait()
    stored = _rows(store, "SELECT count(*) FROM articles")[0][0]
    assert 0 < stored < len(one_run_in_a_file["articles"])
    _finish(_start(config, "ingest"))
    _extract(store, extractor)
    assert _everything(store) == one_run_in_a_file
