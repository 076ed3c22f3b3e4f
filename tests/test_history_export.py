"""`claimtrack history` finds a claim from words and tells its story with a chart;
`claimtrack export --parquet` writes every view and the main tables, whole or not at all."""
import json
from datetime import datetime, timezone

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from claimtrack.db import sql
from claimtrack.db.export import TABLES, export_parquet
from claimtrack.db.store import Store
from claimtrack.flows.outputs.text_chart import OFF, ON, step_chart
from claimtrack.flows.terminal.cli import app
from claimtrack.errors import ClaimtrackError
from claimtrack.flows.outputs.history import find_keys, key_history

runner = CliRunner()


@pytest.fixture(scope="module")
def demo(demo_db):
    return Store(demo_db.storage.db)


@pytest.mark.parametrize("words, keys", [
    ("OpenAI valuation", ["OpenAI|valuation|"]),
    ("microsoft stake pct openai", ["Microsoft|stake_pct|OpenAI"]),
    ("Microsoft stake", ["Microsoft|stake_pct|OpenAI", "Microsoft|stake_value|OpenAI"]),
    ("Microsoft|stake_value|OpenAI", ["Microsoft|stake_value|OpenAI"]),
])
def test_words_name_claim_keys(demo, words, keys):
    assert find_keys(demo, words) == keys


def test_words_that_name_nothing_say_so_and_how_to_list_keys(demo):
    with pytest.raises(ClaimtrackError, match=r"no tracked figure matches 'Apple valuation'.*claimtrack sql"):
        find_keys(demo, "Apple valuation")


def test_the_stake_history_marks_the_change_and_the_stale_repeat(demo):
    h = key_history(demo, "Microsoft|stake_pct|OpenAI")
    notes = [(r["outlet"], r["value"], r["note"]) for r in h.reports]
    assert notes[0] == ("Signal Daily", 32.5, "first")
    assert ("The Ledger", 27.0, "change") in notes
    assert notes[-2:] == [("Signal Daily", 32.5, "stale"), ("The Ledger", 27.0, "")]
    lines = h.chart.splitlines()
    assert lines[0].startswith("32.5% ┤" + ON) and lines[0].rstrip().endswith(OFF)   # first report; the stale one late
    assert lines[6].startswith("  27% ┤") and lines[6].rstrip().endswith(ON)         # The Ledger's last word
    assert lines[-1].split() == ["2025-09-12", "2025-11-04"]


def test_the_disputed_value_is_off_the_line(demo):
    h = key_history(demo, "Microsoft|stake_value|OpenAI")
    assert [(r["outlet"], r["note"]) for r in h.reports] == [
        ("The Ledger", "first"), ("Northwind Wire", "disputed"), ("Signal Daily", "")]


def test_step_chart_draws_steps_and_dots_in_their_columns():
    t = [datetime(2025, m, 1, tzinfo=timezone.utc) for m in (1, 6, 11)]
    chart = step_chart([(t[0], 10.0), (t[1], 20.0)], [(t[0], 10.0, True), (t[1], 20.0, True), (t[2], 10.0, False)],
                       lambda v: f"{v:g}", width=11, height=3)
    assert chart.splitlines()[:3] == ["20 ┤     ●─────", "   ┤           ", "10 ┤●────     ○"]


def test_history_command_prints_table_and_chart_or_json(demo_db):
    args = ["--config", str(demo_db.config_path)]
    table = runner.invoke(app, ["history", "OpenAI valuation", *args], env={"COLUMNS": "160"})
    assert table.exit_code == 0, table.output
    assert "$157B ┤●" in table.output and "$300B ┤" in table.output and "change" in table.output
    rows = [json.loads(line) for line in runner.invoke(app, ["history", "OpenAI valuation", "--json", *args]).output.splitlines()]
    assert [r["value"] / 1e9 for r in rows if r["note"] in ("first", "change")][-2:] == [300.0, 500.0]


def test_export_writes_every_view_and_table_as_parquet(demo, tmp_path):
    out = export_parquet(demo, tmp_path / "export")
    assert {e.name for e in out} == set(sql.views()) | set(TABLES)
    assert sorted(p.name for p in (tmp_path / "export").iterdir()) == sorted(f"{e.name}.parquet" for e in out)
    conflicts = pq.read_table(tmp_path / "export" / "claim_conflicts.parquet").to_pylist()
    assert conflicts[0]["low_outlets"] == ["Northwind Wire"] and conflicts[0]["high_value"] == 135e9
    claims = pq.read_table(tmp_path / "export" / "claims.parquet")
    assert claims.num_rows == demo.counts()["claims"] and "sentence" in claims.column_names


def test_export_into_a_file_path_is_a_clear_error(demo, tmp_path):
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder")
    with pytest.raises(ClaimtrackError, match=r"taken: cannot create the export folder"):
        export_parquet(demo, blocker)
