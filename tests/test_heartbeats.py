"""Flow-run heartbeats (flows/orchestration/heartbeats.py): a run started in this process by
claimtrack (`configured`) goes without them unless they were asked for; the flows as deployments
run them keep Prefect's."""
from prefect import flow
from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, get_current_settings, temporary_settings

from claimtrack.flows.orchestration.heartbeats import asked_for, without_heartbeats
from claimtrack.flows.orchestration.prefect_flows import configured, ingest_flow
from claimtrack.flows.settings import load_settings


@flow(name="heartbeat-probe")
def probe() -> int | None:
    """The heartbeat interval the flow engine reads for this run."""
    return get_current_settings().flows.heartbeat_frequency


def test_a_run_started_here_sends_no_heartbeats_and_a_deployed_one_does(prefect_harness, tmp_path):
    settings = load_settings(None, tmp_path / "x.duckdb")
    assert not asked_for()
    assert configured(probe, settings)() is None
    assert probe() == get_current_settings().flows.heartbeat_frequency is not None     # Prefect's default, 180 s


def test_heartbeats_asked_for_are_kept(prefect_harness, tmp_path):
    settings = load_settings(None, tmp_path / "x.duckdb")
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: 60}):
        assert asked_for()
        assert configured(probe, settings)() == 60


def test_a_configured_flow_keeps_its_thread_count(tmp_path):
    settings = load_settings(None, tmp_path / "x.duckdb")
    runs = configured(ingest_flow, settings)
    assert runs.flow.task_runner._max_workers == settings.http.concurrency
    assert runs.__name__ == "ingest_flow" and runs.__doc__ == ingest_flow.fn.__doc__


def test_the_settings_without_heartbeats_are_made_once_per_settings(prefect_harness):
    """Making them validates every setting again (~0.1 s a run); other settings get their own."""
    with without_heartbeats():
        first = get_current_settings()
    with without_heartbeats():
        assert get_current_settings() is first and first.flows.heartbeat_frequency is None
    with temporary_settings(updates={"api.request_timeout": 123}):
        with without_heartbeats():
            other = get_current_settings()
            assert other is not first and other.api.request_timeout == 123 and other.flows.heartbeat_frequency is None
    assert get_current_settings().flows.heartbeat_frequency is not None
