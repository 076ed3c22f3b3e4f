"""`claimtrack serve`'s deployments as config defines them (checked without waiting on the
clock), the artifact each run publishes, and the prefect.yaml for work-pool users."""
from datetime import timedelta

import pytest
import yaml

from conftest import ROOT, DEMO, write_config
from claimtrack.errors import ConfigError
from claimtrack.flows.settings import load_settings


def _settings(tmp_path, **schedule):
    return load_settings(write_config(tmp_path, [], schedule=schedule))


def test_the_pipeline_runs_on_its_cron_and_the_digest_weekly_one_run_at_a_time(tmp_path):
    from claimtrack.flows.orchestration.serve import DIGEST, PIPELINE, deployments
    settings = _settings(tmp_path, pipeline_cron="*/30 6-22 * * *", digest_cron="0 7 * * 1",
                         timezone="Europe/Berlin")
    pipeline, digest = deployments(settings)
    assert (pipeline.flow_name, pipeline.name) == ("claimtrack-pipeline", PIPELINE)
    assert (digest.flow_name, digest.name) == ("claimtrack-digest", DIGEST)
    assert [(s.schedule.cron, s.schedule.timezone) for s in pipeline.schedules] == [("*/30 6-22 * * *", "Europe/Berlin")]
    assert [(s.schedule.cron, s.schedule.timezone) for s in digest.schedules] == [("0 7 * * 1", "Europe/Berlin")]
    for d in (pipeline, digest):
        assert d.concurrency_limit == 1 and d.concurrency_options.collision_strategy.value == "ENQUEUE"
        assert d.parameters["db"].startswith("/") and d.parameters["config"] == str(settings.config_path.resolve())
    assert digest.parameters["send"] is False                 # no recipients configured: a preview
    assert pipeline.parameters["site"] is True                # each scheduled run rewrites the claim site


def test_without_a_cron_the_pipeline_runs_every_n_minutes(tmp_path):
    from claimtrack.flows.orchestration.serve import deployments, describe
    pipeline, _ = deployments(_settings(tmp_path, pipeline_every_minutes=0.5))
    (schedule,) = pipeline.schedules
    assert schedule.schedule.interval == timedelta(seconds=30) and describe(schedule.schedule) == "every 0.5 min"


@pytest.mark.parametrize("schedule, problem", [
    ({"digest_cron": "0 7 * *"}, "digest_cron must be a cron line of 5 fields"),
    ({"pipeline_cron": "61 * * * *"}, r"pipeline_cron: Invalid cron string"),
    ({"timezone": "Mars/Olympus"}, "timezone must be an IANA name"),
    ({"pipeline_every_minutes": 0}, "pipeline_every_minutes must be a number above 0"),
])
def test_a_bad_schedule_names_the_file_and_the_key(tmp_path, schedule, problem):
    from claimtrack.flows.orchestration.serve import deployments
    with pytest.raises(ConfigError, match=rf"claimtrack\.toml.*\[schedule\].*{problem}"):
        deployments(_settings(tmp_path, **schedule))


def test_each_run_publishes_what_it_found_as_an_artifact(prefect_harness, tmp_path):
    from prefect.artifacts import Artifact
    from claimtrack.flows.orchestration.prefect_flows import pipeline_flow
    feeds = [str(DEMO / "ledger" / "rss.xml"), str(DEMO / "northwind" / "atom.xml"), str(tmp_path / "missing.xml")]
    config = write_config(tmp_path, feeds)
    pipeline_flow(str(config), str(tmp_path / "a.duckdb"))
    report = Artifact.get("claimtrack-pipeline").data
    assert "## Feeds: 3 polled, 1 failing, 9 new articles" in report
    assert "missing.xml" in report and "| The Ledger | ok | 5 |" in report
    assert "OpenAI\\|valuation\\| | $157B | $300B | Northwind Wire" in report


