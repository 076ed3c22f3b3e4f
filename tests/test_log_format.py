"""`--log-format json`: every log line one JSON object a log collector reads, claimtrack's and
Prefect's (through the logging config Prefect reads, also in the processes serve starts)."""
import json
import logging
import os
import subprocess
import sys

import pytest

from conftest import ROOT
from claimtrack.flows.logs import JsonLines


def _record(msg, *args, exc_info=None, **extra):
    record = logging.LogRecord("claimtrack.ingest", logging.WARNING, __file__, 1, msg, args, exc_info)
    record.__dict__.update(extra)
    return record


def test_a_record_is_one_line_of_json_with_its_run_and_traceback():
    try:
        raise ValueError("bad\nvalue")
    except ValueError:
        failure = sys.exc_info()
    line = JsonLines().format(_record("feed %s failed:\n%s\x85", "Wire", "timeout", exc_info=failure,
                                      flow_run_name="pipeline of a.duckdb", flow_run_id="0191", task_run_name="<unknown>"))
    assert "\n" not in line and "\x85" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING" and entry["logger"] == "claimtrack.ingest"
    assert entry["message"] == "feed Wire failed:\ntimeout\x85" and entry["time"].endswith("+00:00")
    assert (entry["flow_run_name"], entry["flow_run_id"]) == ("pipeline of a.duckdb", "0191")
    assert "task_run_name" not in entry                      # Prefect's placeholder is left out
    assert entry["exception"].startswith("Traceback") and "ValueError: bad" in entry["exception"]


PROBE = """
import logging, warnings
from claimtrack.flows.logs import configure
configure("json")
logging.getLogger("claimtrack.extract").info("before Prefect")
logging.getLogger("some.library").warning("a library's warning")
from prefect.logging.configuration import setup_logging
from prefect.logging import get_logger
setup_logging()
get_logger("prefect.runner").info("a runner line")
get_logger("prefect.flow_runs").info("a run's line", extra={"flow_run_name": "digest of 2025-W44", "flow_run_id": "7"})
logging.getLogger("claimtrack.extract").info("after Prefect")
logging.getLogger("some.library").warning("another warning")
"""


@pytest.mark.parametrize("verbose", [True, False])
def test_claimtrack_and_prefect_lines_are_each_one_json_object(tmp_path, verbose):
    """Prefect's own lines keep their switch (-v, or serve without --quiet-prefect); claimtrack's
    are always written."""
    env = {**os.environ, "PREFECT_HOME": str(tmp_path), "PREFECT_LOGGING_TO_API_ENABLED": "false",
           "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "DEBUG" if verbose else "CRITICAL"}     # as prepare_prefect sets it
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    entries = [json.loads(line) for line in proc.stderr.splitlines()]      # every line is JSON
    prefect = [("prefect.runner", "a runner line"), ("prefect.flow_runs", "a run's line")]
    assert [(e["logger"], e["message"]) for e in entries] == [
        ("claimtrack.extract", "before Prefect"), ("some.library", "a library's warning"),
        *(prefect if verbose else []), ("claimtrack.extract", "after Prefect"),
        *([("some.library", "another warning")] if verbose else [])]
    if verbose:
        assert entries[3]["flow_run_name"] == "digest of 2025-W44"


def test_an_error_is_a_json_line_too(tmp_path):
    env = {**os.environ, "CLAIMTRACK_LOG_FORMAT": "json"}
    proc = subprocess.run([sys.executable, "-m", "claimtrack", "claims", "--config", str(tmp_path / "nope.toml")],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert proc.returncode == 1
    (entry,) = [json.loads(line) for line in proc.stderr.splitlines()]
    assert entry["level"] == "ERROR" and entry["message"] == f"claimtrack: error: {tmp_path / 'nope.toml'}: config file not found"
