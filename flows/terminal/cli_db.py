"""`claimtrack db …`: the database file itself. `compact` rewrites it in the storage format
every DuckDB 1.x client reads, smaller, keeping the original as a backup."""
from __future__ import annotations

import typer

from claimtrack.flows.terminal.cli_common import ConfigOpt, DbOpt, console, open_store
from claimtrack.flows.untrusted import for_terminal_line as shown

db_app = typer.Typer(help="The database file: compact it (and make it readable by DuckDB 1.x clients).",
                     no_args_is_help=True)


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.0f} kB"


@db_app.command("compact")
def compact(config: ConfigOpt = None, db: DbOpt = None) -> None:
    """Rewrite the database in DuckDB 1.0's storage format (which every DuckDB 1.x and 2.x
    client opens) without the room deleted rows left; the original is kept as a backup beside
    it. Stop `claimtrack serve` first: a file in use is left as it is."""
    from claimtrack.db.connection import STORAGE_VERSION
    _, store = open_store(config, db)
    done = store.compact()
    was = f" (was {done.was_format}'s)" if done.was_format and done.was_format != STORAGE_VERSION else ""
    console.print(f"{shown(done.path)}: compacted, {_size(done.bytes_before)} → {_size(done.bytes_after)}, "
                  f"in DuckDB {STORAGE_VERSION}'s storage format{was}", highlight=False)
    console.print(f"the original is kept as {shown(done.backup)}; delete it once the new file serves you",
                  highlight=False)
