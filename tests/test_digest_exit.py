"""`claimtrack digest --send` exits 1 when a recipient's send failed and 0 otherwise, decided
from the send results (not by searching the printed lines): a digest delivered to an address
whose quoted local part reads 'ops: failed' is a success. Real SMTP server on 127.0.0.1."""
import shutil

import pytest
from aiosmtpd.controller import Controller
from typer.testing import CliRunner

from conftest import write_config
from claimtrack.flows.terminal.cli import app
from test_mail import Inbox, _free_port

ODD = '"ops: failed"@analysts.example'          # a valid address that contains ': failed'


@pytest.fixture
def inbox_port():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


def _send(tmp_path, demo_db, port, *recipients):
    db = tmp_path / "copy.duckdb"
    shutil.copy(demo_db.storage.db, db)
    config = write_config(tmp_path, [], digest={"recipients": list(recipients), "sender": "digest@claimtrack.example",
                                                "smtp_host": "127.0.0.1", "smtp_port": port, "smtp_security": "none"})
    return CliRunner().invoke(app, ["digest", "--send", "--week", "2025-W44", "--config", str(config), "--db", str(db)],
                              env={"COLUMNS": "200"})


def test_a_digest_delivered_to_every_recipient_exits_0(prefect_harness, demo_db, inbox_port, tmp_path):
    inbox, port = inbox_port
    result = _send(tmp_path, demo_db, port, ODD)
    assert result.exit_code == 0, result.output
    assert f"{ODD}: sent attempt 1" in result.output
    assert [to for to, _ in inbox.messages] == [[ODD]]


def test_a_recipient_whose_send_failed_makes_it_exit_1(prefect_harness, demo_db, inbox_port, tmp_path):
    inbox, port = inbox_port
    result = _send(tmp_path, demo_db, port, "exit-ok@analysts.example", "bounce@analysts.example")
    assert result.exit_code == 1, result.output
    assert "exit-ok@analysts.example: sent attempt 1" in result.output and "bounce@analysts.example: failed" in result.output
    assert [to for to, _ in inbox.messages] == [["exit-ok@analysts.example"]]
