"""Log lines for log collectors: with `claimtrack --log-format json` every log line is one JSON
object, `{"time", "level", "logger", "message"}` plus the flow's and task's run when Prefect
gives them and a traceback as one string, so Loki, CloudWatch, Datadog or `jq` read them.

claimtrack's own loggers (at INFO) and any other library's warnings write through handlers set
up here; once Prefect loads, its logging is configured from `logging_json.yml` beside this
module (Prefect reads PREFECT_LOGGING_SETTINGS_PATH), the same way in the processes `serve`
starts for each run. Prefect's own lines keep their switch (`-v`; `serve` shows them unless
`--quiet-prefect`); claimtrack's are always written. Text is the default: nothing changes then.
"""
from __future__ import annotations

import json
import logging
import os
import sys
from datetime import datetime, timezone
from importlib import resources
from typing import Any

from claimtrack.flows.untrusted import for_json_line

FORMATS = ("text", "json")
RUN_FIELDS = ("flow_name", "flow_run_name", "flow_run_id", "deployment_name", "task_name", "task_run_name",
              "task_run_id")
_structured = False


class JsonLines(logging.Formatter):
    """One JSON object per record, on one line (a traceback is a string in it)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname, "logger": record.name, "message": record.getMessage()}
        for name in RUN_FIELDS:
            value = getattr(record, name, None)
            if value not in (None, "<unknown>"):
                entry[name] = str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return for_json_line(json.dumps(entry, ensure_ascii=False, default=str))


class _Stderr(logging.StreamHandler):
    """claimtrack's handler until Prefect configures logging. Prefect takes a root handler whose
    class name starts with '_' for none of the user's and puts its configured console handler
    (JSON too, with the level -v sets) in its place, so no line is written twice."""


def configure(fmt: str) -> None:
    """Set up logging in `fmt` ('text': as it was; 'json': one object a line) for this process
    and the Prefect processes it starts. Call before Prefect is imported."""
    global _structured
    if fmt not in FORMATS:
        raise ValueError(f"log format {fmt!r}: use one of {', '.join(FORMATS)}")
    _structured = fmt == "json"
    if not _structured:
        return
    os.environ["PREFECT_LOGGING_SETTINGS_PATH"] = str(resources.files("claimtrack.flows").joinpath("logging_json.yml"))
    for name, level in (("", logging.WARNING), ("claimtrack", logging.INFO)):
        handler = _Stderr(sys.stderr)
        handler.setFormatter(JsonLines())
        logger = logging.getLogger(name or None)
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = not name         # claimtrack's lines once, through its own handler


def structured() -> bool:
    """Whether log lines are JSON (`--log-format json`): a command's status lines are then logged."""
    return _structured
