"""What the command line's modules share: the consoles, the common options, the output
options every listing offers and opening the database from the settings."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Callable, Optional

import typer
from rich.console import Console

from claimtrack.flows.runtime import settings_from

if TYPE_CHECKING:
    from claimtrack.db.store import Store
    from claimtrack.flows.settings import Settings

# Untrusted text (names, titles, errors quoting them) is printed through `shown` with markup on;
# emoji codes cannot be escaped, so the consoles do not replace them (flows/untrusted.py).
console = Console(soft_wrap=True, emoji=False)
err = Console(stderr=True, soft_wrap=True, emoji=False)

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
    from claimtrack.db.store import Store
    settings = settings_from(config, db)
    return settings, Store(settings.storage.db, settings.storage.lock_wait_seconds)
