"""Channels (issue 18): a toy channel that writes to a list shows what a new kind implements and
what the dispatcher guarantees every channel: each target once per week, a failing target
recorded while the others get theirs, a transient refusal tried again, --resend. Also the
delivery log's migration, and the [[channels]] / [[alerts]] settings refusing what is wrong."""
from dataclasses import dataclass, field
from datetime import datetime, timezone

import pytest

from conftest import write_config
from claimtrack.db.deliveries import week_ledger
from claimtrack.db.store import Store
from claimtrack.flows.outputs.channels import Rendering, deliver, new_message_id
from claimtrack.errors import ConfigError, DeliveryError, DigestError, TransientDeliveryError
from claimtrack.flows.settings import load_settings


@dataclass
class ListChannel:
    """A toy channel: 'delivering' appends (target, subject, body) to a list; targets named in
    `refuse` fail for good, those in `busy` are refused once as transient."""
    name: str = "toy"
    rendering: str = "markdown"
    targets: tuple[str, ...] = ("a", "b")
    sent: list = field(default_factory=list)
    refuse: set = field(default_factory=set)
    busy: set = field(default_factory=set)

    def message_id(self, rendering: Rendering) -> str:
        return new_message_id(rendering.key)

    def send(self, rendering: Rendering, target: str, message_id: str) -> str:
        if target in self.refuse:
            raise DeliveryError(f"{target}: no such room")
        if target in self.busy:
            self.busy.discard(target)
            raise TransientDeliveryError(f"{target}: busy")
        if target == "bug":
            raise KeyError("a bug in the channel")
        self.sent.append((target, rendering.subject, rendering.body))
        return f"{len(rendering.body)} characters"


def _render(fmt: str) -> Rendering:
    return Rendering("2025-W44", fmt, "claimtrack 2025-W44", f"the week in {fmt}")


def test_a_toy_channel_gets_each_target_once_and_its_rendering(tmp_path):
    store, toy = Store(tmp_path / "t.duckdb"), ListChannel()
    out = deliver(week_ledger(store, "2025-W44"), [toy], _render)
    assert [(d.channel, d.target, d.status) for d in out] == [("toy", "a", "sent"), ("toy", "b", "sent")]
    assert out[0].detail == "attempt 1, 20 characters" and out[0].line() == "a (toy): sent attempt 1, 20 characters"
    assert toy.sent == [(t, "claimtrack 2025-W44", "the week in markdown") for t in ("a", "b")]
    log = week_ledger(store, "2025-W44").entries("toy")
    assert {t: r["status"] for t, r in log.items()} == {"a": "sent", "b": "sent"}

    again = deliver(week_ledger(store, "2025-W44"), [toy], _render)
    assert [d.status for d in again] == ["skipped", "skipped"] and "already sent" in again[0].detail
    assert len(toy.sent) == 2                                                    # never twice
    assert [d.status for d in deliver(week_ledger(store, "2025-W45"), [toy], _render)] == ["sent", "sent"]
    assert [d.status for d in deliver(week_ledger(store, "2025-W44"), [toy], _render, resend=True)] == ["sent"] * 2


def test_a_failing_target_is_recorded_and_the_others_still_get_theirs(tmp_path):
    store = Store(tmp_path / "t.duckdb")
    toy = ListChannel(targets=("gone", "bug", "busy", "ok"), refuse={"gone"}, busy={"busy"})
    waits = []
    out = deliver(week_ledger(store, "2025-W44"), [toy], _render, sleep=waits.append)
    assert [(d.target, d.status) for d in out] == [("gone", "failed"), ("bug", "failed"), ("busy", "sent"),
                                                   ("ok", "sent")]
    assert out[0].detail == "gone: no such room" and out[1].detail.startswith("unexpected KeyError")
    assert out[2].detail.startswith("attempt 2") and waits == [2.0]
    log = week_ledger(store, "2025-W44").entries("toy")
    assert (log["gone"]["status"], log["gone"]["error"]) == ("failed", "gone: no such room")
    assert log["busy"]["attempts"] == 2 and log["busy"]["message_id"].startswith("<")
    toy.refuse.clear()                                # a failed target is tried again on the next run
    retry = deliver(week_ledger(store, "2025-W44"), [toy], _render)
    assert [(d.target, d.status) for d in retry] == [("gone", "sent"), ("bug", "failed"), ("busy", "skipped"),
                                                     ("ok", "skipped")]


