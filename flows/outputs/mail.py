"""The email channel: the weekly digest (or an alert) by SMTP, one multipart message (text and
HTML, charts inline) per recipient. A transient (4xx) refusal is tried again, a permanent one
fails that recipient only, and the delivery log (channel 'email', target the address) keeps a
week from going to anyone twice (unless --resend); flows/outputs/channels.py does the logging."""
from __future__ import annotations

import os
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from pathlib import Path
from urllib.parse import quote

from claimtrack.db.deliveries import week_ledger
from claimtrack.db.store import Store
from claimtrack.flows.outputs.channels import Delivery, Rendering, Send, deliver, new_message_id
from claimtrack.flows.outputs.digest import Digest, write_preview
from claimtrack.errors import DeliveryError, DigestError, TransientSmtpError
from claimtrack.flows.settings import DigestSettings

EMAIL = "email"              # the channel of [digest] recipients, as the delivery log names it


def _domain(sender: str) -> str:
    return sender.rpartition("@")[2]


def list_id(settings: DigestSettings) -> str:
    """The List-Id of what claimtrack sends (RFC 2919): `[digest] list_id`, else
    claimtrack-digest.<the sender's domain>."""
    return settings.list_id or f"claimtrack-digest.{_domain(settings.sender)}"


def list_headers(settings: DigestSettings, recipient: str) -> dict[str, str]:
    """The headers that make a digest or alert a list's message a mail client can handle:
    List-Id, List-Unsubscribe (a mailto: to the sender, and `unsubscribe_url` with the
    recipient's address filled in when set, then List-Unsubscribe-Post for one click, RFC 8058)
    and Auto-Submitted (RFC 3834: no out-of-office reply is due)."""
    name = list_id(settings)
    unsubscribe = [f"<mailto:{settings.sender}?subject={quote(f'unsubscribe {name}')}>"]
    headers = {"List-Id": f"claimtrack digest <{name}>", "Auto-Submitted": "auto-generated"}
    if settings.unsubscribe_url:
        unsubscribe.insert(0, f"<{settings.unsubscribe_url.replace('{recipient}', quote(recipient, safe=''))}>")
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    headers["List-Unsubscribe"] = ", ".join(unsubscribe)
    return headers


def build_message(rendering: Rendering, settings: DigestSettings, recipient: str,
                  message_id: str | None = None) -> EmailMessage:
    """An email rendering as a message from `[digest] sender` under its display name, with Date,
    Message-ID and the list headers: its text, and when it has one its HTML alternative
    (multipart/alternative) with the images inline."""
    msg = EmailMessage()
    msg["Subject"] = rendering.subject
    msg["From"] = formataddr((settings.sender_name, settings.sender)) if settings.sender_name else settings.sender
    msg["To"] = recipient
    msg["Date"] = format_datetime(datetime.now(timezone.utc))
    msg["Message-ID"] = message_id or new_message_id(rendering.key, _domain(settings.sender))
    for header, value in list_headers(settings, recipient).items():
        msg[header] = value
    msg.set_content(rendering.body)
    if rendering.html:
        msg.add_alternative(rendering.html, subtype="html")
        html_part = msg.get_payload()[1]
        for n, (cid, png) in enumerate(rendering.images, start=1):     # inline, so no remote image is loaded
            html_part.add_related(png, maintype="image", subtype="png", cid=f"<{cid}>",
                                  filename=f"{rendering.key}-chart-{n}.png", disposition="inline")
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
    cls = TransientSmtpError if 400 <= code < 500 else DeliveryError
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
        raise DeliveryError(f"{where}: {type(exc).__name__}: {exc}") from None


@dataclass(frozen=True)
class EmailChannel:
    """[digest] recipients as a channel: one SMTP session per message, the password read from
    its environment variable at each send (never kept, never passed through Prefect)."""
    settings: DigestSettings
    name: str = EMAIL
    rendering: str = "email"

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(self.settings.recipients)

    def message_id(self, rendering: Rendering) -> str:
        return new_message_id(rendering.key, _domain(self.settings.sender))

    def send(self, rendering: Rendering, target: str, message_id: str) -> str:
        _deliver(self.settings, _password(self.settings), build_message(rendering, self.settings, target, message_id))
        return ""


def check_sendable(settings: DigestSettings) -> None:
    """Fail before anything is logged if there is nobody to send to or no password to log in."""
    if not settings.recipients:
        raise DigestError("no recipients: set [digest] recipients in the config file")
    _password(settings)


def send_digest(store: Store, digest: Digest, settings: DigestSettings, resend: bool = False,
                sleep: Callable[[float], None] = time.sleep, send: Send | None = None) -> list[Delivery]:
    """Send the digest by email alone to every recipient not yet sent this week; each is tried
    up to flows/outputs/channels.py's ATTEMPTS times while refusals are transient (`send` replaces those
    tries). A run killed mid-send never sends anyone a week twice."""
    check_sendable(settings)
    return deliver(week_ledger(store, digest.week), [EmailChannel(settings)], lambda _format: digest.as_rendering(),
                   resend, send, sleep)


def write_dry_run(digest: Digest, settings: DigestSettings, out_dir: Path) -> list[Path]:
    """What would be sent, without sending: WEEK.eml (to the first recipient, or a
    placeholder) beside the preview's WEEK.html (with its chart files) and WEEK.txt."""
    html, text = write_preview(digest, out_dir)
    recipient = settings.recipients[0] if settings.recipients else "recipient@example.org"
    eml = out_dir / f"{digest.week}.eml"
    eml.write_bytes(bytes(build_message(digest.as_rendering(), settings, recipient)))
    return [eml, html, text]
