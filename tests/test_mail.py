"""Sending the digest to a real SMTP server (aiosmtpd on 127.0.0.1): it arrives whole and
parses, a week goes to a recipient once, a 421 is retried, a 550 fails only its recipient."""
import socket
from dataclasses import replace
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from db.store import Store
from flows.digest import render_digest
from flows.errors import DigestError
from flows.mail import send_digest, write_dry_run


class Inbox:
    """An SMTP handler that keeps what it accepts; `replies` answer DATA before it accepts,
    and recipients starting with 'bounce' are refused for good."""

    def __init__(self, replies=()):
        self.messages = []
        self.replies = list(replies)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("bounce"):
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.replies:
            return self.replies.pop(0)
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content, policy=policy.default)))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    started = []

    def start(inbox: Inbox) -> int:
        port = _free_port()
        controller = Controller(inbox, hostname="127.0.0.1", port=port)
        controller.start()
        started.append(controller)
        return port

    yield start
    for controller in started:
        controller.stop()


@pytest.fixture(scope="module")
def week(demo_db):
    return render_digest(Store(demo_db.storage.db), "2025-W44")


def _settings(demo_db, port, *recipients):
    return replace(demo_db.digest, smtp_host="127.0.0.1", smtp_port=port, smtp_security="none",
                   recipients=recipients, sender="digest@claimtrack.example")


def test_the_digest_arrives_whole_and_goes_to_a_recipient_once(demo_db, smtp, week):
    inbox = Inbox()
    settings = _settings(demo_db, smtp(inbox), "once@analysts.example")
    store = Store(demo_db.storage.db)
    assert [d.status for d in send_digest(store, week, settings)] == ["sent"]
    ((to, msg),) = inbox.messages
    assert to == ["once@analysts.example"] and "2025-W44" in msg["Subject"]
    assert msg["Message-ID"] and msg["Date"] and msg["From"] == "digest@claimtrack.example"
    assert msg.get_body(("plain",)).get_content().startswith("claimtrack weekly digest: ISO week 2025-W44")
    html = msg.get_body(("html",))
    assert "32.5% → 27%" in html.get_content()
    (cid, png), = week.charts                                   # the chart travels inline, by content id
    images = [p for p in msg.walk() if p.get_content_type() == "image/png"]
    assert [(p["Content-ID"], p.get_content()) for p in images] == [(f"<{cid}>", png)]
    assert f'src="cid:{cid}"' in html.get_content()
    assert store.digest_log("2025-W44")["once@analysts.example"]["status"] == "sent"

    again = send_digest(store, week, settings)
    assert [d.status for d in again] == ["skipped"] and "already sent" in again[0].detail
    assert len(inbox.messages) == 1
    assert [d.status for d in send_digest(store, week, settings, resend=True)] == ["sent"]
    assert len(inbox.messages) == 2


def test_a_421_is_retried_and_then_delivered(demo_db, smtp, week):
    inbox = Inbox(replies=["421 4.3.2 try again later"])
    waits = []
    (d,) = send_digest(Store(demo_db.storage.db), week, _settings(demo_db, smtp(inbox), "retry@analysts.example"),
                       sleep=waits.append)
    assert (d.status, d.detail) == ("sent", "attempt 2") and waits == [2.0]
    assert len(inbox.messages) == 1


def test_a_550_fails_only_its_recipient_and_is_logged(demo_db, smtp, week):
    inbox = Inbox()
    store = Store(demo_db.storage.db)
    out = send_digest(store, week, _settings(demo_db, smtp(inbox), "bounce@analysts.example", "ok@analysts.example"))
    assert [(d.recipient, d.status) for d in out] == [("bounce@analysts.example", "failed"), ("ok@analysts.example", "sent")]
    assert "550" in out[0].detail
    assert store.digest_log("2025-W44")["bounce@analysts.example"]["status"] == "failed"
    assert [to for to, _ in inbox.messages] == [["ok@analysts.example"]]


def test_a_send_left_unfinished_by_a_dead_run_is_not_repeated(demo_db, smtp, week):
    inbox = Inbox()
    store = Store(demo_db.storage.db)
    store.record_digest_send("2025-W44", "maybe@analysts.example", "sending", "<x@claimtrack.example>")
    (d,) = send_digest(store, week, _settings(demo_db, smtp(inbox), "maybe@analysts.example"))
    assert d.status == "skipped" and "maybe delivered" in d.detail and inbox.messages == []


def test_a_server_that_is_down_is_a_failure_per_recipient_not_a_crash(demo_db, week):
    (d,) = send_digest(Store(demo_db.storage.db), week, _settings(demo_db, _free_port(), "down@analysts.example"),
                       sleep=lambda s: None)
    assert d.status == "failed" and "after 3 attempts" in d.detail


def test_a_login_without_its_password_variable_is_a_clear_error(demo_db, week, monkeypatch):
    monkeypatch.delenv("CLAIMTRACK_SMTP_PASSWORD", raising=False)
    settings = replace(_settings(demo_db, 25, "x@analysts.example"), smtp_username="digest")
    with pytest.raises(DigestError, match="CLAIMTRACK_SMTP_PASSWORD"):
        send_digest(Store(demo_db.storage.db), week, settings)


def test_dry_run_writes_a_message_that_parses(demo_db, week, tmp_path):
    eml, html, text = write_dry_run(week, _settings(demo_db, 25, "dry@analysts.example"), tmp_path)
    msg = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert msg["To"] == "dry@analysts.example" and msg.get_body(("html",)).get_content().rstrip() == week.html.rstrip()
    assert text.read_text("utf-8") == week.text and html.name == "2025-W44.html"
