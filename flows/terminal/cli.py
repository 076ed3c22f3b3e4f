"""The claimtrack command line: a thin skin over flows (run, ingest, extract, digest, serve: in
cli_runs.py) and over the database's views (claims, changes, feeds). Domain errors are one
line and exit 1; options that exclude each other are refused."""
from __future__ import annotations

import logging
import sys
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from claimtrack.errors import ClaimtrackError
from claimtrack.flows.runtime import settings_from
from claimtrack.flows.terminal.cli_common import (CliApp, ConfigOpt, DbOpt, JsonOpt, console, emit as _emit, err,
                                                  open_store as _store, refuse_together)
from claimtrack.flows.terminal.cli_db import db_app
from claimtrack.flows.terminal.cli_feeds import feeds_app
from claimtrack.flows.terminal.cli_runs import digest, extract, ingest, run, serve
from claimtrack.flows.terminal.cli_search import search
from claimtrack.flows.untrusted import for_terminal_line as shown

app = CliApp(no_args_is_help=True)


def _print_version(wanted: bool) -> None:
    if wanted:
        from importlib.metadata import version
        print(f"claimtrack {version('claimtrack')}")
        raise typer.Exit()


class LogFormat(str, Enum):
    text = "text"
    json = "json"


@app.callback()
def options(version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                                  help="Print the version and exit.")] = False,
            log_format: Annotated[LogFormat, typer.Option(
                "--log-format", envvar="CLAIMTRACK_LOG_FORMAT", case_sensitive=False,
                help="Log lines as text, or as one JSON object each (json) for a log collector.")] = LogFormat.text,
            ) -> None:
    """Track claims (stakes, valuations, commitments, warnings) across news feeds."""
    from claimtrack.flows.logs import configure
    configure(log_format.value)


for command in (run, ingest, extract):
    app.command()(command)


@app.command("eval")
def evaluate(shared: Annotated[Path, typer.Option(help="Folder holding seeds/ and peer-suites/.")] = Path("../shared"),
             corpus: Annotated[Optional[Path], typer.Option(help="The real-news corpus (default: tests/corpus/news of this checkout).")] = None,
             misses: Annotated[bool, typer.Option("--misses", help="List what the dev half and the peer suites missed (never the test half).")] = False,
             tracking: Annotated[bool, typer.Option("--tracking/--no-tracking", help="Also run the tracking check: the corpus served as feeds through ingest and extract (about 30 s).")] = True,
             floors_file: Annotated[Optional[Path], typer.Option("--floors", help="Floors to gate on (default: extractors/data/quality_floors.toml); for a corpus of your own.")] = None,
             as_json: JsonOpt = False, config: ConfigOpt = None, db: DbOpt = None) -> None:
    """Measure extraction quality: the real-news corpus's dev and test halves, the tracking
    check (the corpus as feeds, the changes listed against those really reported), the seed
    article's reference claims, and the peer suites' money and percentage cases beside
    quantulum3, against the pinned floors (exit 1 below a floor)."""
    refuse_together({"--misses": misses, "--json": as_json})        # the misses are listed in tables only
    from claimtrack.extractors import evaluate as ev
    from claimtrack.flows.extraction.extract import extractor_for, writer_for
    from claimtrack.flows.quality.eval_report import rows, tables, tracking_table
    settings = settings_from(config, db)
    # spaCy loads on the first text extracted (the peer suites alone need none); the metrics
    # that take an object are read from the config without it
    result = ev.evaluate(shared, corpus or ev.CORPUS, lambda text: extractor_for(settings.extract).claims(text),
                         keep_misses=misses, takes_object=writer_for(settings.extract).objects)
    floors = ev.load_floors(floors_file)
    problems = ev.below_floors(result, floors)
    checks = {}
    if tracking and result.corpus:
        from claimtrack.flows.quality import tracking_check
        checks = tracking_check.check_halves(extractor_for(settings.extract), tuple(result.corpus), corpus or ev.CORPUS)
        problems += tracking_check.below_floors(checks, floors)
    if as_json:
        from claimtrack.flows.terminal.tables import json_lines
        print(json_lines(rows(result) + [{"suite": f"tracking/{half}", **s.as_dict()} for half, s in checks.items()]))
    else:
        for table in tables(result, misses):
            console.print(table)
        if checks:
            console.print(tracking_table(checks))
    for problem in problems:
        err.print(f"below floor: {problem}", highlight=False, markup=False)
    if problems:
        raise typer.Exit(1)


