"""The commands that run flows through Prefect: run, ingest, extract, serve and digest; cli.py
registers them on the app. Each prints its own one-line summaries, not Prefect's log."""
from __future__ import annotations

import logging
import os
import time
from dataclasses import asdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from claimtrack.flows.runtime import prepare_prefect
from claimtrack.flows.terminal.cli_common import (ConfigOpt, DbOpt, UsageProblem, console, open_store as _store,
                                                  refuse_together)
from claimtrack.flows.untrusted import for_terminal_line as shown

VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's own log lines.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar (it is only shown on a terminal anyway).")]


@contextmanager
def _progress(quiet: bool) -> Iterator[None]:
    """Progress bars while flows run, on a terminal only (never in scheduled runs or CI)."""
    from claimtrack.flows import progress
    if quiet or not console.is_terminal:
        yield
        return
    from claimtrack.flows.terminal.tables import ProgressBars
    with ProgressBars(console) as bars, progress.reporting(bars):
        yield


def _print_polls(polls: list[dict[str, Any]]) -> None:
    failed = sum(p["status"] == "error" for p in polls)
    skipped = sum(p["status"] == "skipped" for p in polls)
    polled = len(polls) - skipped
    line = f"feeds: {polled} polled, {polled - failed} ok, {failed} failed"
    console.print(line + (f", {skipped} backing off" if skipped else ""))
    for p in polls:
        if p["status"] == "error":
            console.print(f"  [red]✗[/red] {shown(p['name'])}: {shown(p['error'])}", highlight=False)
        elif p["status"] == "skipped":
            console.print(f"  [dim]…[/dim] {shown(p['name'])}: {shown(p['error'])}", highlight=False)
        for e in p.get("listing_errors", ()):
            console.print(f"  [yellow]![/yellow] {shown(p['name'])}: listing skipped: {shown(e)}", highlight=False)
        for e in p["page_errors"]:
            console.print(f"  [yellow]![/yellow] {shown(p['name'])}: article skipped: {shown(e)}", highlight=False)
        if p.get("filtered"):
            console.print(f"  [dim]·[/dim] {shown(p['name'])}: {p['filtered']} new entries left out by its "
                          f"include/exclude filters", highlight=False)
        if p.get("updated"):
            console.print(f"  [dim]·[/dim] {shown(p['name'])}: {p['updated']} known "
                          f"{'article' if p['updated'] == 1 else 'articles'} updated (a new version each)",
                          highlight=False)


def _print_counts(before: dict[str, int], after: dict[str, int]) -> None:
    parts = [f"{name}: {after[name]} (+{after[name] - before.get(name, 0)})"
             for name in ("articles", "duplicates", "claims")]
    console.print("   ".join(parts))


def run(config: ConfigOpt = None, db: DbOpt = None, verbose: VerboseOpt = False, quiet: QuietOpt = False) -> None:
    """Run the pipeline (ingest → extract → store) through Prefect, then show what it found."""
    from claimtrack.flows.terminal.tables import changes_table, timeline_table
    settings, store = _store(config, db)
    prepare_prefect(settings, verbose)
    from claimtrack.flows.orchestration.prefect_flows import configured, pipeline_flow
    started = time.monotonic()
    console.print(f"claimtrack run: {len(settings.feeds)} feeds, database {shown(settings.storage.db)}")
    before = store.counts()
    with _progress(quiet):
        out = configured(pipeline_flow, settings)(str(config) if config else None, str(settings.storage.db))
    _print_polls(out["polls"])
    _print_counts(before, store.counts())
    console.print(f"extractor {out['extract']['version']}", style="dim", highlight=False)
    for failure in out["extract"]["failed"]:
        console.print(f"  [yellow]![/yellow] extraction failed: {shown(failure)}", highlight=False)
    console.print(timeline_table(store.query("tracked_timeline"),
                                 "Tracked claims across sources (keys reported more than once)"))
    console.print(changes_table(store.query("changes")))
    for line in out["outputs"]:             # alerts sent, Atom feeds written
        console.print(f"  {shown(line)}", highlight=False)
    console.print(f"digest preview: {shown(', '.join(out['digest']))}")
    console.print(f"done in {time.monotonic() - started:.1f} s")


def ingest(feed: Annotated[Optional[list[str]], typer.Option("--feed", help="Poll only this feed: a URL, or a file's path relative to the current folder (repeatable).")] = None,
           allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow loopback and private addresses.")] = False,
           shard: Annotated[Optional[str], typer.Option("--shard", help="Poll one share of the feeds, I/N (one of N ingest workers on a DuckLake).")] = None,
           config: ConfigOpt = None, db: DbOpt = None, verbose: VerboseOpt = False, quiet: QuietOpt = False) -> None:
    """Poll feeds and store new articles (the first half of `run`). Feeds named with --feed
    are polled even when they are backing off after failures; a path named that is no file is
    refused before anything is stored. With no feed due, nothing is started."""
    settings, store = _store(config, db)
    if feed:                # resolved against the current folder and checked here, before any write
        feed = [f.url for f in settings.with_feeds(feed).feeds]
    if shard:
        settings = settings.shard(shard)
    before = store.counts()
    if not feed:
        from claimtrack.flows.sources.ingest import idle_polls
        idle = idle_polls(settings, store)
        if idle is not None:
            _print_polls([asdict(p) for p in idle])
            _print_counts(before, before)
            return
    prepare_prefect(settings, verbose)
    from claimtrack.flows.orchestration.prefect_flows import configured, ingest_flow
    with _progress(quiet):
        polls = configured(ingest_flow, settings)(str(config) if config else None, str(settings.storage.db),
                                                  feed, allow_private, shard)
    _print_polls(polls)
    _print_counts(before, store.counts())


