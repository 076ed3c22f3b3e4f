"""Channels: where a rendering goes. A channel delivers one rendering (the week's digest as
email, Markdown, text or HTML; an alert) to one target (an address, an Apprise URL, a file) and
says what happened: sent, skipped (already delivered) or failed, with the reason.

`deliver` is the one dispatcher: for each channel and target it reads the delivery log
(db/deliveries.py), skips what was delivered or may have been (a run that died mid-send),
records 'sending' before a try and 'sent' or 'failed' after, so "never twice" holds for every
channel. A target that fails is recorded and the others still get theirs; a transient refusal
is tried again (ATTEMPTS times in all). Email is flows/outputs/mail.py, Apprise flows/outputs/apprise_channel.py;
a new kind implements `Channel`.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.utils import make_msgid
from typing import Protocol

from claimtrack.db.deliveries import Ledger
from claimtrack.errors import ClaimtrackError, TransientDeliveryError

ATTEMPTS = 3
RETRY_DELAYS = (2.0, 10.0)


@dataclass(frozen=True)
class Rendering:
    """One rendering of something to deliver: a subject line and a document in one format."""
    key: str                # what it renders: "2025-W44", or the change an alert is about
    format: str             # email | html | text | markdown
    subject: str
    body: str               # the document; for email, its plain-text part
    html: str = ""          # email only: the HTML alternative, its images linked as cid:
    images: tuple[tuple[str, bytes], ...] = ()      # email only: (content id, PNG)


@dataclass(frozen=True)
class Delivery:
    """What happened to one rendering for one target of one channel."""
    channel: str
    target: str
    status: str             # sent | failed | skipped (already sent, or maybe sent by a run that died)
    detail: str = ""

    def line(self) -> str:
        """One line for people: 'reader@example.org: sent attempt 1' (the email channel's targets
        say where they are), 'json://host/hook (team-chat): failed …' for the others."""
        where = self.target if self.channel == "email" else f"{self.target} ({self.channel})"
        return f"{where}: {self.status} {self.detail}".rstrip()


class Channel(Protocol):
    """A way out: its name keys the delivery log; it takes one rendering format."""
    name: str
    rendering: str

    @property
    def targets(self) -> tuple[str, ...]:
        """Where it delivers, each as the delivery log names it (never a secret)."""

    def message_id(self, rendering: Rendering) -> str:
        """A new id for one delivery, logged before it is tried (an email's Message-ID)."""

    def send(self, rendering: Rendering, target: str, message_id: str) -> str:
        """Deliver `rendering` to `target` once; returns a detail for the log line. Raises a
        ClaimtrackError when it cannot (TransientDeliveryError: worth another try)."""


def new_message_id(key: str, domain: str = "claimtrack.local") -> str:
    """A unique '<…@domain>' id naming what it delivers."""
    return make_msgid(idstring="".join(c if c.isalnum() or c in "-." else "-" for c in key)[:40], domain=domain)


def skipped(before: dict | None, channel: str, target: str, resend: bool) -> Delivery | None:
    """A 'skipped' Delivery when the log says `target` got it already, or that a run died while
    sending it (maybe delivered); None when it is to be sent."""
    if before and before["status"] in ("sent", "sending") and not resend:
        why = "already sent" if before["status"] == "sent" else "a run died while sending it: maybe delivered"
        return Delivery(channel, target, "skipped",
                        f"{why} ({before['updated_at']:%Y-%m-%d %H:%M} UTC); --resend sends again")
    return None


def attempt(ledger: Ledger, channel: Channel, target: str, rendering: Rendering, message_id: str,
            attempt_no: int, last: bool) -> Delivery:
    """One try, logged 'sending' before and 'sent' or 'failed' after. A transient refusal is
    raised while tries are left (`last` false), so the caller can wait and call again; the
    last try, a permanent refusal or a bug in the channel is a 'failed' Delivery."""
    ledger.record(channel.name, target, "sending", message_id, attempt_no)
    try:
        detail = channel.send(rendering, target, message_id)
    except TransientDeliveryError as exc:
        if not last:
            raise
        ledger.record(channel.name, target, "failed", message_id, attempt_no, str(exc))
        return Delivery(channel.name, target, "failed", f"{exc} (after {attempt_no} attempts)")
    except Exception as exc:        # one target's failure, a refusal or a bug, never stops the others
        reason = str(exc) if isinstance(exc, ClaimtrackError) else f"unexpected {type(exc).__name__}: {exc}"
        ledger.record(channel.name, target, "failed", message_id, attempt_no, reason)
        return Delivery(channel.name, target, "failed", reason)
    ledger.record(channel.name, target, "sent", message_id, attempt_no)
    return Delivery(channel.name, target, "sent", f"attempt {attempt_no}" + (f", {detail}" if detail else ""))


def with_retries(ledger: Ledger, channel: Channel, target: str, rendering: Rendering, message_id: str,
                 sleep: Callable[[float], None] = time.sleep) -> Delivery:
    """Up to ATTEMPTS tries, RETRY_DELAYS apart, while the refusals are transient."""
    for n in range(1, ATTEMPTS + 1):
        try:
            return attempt(ledger, channel, target, rendering, message_id, n, last=n == ATTEMPTS)
        except TransientDeliveryError:
            sleep(RETRY_DELAYS[n - 1])
    raise AssertionError("unreachable: the last attempt returns")


Send = Callable[[Ledger, Channel, str, Rendering, str], Delivery]


def deliver(ledger: Ledger, channels: Sequence[Channel], render: Callable[[str], Rendering],
            resend: bool = False, send: Send | None = None,
            sleep: Callable[[float], None] = time.sleep) -> list[Delivery]:
    """Deliver to every target of every channel what the log says it has not had: each channel
    gets `render(its format)` (rendered once per format). `send` makes the tries (the digest
    flow passes a Prefect task); by default `with_retries`. A target listed twice gets it once."""
    renderings: dict[str, Rendering] = {}
    out = []
    for channel in channels:
        log = ledger.entries(channel.name)
        for target in dict.fromkeys(channel.targets):
            done = skipped(log.get(target), channel.name, target, resend)
            if done:
                out.append(done)
                continue
            if channel.rendering not in renderings:
                renderings[channel.rendering] = render(channel.rendering)
            rendering = renderings[channel.rendering]
            message_id = channel.message_id(rendering)
            if send is not None:
                out.append(send(ledger, channel, target, rendering, message_id))
            else:
                out.append(with_retries(ledger, channel, target, rendering, message_id, sleep))
    return out
