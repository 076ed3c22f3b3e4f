"""Sending the digest to a real SMTP server (aiosmtpd on 127.0.0.1): it arrives whole and
parses, a week goes to a recipient once, a 421 is retried, a 550 fails only its recipient."""
import logging
import shutil
import socket
import ssl
from dataclasses import replace
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from conftest import write_config

from claimtrack.db.deliveries import week_ledger
from claimtrack.db.store import Store
from claimtrack.flows.outputs.digest import render_digest
from claimtrack.errors import ConfigError, DigestError
from claimtrack.flows.outputs.mail import send_digest, write_dry_run


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

    def start(inbox: Inbox, **server) -> int:
        port = _free_port()
        controller = Controller(inbox, hostname="127.0.0.1", port=port, **server)
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
    assert msg["Message-ID"] and msg["Date"] and msg["From"].addresses[0].addr_spec == "digest@claimtrack.example"
    assert msg.get_body(("plain",)).get_content().startswith("claimtrack weekly digest: ISO week 2025-W44")
    html = msg.get_body(("html",))
    assert "32.5% → 27%" in html.get_content()
    assert len(week.charts) == 2                                # the stake's change and Goldman's forecast's
    images = [p for p in msg.walk() if p.get_content_type() == "image/png"]   # each travels inline, by content id
    assert [(p["Content-ID"], p.get_content()) for p in images] == [(f"<{cid}>", png) for cid, png in week.charts]
    assert all(f'src="cid:{cid}"' in html.get_content() for cid, _ in week.charts)
    assert week_ledger(store, "2025-W44").entries("email")["once@analysts.example"]["status"] == "sent"

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
    assert [(d.target, d.status) for d in out] == [("bounce@analysts.example", "failed"), ("ok@analysts.example", "sent")]
    assert "550" in out[0].detail
    assert week_ledger(store, "2025-W44").entries("email")["bounce@analysts.example"]["status"] == "failed"
    assert [to for to, _ in inbox.messages] == [["ok@analysts.example"]]


def test_a_send_left_unfinished_by_a_dead_run_is_not_repeated(demo_db, smtp, week):
    inbox = Inbox()
    store = Store(demo_db.storage.db)
    week_ledger(store, "2025-W44").record("email", "maybe@analysts.example", "sending", "<x@claimtrack.example>")
    (d,) = send_digest(store, week, _settings(demo_db, smtp(inbox), "maybe@analysts.example"))
    assert d.status == "skipped" and "maybe delivered" in d.detail and inbox.messages == []


def test_a_server_that_is_down_is_a_failure_per_recipient_not_a_crash(demo_db, week):
    (d,) = send_digest(Store(demo_db.storage.db), week, _settings(demo_db, _free_port(), "down@analysts.example"),
                       sleep=lambda s: None)
    assert d.status == "failed" and "after 3 attempts" in d.detail


def test_a_login_without_its_password_variable_is_a_clear_error(demo_db, week, monkeypatch):
    monkeypatch.delenv("CLAIMTRACK_SMTP_PASSWORD", raising=False)
    settings = replace(_settings(demo_db, 25, "x@analysts.example"), smtp_username="digest", smtp_security="starttls")
    with pytest.raises(DigestError, match="CLAIMTRACK_SMTP_PASSWORD"):
        send_digest(Store(demo_db.storage.db), week, settings)


def test_dry_run_writes_a_message_that_parses(demo_db, week, tmp_path):
    eml, html, text = write_dry_run(week, _settings(demo_db, 25, "dry@analysts.example"), tmp_path)
    msg = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert msg["To"] == "dry@analysts.example" and msg.get_body(("html",)).get_content().rstrip() == week.html.rstrip()
    assert text.read_text("utf-8") == week.text and html.name == "2025-W44.html"


# --- TLS and login: a private CA (trustme) signs the local server's certificate for 127.0.0.1 ---

USER, PASSWORD = "digest-bot", "pw-Horse-Battery-Staple-91"


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    """(the CA's PEM file, the server's SSL context)."""
    import trustme
    ca = trustme.CA()
    ca_file = tmp_path_factory.mktemp("tls") / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server)
    return ca_file, server


def _login(server, session, envelope, mechanism, auth_data) -> AuthResult:
    """Accept USER with PASSWORD only."""
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode()
          and auth_data.password == PASSWORD.encode())
    return AuthResult(success=ok, handled=False)


