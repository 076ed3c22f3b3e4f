"""The delivery logs: what went where, so nothing is delivered twice through any channel.

A weekly digest is logged by (week, channel, target) in `delivery_log`; an alert by (rule,
change, channel, target) in `alert_log`. A `Ledger` is one of those logs narrowed to one thing
delivered (a week, or one rule's message about one change), which is all a channel's
dispatcher needs: what each target got, and a way to record what happens next.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimtrack.db import sql
from claimtrack.db.connection import run
from claimtrack.db.store import Store


@dataclass(frozen=True)
class Ledger:
    """The delivery log of one thing delivered: `of` names its queries (`week` or `alert`),
    `key` binds the columns that identify it."""
    store: Store
    of: str
    key: tuple[tuple[str, Any], ...]

    @property
    def label(self) -> str:
        """What was delivered, for run names and log lines: '2025-W44', 'alert big-moves on …'."""
        values = dict(self.key)
        if self.of == "week":
            return values["week"]
        return f"alert {values['alert']} on {values['claim_key']}"

    def entries(self, channel: str) -> dict[str, dict[str, Any]]:
        """What each target of `channel` got of it: status, message_id, attempts, error, updated_at."""
        return {r["target"]: r for r in self.store.query(f"{self.of}_deliveries", channel=channel, **dict(self.key))}

    def record(self, channel: str, target: str, status: str, message_id: str | None = None,
               attempts: int = 0, error: str | None = None) -> None:
        """One target's state ('sending', 'sent' or 'failed'), committed at once (before and after each try)."""
        self.store.batch(lambda con: run(con, sql.query(f"record_{self.of}_delivery"),
                                         {**dict(self.key), "channel": channel, "target": target, "status": status,
                                          "message_id": message_id, "attempts": attempts, "error": error}))


def week_ledger(store: Store, week: str) -> Ledger:
    """The log of one week's digest, every channel."""
    return Ledger(store, "week", (("week", week),))


def alert_ledger(store: Store, alert: str, change: dict[str, Any]) -> Ledger:
    """The log of one alert rule's message about one change (its key and its two values)."""
    return Ledger(store, "alert", (("alert", alert), ("claim_key", change["claim_key"]),
                                   ("previous_value", change["previous_value"]), ("new_value", change["new_value"])))
