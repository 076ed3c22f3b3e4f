"""Alerts (issue 18): an [[alerts]] rule sends a short message through its channel as soon as a
run finds a change it watches, once per change and target: the next run, or a re-extraction
that finds the change again, sends nothing; a failed alert is tried again. Through a toy
channel, the real SMTP server of test_mail.py, and the flows with an Apprise endpoint on
127.0.0.1."""
import shutil
from dataclasses import replace
from datetime import datetime, timezone

import feedparser
import pytest

from conftest import write_config
from claimtrack.db.store import Store
from claimtrack.flows.outputs.alerts import alert_rendering, send_alerts, watches
from claimtrack.flows.channel_config import AlertConfig
from claimtrack.flows.outputs.mail import EmailChannel
from test_channels import ListChannel
from test_mail import Inbox, smtp  # noqa: F401  (the SMTP server fixture)

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)         # every change counts as found by this run
STAKE = {"claim_key": "Microsoft|stake_pct|OpenAI", "subject": "Microsoft", "metric": "stake_pct",
         "object": "OpenAI", "previous_value": 32.5, "new_value": 27.0, "unit": "percent", "change_pct": -16.92,
         "first_outlet": "The Ledger", "first_url": "https://ledger.example/a?x=(1)",
         "changed_at": datetime(2025, 10, 28, 13, 5, tzinfo=timezone.utc), "as_of_basis": "published"}


def _rule(**kw) -> AlertConfig:
    return AlertConfig(**{"name": "moves", "channel": "toy", **kw})


@pytest.mark.parametrize("rule, watched", [
    (_rule(keys=("Microsoft|stake_pct|OpenAI",)), True),
    (_rule(keys=("microsoft|STAKE_PCT|openai",)), True),                 # names as users type them
    (_rule(keys=("OpenAI|valuation|",)), False),
    (_rule(subjects=("Microsoft",), min_change_pct=15), True),
    (_rule(subjects=("Microsoft",), min_change_pct=20), False),          # |-16.9%| is less
    (_rule(metrics=("stake_pct", "valuation"), subjects=("OpenAI",)), False),   # every list named must agree
    (_rule(metrics=("stake_pct",)), True),
])
def test_a_rule_watches_its_keys_subjects_and_metrics_above_its_minimum(rule, watched):
    assert watches(rule, STAKE) is watched


def test_the_message_says_what_changed_who_first_and_links_the_article():
    rule = _rule(keys=("Microsoft|stake_pct|OpenAI",), min_change_pct=10)
    text = alert_rendering(rule, STAKE, "text")
    assert text.subject == "claimtrack alert: Microsoft · stake_pct · OpenAI: 32.5% → 27% (-16.9%)"
    assert text.body.splitlines()[:3] == ["Microsoft · stake_pct · OpenAI: 32.5% → 27% (-16.9%)",
                                          "first reported by The Ledger on 2025-10-28",
                                          "https://ledger.example/a?x=(1)"]
    md = alert_rendering(rule, STAKE, "markdown").body
    assert md.startswith("**Microsoft · stake\\_pct · OpenAI: 32.5% → 27% (-16.9%)**")
    assert "[The Ledger](https://ledger.example/a?x=%281%29)" in md
    html = alert_rendering(rule, {**STAKE, "first_outlet": "<b>Ledger</b>"}, "email").html
    assert '<a href="https://ledger.example/a?x=(1)">&lt;b&gt;Ledger&lt;/b&gt;</a>' in html


@pytest.fixture
def demo_store(demo_db, tmp_path) -> Store:
    db = tmp_path / "copy.duckdb"
    shutil.copy(demo_db.storage.db, db)
    return Store(db)


def test_an_alert_goes_once_per_change_and_a_failed_one_is_tried_again(demo_store):
    toy = ListChannel(targets=("room", "flaky"), refuse={"flaky"})
    rules = [_rule(name="big valuation moves", metrics=("valuation",), min_change_pct=70),
             _rule(name="stake", keys=("Microsoft|stake_pct|OpenAI",))]
    out = send_alerts(demo_store, rules, {"toy": toy}, EPOCH)
    assert [(d.target, d.status) for d in out] == [("room", "sent"), ("flaky", "failed")] * 2
    assert [subject for _, subject, _ in toy.sent] == [
        "claimtrack alert: OpenAI · valuation: $157B → $300B (+91.1%)",        # +66.7% is below 70
        "claimtrack alert: Microsoft · stake_pct · OpenAI: 32.5% → 27% (-16.9%)"]

    again = send_alerts(demo_store, rules, {"toy": toy}, EPOCH)               # the changes found again
    assert [(d.target, d.status) for d in again] == [("room", "skipped"), ("flaky", "failed")] * 2
    assert len(toy.sent) == 2                                                # never repeated

    toy.refuse.clear()                       # a later run finds nothing new, but tries the failed ones again
    retry = send_alerts(demo_store, rules, {"toy": toy}, datetime.now(timezone.utc))
    assert [(d.target, d.status) for d in retry] == [("room", "skipped"), ("flaky", "sent")] * 2
    assert send_alerts(demo_store, rules, {"toy": toy}, datetime.now(timezone.utc)) == []


