"""Extraction on a Dask cluster (a local one, two worker processes on 127.0.0.1) through
Prefect's Dask task runner gives exactly the claims the local runner gives; writes stay in
the flow's process."""
from distributed import Client, LocalCluster

from conftest import DEMO, write_config
from claimtrack.db.store import Store
from claimtrack.flows.sources.http import Fetcher
from claimtrack.flows.sources.ingest import file_roots, poll_feed
from claimtrack.flows.settings import load_settings

FEEDS = [str(DEMO / name) for name in ("ledger/rss.xml", "northwind/atom.xml", "signal/rss.xml")]


def _ingested(folder, **sections):
    folder.mkdir()
    settings = load_settings(write_config(folder, FEEDS, **sections))
    store = Store(settings.storage.db)
    with Fetcher(settings.http, file_roots(settings)) as fetcher:
        for feed in settings.feeds:
            poll_feed(feed, settings, store, fetcher)
    return settings, store


def _claims(store):
    with store.read() as con:
        return con.execute("SELECT claim_id, claim_key, value, unit, sentence, start_char, end_char, extractor_version "
                           "FROM claims ORDER BY claim_id").fetchall()


def test_extraction_on_a_local_dask_cluster_gives_the_local_runners_claims(prefect_harness, tmp_path):
    from claimtrack.flows.orchestration.prefect_flows import extract_flow
    local, local_store = _ingested(tmp_path / "local")
    extract_flow(str(local.config_path), str(local.storage.db))

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0") as cluster:
        remote, remote_store = _ingested(tmp_path / "dask", extract={"dask_address": cluster.scheduler_address})
        out = extract_flow(str(remote.config_path), str(remote.storage.db))
        with Client(cluster) as client:         # what each worker's log says it did with extract tasks
            ran = client.run(lambda dask_worker: sum(1 for entry in dask_worker.state.log
                                                     if str(entry[0]).startswith("extract")))

    assert out["articles"] == 13 and out["failed"] == []
    assert len(ran) == 2 and sum(ran.values()) > 0                        # the texts went to the workers
    assert _claims(remote_store) == _claims(local_store) and len(_claims(local_store)) >= 30
    with remote_store.read() as con:                                      # tracked as after a local run
        assert con.execute("SELECT count(*) FROM claim_changes WHERE previous_value IS NOT NULL").fetchall() == [(4,)]
