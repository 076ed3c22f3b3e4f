"""`claimtrack feeds …`: feed health, and the feed list in the config file (add, remove,
import from OPML, export as OPML)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from claimtrack.flows.terminal.cli_common import CliApp, ConfigOpt, DbOpt, JsonOpt, console, emit, open_store
from claimtrack.flows.untrusted import for_terminal_line as shown

feeds_app = CliApp(help="Feed health, and the feeds in the config file: add, remove, import and export (OPML).")


@feeds_app.callback(invoke_without_command=True)
def feeds(ctx: typer.Context, as_json: JsonOpt = False, config: ConfigOpt = None, db: DbOpt = None) -> None:
    """Feed health: kind and tags, last poll, status, HTTP code, failures in a row, backoff,
    last error, entries (and how many the filters left out)."""
    if ctx.invoked_subcommand is not None:
        return
    from claimtrack.flows.terminal.tables import feeds_table
    _, store = open_store(config, db)
    emit(store.query("feed_health_all"), as_json, feeds_table)


def _config_path(config: Path | None) -> Path:
    from claimtrack.flows.settings import DEFAULT_CONFIG
    return config or DEFAULT_CONFIG


@feeds_app.command("add")
def feeds_add(url: Annotated[str, typer.Argument(help="Feed URL (http or https), or a feed file's path.")],
              name: Annotated[str, typer.Option(help="Outlet name shown in tables and the digest.")] = "",
              kind: Annotated[str, typer.Option(help="How the listing is read: rss (RSS, Atom, JSON Feed), sitemap, urls.")] = "rss",
              tag: Annotated[Optional[list[str]], typer.Option("--tag", help="A tag (repeatable).")] = None,
              include: Annotated[Optional[list[str]], typer.Option("--include", help="Keep only entries naming this word (repeatable).")] = None,
              exclude: Annotated[Optional[list[str]], typer.Option("--exclude", help="Leave out entries naming this word (repeatable).")] = None,
              config: ConfigOpt = None) -> None:
    """Add a feed to the config file (comments and other settings are kept)."""
    from claimtrack.flows.terminal.feedlist import add_feed
    path = _config_path(config)
    add_feed(path, url, name, kind=kind, tags=tag or [], include=include or [], exclude=exclude or [])
    console.print(f"added {shown(url)} to {shown(path)}", highlight=False)


@feeds_app.command("remove")
def feeds_remove(feed: Annotated[str, typer.Argument(help="The feed's URL or its name in the config.")],
                 config: ConfigOpt = None) -> None:
    """Remove a feed from the config file (its articles and claims stay in the database)."""
    from claimtrack.flows.terminal.feedlist import remove_feed
    path = _config_path(config)
    url = remove_feed(path, feed)
    console.print(f"removed {shown(url)} from {shown(path)}", highlight=False)


@feeds_app.command("import")
def feeds_import(opml: Annotated[Path, typer.Argument(help="An OPML file of feeds (a feed reader's export).")],
                 config: ConfigOpt = None) -> None:
    """Add the feeds of an OPML file to the config file: names, folders and categories as tags
    (comments and other settings are kept; feeds it lists already are left out)."""
    from claimtrack.flows.terminal.opml import import_opml
    path = _config_path(config)
    result = import_opml(opml, path)
    console.print(f"{shown(opml)}: {result.found} feeds, {len(result.added)} added to {shown(path)}, "
                  f"{len(result.skipped)} left out", highlight=False)
    for url in result.added:
        console.print(f"  + {shown(url)}", highlight=False)
    for why in result.skipped:
        console.print(f"  [yellow]![/yellow] {shown(why)}", highlight=False)


@feeds_app.command("export")
def feeds_export(config: ConfigOpt = None) -> None:
    """Print the configured (enabled) feeds as OPML 2.0, for a feed reader or `feeds import`."""
    from claimtrack.flows.terminal.opml import export_opml
    from claimtrack.flows.runtime import settings_from
    sys.stdout.write(export_opml(settings_from(config).feeds))