def test_an_alert_by_email_arrives_as_a_short_message(demo_db, demo_store, smtp):  # noqa: F811
    inbox = Inbox()
    settings = replace(demo_db.digest, smtp_host="127.0.0.1", smtp_port=smtp(inbox), smtp_security="none",
                       recipients=("alerts@analysts.example",), sender="alerts@claimtrack.example")
    rule = AlertConfig("stake", "email", subjects=("Microsoft",), min_change_pct=10)
    (d,) = send_alerts(demo_store, [rule], {"email": EmailChannel(settings)}, EPOCH)
    assert (d.channel, d.target, d.status) == ("email", "alerts@analysts.example", "sent")
    ((to, msg),) = inbox.messages
    assert msg["Subject"] == "claimtrack alert: Microsoft · stake_pct · OpenAI: 32.5% → 27% (-16.9%)"
    assert "first reported by The Ledger on 2025-10-28" in msg.get_body(("plain",)).get_content()
    assert "<strong>Microsoft · stake_pct · OpenAI" in msg.get_body(("html",)).get_content()


CHANNELS = """[[channels]]
name = "chat"
kind = "apprise"
urls = ["json://127.0.0.1:{port}/hook"]

[[channels]]
name = "changes"
kind = "atom"
path = "{feed}"

[[alerts]]
name = "valuation"
channel = "chat"
metrics = ["valuation"]
min_change_pct = 50
"""


def test_the_flows_send_alerts_write_the_feed_and_send_the_digest_through_apprise(
        prefect_harness, demo_db, httpserver, tmp_path):
    """extract (re-extracting every article, so every change is found again) alerts on the two
    big valuation moves and writes the Atom channel; a second re-extraction sends nothing; the
    weekly digest goes to the same Apprise endpoint once."""
    from claimtrack.flows.orchestration.prefect_flows import digest_flow, extract_flow
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    db, feed = tmp_path / "copy.duckdb", tmp_path / "out" / "changes.atom"
    shutil.copy(demo_db.storage.db, db)
    config = write_config(tmp_path, [])
    config.write_text(CHANNELS.format(port=httpserver.port, feed=feed) + config.read_text("utf-8"), encoding="utf-8")

    out = extract_flow(str(config), str(db), reextract=True)
    assert out["articles"] == 13
    target = f"json://127.0.0.1:{httpserver.port}/hook"
    assert sorted(out["outputs"]) == [f"{feed} (changes): sent 4 changes"] + \
        [f"{target} (chat): sent attempt 1"] * 2
    titles = sorted(req.get_json()["title"] for req, _ in httpserver.log)
    assert titles == ["claimtrack alert: OpenAI · valuation: $157B → $300B (+91.1%)",
                      "claimtrack alert: OpenAI · valuation: $300B → $500B (+66.7%)"]
    assert len(feedparser.parse(feed.read_bytes()).entries) == 4

    again = extract_flow(str(config), str(db), reextract=True)
    assert sorted(again["outputs"])[0].endswith("4 changes") and len(httpserver.log) == 2     # not repeated

    lines = [d.line() for d in digest_flow(str(config), str(db), "2025-W44", send=True)]
    assert lines == [f"{target} (chat): sent attempt 1"]
    assert httpserver.log[-1][0].get_json()["title"] == "claimtrack 2025-W44: 2 changed, 6 new, 5 risk notes"


def test_claimtrack_extract_prints_what_the_channels_did(prefect_harness, demo_db, httpserver, tmp_path):
    """`claimtrack extract`, like `claimtrack run`, says which alerts went out and which feeds
    were written: a run's outputs are not only in the flow's return value."""
    from typer.testing import CliRunner
    from claimtrack.flows.terminal.cli import app
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    db, feed = tmp_path / "copy.duckdb", tmp_path / "out" / "changes.atom"
    shutil.copy(demo_db.storage.db, db)
    config = write_config(tmp_path, [])
    config.write_text(CHANNELS.format(port=httpserver.port, feed=feed) + config.read_text("utf-8"), encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", "--reextract", "--config", str(config), "--db", str(db)],
                                env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert f"{feed} (changes): sent 4 changes" in result.output
    assert result.output.count("(chat): sent attempt 1") == 2