def test_starttls_login_through_the_flow_retries_a_421_and_the_password_is_nowhere(
        prefect_harness, demo_db, smtp, tls, tmp_path, monkeypatch, caplog, capfd):
    """The weekly-digest flow against a server that demands STARTTLS and a login: a 421 is
    retried by Prefect (attempt 2 delivers), a 550 fails its recipient only, and the password
    shows up in no log line, artifact, flow parameter, delivery_log row or database byte."""
    from prefect.artifacts import Artifact
    from prefect.client.orchestration import get_client
    from prefect.logging.handlers import APILogWorker
    from claimtrack.flows.orchestration.prefect_flows import digest_flow
    ca_file, server_tls = tls
    inbox = Inbox(replies=["421 4.3.2 busy, come back soon"])
    port = smtp(inbox, tls_context=server_tls, require_starttls=True, auth_required=True, authenticator=_login)
    db = tmp_path / "copy.duckdb"
    shutil.copy(demo_db.storage.db, db)
    config = write_config(tmp_path, [], digest={
        "recipients": ["tls@analysts.example", "bounce@analysts.example"], "sender": "digest@claimtrack.example",
        "smtp_host": "127.0.0.1", "smtp_port": port, "smtp_security": "starttls", "smtp_username": USER,
        "smtp_ca_file": str(ca_file)})
    monkeypatch.setenv("CLAIMTRACK_SMTP_PASSWORD", PASSWORD)
    caplog.set_level(logging.DEBUG)

    lines = [d.line() for d in digest_flow(str(config), str(db), "2025-W44", send=True)]
    assert lines[0] == "tls@analysts.example: sent attempt 2"
    assert lines[1].startswith("bounce@analysts.example: failed") and "550" in lines[1]
    ((to, msg),) = inbox.messages
    assert to == ["tls@analysts.example"] and "2025-W44" in msg["Subject"]
    log = week_ledger(Store(db), "2025-W44").entries("email")
    assert (log["tls@analysts.example"]["status"], log["tls@analysts.example"]["attempts"]) == ("sent", 2)

    APILogWorker.drain_all()
    with get_client(sync_client=True) as client:
        api_logs = "\n".join(entry.message for entry in client.read_logs())
        parameters = repr([run.parameters for run in client.read_flow_runs()])
    out, err = capfd.readouterr()
    assert "sent attempt 2" in api_logs                     # the logs were read, and name the outcome
    seen = {"API logs": api_logs, "flow parameters": parameters, "captured log": caplog.text,
            "stdout and stderr": out + err, "artifact": Artifact.get("claimtrack-digest").data,
            "delivery_log": repr(log), "database file": db.read_bytes().decode("latin-1"),
            "message": msg.as_string()}
    assert [where for where, text in seen.items() if PASSWORD in text] == []


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_implicit_ssl_delivers_with_the_private_ca(demo_db, smtp, tls, week, monkeypatch):
    ca_file, server_tls = tls
    inbox = Inbox()
    # aiosmtpd only counts STARTTLS as TLS for AUTH; here the whole connection is TLS from the start
    port = smtp(inbox, ssl_context=server_tls, auth_required=True, auth_require_tls=False, authenticator=_login)
    monkeypatch.setenv("CLAIMTRACK_SMTP_PASSWORD", PASSWORD)
    settings = replace(_settings(demo_db, port, "ssl@analysts.example"), smtp_security="ssl",
                       smtp_username=USER, smtp_ca_file=ca_file)
    assert [(d.status, d.detail) for d in send_digest(Store(demo_db.storage.db), week, settings)] == [("sent", "attempt 1")]
    assert [to for to, _ in inbox.messages] == [["ssl@analysts.example"]]


def test_a_certificate_we_do_not_trust_is_a_failure_not_a_retry(demo_db, smtp, tls, week, monkeypatch):
    _, server_tls = tls
    inbox = Inbox()
    port = smtp(inbox, tls_context=server_tls, require_starttls=True)
    waits = []
    settings = replace(_settings(demo_db, port, "untrusted@analysts.example"), smtp_security="starttls")
    (d,) = send_digest(Store(demo_db.storage.db), week, settings, sleep=waits.append)
    assert d.status == "failed" and "CERTIFICATE_VERIFY_FAILED" in d.detail and f"127.0.0.1:{port}" in d.detail
    assert waits == [] and inbox.messages == []


