"""What the command line's modules share: the Typer app class (help on -h, help texts shown
as written), the consoles, the common options, the output options every listing offers,
refusing options that exclude each other, and opening the database from the settings."""
from __future__ import annotations

import inspect
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Callable, Optional

import typer
from rich.console import Console, ConsoleDimensions
from rich.markup import escape
from typer.core import TyperCommand, TyperGroup

from claimtrack.flows.runtime import settings_from

if TYPE_CHECKING:
    from claimtrack.db.store import Store
    from claimtrack.flows.settings import Settings

_WRAPPED = re.compile(r"(?<!\n)\n(?!\n)")      # a line break inside a paragraph
UNWRAPPED = 100_000      # the width of tables written to a file or a pipe: a row stays one line


class _Output(Console):
    """A console that wraps tables at the terminal's width on a terminal, and not at all in a
    file or a pipe (where 80 columns would break every long row); COLUMNS, when set, wins."""

    @property
    def size(self) -> ConsoleDimensions:
        size = super().size
        if self.is_terminal or os.environ.get("COLUMNS", "").isdigit():
            return size
        return ConsoleDimensions(UNWRAPPED, size.height)


# Untrusted text (names, titles, errors quoting them) is printed through `shown` with markup on;
# emoji codes cannot be escaped, so the consoles do not replace them (flows/untrusted.py).
console = _Output(soft_wrap=True, emoji=False)
err = Console(stderr=True, soft_wrap=True, emoji=False)


def _as_written(text: str) -> str:
    """A help text with Rich markup escaped, and the line breaks of a wrapped docstring made
    spaces (paragraphs, split by a blank line, stay apart)."""
    return escape(_WRAPPED.sub(" ", inspect.cleandoc(text)))


def _literal_help(command: Any) -> None:
    """Typer reads help texts as Rich markup, which would swallow '[digest]' or '[[feeds]]':
    escape the command's and its options' texts once, so they show as written."""
    for name in ("help", "short_help", "epilog"):
        if getattr(command, name, None):
            setattr(command, name, _as_written(getattr(command, name)))
    for param in command.params:
        if getattr(param, "help", None):
            param.help = _as_written(param.help)


class LiteralHelpCommand(TyperCommand):
    """A command whose help texts are shown as written (no Rich markup)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _literal_help(self)


class LiteralHelpGroup(TyperGroup):
    """A group of commands whose help texts are shown as written (no Rich markup)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _literal_help(self)


class CliApp(typer.Typer):
    """claimtrack's Typer apps: help on -h as on --help, help texts shown as written."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cls=LiteralHelpGroup, add_completion=False,
                         context_settings={"help_option_names": ["-h", "--help"]}, **kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        kwargs.setdefault("cls", LiteralHelpCommand)
        return super().command(*args, **kwargs)


class UsageProblem(typer.BadParameter):
    """Options given that do not go together: shown with the command's usage, exit status 2."""

    def format_message(self) -> str:
        return self.message


def refuse_together(options: Mapping[str, Any]) -> None:
    """Options that exclude each other: more than one of `options` (name -> value) given is a
    usage error naming them, never one silently winning."""
    given = [name for name, value in options.items() if value not in (None, False, (), [])]
    if len(given) > 1:
        raise UsageProblem(f"{' and '.join(given)} cannot be used together")


DbOpt = Annotated[Optional[Path], typer.Option("--db", help="DuckDB file (default data/claimtrack.duckdb, or CLAIMTRACK_DB).")]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="Settings file (default config/claimtrack.toml).")]
JsonOpt = Annotated[bool, typer.Option("--json", "--jsonl", help="JSON Lines instead of a table.")]


def emit(rows: list[dict[str, Any]], as_json: bool, table: Callable[[list[dict[str, Any]]], Any]) -> None:
    """The output options every listing shares: JSON Lines, or a table built by `table(rows)`."""
    if as_json:
        from claimtrack.flows.terminal.tables import json_lines
        if rows:
            print(json_lines(rows))
    else:
        console.print(table(rows))


def open_store(config: Path | None, db: Path | None) -> tuple["Settings", "Store"]:
    """The settings (config file and --db) and the database they name."""
    settings = settings_from(config, db)
    return settings, settings.storage.store()
