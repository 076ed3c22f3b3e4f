"""Channels (issue 18): a toy channel that writes to a list shows what a new kind implements and
what the dispatcher guarantees every channel: each target once per week, a failing target
recorded while the others get theirs, a transient refusal tried again, --resend. Also the
delivery log's migration."""
from dataclasses import dataclass, field
from datetime import datetime, timezone

import duckdb
import pytest

from db.deliveries import week_ledger
from db.store import Store
from flows.channels import Rendering, deliver, new_message_id
from flows.errors import DeliveryError, TransientDeliveryError


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
    """Migration 008 keeps every row of digest_log (week, recipient) as (week, 'email', recipient)."""
    from db import sql as sqlfiles
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
    for m in sqlfiles.migrations()[:7]:
        con.execute(m.sql)
        con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [m.version, m.name])
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
