"""Sending the weekly digest by SMTP: one multipart message (text and HTML) per recipient,
a transient (4xx) refusal retried, a permanent one reported for that recipient, and a log
keyed by week and recipient so a week is never sent to anyone twice (unless --resend)."""
from __future__ import annotations

import os
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from db.store import Store
from flows.digest import Digest, write_preview
from flows.errors import DigestError, TransientSmtpError
from flows.settings import DigestSettings

ATTEMPTS = 3
RETRY_DELAYS = (2.0, 10.0)


@dataclass(frozen=True)
class Delivery:
    recipient: str
    status: str            # sent | failed | skipped (already sent, or maybe sent by a run that died)
    detail: str = ""

    @property
    def line(self) -> str:
        """'recipient: status detail', as logs and the CLI show it (never parsed back)."""
        return f"{self.recipient}: {self.status} {self.detail}".rstrip()


def build_message(digest: Digest, sender: str, recipient: str) -> EmailMessage:
    """The digest as a multipart/alternative message with Date and Message-ID."""
    msg = EmailMessage()
    msg["Subject"] = digest.subject
    msg["From"] = sender
    msg["To"] = recipient
    msg["Date"] = format_datetime(datetime.now(timezone.utc))
    msg["Message-ID"] = make_msgid(idstring=digest.week, domain=sender.rpartition("@")[2] or None)
    msg.set_content(digest.text)
    msg.add_alternative(digest.html, subtype="html")
    html_part = msg.get_payload()[1]
    for n, (cid, png) in enumerate(digest.charts, start=1):     # inline, so no remote image is loaded
        html_part.add_related(png, maintype="image", subtype="png", cid=f"<{cid}>",
                              filename=f"{digest.week}-chart-{n}.png", disposition="inline")
    return msg


def _password(settings: DigestSettings) -> str | None:
    if not settings.smtp_username:
        return None
    password = os.environ.get(settings.smtp_password_env)
    if password is None:
        raise DigestError(f"smtp_username is set but the environment variable {settings.smtp_password_env} "
                          "holding the password is not")
    return password


def _refusal(where: str, code: int, reply: bytes | str) -> Exception:
    """The server's refusal as our error: 4xx worth retrying, anything else final."""
    text = reply.decode(errors="replace") if isinstance(reply, bytes) else reply
    cls = TransientSmtpError if 400 <= code < 500 else DigestError
    return cls(f"{where}: {code} {text}")


def _tls(settings: DigestSettings) -> ssl.SSLContext:
    """Certificate and host name checked, against the system's CAs plus smtp_ca_file."""
    context = ssl.create_default_context()
    if settings.smtp_ca_file:
        context.load_verify_locations(cafile=str(settings.smtp_ca_file))
    return context


def _deliver(settings: DigestSettings, password: str | None, msg: EmailMessage) -> None:
    """One SMTP session sending one message. 4xx and dropped connections raise
    TransientSmtpError; 5xx raise smtplib's own errors."""
    where = f"{settings.smtp_host}:{settings.smtp_port}"
    try:
        if settings.smtp_security == "ssl":
            smtp = smtplib.SMTP_SSL(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout,
                                    context=_tls(settings))
        else:
            smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout)
        with smtp:
            if settings.smtp_security == "starttls":
                smtp.starttls(context=_tls(settings))
            if password is not None:
                smtp.login(settings.smtp_username, password)
            smtp.send_message(msg)
    except smtplib.SMTPRecipientsRefused as exc:
        raise _refusal(where, *next(iter(exc.recipients.values()))) from None
    except smtplib.SMTPResponseException as exc:
        raise _refusal(where, exc.smtp_code, exc.smtp_error) from None
    except (smtplib.SMTPServerDisconnected, ConnectionError, TimeoutError) as exc:
        raise TransientSmtpError(f"{where}: {type(exc).__name__}: {exc}") from None
    except (smtplib.SMTPException, OSError) as exc:
        raise DigestError(f"{where}: {type(exc).__name__}: {exc}") from None


