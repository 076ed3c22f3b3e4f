"""`claimtrack serve`: the pipeline and the weekly digest as Prefect deployments on the
schedules in config/claimtrack.toml, run by this process (no work pool or worker needed).

Each deployment lets one run at a time: a run that would overlap the previous one waits for
it (Prefect's deployment concurrency limit, strategy ENQUEUE). Within and across runs the
database itself admits one writer at a time (db/store.py).
"""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.schedules import Cron, Interval, Schedule, validate_cron_string

from claimtrack.flows.outputs.dispatch import sends_digest
from claimtrack.errors import ConfigError
from claimtrack.flows.orchestration.prefect_flows import digest_flow, pipeline_flow
from claimtrack.flows.settings import ScheduleSettings, Settings

PIPELINE = "scheduled-pipeline"
DIGEST = "weekly-digest"
ONE_AT_A_TIME = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.ENQUEUE)


def _cron(line: str, key: str, settings: Settings) -> str:
    try:
        return validate_cron_string(line)
    except ValueError as exc:
        raise ConfigError(f"{settings.config_path or 'defaults'} [schedule] {key}: {exc}") from None


def pipeline_schedule(settings: Settings) -> Schedule:
    """The pipeline's cron when set, else its interval."""
    s: ScheduleSettings = settings.schedule
    if s.pipeline_cron:
        return Cron(_cron(s.pipeline_cron, "pipeline_cron", settings), timezone=s.timezone)
    return Interval(timedelta(minutes=s.pipeline_every_minutes))


def digest_schedule(settings: Settings) -> Schedule:
    return Cron(_cron(settings.schedule.digest_cron, "digest_cron", settings), timezone=settings.schedule.timezone)


def describe(schedule: Schedule) -> str:
    """'every 60 min' or 'cron 0 7 * * 1 (Europe/Berlin)', for the start-up lines."""
    if getattr(schedule, "cron", None):
        return f"cron {schedule.cron} ({schedule.timezone or 'UTC'})"
    minutes = schedule.interval.total_seconds() / 60
    return f"every {minutes:g} min"


def deployments(settings: Settings) -> list[Any]:
    """The two deployments `serve` registers, with absolute config and database paths (runs
    start in their own processes) and one run at a time each."""
    params = {"config": str(Path(settings.config_path).resolve()) if settings.config_path else None,
              "db": str(Path(settings.storage.db).resolve())}
    pipeline = pipeline_flow.to_deployment(      # each run rewrites the claim site ([site] out_dir)
        name=PIPELINE, schedule=pipeline_schedule(settings), parameters={**params, "site": True},
        concurrency_limit=ONE_AT_A_TIME, tags=["claimtrack"],
        description="Poll the feeds, store new articles, extract and track their claims.")
    digest = digest_flow.to_deployment(      # sends when it has a channel (recipients, [[channels]]), else a preview
        name=DIGEST, schedule=digest_schedule(settings),
        parameters={**params, "send": sends_digest(settings)},
        concurrency_limit=ONE_AT_A_TIME, tags=["claimtrack"],
        description="Write the weekly digest.")
    return [pipeline, digest]


def serve_forever(deployments: list[Any]) -> None:
    """Register the deployments and run their scheduled runs until interrupted."""
    from prefect import serve
    serve(*deployments, print_starting_message=False)