@app.command()
def sql(query: Annotated[Optional[str], typer.Argument(help="SELECT … (also WITH, DESCRIBE, SHOW, SUMMARIZE); several separated by ;  - reads stdin.")] = None,
        file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read the query from this file (- for stdin).")] = None,
        as_json: JsonOpt = False,
        markdown: Annotated[bool, typer.Option("--markdown", help="A Markdown table (times to the minute, UTC).")] = False,
        at: Annotated[Optional[str], typer.Option("--at", help="On a DuckLake: read it as of this snapshot id, or this time ('2026-11-29 09:00:00+00').")] = None,
        config: ConfigOpt = None, db: DbOpt = None) -> None:
    """Run a read-only query on the database (writes, ATTACH, COPY, INSTALL and file access are
    refused) and print the last statement's rows; stopped after [sql] timeout_seconds, within
    [sql] memory_limit and max_rows."""
    refuse_together({"--json": as_json, "--markdown": markdown})
    from claimtrack.db.readonly import read_query, run_read_only
    from claimtrack.flows.terminal.tables import markdown_table, rows_table
    text = read_query(query, file, sys.stdin)
    settings, store = _store(config, db)
    snapshot = int(at) if at is not None and at.strip().isdigit() else at
    columns, rows = run_read_only(store, text, settings.sql, at=snapshot)
    if markdown:
        print(markdown_table(columns, rows))
        return
    _emit([dict(zip(columns, r)) for r in rows], as_json, lambda _: rows_table(columns, rows))


@app.command()
def reparse(config: ConfigOpt = None, db: DbOpt = None) -> None:
    """Re-read every article's text from its stored raw HTML (no fetching); articles whose text
    changes are extracted again by the next `claimtrack extract`."""
    from claimtrack.flows.sources.reparse import reparse_articles
    _, store = _store(config, db)
    result = reparse_articles(store)
    console.print(f"reparsed {result.checked} articles: {len(result.changed)} changed, "
                  f"{len(result.failed)} failed", highlight=False)
    for failure in result.failed:
        console.print(f"  [yellow]![/yellow] {shown(failure)}", highlight=False)


def _read_inputs(files: list[str]) -> list[tuple[str, str]]:
    out = []
    for name in files:
        if name == "-":
            out.append(("-", sys.stdin.read()))
            continue
        try:
            out.append((name, Path(name).read_text(encoding="utf-8", errors="replace")))
        except OSError as exc:
            raise ClaimtrackError(f"{name}: cannot read: {exc.strerror}") from exc
    return out


@app.command("extract-text")
def extract_text(files: Annotated[list[str], typer.Argument(help="Plain-text articles; - reads stdin.")],
                 jsonl: Annotated[bool, typer.Option("--jsonl", "--json", help="One JSON object per claim.")] = False,
                 config: ConfigOpt = None, db: DbOpt = None) -> None:
    """Print the claims in plain-text articles, without touching the database."""
    from claimtrack.flows.extraction.extract import extractor_for
    from claimtrack.flows.terminal.tables import claims_table
    settings = settings_from(config, db)
    extractor = extractor_for(settings.extract)
    inputs = _read_inputs(files)
    rows = []
    for (name, _), claims in zip(inputs, extractor.pipe([t for _, t in inputs])):
        rows.extend({"file": name, **c.as_dict(), "extractor_version": extractor.version} for c in claims)
    _emit(rows, jsonl, claims_table)


@app.command()
def figures(files: Annotated[list[str], typer.Argument(help="Plain-text files; - reads stdin.")],
            jsonl: Annotated[bool, typer.Option("--jsonl", "--json", help="One JSON object per figure.")] = False,
            config: ConfigOpt = None, db: DbOpt = None) -> None:
    """Print every money amount, percentage and year found in the files (no database is used)."""
    settings_from(config, db)        # a broken config is reported the same way by every command
    from claimtrack.extractors.figures import find_figures
    from claimtrack.flows.terminal.tables import figures_table
    rows = [{"file": name, **f.as_dict()} for name, text in _read_inputs(files) for f in find_figures(text)]
    _emit(rows, jsonl, figures_table)


@app.command()
def claims(subject: Annotated[Optional[str], typer.Option(help="Only this subject (canonical name).")] = None,
           metric: Annotated[Optional[str], typer.Option(help="Only this metric, e.g. stake_pct.")] = None,
           object: Annotated[Optional[str], typer.Option("--object", help="Only this object.")] = None,
           outlet: Annotated[Optional[str], typer.Option(help="Only this outlet.")] = None,
           since: Annotated[Optional[datetime], typer.Option(help="Only claims as of this date or later.")] = None,
           as_json: JsonOpt = False, config: ConfigOpt = None, db: DbOpt = None) -> None:
    """Stored claims with their evidence (the claim_timeline view)."""
    from claimtrack.flows.terminal.tables import claims_table
    _, store = _store(config, db)
    rows = store.query("claims", subject=subject, metric=metric, object=object, outlet=outlet, since=since)
    _emit(rows, as_json, claims_table)


