"""What goes out, and where: the channels a settings file sets up ([digest] recipients as the
email channel, each [[channels]] table), the week's digest through every channel that takes it,
and what a run sends when it ends (its alerts, and each Atom feed of changes rewritten). Plain
functions the Prefect flows call (flows/orchestration/prefect_flows.py)."""
from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime

from claimtrack.db.deliveries import week_ledger
from claimtrack.db.store import Store
from claimtrack.flows.outputs.alerts import send_alerts
from claimtrack.flows.outputs.apprise_channel import AppriseChannel
from claimtrack.flows.outputs.changes_feed import AtomChannel, changes_rendering
from claimtrack.flows.outputs.channels import Channel, Delivery, Send, deliver
from claimtrack.flows.outputs.digest import rendering
from claimtrack.errors import ClaimtrackError, DigestError
from claimtrack.flows.outputs.mail import EMAIL, EmailChannel, check_sendable
from claimtrack.flows.settings import Settings
from claimtrack.flows.outputs.week_report import WeekReport, gather_report


def configured_channels(settings: Settings) -> dict[str, Channel]:
    """Every channel by name: 'email' when [digest] recipients are set, then the [[channels]]."""
    channels: dict[str, Channel] = {}
    if settings.digest.recipients:
        channels[EMAIL] = EmailChannel(settings.digest)
    for c in settings.channels:
        if c.kind == "apprise":
            channels[c.name] = AppriseChannel(c.name, c.rendering, c.urls, c.url_env, c.timeout)
        elif c.kind == "atom":
            channels[c.name] = AtomChannel(c.name, c.path)
    return channels


def digest_channels(settings: Settings) -> list[Channel]:
    """The channels the weekly digest goes through: email, and each Apprise channel with digest = true."""
    wanted = {c.name for c in settings.channels if c.kind == "apprise" and c.digest}
    return [c for name, c in configured_channels(settings).items() if name == EMAIL or name in wanted]


def sends_digest(settings: Settings) -> bool:
    """Whether the weekly digest has anywhere to go (else the weekly run writes its preview)."""
    return bool(digest_channels(settings))


def send_week(store: Store, settings: Settings, week: str | None = None, today: date | None = None,
              resend: bool = False, send: Send | None = None,
              sleep: Callable[[float], None] = time.sleep) -> tuple[WeekReport, list[Delivery]]:
    """Gather the week's report and deliver it through every digest channel, each in the
    rendering it takes, to each target the delivery log says has not had it (all with `resend`)."""
    channels = digest_channels(settings)
    if not channels:
        raise DigestError("nowhere to send the digest: set [digest] recipients or add a [[channels]] table")
    if any(c.name == EMAIL for c in channels):
        check_sendable(settings.digest)       # a missing password fails before anything is logged
    report = gather_report(store, week, today, settings.site.base_url, settings.digest.feed_health)
    deliveries = deliver(week_ledger(store, report.week), channels, lambda fmt: rendering(report, fmt),
                         resend, send, sleep)
    return report, deliveries


def after_run(store: Store, settings: Settings, since: datetime,
              sleep: Callable[[float], None] = time.sleep) -> list[Delivery]:
    """What a run sends when it ends: the alerts on the changes it found (since `since`), and
    every Atom channel's feed of changes rewritten. A channel that fails is a 'failed' Delivery;
    the run goes on."""
    channels = configured_channels(settings)
    out = send_alerts(store, settings.alerts, channels, since, sleep)
    feeds = [c for c in channels.values() if isinstance(c, AtomChannel)]
    if feeds:
        feed = changes_rendering(store)
        for channel in feeds:
            (target,) = channel.targets
            try:
                out.append(Delivery(channel.name, target, "sent", channel.send(feed, target, "")))
            except ClaimtrackError as exc:
                out.append(Delivery(channel.name, target, "failed", str(exc)))
    return out