def test_prefect_yaml_declares_the_same_deployments_for_a_work_pool():
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text("utf-8"))
    by_name = {d["name"]: d for d in spec["deployments"]}
    assert by_name["scheduled-pipeline"]["entrypoint"] == "flows/orchestration/prefect_flows.py:pipeline_flow"
    assert by_name["weekly-digest"]["entrypoint"] == "flows/orchestration/prefect_flows.py:digest_flow"
    assert by_name["weekly-digest"]["schedules"][0]["cron"] == "0 7 * * 1"
    file_ones = [d for d in spec["deployments"] if "ducklake" not in d["tags"]]
    assert {d["name"] for d in file_ones} == {"scheduled-pipeline", "weekly-digest"}
    assert all(d["concurrency_limit"]["limit"] == 1 for d in file_ones)     # one writer on a file
    # on a DuckLake, ingest and extraction runs share the pool, several at once
    assert by_name["lake-ingest"]["entrypoint"] == "flows/orchestration/prefect_flows.py:ingest_flow"
    assert by_name["lake-extract"]["entrypoint"] == "flows/orchestration/prefect_flows.py:extract_flow"
    assert all(by_name[n]["concurrency_limit"]["limit"] > 1 for n in ("lake-ingest", "lake-extract"))
    assert all(d["work_pool"]["name"] == "claimtrack" for d in spec["deployments"])


def test_an_extract_run_lists_the_changes_its_articles_first_reported(prefect_harness, tmp_path):
    from prefect.artifacts import Artifact
    from claimtrack.flows.orchestration.prefect_flows import extract_flow, ingest_flow
    config = write_config(tmp_path, [str(DEMO / "northwind" / "atom.xml"), str(DEMO / "ledger" / "rss.xml")])
    ingest_flow(str(config), str(tmp_path / "b.duckdb"))
    assert "## Feeds: 2 polled, 0 failing, 9 new articles" in Artifact.get("claimtrack-ingest").data
    extract_flow(str(config), str(tmp_path / "b.duckdb"))
    report = Artifact.get("claimtrack-extract").data
    # 157 -> 300 -> 500 (valuation), 135 -> 130 (the stake's worth), and, from the previous values
    # the sentences give, 32.5 -> 27 (the stake) and 2025 -> 2026 (Goldman's peak forecast)
    assert "9 articles extracted" in report and "first reported in this run: 5" in report


def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(port: int) -> bool:
    import urllib.request
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def test_sigterm_during_start_up_stops_serve_and_the_server_it_started(tmp_path):
    """What `docker stop` or `timeout` sends, as soon as the Prefect server answers (serve is
    still starting: registering its deployments, before Prefect's runner handles signals)."""
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time
    port = _free_port()
    config = write_config(tmp_path, [])
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), COLUMNS="200")
    proc = subprocess.Popen([sys.executable, "-m", "claimtrack", "serve", "--port", str(port), "--quiet-prefect",
                             "--config", str(config)], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not _answers(port):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the Prefect server did not answer"
            try:
                proc.wait(timeout=0.1)             # a short wait on the process itself, not a sleep
            except subprocess.TimeoutExpired:
                pass
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err              # not killed by the signal (-15, or 143 from a shell)
    assert "stopped" in out and "Traceback" not in err
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0, "the Prefect server still answers"
    with socket.socket() as again:
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", port))           # the port is free for the next start


def test_sighup_and_sigterm_are_raised_as_ctrl_c_while_serve_runs_and_restored_after():
    import os
    import signal
    from claimtrack.flows.orchestration.server import stopped_like_ctrl_c
    before = signal.getsignal(signal.SIGHUP), signal.getsignal(signal.SIGTERM)
    for sig in (signal.SIGHUP, signal.SIGTERM):
        with pytest.raises(KeyboardInterrupt, match=sig.name), stopped_like_ctrl_c():
            os.kill(os.getpid(), sig)
    assert (signal.getsignal(signal.SIGHUP), signal.getsignal(signal.SIGTERM)) == before
