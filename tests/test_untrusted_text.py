"""Issue 16: untrusted text reaches the terminal and every renderer as text, never as code.
hostile/feeds/markup_and_escapes.xml (Rich markup, mathtext, OSC 52 and OSC 8 sequences,
clear-screen and C1 controls in its outlet name and headlines) is served by a real local HTTP
server and taken through the real CLI: ingest, extract, feeds, claims, sql, history and digest
must exit 0, show the text as written, and print or write no control character."""
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import HOSTILE, serve_folder, write_config
from claimtrack.flows.terminal.cli import app

runner = CliRunner()
WIDE = {"COLUMNS": "600"}                       # no cell folds: the outlet's name is on one line
CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")      # every control character but \n
# the outlet's name as a reader must see it: markup and mathtext as written, the escape
# sequences without their control characters (ESC, BEL, U+009D and U+0090 dropped)
OUTLET_SHOWN = ("Wire [/x] [/] [bold red]loud $\\notacommand{x}$ ]52;c;Y2xpcGJvYXJk ]8;;http://evil.test/\\link]8;;\\ "
                "0;title q end")
OUTLET_STORED_START = "Wire [/x] [/] [bold red]loud $\\notacommand{x}$ \x1b]52;c;Y2xpcGJvYXJk\x07"


def _no_controls(text: str, where: str) -> None:
    found = sorted({hex(ord(c)) for c in CONTROLS.findall(text)})
    assert not found, f"{where}: control characters {found}"


@pytest.fixture(scope="module")
def hostile_run(make_httpserver, prefect_harness, tmp_path_factory):
    """The hostile feed served over HTTP, ingested and extracted through the CLI (once)."""
    serve_folder(make_httpserver, HOSTILE / "feeds", "/hostile/")
    folder = tmp_path_factory.mktemp("markup-and-escapes")
    config = write_config(folder, [make_httpserver.url_for("/hostile/markup_and_escapes.xml")])
    ingest = runner.invoke(app, ["ingest", "--config", str(config)], env=WIDE)
    extract = runner.invoke(app, ["extract", "--config", str(config)], env=WIDE)
    make_httpserver.clear()
    return config, ingest, extract


def test_ingest_prints_a_hostile_outlet_and_its_failure_as_text(hostile_run):
    _, ingest, extract = hostile_run
    assert ingest.exit_code == 0, ingest.output
    _no_controls(ingest.output, "ingest")
    assert "feeds: 1 polled, 1 ok, 0 failed" in ingest.output and "articles: 2 (+2)" in ingest.output
    assert f"! {OUTLET_SHOWN}: article skipped: " in ingest.output          # the javascript: link refused
    assert extract.exit_code == 0, extract.output
    assert "extracted 2 articles" in extract.output


VIEWS = {
    "feeds": ["feeds"],
    "claims": ["claims"],
    "sql": ["sql", "SELECT outlet, title FROM articles ORDER BY published_at"],
    "history": ["history", "Microsoft stake OpenAI"],
}


@pytest.mark.parametrize("view", VIEWS, ids=list(VIEWS))
def test_views_show_hostile_text_as_written_and_no_escape_sequence(hostile_run, view):
    config, _, _ = hostile_run
    result = runner.invoke(app, [*VIEWS[view], "--config", str(config)], env=WIDE)
    assert result.exit_code == 0, repr(result.exception) + result.output
    _no_controls(result.output, view)
    assert OUTLET_SHOWN in result.output                     # markup neither applied nor dropped
    assert "\\[" not in result.output                       # nor shown with its escapes


@pytest.mark.parametrize("view", VIEWS, ids=list(VIEWS))
def test_json_output_keeps_the_data_and_prints_no_raw_control_character(hostile_run, view):
    config, _, _ = hostile_run
    result = runner.invoke(app, [*VIEWS[view], "--json", "--config", str(config)])
    assert result.exit_code == 0, repr(result.exception) + result.output
    _no_controls(result.output, f"{view} --json")
    rows = [json.loads(line) for line in result.output.splitlines()]
    names = {row.get("feed") or row.get("outlet") for row in rows}
    assert any(n.startswith(OUTLET_STORED_START) and "\x9d" in n for n in names), names   # nothing lost


def test_sql_markdown_prints_no_control_character(hostile_run):
    config, _, _ = hostile_run
    result = runner.invoke(app, ["sql", "SELECT outlet, title FROM articles", "--markdown", "--config", str(config)])
    assert result.exit_code == 0, repr(result.exception) + result.output
    _no_controls(result.output, "sql --markdown")
    assert OUTLET_SHOWN in result.output


