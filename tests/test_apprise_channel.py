"""The Apprise channel against a real HTTP endpoint on 127.0.0.1 (pytest-httpserver): the
week's digest arrives as Apprise's JSON or form post in the rendering the channel takes, once
per week and target; a failing target is recorded and tried again on the next send while the
others are not repeated; a URL holding a secret is never written to the log."""
import shutil
from dataclasses import replace

import pytest

from claimtrack.db.deliveries import week_ledger
from claimtrack.db.store import Store
from claimtrack.flows.outputs.apprise_channel import AppriseChannel, target_name
from claimtrack.flows.channel_config import ChannelConfig
from claimtrack.flows.outputs.dispatch import send_week


@pytest.fixture
def demo_copy(demo_db, tmp_path):
    """The demo's settings on a copy of its database (each test keeps its own delivery log)."""
    db = tmp_path / "copy.duckdb"
    shutil.copy(demo_db.storage.db, db)
    return replace(demo_db, storage=replace(demo_db.storage, db=db))


def _with_channel(settings, **channel):
    return replace(settings, channels=(ChannelConfig(**{"name": "chat", "kind": "apprise", **channel}),))


def _posts(httpserver, path: str) -> list:
    return [req for req, _ in httpserver.log if req.path == path]


def test_the_digest_reaches_a_json_webhook_once_in_markdown(demo_copy, httpserver):
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    url = f"json://127.0.0.1:{httpserver.port}/hook"
    settings = _with_channel(demo_copy, urls=(url,))
    store = Store(settings.storage.db)
    report, out = send_week(store, settings, "2025-W44")
    assert [(d.channel, d.target, d.status) for d in out] == [("chat", url, "sent")]
    ((req,),) = [_posts(httpserver, "/hook")]
    body = req.get_json()
    assert body["title"] == "claimtrack 2025-W44: 2 changed, 6 new, 5 risk notes" and body["type"] == "info"
    assert "- Microsoft's stake in OpenAI: 32.5% → 27% (-16.9%), first reported by [The Ledger](https://ledger" \
        in body["message"]
    assert "**Risk watch (5)**" in body["message"]
    assert week_ledger(store, "2025-W44").entries("chat")[url]["status"] == "sent"

    _, again = send_week(store, settings, "2025-W44")
    assert [d.status for d in again] == ["skipped"] and len(_posts(httpserver, "/hook")) == 1     # never twice


def test_a_form_webhook_gets_the_text_rendering(demo_copy, httpserver):
    httpserver.expect_request("/form", method="POST").respond_with_data("ok")
    settings = _with_channel(demo_copy, urls=(f"form://127.0.0.1:{httpserver.port}/form",), rendering="text")
    _, (d,) = send_week(Store(settings.storage.db), settings, "2025-W44")
    assert d.status == "sent"
    (req,) = _posts(httpserver, "/form")
    assert req.form["title"].startswith("claimtrack 2025-W44")
    assert "- Microsoft's stake in OpenAI: 32.5% -> 27%, first reported by The Ledger" in req.form["message"]


def test_a_failing_target_is_recorded_tried_again_and_the_others_not_repeated(demo_copy, httpserver):
    httpserver.expect_oneshot_request("/down", method="POST").respond_with_data("busy", status=500)
    httpserver.expect_request("/down", method="POST").respond_with_data("ok")
    httpserver.expect_request("/up", method="POST").respond_with_data("ok")
    down, up = (f"json://127.0.0.1:{httpserver.port}/{p}" for p in ("down", "up"))
    settings = _with_channel(demo_copy, urls=(down, up))
    store = Store(settings.storage.db)
    _, out = send_week(store, settings, "2025-W44", sleep=lambda _: None)
    assert [(d.target, d.status) for d in out] == [(down, "failed"), (up, "sent")]
    assert "500" in out[0].detail and out[0].detail.startswith(down)
    assert week_ledger(store, "2025-W44").entries("chat")[down]["error"] == out[0].detail

    _, retry = send_week(store, settings, "2025-W44")
    assert [(d.target, d.status) for d in retry] == [(down, "sent"), (up, "skipped")]
    assert len(_posts(httpserver, "/up")) == 1 and len(_posts(httpserver, "/down")) == 2


def test_a_url_from_the_environment_is_named_by_its_variable_and_its_secret_never_logged(
        demo_copy, httpserver, monkeypatch):
    httpserver.expect_request("/secret", method="POST").respond_with_data("ok")
    secret_url = f"json://bot:pw-Staple-42@127.0.0.1:{httpserver.port}/secret"
    monkeypatch.delenv("CHAT_URL", raising=False)
    settings = _with_channel(demo_copy, urls=(secret_url,), url_env="CHAT_URL")
    store = Store(settings.storage.db)
    masked = target_name(secret_url)
    assert "pw-Staple-42" not in masked and masked.startswith("json://bot:****@127.0.0.1") and " #" in masked
    _, out = send_week(store, settings, "2025-W44")
    assert [(d.target, d.status) for d in out] == [(masked, "sent"), ("$CHAT_URL", "failed")]
    assert out[1].detail == "$CHAT_URL: the environment variable CHAT_URL holding the Apprise URL is not set"
    assert _posts(httpserver, "/secret")[0].authorization.password == "pw-Staple-42"

    monkeypatch.setenv("CHAT_URL", f"json://127.0.0.1:{httpserver.port}/secret")
    _, again = send_week(store, settings, "2025-W44")
    assert [(d.target, d.status) for d in again] == [(masked, "skipped"), ("$CHAT_URL", "sent")]
    assert "pw-Staple-42" not in repr(week_ledger(store, "2025-W44").entries("chat"))


def test_an_unreachable_service_is_a_failure_naming_it(tmp_path):
    from claimtrack.flows.outputs.channels import Rendering
    channel = AppriseChannel("chat", "text", ("json://127.0.0.1:9/nothing-listens",), timeout=5)
    with pytest.raises(Exception, match=r"json://127.0.0.1:9/nothing-listens: .*[Cc]onnection"):
        channel.send(Rendering("2025-W44", "text", "s", "b"), channel.targets[0], "<id@x>")
