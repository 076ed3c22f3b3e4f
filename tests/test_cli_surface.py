"""The command line as the tools users know behave: -h and --version, help texts shown as written
(no Rich markup swallowing '[digest]'), options that exclude each other refused, tables in a file
or a pipe not wrapped at 80 columns."""
import re
from importlib.metadata import version

import pytest
import typer
from typer.testing import CliRunner

from claimtrack.flows.terminal.cli import app

runner = CliRunner()
WIDE = {"COLUMNS": "300"}


def test_dash_h_is_help_and_version_prints_the_installed_version():
    assert runner.invoke(app, ["-h"], env=WIDE).output == runner.invoke(app, ["--help"], env=WIDE).output
    sub = runner.invoke(app, ["feeds", "add", "-h"], env=WIDE)
    assert sub.exit_code == 0 and re.search(r"Usage: \S+ feeds add", sub.output)
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output == f"claimtrack {version('claimtrack')}\n"


def _commands(group, path=()):
    for name, command in group.commands.items():
        yield (*path, name), command
        if hasattr(command, "commands"):
            yield from _commands(command, (*path, name))


def test_every_help_text_shows_its_brackets_as_written():
    """A docstring's or an option's '[digest] recipients' or '[[channels]]' is in the --help it
    gives (Rich markup would read '[digest]' as a style and drop it)."""
    missing, with_brackets = [], []
    for path, command in _commands(typer.main.get_command(app)):
        texts = [command.callback.__doc__ or ""] + [p.help.replace("\\[", "[") for p in command.params
                                                     if getattr(p, "help", None)]
        tokens = set(re.findall(r"\[\[?[\w.-]+\]\]?", " ".join(texts)))
        if tokens:
            shown = runner.invoke(app, [*path, "--help"], env=WIDE)
            assert shown.exit_code == 0, shown.output
            missing += [(path, t) for t in sorted(tokens) if t not in shown.output]
            with_brackets.append(path)
    assert missing == []
    assert {("digest",), ("sql",)} <= set(with_brackets)
    assert "[digest] recipients" in " ".join(runner.invoke(app, ["digest", "--help"], env=WIDE).output.split())


@pytest.mark.parametrize("args, problem", [
    (["digest", "--send", "--dry-run"], "--send and --dry-run cannot be used together"),
    (["digest", "--resend"], "--resend needs --send"),
    (["sql", "SELECT 1", "--json", "--markdown"], "--json and --markdown cannot be used together"),
    (["changes", "--json", "--atom", "changes.xml"], "--json and --atom cannot be used together"),
    (["eval", "--misses", "--json"], "--misses and --json cannot be used together"),
])
def test_options_that_exclude_each_other_are_refused_before_anything_runs(tmp_path, args, problem):
    db = tmp_path / "never.duckdb"
    result = runner.invoke(app, [*args, "--db", str(db)], env=WIDE)
    assert result.exit_code == 2 and problem in result.output
    assert not db.exists()


def test_a_table_written_to_a_file_or_a_pipe_is_not_wrapped(tmp_path):
    query = ["sql", "SELECT repeat('x', 300) AS long, 'short' AS other", "--db", str(tmp_path / "t.duckdb")]
    piped = runner.invoke(app, query, env={"COLUMNS": None})
    assert piped.exit_code == 0, piped.output
    assert re.search(r"x{300}\s*│\s*short", piped.output)            # one row, one line
    narrow = runner.invoke(app, query, env={"COLUMNS": "80"})         # COLUMNS, when set, wins
    assert "x" * 300 not in narrow.output and "x" * 40 in narrow.output