def test_the_digest_of_a_hostile_week_renders_its_chart_and_writes_no_control_character(hostile_run, tmp_path):
    config, _, _ = hostile_run
    result = runner.invoke(app, ["digest", "--week", "2025-W44", "--out", str(tmp_path), "--config", str(config)],
                           env=WIDE)
    assert result.exit_code == 0, repr(result.exception) + result.output
    _no_controls(result.output, "digest")
    text = (tmp_path / "2025-W44.txt").read_text("utf-8")
    html = (tmp_path / "2025-W44.html").read_text("utf-8")
    _no_controls(text, "digest .txt")
    _no_controls(html, "digest .html")
    assert "- Microsoft's stake in OpenAI: 30% -> 27%" in text and OUTLET_SHOWN in text
    assert OUTLET_SHOWN in html
    assert (tmp_path / "2025-W44-chart-1.png").read_bytes().startswith(b"\x89PNG")


def test_a_chart_whose_outlet_and_title_hold_mathtext_renders():
    from datetime import datetime
    from claimtrack.flows.outputs.charts import claim_chart_png
    reports = [{"as_of": datetime(2025, 10, 27), "value": 30.0, "outlet": "$\\notacommand{x}$ Wire", "note": "first"},
               {"as_of": datetime(2025, 10, 28), "value": 27.0, "outlet": "$x$ [/] \x1b[2J", "note": "change"}]
    png = claim_chart_png("Micro$oft · stake_pct · $\\frac$", [(datetime(2025, 10, 28), 27.0)], reports, "percent")
    assert png.startswith(b"\x89PNG")


def test_json_lines_escape_the_control_characters_json_dumps_leaves_raw():
    from claimtrack.flows.terminal.tables import json_lines
    line = json_lines([{"outlet": "a\x9d52;c;aGk=\x07b\x7f\x1b[2J"}])
    _no_controls(line, "json_lines")
    assert json.loads(line) == {"outlet": "a\x9d52;c;aGk=\x07b\x7f\x1b[2J"}


def test_markdown_for_sql_and_prefect_artifacts_carries_no_control_character_or_link():
    from claimtrack.flows.orchestration.artifacts import run_report
    from claimtrack.flows.terminal.tables import markdown_table
    table = markdown_table(["outlet"], [("a\x1b]52;c;aGk=\x07|b\r\nc",)])
    assert table.splitlines()[2] == "| a]52;c;aGk=\\|b c |"
    hostile = "![x](http://tracker.test/p.png) <img src=x onerror=alert(1)> \x1b[2J\x9d"
    report = run_report("run", polls=[{"name": hostile, "feed": "http://f.test/", "status": "error",
                                       "new_articles": 0, "error": hostile, "page_errors": [hostile]}])
    _no_controls(report.replace("\n", ""), "artifact")
    assert "\\!\\[x\\](http://tracker.test/p.png) \\<img src=x" in report       # shown as written, not rendered
    assert not re.search(r"(?<!\\)[<\[!]", report.split("\n", 4)[4])          # every <, [ and ! of it escaped


def test_each_renderer_rule_shows_the_text_as_written():
    from markupsafe import Markup
    from matplotlib.text import Text as ChartText
    from rich.text import Text
    from claimtrack.flows.untrusted import clean, for_chart, for_terminal, for_terminal_line, template_finalize
    hostile = "[/x] [/] [bold]b\\[i]\t\x1b]52;c;aGk=\x07\r\nnext\x9d :smile: tail\\"
    assert clean(hostile) == "[/x] [/] [bold]b\\[i] ]52;c;aGk=\nnext :smile: tail\\"
    assert Text.from_markup(for_terminal(hostile), emoji=False).plain == clean(hostile)
    assert Text.from_markup(for_terminal_line(hostile), emoji=False).plain == clean(hostile, lines=False)
    chart = for_chart("a $\\frac$ b \\$c$")
    assert ChartText(text=chart)._preprocess_math(chart) == ("a $\\frac$ b \\$c$", False)     # no mathtext
    assert template_finalize("a\nb\x1b") == "a b"
    assert template_finalize(Markup("<b>x</b>\n\x07")) == Markup("<b>x</b>\n")


def test_every_table_and_template_goes_through_the_rule():
    """By construction: tables.py builds no bare rich Table, the templates' environment cleans
    every expression, the CLI's consoles replace no emoji codes."""
    from claimtrack.flows.outputs import digest
    from claimtrack.flows.terminal import cli
    from claimtrack.flows.untrusted import template_finalize
    source = (Path(cli.__file__).parent / "tables.py").read_text("utf-8")
    assert not re.search(r"(?<!Terminal)Table\(", source)
    assert digest._env().finalize is template_finalize
    assert not cli.console._emoji and not cli.err._emoji