def _print_extraction(out: dict[str, Any]) -> None:
    console.print(f"extracted {out['articles']} articles with {out['version']}", highlight=False)
    console.print(f"compared with the stored claims: {out['added']} added, {out['removed']} removed, "
                  f"{out['changed']} changed values", highlight=False)
    if out["changes"]:
        from claimtrack.flows.terminal.tables import reextract_table
        console.print(reextract_table(out["changes"], out["changed"]))
    for failure in out["failed"]:
        console.print(f"  [yellow]![/yellow] extraction failed: {shown(failure)}", highlight=False)
    for line in out.get("outputs", ()):     # alerts sent, Atom feeds written, as `run` prints them
        console.print(f"  {shown(line)}", highlight=False)


def extract(reextract: Annotated[bool, typer.Option("--reextract", help="Re-run on every article, replacing all claims.")] = False,
            config: ConfigOpt = None, db: DbOpt = None, verbose: VerboseOpt = False) -> None:
    """Extract claims from stored articles not yet extracted by this extractor version. With
    none pending, nothing is started."""
    from claimtrack.flows.extraction.extract import ExtractResult, nothing_pending
    settings, store = _store(config, db)
    before = store.counts()
    version = nothing_pending(store, settings.extract, reextract)
    if version is not None:
        _print_extraction({"version": version, **asdict(ExtractResult())})
        _print_counts(before, before)
        return
    prepare_prefect(settings, verbose)
    from claimtrack.flows.orchestration.prefect_flows import extract_flow
    _print_extraction(extract_flow(str(config) if config else None, str(settings.storage.db), reextract))
    _print_counts(before, store.counts())


def serve(port: Annotated[int, typer.Option(help="Port of the local Prefect server started when PREFECT_API_URL is not set.")] = 4200,
          quiet_prefect: Annotated[bool, typer.Option("--quiet-prefect", help="Hide Prefect's log lines.")] = False,
          config: ConfigOpt = None, db: DbOpt = None) -> None:
    """Run the pipeline and the weekly digest on the schedules in the config file, until
    stopped: Ctrl-C, SIGTERM or SIGHUP, at any moment, stop it and the server it started.
    Starts a local Prefect server (UI at http://127.0.0.1:PORT) unless PREFECT_API_URL names one."""
    from claimtrack.flows.orchestration.server import stopped_like_ctrl_c
    with stopped_like_ctrl_c():
        try:
            _serve(port, quiet_prefect, config, db)
        except KeyboardInterrupt:
            pass
    _say("stopped")


def _serve(port: int, quiet_prefect: bool, config: Path | None, db: Path | None) -> None:
    from claimtrack.flows.orchestration.server import local_server
    settings, _ = _store(config, db)
    prepare_prefect(settings, verbose=not quiet_prefect)
    log = Path(os.environ["PREFECT_HOME"]) / "server.log"
    with local_server(port, log) as api:
        _say(f"Prefect API {api} (UI: {api.removesuffix('/api')})")
        from claimtrack.flows.orchestration.serve import deployments, describe, serve_forever
        deps = deployments(settings)
        for d in deps:
            _say(f"serving {d.flow_name}/{d.name}: {', '.join(describe(s.schedule) for s in d.schedules)}")
        serve_forever(deps)


def _say(line: str) -> None:
    """A status line of `serve`: printed, or logged when log lines are JSON (--log-format json)."""
    from claimtrack.flows.logs import structured
    if structured():
        logging.getLogger("claimtrack.serve").info(line)
    else:
        console.print(shown(line), highlight=False)


def digest(week: Annotated[Optional[str], typer.Option(help="ISO week, e.g. 2025-W44 (default: the last full week, Monday to Sunday UTC).")] = None,
           out: Annotated[Optional[Path], typer.Option(help="Folder for the preview or the --dry-run files.")] = None,
           send: Annotated[bool, typer.Option("--send", help="Send it through every channel that takes it: [digest] recipients by SMTP, [[channels]] with digest = true.")] = False,
           dry_run: Annotated[bool, typer.Option("--dry-run", help="Write the .eml, .html and .txt instead of sending.")] = False,
           resend: Annotated[bool, typer.Option("--resend", help="Send again to recipients who already got this week.")] = False,
           config: ConfigOpt = None, db: DbOpt = None, verbose: VerboseOpt = False) -> None:
    """Write the weekly digest's HTML and text preview, or send it (--send), or write what
    would be sent (--dry-run). A week goes to each recipient once unless --resend."""
    refuse_together({"--send": send, "--dry-run": dry_run})
    if resend and not send:
        raise UsageProblem("--resend needs --send")
    settings, _ = _store(config, db)
    prepare_prefect(settings, verbose)
    from claimtrack.flows.orchestration.prefect_flows import digest_flow
    done = digest_flow(str(config) if config else None, str(settings.storage.db), week,
                       str(out) if out else None, send=send, resend=resend, dry_run=dry_run)
    if send:
        for delivery in done:
            console.print(shown(delivery.line()), highlight=False)
        if any(delivery.status == "failed" for delivery in done):
            raise typer.Exit(1)
    else:
        console.print(f"digest {'dry run' if dry_run else 'preview'}: {shown(', '.join(done))}", highlight=False)