def test_each_channel_gets_the_rendering_it_takes_rendered_once(tmp_path):
    rendered = []

    def render(fmt: str) -> Rendering:
        rendered.append(fmt)
        return _render(fmt)
    chat, board, other_chat = ListChannel("chat"), ListChannel("board", "html", ("x",)), ListChannel("chat2")
    deliver(week_ledger(Store(tmp_path / "t.duckdb"), "2025-W44"), [chat, board, other_chat], render)
    assert rendered == ["markdown", "html"]
    assert board.sent == [("x", "claimtrack 2025-W44", "the week in html")]


def test_digest_log_rows_become_the_email_channels_in_the_delivery_log(tmp_path):
    """Migration 009 keeps every row of digest_log (week, recipient) as (week, 'email', recipient)."""
    from test_store import _database_at
    path = tmp_path / "old.duckdb"
    con = _database_at(path, 8)
    when = datetime(2025, 11, 3, 7, 0, tzinfo=timezone.utc)
    con.execute("INSERT INTO digest_log VALUES ('2025-W44', 'reader@analysts.example', 'sent', '<m1@x>', 1, NULL, ?)",
                [when])
    con.close()
    store = Store(path)
    (row,) = week_ledger(store, "2025-W44").entries("email").values()
    assert (row["target"], row["status"], row["message_id"], row["attempts"], row["updated_at"]) == \
        ("reader@analysts.example", "sent", "<m1@x>", 1, when)
    with store.read() as con:
        assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'digest_log'").fetchone() == (0,)


# --- [[channels]] and [[alerts]] in the settings file ---------------------------------------

def _load(tmp_path, text: str, **sections):
    path = write_config(tmp_path, [], **sections)
    path.write_text(text + "\n" + path.read_text("utf-8"), encoding="utf-8")
    return load_settings(path)


CHAT = '[[channels]]\nname = "chat"\nkind = "apprise"\nurls = ["json://127.0.0.1:8080/hook"]\n'


def test_channels_and_alerts_are_read_from_the_settings_file(tmp_path, monkeypatch):
    settings = _load(tmp_path, CHAT + '[[channels]]\nname = "feed"\nkind = "atom"\npath = "out/changes.atom"\n'
                     '[[alerts]]\nname = "big moves"\nchannel = "chat"\nmetrics = ["valuation"]\nmin_change_pct = 20\n')
    chat, feed = settings.channels
    assert (chat.kind, chat.urls, chat.rendering, chat.digest) == ("apprise", ("json://127.0.0.1:8080/hook",),
                                                                   "markdown", True)
    assert (feed.kind, str(feed.path)) == ("atom", "out/changes.atom")
    (alert,) = settings.alerts
    assert (alert.channel, alert.metrics, alert.min_change_pct) == ("chat", ("valuation",), 20)