@app.command()
def changes(as_json: JsonOpt = False,
            atom: Annotated[Optional[Path], typer.Option("--atom", help="Write the newest changes as an Atom feed to this file instead.")] = None,
            config: ConfigOpt = None, db: DbOpt = None) -> None:
    """Each change of a claim's value, with who reported the new value first."""
    refuse_together({"--json": as_json, "--atom": atom})
    from claimtrack.flows.terminal.tables import changes_table
    _, store = _store(config, db)
    if atom:
        from claimtrack.flows.outputs.changes_feed import write_changes_feed
        console.print(f"wrote {write_changes_feed(store, atom)} changes to {shown(atom)}", highlight=False)
        return
    _emit(store.query("changes"), as_json, changes_table)


@app.command()
def history(claim: Annotated[str, typer.Argument(help='A claim key (Microsoft|stake_pct|OpenAI) or words naming it: "OpenAI valuation".')],
            as_json: JsonOpt = False, config: ConfigOpt = None, db: DbOpt = None) -> None:
    """A claim's timeline across outlets: every report, whether it was the first of a new
    value, stale or disputed, and a chart of the value over time."""
    from claimtrack.flows.outputs.history import find_keys, key_history
    from claimtrack.flows.terminal.tables import history_table
    _, store = _store(config, db)
    histories = [key_history(store, key) for key in find_keys(store, claim)]
    if as_json:
        from claimtrack.flows.terminal.tables import json_lines
        print(json_lines([{"claim_key": h.claim_key, **r} for h in histories for r in h.reports]))
        return
    for h in histories:
        console.print(history_table(h))
        console.print(h.chart, highlight=False, markup=False)
        console.print("● a report of the value current at the time   ○ stale or disputed   ─ the current value",
                      style="dim", highlight=False)


@app.command()
def keys(as_json: JsonOpt = False, config: ConfigOpt = None, db: DbOpt = None) -> None:
    """Claim keys that look like one quantity: the same metric and a shared value, with the
    same parties, one of them missing, or the other way round. Merge two by naming one party
    as an alias of the other in config/entities.toml."""
    from dataclasses import asdict
    from claimtrack.flows.extraction.keys import similar_keys
    from claimtrack.flows.terminal.tables import keys_table
    _, store = _store(config, db)
    pairs = similar_keys(store)
    if as_json:
        from claimtrack.flows.terminal.tables import json_lines
        if pairs:
            print(json_lines([asdict(p) for p in pairs]))
        return
    console.print(keys_table(pairs))


app.command()(serve)


@app.command()
def export(parquet: Annotated[Optional[Path], typer.Option("--parquet", help="Folder for one NAME.parquet per view and table.")] = None,
           claimreview: Annotated[Optional[Path], typer.Option("--claimreview", help="Folder for claimreview.jsonld: each tracked value as schema.org ClaimReview.")] = None,
           config: ConfigOpt = None, db: DbOpt = None) -> None:
    """Copy every view and the main tables (feeds, articles, claims, …) out as Parquet files,
    and/or every value a tracked claim took as schema.org ClaimReview JSON-LD."""
    if parquet is None and claimreview is None:
        raise ClaimtrackError("export: say where: --parquet DIR and/or --claimreview DIR")
    _, store = _store(config, db)
    if parquet is not None:
        from claimtrack.db.export import export_parquet
        for e in export_parquet(store, parquet):
            console.print(f"{shown(e.path)}  {e.rows:,} rows", highlight=False)
    if claimreview is not None:
        from claimtrack.flows.outputs.claimreview import write_claimreview
        out = write_claimreview(store, claimreview)
        console.print(f"{shown(out.path)}  {out.reviews:,} claim reviews of {out.keys:,} keys", highlight=False)


app.add_typer(feeds_app, name="feeds")
app.command("search")(search)
app.add_typer(db_app, name="db")
app.command()(digest)


@app.command()
def site(out: Annotated[Optional[Path], typer.Option(help="Folder for the site (default: [site] out_dir, data/site); replaced whole.")] = None,
         config: ConfigOpt = None, db: DbOpt = None) -> None:
    """Write the claim site: static pages (an index with search, a page per claim and per outlet)
    that any web server or a browser opening the files shows."""
    from claimtrack.flows.outputs.site import write_site
    settings, store = _store(config, db)
    done = write_site(store, out or settings.site.out_dir)
    console.print(f"site: {shown(done.out_dir / 'index.html')} ({done.claims} claims, {done.outlets} outlets)",
                  highlight=False)


def main() -> None:
    """Console-script entry point: domain errors become one line on stderr (a JSON object with
    --log-format json) and exit status 1."""
    try:
        app()
    except ClaimtrackError as exc:
        from claimtrack.flows.logs import structured
        if structured():
            logging.getLogger("claimtrack").error("claimtrack: error: %s", exc)
        else:
            err.print(f"claimtrack: error: {shown(exc)}", highlight=False)
        sys.exit(1)


if __name__ == "__main__":      # python -m claimtrack, as the console script does
    main()