def _skipped(before: dict | None, recipient: str, resend: bool) -> Delivery | None:
    """A 'skipped' Delivery when the digest log says this week went to `recipient` already, or
    that a run died while sending it (maybe delivered); None when it is to be sent."""
    if before and before["status"] in ("sent", "sending") and not resend:
        why = "already sent" if before["status"] == "sent" else "a run died while sending it: maybe delivered"
        return Delivery(recipient, "skipped", f"{why} ({before['updated_at']:%Y-%m-%d %H:%M} UTC); --resend sends again")
    return None


def attempt_send(store: Store, week: str, settings: DigestSettings, msg: EmailMessage,
                 attempt: int, last: bool) -> Delivery:
    """One try at delivering `msg`, logged 'sending' before and 'sent' or 'failed' after.
    A transient refusal is raised while tries are left (`last` false), so the caller can wait
    and call again; the last try, or a permanent refusal, is a 'failed' Delivery."""
    recipient = str(msg["To"])
    store.record_digest_send(week, recipient, "sending", msg["Message-ID"], attempt)
    try:
        _deliver(settings, _password(settings), msg)
    except TransientSmtpError as exc:
        if not last:
            raise
        store.record_digest_send(week, recipient, "failed", msg["Message-ID"], attempt, str(exc))
        return Delivery(recipient, "failed", f"{exc} (after {attempt} attempts)")
    except DigestError as exc:
        store.record_digest_send(week, recipient, "failed", msg["Message-ID"], attempt, str(exc))
        return Delivery(recipient, "failed", str(exc))
    store.record_digest_send(week, recipient, "sent", msg["Message-ID"], attempt)
    return Delivery(recipient, "sent", f"attempt {attempt}")


def check_sendable(settings: DigestSettings) -> None:
    """Fail before anything is logged if there is nobody to send to or no password to log in."""
    if not settings.recipients:
        raise DigestError("no recipients: set [digest] recipients in the config file")
    _password(settings)


def send_digest(store: Store, digest: Digest, settings: DigestSettings, resend: bool = False,
                sleep: Callable[[float], None] = time.sleep,
                deliver: Callable[[EmailMessage], Delivery] | None = None) -> list[Delivery]:
    """Send the digest to every recipient not yet sent this week. `deliver` sends one message
    with its retries (the digest flow passes a Prefect task); by default each is tried ATTEMPTS
    times with RETRY_DELAYS between. A run killed mid-send never sends anyone a week twice."""
    check_sendable(settings)
    log = store.digest_log(digest.week)
    out = []
    for recipient in dict.fromkeys(settings.recipients):      # an address listed twice gets one message
        skipped = _skipped(log.get(recipient), recipient, resend)
        msg = build_message(digest, settings.sender, recipient) if skipped is None else None
        out.append(skipped or (deliver(msg) if deliver else _with_retries(store, digest.week, settings, msg, sleep)))
    return out


def _with_retries(store: Store, week: str, settings: DigestSettings, msg: EmailMessage,
                  sleep: Callable[[float], None]) -> Delivery:
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return attempt_send(store, week, settings, msg, attempt, last=attempt == ATTEMPTS)
        except TransientSmtpError:
            sleep(RETRY_DELAYS[attempt - 1])
    raise AssertionError("unreachable: the last attempt returns")


def write_dry_run(digest: Digest, settings: DigestSettings, out_dir: Path) -> list[Path]:
    """What would be sent, without sending: WEEK.eml (to the first recipient, or a
    placeholder) beside the preview's WEEK.html (with its chart files) and WEEK.txt."""
    html, text = write_preview(digest, out_dir)
    recipient = settings.recipients[0] if settings.recipients else "recipient@example.org"
    eml = out_dir / f"{digest.week}.eml"
    eml.write_bytes(bytes(build_message(digest, settings.sender, recipient)))
    return [eml, html, text]
