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

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_QUIET: dict[int, tuple[Any, Any]] = {}      # id of a Settings: (it, a copy of it without heartbeats)
_QUIET_LOCK = threading.Lock()


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
    import prefect.context
    context = prefect.context.get_settings_context()
    with prefect.context.SettingsContext(profile=context.profile, settings=_quiet(context.settings)):
        yield True


def _quiet(settings: Any) -> Any:
    """`settings` with the heartbeat interval unset, made once per Settings object: making it
    (what `temporary_settings` does on every call) validates every setting again, about 0.05 to
    0.1 s, as much as a tenth of an all-304 re-poll of 200 feeds."""
    with _QUIET_LOCK:
        known = _QUIET.get(id(settings))
        if known is not None and known[0] is settings:
            return known[1]
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY
    quiet = settings.copy_with_update(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None})
    with _QUIET_LOCK:
        if len(_QUIET) >= 8:                        # a process seldom has more than one: kept small anyway
            _QUIET.clear()
        _QUIET[id(settings)] = (settings, quiet)       # the pair keeps `settings` alive, so its id stays its own
    return quiet
