"""`claimtrack search WORDS…`: the stored articles that hold the words, best first, each with its
best sentence and its claims (db/search.py ranks them)."""
from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from claimtrack.flows.terminal.cli_common import ConfigOpt, DbOpt, JsonOpt, console, open_store


def search(words: Annotated[list[str], typer.Argument(help="Words to look for in titles, texts and claim sentences.")],
           limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many articles (1 to 1000).")] = 10,
           as_json: JsonOpt = False, config: ConfigOpt = None, db: DbOpt = None) -> None:
    """Search the stored articles: ranked by how many of the words they hold, then by BM25;
    words are matched whole and lower-cased, not stemmed ("stake" does not find "stakes")."""
    from claimtrack.db.search import search as find
    _, store = open_store(config, db)
    query = " ".join(words)
    hits = find(store, query, limit)
    if as_json:
        from claimtrack.flows.terminal.tables import json_lines
        if hits:
            print(json_lines([asdict(h) for h in hits]))
        return
    from claimtrack.flows.terminal.tables import search_table
    console.print(search_table(hits, query))
