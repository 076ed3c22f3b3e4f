"""Flow-run heartbeats for the runs claimtrack starts in its own process.

Prefect sends a heartbeat event for every flow run (every 180 s, from a thread of the run's
own) so that a server can tell a run whose process died (killed, out of memory) from one still
working, and mark it crashed. That matters for runs nobody waits on: the scheduled runs of
`claimtrack serve` and the work-pool deployments of prefect.yaml, started by a runner or a
worker in processes of their own; those keep Prefect's heartbeats. A run of `claimtrack run`,
`claimtrack ingest` or `claimtrack.run()` is the command itself: its caller sees it end, however
it ends. Such a run goes without heartbeats, which saves a second per run (Prefect 3.9 waits for
the heartbeat thread, which sleeps in 1 s steps, at the end of every run), unless heartbeats are
asked for: PREFECT_FLOWS_HEARTBEAT_FREQUENCY set in the environment or the Prefect profile.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


def asked_for() -> bool:
    """Whether the heartbeat interval was set on purpose (environment, profile or settings in
    code), rather than left at Prefect's default."""
    from prefect.settings import get_current_settings
    return "heartbeat_frequency" in get_current_settings().flows.model_fields_set


@contextmanager
def without_heartbeats() -> Iterator[bool]:
    """Flow runs started within the block send no heartbeats, unless heartbeats were asked for
    (`asked_for`); yields whether they are off."""
    if asked_for():
        yield False
        return
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield True
