"""The work tests/test_crash.py kills with SIGKILL: ingest, extract or the digest send, done
by the plain functions the Prefect flows compose, with a line on stdout after each step so
the test knows how far it got.

    python tests/crash_driver.py CONFIG ingest|extract|send [WEEK]

The store is the one the config names, a DuckDB file or a DuckLake: tests/test_lake_workers.py
runs several of these at once on a lake. `ingest-reversed` polls the feeds last to first.

CRASH_HOLD=TABLE:N (test-only; a store that starts with TABLE empty) stops the Nth write that
adds rows to TABLE inside its transaction, its rows inserted and its COMMIT not yet sent: the
driver says `holding COMMITTED IN_TRANSACTION` and waits there until it is killed, so a test
kills it mid-write every time.
"""
from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimtrack.flows.settings import Settings, load_settings  # noqa: E402

EXTRACT_BATCH = 4          # articles per committed batch: several commits, several kill points


def say(*words: object) -> None:
    print(*words, flush=True)


def hold_mid_write(table: str, nth: int) -> None:
    """Make the store's Nth commit that adds rows to `table` wait, before it is sent, until the
    process is killed (the statement runner of db/store.py, which sends every COMMIT, wrapped)."""
    import claimtrack.db.store as store_module
    real_run = store_module.run
    committed = [0, 0]                     # rows of `table` committed by this process, writes seen

    def run(con, statement, params=None):
        if statement != "COMMIT":
            return real_run(con, statement, params)
        rows = real_run(con, f"SELECT count(*) FROM {table}")[0][0]
        if rows > committed[0]:
            committed[1] += 1
            if committed[1] == nth:
                say("holding", committed[0], rows)
                threading.Event().wait()          # until SIGKILL
        done = real_run(con, statement, params)
        committed[0] = max(committed[0], rows)
        return done
    store_module.run = run


def ingest(settings: Settings, reversed_order: bool = False) -> None:
    from claimtrack.flows.sources.http import Fetcher
    from claimtrack.flows.sources.ingest import file_roots, poll_feed
    store = settings.storage.store()
    with Fetcher(settings.http, file_roots(settings)) as fetcher:
        for feed in (settings.feeds[::-1] if reversed_order else settings.feeds):
            result = poll_feed(feed, settings, store, fetcher)
            say("polled", feed.url, result.status, result.new_articles)


def extract(settings: Settings) -> None:
    from claimtrack.flows.extraction.extract import batches, extract_batch
    from claimtrack.extractors.pipeline import build_extractor
    extractor = build_extractor(settings.extract.model, settings.extract.entities, settings.extract.claims,
                                settings.extract.risk)
    store = settings.storage.store()
    say("loaded")
    for n, batch in enumerate(batches(store.pending_articles(extractor.version), EXTRACT_BATCH)):
        extract_batch(store, extractor, batch)
        say("batch", n)
    store.refresh_tracking()
    say("tracked")


def send(settings: Settings, week: str) -> None:
    from claimtrack.flows.outputs.digest import render_digest
    from claimtrack.flows.outputs.mail import send_digest
    store = settings.storage.store()
    digest = render_digest(store, week)
    say("rendered")
    for delivery in send_digest(store, digest, settings.digest, sleep=lambda _: None):
        say(delivery.target, delivery.status)


if __name__ == "__main__":
    config, stage = Path(sys.argv[1]), sys.argv[2]
    settings = load_settings(config)
    if os.environ.get("CRASH_HOLD"):
        table, _, nth = os.environ["CRASH_HOLD"].partition(":")
        hold_mid_write(table, int(nth))
    if stage in ("ingest", "ingest-reversed"):
        ingest(settings, reversed_order=stage == "ingest-reversed")
    elif stage == "extract":
        extract(settings)
    else:
        send(settings, sys.argv[3])
    say("done")