def test_a_wrong_password_fails_without_naming_it(demo_db, smtp, tls, week, monkeypatch):
    ca_file, server_tls = tls
    port = smtp(Inbox(), tls_context=server_tls, require_starttls=True, auth_required=True, authenticator=_login)
    monkeypatch.setenv("CLAIMTRACK_SMTP_PASSWORD", "not-the-" + PASSWORD)
    settings = replace(_settings(demo_db, port, "wrongpw@analysts.example"), smtp_security="starttls",
                       smtp_username=USER, smtp_ca_file=ca_file)
    store = Store(demo_db.storage.db)
    (d,) = send_digest(store, week, settings, sleep=lambda s: None)
    assert d.status == "failed" and "535" in d.detail and PASSWORD not in d.detail
    assert PASSWORD not in repr(week_ledger(store, "2025-W44").entries("email"))


def test_a_login_over_a_plain_connection_is_refused_by_the_config(demo_db):
    with pytest.raises(ConfigError, match="in clear"):
        replace(_settings(demo_db, 25, "x@analysts.example"), smtp_username=USER)


def test_a_feed_title_with_a_script_arrives_escaped(hostile_outlet_db, smtp):
    inbox = Inbox()
    store = Store(hostile_outlet_db.storage.db)
    digest = render_digest(store, "2025-W44")
    (d,) = send_digest(store, digest, _settings(hostile_outlet_db, smtp(inbox), "escape@analysts.example"))
    assert d.status == "sent"
    ((_, msg),) = inbox.messages
    html = msg.get_body(("html",)).get_content()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Daily" in html
    assert "<script" not in html and "<img src=x" not in html


def test_the_digest_comes_from_a_name_and_carries_the_list_headers(demo_db, smtp, week):
    """A mail client offers "unsubscribe" (the mailto: always, one click when an https endpoint
    is set, RFC 8058), files it under its list (List-Id) and sends it no auto-reply (RFC 3834)."""
    inbox = Inbox()
    port = smtp(inbox)
    one_click = replace(_settings(demo_db, port, "a+b@analysts.example"), sender_name="Claim Desk",
                        unsubscribe_url="https://claims.example.org/unsubscribe?who={recipient}")
    plain = replace(_settings(demo_db, port, "c@analysts.example"), sender_name="")
    store = Store(demo_db.storage.db)
    assert [d.status for d in send_digest(store, week, one_click)] == ["sent"]
    assert [d.status for d in send_digest(store, week, plain)] == ["sent"]
    (_, first), (_, second) = inbox.messages
    assert first["From"].addresses[0].display_name == "Claim Desk"
    assert first["From"].addresses[0].addr_spec == "digest@claimtrack.example"
    assert first["List-Id"] == "claimtrack digest <claimtrack-digest.claimtrack.example>"
    assert first["Auto-Submitted"] == "auto-generated"
    unfolded = " ".join(first["List-Unsubscribe"].split())          # a long header is folded after its comma
    assert unfolded == ("<https://claims.example.org/unsubscribe?who=a%2Bb%40analysts.example>, "
                                         "<mailto:digest@claimtrack.example?subject=unsubscribe%20claimtrack-digest"
                                         ".claimtrack.example>")
    assert first["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # no https endpoint: the mailto: alone, and no promise of one click; no display name: the address alone
    assert second["List-Unsubscribe"].strip().startswith("<mailto:digest@claimtrack.example?")
    assert "," not in second["List-Unsubscribe"]
    assert second["List-Unsubscribe-Post"] is None and second["Auto-Submitted"] == "auto-generated"
    assert str(second["From"]) == "digest@claimtrack.example"


@pytest.mark.parametrize("key, value, problem", [
    ("unsubscribe_url", "http://claims.example.org/u", "must be an https:// address"),
    ("unsubscribe_url", "mailto:x@example.org", "must be an https:// address"),
    ("list_id", "digest <x>", "must be dotted words"),
    ("sender_name", "Claim\nDesk", "control characters"),
])
def test_a_bad_list_header_setting_names_its_key(tmp_path, key, value, problem):
    from claimtrack.flows.settings import load_settings
    with pytest.raises(ConfigError, match=rf"\[digest\]: {key} .*{problem}"):
        load_settings(write_config(tmp_path, [], digest={key: value}))
