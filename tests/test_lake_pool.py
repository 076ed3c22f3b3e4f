"""Several writers through a real Prefect work pool (issue 20, item 2): a Prefect server of the
test's own (tests/prefect_server.py), the process work pool and the deployments `lake-ingest` and
`lake-extract` deployed from the repository's prefect.yaml by `prefect deploy`, and two
`prefect worker start --type process` workers. Two ingest runs (shards 1/2 and 2/2) run at once,
then an extraction run, on a DuckLake whose catalog is a real PostgreSQL (tests/pg.py); they store
the articles, claims and tracked changes one process stores in a DuckDB file.

About a minute on 2 cores (the server, `prefect deploy`, the workers and each run's process start
Prefect; the extraction run loads the model): `make test-pool` runs it, and `make test` leaves it
out (`-m "not pool"`). `make test` keeps a lighter variant: the same deployments' entrypoints and
parameters, their flows run in the test's process; tests/test_lake_workers.py runs the workers
there as plain processes at once."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from claimtrack.flows.settings import load_settings
from conftest import ROOT
from test_lake import _everything
from test_lake_workers import _lake_config, demo_feeds, one_run_in_a_file  # noqa: F401 (fixtures)

RUN_SECONDS = 300


def _deployments() -> dict[str, dict]:
    """The repository's prefect.yaml: its deployments by name."""
    project = yaml.safe_load((ROOT / "prefect.yaml").read_text("utf-8"))
    return {d["name"]: d for d in project["deployments"]}


@pytest.fixture(scope="module")
def pool(tmp_path_factory, pg_cluster):
    """The server, the work pool prefect.yaml names, the two lake deployments deployed from it,
    and two process workers on the pool (PostgreSQL first: without it there is nothing to run)."""
    import prefect_server
    server = prefect_server.start(tmp_path_factory.mktemp("prefect-home"))
    if isinstance(server, str):
        pytest.skip(server)
    try:
        lake = _deployments()
        names = {lake[n]["work_pool"]["name"] for n in ("lake-ingest", "lake-extract")}
        assert len(names) == 1
        pool_name = names.pop()
        server.cli("work-pool", "create", pool_name, "--type", "process")
        out = server.cli("--no-prompt", "deploy", "--name", "lake-ingest", "--name", "lake-extract", cwd=ROOT)
        assert out.count("successfully created") == 2, out
        for n in (1, 2):
            server.start_worker(pool_name, f"worker-{n}")
        yield server, pool_name
    finally:
        server.stop()


def _run_all(server, *runs: tuple[str, dict]) -> list:
    """Create a flow run of each deployment ("flow/deployment", parameters) at once, and wait
    until every one has ended; their FlowRun records."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings
    with temporary_settings(updates={PREFECT_API_URL: server.api_url}), get_client(sync_client=True) as client:
        ids = [client.create_flow_run_from_deployment(client.read_deployment_by_name(name).id, parameters=params).id
               for name, params in runs]
        deadline = time.monotonic() + RUN_SECONDS
        while True:
            found = [client.read_flow_run(i) for i in ids]
            if all(r.state is not None and r.state.is_final() for r in found):
                break
            if time.monotonic() > deadline:
                pytest.fail(f"runs not ended after {RUN_SECONDS} s: {[r.state_name for r in found]}\n"
                            f"{server.worker_logs()}")
            time.sleep(0.2)             # the workers are running them: ask again
    for r in found:
        assert r.state.is_completed(), f"{r.name}: {r.state.name}: {r.state.message}\n{server.worker_logs()}"
    return found


def _flow_and_deployment(name: str) -> str:
    """"flow/deployment", the flow's name as its entrypoint in prefect.yaml gives it."""
    from prefect.flows import load_flow_from_entrypoint
    entrypoint = _deployments()[name]["entrypoint"]
    return f"{load_flow_from_entrypoint(str(ROOT / entrypoint)).name}/{name}"


@pytest.mark.pool
@pytest.mark.parametrize("lake_storage", ["postgres"], indirect=True)
def test_two_ingest_runs_and_an_extraction_run_on_a_work_pool_store_what_one_run_does(
        pool, lake_storage, demo_feeds, one_run_in_a_file, tmp_path):  # noqa: F811
    server, pool_name = pool
    config = _lake_config(tmp_path / "lake", demo_feeds, lake_storage)
    store = load_settings(config).storage.store()
    store.counts()                                          # the lake made before the runs race
    ingest, extract = _flow_and_deployment("lake-ingest"), _flow_and_deployment("lake-extract")
    polled = _run_all(server, (ingest, {"config": str(config), "shard": "1/2"}),
                      (ingest, {"config": str(config), "shard": "2/2"}))
    extracted = _run_all(server, (extract, {"config": str(config)}))
    for run in polled + extracted:
        assert run.work_pool_name == pool_name and run.infrastructure_pid    # a worker's process ran it
    assert _everything(store) == one_run_in_a_file


@pytest.mark.parametrize("lake_storage", ["postgres"], indirect=True)
def test_the_lake_deployments_entrypoints_and_parameters_store_what_one_run_does(
        prefect_harness, lake_storage, demo_feeds, one_run_in_a_file, tmp_path):  # noqa: F811
    """The lighter variant `make test` keeps: the flows of the lake deployments, loaded from their
    entrypoints in prefect.yaml and called in this process with the deployments' parameters, the
    config and the shard set as `prefect deployment run --param` sets them."""
    from prefect.flows import load_flow_from_entrypoint
    config = _lake_config(tmp_path / "lake", demo_feeds, lake_storage)
    deployments = _deployments()
    polled = {}
    for name, given in (("lake-ingest", {"shard": "1/2"}), ("lake-ingest", {"shard": "2/2"}), ("lake-extract", {})):
        flow = load_flow_from_entrypoint(str(ROOT / deployments[name]["entrypoint"]))
        result = flow(**{**deployments[name]["parameters"], "config": str(config), **given})
        if "shard" in given:
            polled[given["shard"]] = {p["feed"] for p in result}
    assert not polled["1/2"] & polled["2/2"] and polled["1/2"] | polled["2/2"] == set(demo_feeds)
    assert _everything(load_settings(config).storage.store()) == one_run_in_a_file
