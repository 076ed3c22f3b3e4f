"""The command line: the extract-text contract, figures, views as tables and JSON, one-line errors."""
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from conftest import ROOT, shared_path
from claimtrack.flows.terminal.cli import app

runner = CliRunner()
CONTRACT = {"file", "subject", "object", "metric", "value", "unit", "previous_value", "qualifier", "topic",
            "stance", "attributed_to", "speaker", "sentence", "start", "end"}


def test_extract_text_contract_on_the_seed_article():
    seed = shared_path("seeds", "000_6ac0e1f229eea688.txt")
    result = runner.invoke(app, ["extract-text", str(seed), "--jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert all(CONTRACT <= row.keys() for row in rows)
    got = {(r["metric"], r["value"], r["unit"]) for r in rows}
    assert ("stake_pct", 27.0, "percent") in got and ("stake_value", 135e9, "USD") in got
    text = seed.read_text("utf-8")
    assert all(text[r["start"]:r["end"]] == r["sentence"] for r in rows)


def test_extract_text_reads_stdin():
    result = runner.invoke(app, ["extract-text", "-", "--jsonl"],
                           input="OpenAI plans to purchase an additional $250 billion in Azure services.\n")
    (row,) = [json.loads(line) for line in result.output.splitlines()]
    assert (row["file"], row["subject"], row["object"], row["value"]) == ("-", "OpenAI", "Microsoft", 250e9)


def test_figures_command():
    result = runner.invoke(app, ["figures", "-", "--jsonl"], input="Up to $40 billion at a $300bn valuation, 27% stake.")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["text"], r["value"], r["unit"], r["qualifier"]) for r in rows] == [
        ("$40 billion", 40e9, "USD", "up to"), ("$300bn", 300e9, "USD", None), ("27%", 27.0, "percent", None)]


def test_views_as_tables_and_json(demo_db):
    args = ["--config", str(demo_db.config_path)]
    result = runner.invoke(app, ["claims", "--metric", "stake_pct", "--json", *args])
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert {r["value"] for r in rows} == {32.5, 27.0} and all(r["article_url"] for r in rows)
    table = runner.invoke(app, ["changes", *args], env={"COLUMNS": "200"})
    assert "32.5%" in table.output and "27%" in table.output and "The Ledger" in table.output
    feeds = runner.invoke(app, ["feeds", *args], env={"COLUMNS": "200"})
    assert "Signal Daily" in feeds.output and feeds.exit_code == 0


def test_domain_errors_are_one_line_and_exit_1(tmp_path):
    missing = tmp_path / "nope.toml"
    proc = subprocess.run([sys.executable, "-c", "from claimtrack.flows.terminal.cli import main; main()", "claims", "--config", str(missing)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"claimtrack: error: {missing}: config file not found"
    assert "Traceback" not in proc.stderr


def test_ingest_one_feed_then_extract_through_prefect(prefect_harness, httpserver, tmp_path):
    from conftest import DEMO, write_config
    httpserver.expect_request("/atom.xml").respond_with_data((DEMO / "northwind" / "atom.xml").read_bytes(),
                                                             content_type="application/atom+xml")
    config = write_config(tmp_path, [])                  # no feeds configured: --feed names the one to try
    result = runner.invoke(app, ["ingest", "--feed", httpserver.url_for("/atom.xml"), "--config", str(config)],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "feeds: 1 polled, 1 ok, 0 failed" in result.output and "articles: 4 (+4)" in result.output
    result = runner.invoke(app, ["extract", "--config", str(config)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "extracted 4 articles" in result.output


def test_ingest_feed_paths_are_relative_to_the_current_folder(prefect_harness, tmp_path, monkeypatch):
    from conftest import DEMO, write_config
    from claimtrack.db.store import Store
    (tmp_path / "cfg").mkdir()
    config = write_config(tmp_path / "cfg", [])
    monkeypatch.chdir(DEMO)                    # not the config's folder: the path is read from here
    result = runner.invoke(app, ["ingest", "--feed", "northwind/atom.xml", "--config", str(config)],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "feeds: 1 polled, 1 ok, 0 failed" in result.output and "articles: 4 (+4)" in result.output
    urls = [r["url"] for r in Store(tmp_path / "cfg" / "claimtrack.duckdb").query("feed_health_all")]
    assert urls == [(DEMO / "northwind" / "atom.xml").as_uri()]


@pytest.mark.parametrize("named", ["missing.xml", "file:missing.xml", "MISSING_URI", "."])
def test_a_feed_path_that_is_no_file_is_refused_before_anything_is_stored(tmp_path, monkeypatch, named):
    from conftest import write_config
    from claimtrack.errors import ConfigError
    config = write_config(tmp_path, [])
    monkeypatch.chdir(tmp_path)
    named = (tmp_path / "missing.xml").as_uri() if named == "MISSING_URI" else named
    result = runner.invoke(app, ["ingest", "--feed", named, "--config", str(config)])
    assert isinstance(result.exception, ConfigError)
    what, path = ("not a file", tmp_path.resolve()) if named == "." else ("no such file", tmp_path.resolve() / "missing.xml")
    assert str(result.exception) == f"--feed {named!r}: {what} ({path})"
    assert not (tmp_path / "claimtrack.duckdb").exists()