@pytest.mark.parametrize("text, message", [
    (CHAT.replace('kind = "apprise"\n', 'kind = "apprise"\nurl = "x"\n'),
     r"\[\[channels\]\] #1 \('chat'\): unknown setting 'url'"),
    (CHAT.replace("json://127.0.0.1:8080/hook", "jsn://127.0.0.1/hook"),
     r"\[\[channels\]\] #1 \('chat'\): urls #1 \('jsn'…\) is not a URL Apprise can send to"),
    (CHAT.replace("json://127.0.0.1:8080/hook", "slack://only-one-token"), r"urls #1 \('slack'…\) is not a URL Apprise"),
    (CHAT.replace("8080", "99999"), r"urls #1 \('json'…\) is not a URL \(Port"),
    (CHAT.replace('kind = "apprise"', 'kind = "pigeon"'), r"#1 \('chat'\): kind must be one of apprise, atom, not "
                                                         r"the string 'pigeon'"),
    (CHAT.replace('urls = ["json://127.0.0.1:8080/hook"]', ""), r"needs urls \(Apprise URLs\) or url_env"),
    (CHAT + 'rendering = "email"\n', r"#1 \('chat'\): rendering must be one of markdown, text, html"),
    (CHAT + 'url_env = "MY URL"\n', r"url_env must name an environment variable"),
    (CHAT + CHAT, r"\[\[channels\]\] #2 \('chat'\): name 'chat' is taken"),
    (CHAT.replace('name = "chat"', 'name = "email"'), r"name 'email' is taken \(the channel of \[digest\] recipients\)"),
    ('[[channels]]\nname = "feed"\nkind = "atom"\n', r"#1 \('feed'\): needs a path"),
    ('[[channels]]\nname = "feed"\nkind = "atom"\npath = "f.atom"\nurls = []\n', r"unknown setting 'urls' \(known: "
                                                                                   r"kind, name, path\)"),
    (CHAT + '[[alerts]]\nname = "a"\nchannel = "chta"\nkeys = ["OpenAI|valuation|"]\n',
     r"\[\[alerts\]\] #1 \('a'\): channel 'chta' is not a channel \(known: chat\)"),
    ('[[alerts]]\nname = "a"\nchannel = "email"\nsubjects = ["OpenAI"]\n', r"channel 'email' has no recipients"),
    (CHAT + '[[alerts]]\nname = "a"\nchannel = "chat"\n', r"#1 \('a'\): watches nothing: set keys, subjects or metrics"),
    (CHAT + '[[alerts]]\nname = "a"\nchannel = "chat"\nkeys = ["OpenAI valuation"]\n', r"is not a claim key like"),
    (CHAT + '[[alerts]]\nname = "a"\nchannel = "chat"\nmetrics = ["valuation"]\nmin_change_pct = "10"\n',
     r"#1 \('a'\): min_change_pct must be a number, not the string '10'"),
    (CHAT + '[[alerts]]\nname = "a"\nchannel = "chat"\nmetrics = ["valuation"]\nmin_change = 10\n',
     r"unknown setting 'min_change'"),
    ('[[channels]]\nname = "feed"\nkind = "atom"\npath = "f.atom"\n[[alerts]]\nname = "a"\nchannel = "feed"\n'
     'metrics = ["valuation"]\n', r"channel 'feed' is an Atom file of changes; alerts need a channel that sends"),
    ("channels = 3\n", r"claimtrack.toml: channels must be an array of \[\[channels\]\] tables, not the integer 3"),
])
def test_a_wrong_channel_or_alert_is_one_line_naming_the_file_table_and_key(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message) as caught:
        _load(tmp_path, text)
    assert str(caught.value).startswith(str(tmp_path / "claimtrack.toml")) and "\n" not in str(caught.value)


def test_an_apprise_url_with_a_token_is_not_repeated_in_the_error(tmp_path):
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, CHAT.replace("json://127.0.0.1:8080/hook", "discrd://webhook-id/s3cr3t-T0KEN"))
    assert "s3cr3t" not in str(caught.value) and "'discrd'" in str(caught.value)


def test_the_weekly_digest_goes_out_when_some_channel_takes_it(tmp_path):
    from claimtrack.flows.outputs.dispatch import send_week, sends_digest
    assert sends_digest(_load(tmp_path, CHAT))
    alerts_only = _load(tmp_path, CHAT + "digest = false\n")
    assert not sends_digest(alerts_only)
    with pytest.raises(DigestError, match="nowhere to send the digest: set \\[digest\\] recipients or add a"):
        send_week(Store(tmp_path / "t.duckdb"), alerts_only, "2025-W44")
    assert sends_digest(_load(tmp_path, "", digest={"recipients": ["a@analysts.example"]}))
