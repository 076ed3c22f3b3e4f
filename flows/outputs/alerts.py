"""Alerts: a short message through a channel as soon as a run finds a change an `[[alerts]]`
rule watches (its keys, subjects or metrics, by at least its minimum change in percent). Each
rule tells each target about a change once: the alert log (db/deliveries.py) is keyed by the
rule, the change (its key and both values) and the target, so the next run, or a re-extraction
that finds the change again, sends nothing; a delivery that failed is tried again next run."""
from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from markupsafe import escape

from claimtrack.db.deliveries import alert_ledger
from claimtrack.db.store import Store
from claimtrack.flows.outputs.changes_feed import change_title
from claimtrack.flows.channel_config import AlertConfig
from claimtrack.flows.outputs.channels import Channel, Delivery, Rendering, deliver
from claimtrack.errors import DeliveryError
from claimtrack.flows.formatting import basis_note
from claimtrack.flows.untrusted import clean, for_markdown, markdown_link


def watches(rule: AlertConfig, change: Mapping[str, Any]) -> bool:
    """Whether `rule` is about `change`: its key, subject and metric among those the rule names
    (case aside; a list left empty names any) and a change of at least min_change_pct percent."""
    def named(values: Sequence[str], value: Any) -> bool:
        return not values or str(value or "").casefold() in {v.casefold() for v in values}

    if not (named(rule.keys, change["claim_key"]) and named(rule.subjects, change["subject"])
            and named(rule.metrics, change["metric"])):
        return False
    pct = change.get("change_pct")
    return abs(pct) >= rule.min_change_pct if pct is not None else rule.min_change_pct == 0


def alert_rendering(rule: AlertConfig, change: Mapping[str, Any], fmt: str) -> Rendering:
    """The message about one change in `fmt` (email, text, markdown or html): what changed, who
    reported the new value first and when, a link to the article, and the rule that sent it."""
    title = clean(change_title(change), lines=False)
    note = basis_note(change.get("as_of_basis"))
    day = f"{change['changed_at']:%Y-%m-%d}" + (f" ({note})" if note else "")
    outlet, url = change["first_outlet"], change.get("first_url") or ""
    web = url.lower().startswith(("http://", "https://"))
    why = f"Alert {rule.name!r}: a change of at least {rule.min_change_pct:g}%."
    text = (f"{title}\nfirst reported by {clean(outlet, lines=False)} on {day}\n"
            + (f"{clean(url, lines=False)}\n" if url else "") + f"\n{clean(why, lines=False)}\n")
    link = f'<a href="{escape(clean(url, lines=False))}">{escape(clean(outlet, lines=False))}</a>' if web else \
        escape(clean(outlet, lines=False))
    html = (f"<p><strong>{escape(title)}</strong><br>first reported by {link} on {escape(day)}</p>"
            f"<p>{escape(clean(why, lines=False))}</p>")
    markdown = (f"**{for_markdown(title)}**  \nfirst reported by {markdown_link(url, outlet)} on {for_markdown(day)}"
                f"\n\n{for_markdown(why)}\n")
    subject = f"claimtrack alert: {title}"
    bodies = {"text": text, "markdown": markdown, "html": html}
    key = f"{change['claim_key']} {change['previous_value']!r} -> {change['new_value']!r}"
    if fmt == "email":
        return Rendering(key, fmt, subject, text, html)
    if fmt not in bodies:
        raise DeliveryError(f"alert {rule.name!r}: no rendering {fmt!r} of an alert")
    return Rendering(key, fmt, subject, bodies[fmt])


def send_alerts(store: Store, rules: Sequence[AlertConfig], channels: Mapping[str, Channel], since: datetime,
                sleep: Callable[[float], None] = time.sleep) -> list[Delivery]:
    """Tell each rule's channel about the changes it watches that were first reported by
    articles extracted since `since` (a run's start), or whose alert failed before; each
    (rule, change, target) once."""
    if not rules:
        return []
    changes = store.query("alert_changes", since=since)
    out: list[Delivery] = []
    for rule in rules:
        for change in (c for c in changes if watches(rule, c)):
            out += deliver(alert_ledger(store, rule.name, change), [channels[rule.channel]],
                           lambda fmt, rule=rule, change=change: alert_rendering(rule, change, fmt), sleep=sleep)
    return out
