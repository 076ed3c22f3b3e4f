"""Prefect flows: ingest, extract, pipeline (ingest then extract then a digest preview), digest.
A run that extracts ends by sending its alerts and rewriting the Atom feeds of changes.

Flows and tasks only compose the plain functions in flows/sources/ingest.py, flows/extraction/extract.py,
flows/outputs/digest.py and flows/outputs/dispatch.py and declare retries; they pass feed URLs and article
ids, never article text.
"""
from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import asdict
from functools import wraps
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from claimtrack.db.deliveries import Ledger
from claimtrack.db.store import Store
from claimtrack.flows.orchestration.artifacts import run_report
from claimtrack.flows.orchestration.heartbeats import without_heartbeats
from claimtrack.flows.outputs.channels import ATTEMPTS, RETRY_DELAYS, Channel, Delivery, Rendering, attempt
from claimtrack.flows.outputs.digest import digest_subject, render_digest, write_preview
from claimtrack.flows.outputs.dispatch import after_run, send_week
from claimtrack.flows.outputs.mail import write_dry_run
from claimtrack.flows.untrusted import markdown_cell
from claimtrack.errors import ClaimtrackError, ConfigError, TransientDeliveryError
from claimtrack.flows.extraction.extract import (ExtractResult, batches, extract_batch, extractor_for, run_texts,
                                                 writer_for)
from claimtrack.flows.extraction.pool import MIN_ARTICLES, ExtractorPool
from claimtrack.flows.sources.http import Fetcher
from claimtrack.flows import progress
from claimtrack.flows.sources.ingest import PollResult, feed_id_of, file_roots
from claimtrack.flows.sources.pagework import PageWork
from claimtrack.flows.sources.pollrun import FEEDS_PER_BATCH, feed_batches, poll_batch
from claimtrack.flows.sources.pollwriter import PollWriter
from claimtrack.flows.runtime import settings_from
from claimtrack.flows.settings import FeedConfig, Settings
from claimtrack.flows.outputs.week_report import newest_week

EXTRACT_CHUNK = 200          # articles per extract task (each is one write transaction)
DASK_PART = 25               # texts per task sent to a Dask worker


def _store(settings: Settings) -> Store:
    return settings.storage.store()


@task(name="poll-feeds", task_run_name="poll {label}", cache_policy=NO_CACHE)
def poll_feeds_task(feeds: tuple[FeedConfig, ...], label: str, states: dict[str, dict[str, Any]], settings: Settings,
                    fetcher: Fetcher, threads: Executor, writer: PollWriter, work: PageWork,
                    force: bool) -> list[PollResult]:
    """A batch of feeds, polled on the run's threads; each feed is retried on its own within the
    batch (flows/sources/pollrun.py) and has its own result, so a dead feed is a line in the log,
    not a failed task."""
    return poll_batch(feeds, states, settings, writer.store, fetcher, threads, force=force, writer=writer, work=work)


@task(name="extract-batch", cache_policy=NO_CACHE)
def extract_batch_task(article_ids: list[str], settings: Settings, pool: ExtractorPool | None) -> ExtractResult:
    """A chunk of articles extracted (on the pool's workers, when there is one: this process then
    loads no model) and written."""
    extractor = writer_for(settings.extract) if pool else extractor_for(settings.extract)
    return extract_batch(_store(settings), extractor, article_ids, settings.extract.batch_size, pool)


@task(name="write-site", cache_policy=NO_CACHE)
def write_site_task(settings: Settings) -> str:
    """The claim site rewritten from the database ([site] out_dir); a site that cannot be
    written is a line in the log, and the run goes on."""
    from claimtrack.flows.outputs.site import write_site
    try:
        return f"site: {write_site(_store(settings), settings.site.out_dir).out_dir}"
    except ClaimtrackError as exc:
        get_run_logger().warning("%s", exc)
        return f"site failed: {exc}"


@task(name="digest-preview", cache_policy=NO_CACHE)
def digest_preview_task(settings: Settings, week: str | None, out_dir: Path) -> list[str]:
    digest = render_digest(_store(settings), week, site_url=settings.site.base_url,
                           feed_health=settings.digest.feed_health)
    return [str(p) for p in write_preview(digest, out_dir)]


def _is_transient_delivery(task, task_run, state) -> bool:
    return isinstance(state.data, TransientDeliveryError)


def _send_run_name() -> str:
    """'send 2025-W44 via email to reader@example.org'."""
    from prefect.runtime import task_run
    p = task_run.parameters
    return f"send {p['ledger'].label} via {p['channel'].name} to {p['target']}"


@task(name="send", task_run_name=_send_run_name, retries=ATTEMPTS - 1, retry_delay_seconds=list(RETRY_DELAYS),
      retry_condition_fn=_is_transient_delivery, cache_policy=NO_CACHE)
def send_task(ledger: Ledger, channel: Channel, target: str, rendering: Rendering, message_id: str) -> Delivery:
    """One target's delivery, retried by Prefect on a transient refusal (an SMTP 4xx, a dropped
    connection); the last try returns its failure so the other targets still get theirs. An SMTP
    password is read by the channel at each try, from its environment variable, and never passes
    through Prefect's parameters."""
    from prefect.runtime import task_run
    tried = task_run.run_count or 1
    return attempt(ledger, channel, target, rendering, message_id, tried, last=tried >= ATTEMPTS)


def _send_by_task(ledger: Ledger, channel: Channel, target: str, rendering: Rendering, message_id: str) -> Delivery:
    state = send_task(ledger, channel, target, rendering, message_id, return_state=True)
    got = state.result(raise_on_failure=False)
    if isinstance(got, BaseException):     # not a refusal: a bug or the store; still this target only
        return Delivery(channel.name, target, "failed", f"{type(got).__name__}: {got}")
    return got


@task(name="after-run", cache_policy=NO_CACHE)
def after_run_task(settings: Settings, since: datetime) -> list[str]:
    """Alerts on the changes the run found, and the Atom feeds of changes rewritten."""
    log = get_run_logger()
    lines = []
    for d in after_run(_store(settings), settings, since):
        (log.warning if d.status == "failed" else log.info)("%s: %s", d.channel, d.line())
        lines.append(d.line())
    return lines


def configured(flow_fn, settings: Settings) -> Callable[..., Any]:
    """The flow, to be run in this process (the CLI, `claimtrack.run()`, the benchmarks): with as
    many worker threads as settings allow requests in flight, and without flow-run heartbeats
    unless they were asked for (flows/orchestration/heartbeats.py). Deployments run the flows as
    they are, heartbeats and all."""
    configured_flow = flow_fn.with_options(task_runner=ThreadPoolTaskRunner(max_workers=settings.http.concurrency))

    @wraps(configured_flow.fn)
    def run_here(*args: Any, **kwargs: Any) -> Any:
        with without_heartbeats():
            return configured_flow(*args, **kwargs)
    run_here.flow = configured_flow
    return run_here


def run_ingest(settings: Settings, force: bool = False) -> list[dict[str, Any]]:
    """Poll the feeds concurrently (one fetcher, so per-host limits hold across feeds), one task
    per batch of feeds, their articles made on worker processes when there are many ([ingest]
    workers); polls are written in batches. `force` polls feeds that are backing off too."""
    log = get_run_logger()
    store = _store(settings)
    states = store.feed_states()
    progress.total("feeds", len(settings.feeds))
    writer = PollWriter(store)
    with Fetcher(settings.http, file_roots(settings)) as fetcher, PageWork(settings.ingest.workers) as work, \
            ThreadPoolExecutor(settings.http.concurrency, thread_name_prefix="poll") as threads:
        futures = []
        for i, batch in enumerate(feed_batches(settings.feeds, FEEDS_PER_BATCH)):
            label = f"feeds {i * FEEDS_PER_BATCH + 1}-{i * FEEDS_PER_BATCH + len(batch)} of {len(settings.feeds)}"
            ids = [feed_id_of(f.url) for f in batch]
            # quoted: Prefect would otherwise walk each value (the settings with every feed, ~10 ms a
            # task) looking for upstream futures, of which these hold none
            futures.append(poll_feeds_task.submit(batch, label, quote({k: states[k] for k in ids if k in states}),
                                                  quote(settings), quote(fetcher), quote(threads), quote(writer),
                                                  quote(work), force))
        results = [r for fut in futures for r in fut.result()]
        work.stop()              # the worker processes exit while the last polls are written
        writer.finish()          # the claim tracking refreshed when articles were stored
    for r in results:
        r.new_articles = writer.new_articles.get(feed_id_of(r.feed), 0)
    for r in results:
        if r.status == "error":
            log.warning("feed %s failed: %s", r.feed, r.error)
        elif r.status == "skipped":
            log.info("feed %s skipped: %s", r.feed, r.error)
        for err in r.listing_errors:
            log.warning("feed %s: listing failed: %s", r.feed, err)
        for err in r.page_errors:
            log.warning("feed %s: article failed: %s", r.feed, err)
        if r.filtered:
            log.info("feed %s: %d new entries left out by its filters", r.feed, r.filtered)
    return [asdict(r) for r in results]


def run_extract(settings: Settings, reextract: bool) -> dict[str, Any]:
    """Extract the pending articles: on the configured Dask cluster, else on worker processes
    for large runs, else here; then bring the claim tracking up to date."""
    store = _store(settings)
    version = writer_for(settings.extract).version      # the model loads only where it extracts
    pending = store.pending_articles(version, reextract)
    if settings.extract.dask_address and pending:
        total = dask_extract_flow.with_options(task_runner=dask_task_runner(settings.extract.dask_address))(
            pending, settings, len(pending))
    else:
        total = _extract_here(settings, pending)
    retracked = store.refresh_tracking()    # changes, conflicts, stale claims of the keys touched
    return {"version": version, "retracked_keys": retracked, **asdict(total)}


def _extract_here(settings: Settings, pending: list[str]) -> ExtractResult:
    total = ExtractResult()
    pool = None
    if settings.extract.processes > 1 and len(pending) >= MIN_ARTICLES:
        get_run_logger().info("extracting %d articles on %d processes", len(pending), settings.extract.processes)
        ext = settings.extract
        pool = ExtractorPool(ext.processes, ext.model, ext.entities, ext.claims, ext.risk, ext.select_sentences)
    try:
        for chunk in batches(pending, EXTRACT_CHUNK * (pool.processes if pool else 1)):
            total.add(extract_batch_task(chunk, settings, pool))
    finally:
        if pool is not None:
            pool.close()
    return total


def dask_task_runner(address: str):
    """Prefect's Dask task runner on an existing scheduler (the `dask` extra)."""
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError:
        raise ConfigError(f"[extract] dask_address = {address!r} needs prefect-dask: "
                          "pip install 'claimtrack[dask]'") from None
    return DaskTaskRunner(address=address)


@task(name="extract-texts", task_run_name="extract {count} texts", retries=1, retry_delay_seconds=5,
      cache_policy=NO_CACHE)
def extract_texts_task(texts: list[str], settings: Settings, count: int) -> list[Any]:
    """Claims of each text (or the exception it raised), computed wherever the task runner
    puts the task: a Dask worker loads the extractor once and keeps it."""
    return run_texts(extractor_for(settings.extract), texts, settings.extract.batch_size)


@flow(name="claimtrack-extract-on-dask", flow_run_name="extract {articles} articles on Dask")
def dask_extract_flow(pending: list[str], settings: Settings, articles: int | None = None) -> ExtractResult:
    """Texts go to the Dask workers in parts; the claims come back and are written here, by
    the one process that writes the database."""
    total = ExtractResult()

    def on_dask(texts: list[str], _batch_size: int) -> list[Any]:
        futures = [extract_texts_task.submit(texts[i:i + DASK_PART], settings, len(texts[i:i + DASK_PART]))
                   for i in range(0, len(texts), DASK_PART)]
        return [out for f in futures for out in f.result()]

    for chunk in batches(pending, EXTRACT_CHUNK):
        total.add(extract_batch(_store(settings), extractor_for(settings.extract), chunk,
                                settings.extract.batch_size, on_dask))
    return total


def _publish(key: str, markdown: str, description: str) -> None:
    """The run's findings as a Markdown artifact on its page in the Prefect UI."""
    create_markdown_artifact(markdown, key=key, description=description)


def _run_changes(settings: Settings, since: datetime) -> list[dict[str, Any]]:
    return _store(settings).query("run_changes", since=since)


def _run_name(kind: str):
    """Flow-run names that say what a run does: 'pipeline of claimtrack.duckdb at 2026-11-25 09:00'."""
    def name() -> str:
        from prefect.runtime import flow_run
        params = flow_run.parameters or {}
        if kind == "digest":
            return f"digest of {params.get('week') or 'the newest week'}"
        target = Path(params.get("db") or "the default database").name
        feeds = params.get("feeds")
        only = f" ({len(feeds)} feeds named)" if feeds else ""
        return f"{kind} of {target}{only} at {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC"
    return name


def _started() -> datetime:
    """The run's start, to the second (as ingest stamps fetched_at)."""
    return datetime.now(timezone.utc).replace(microsecond=0)


@flow(name="claimtrack-ingest", flow_run_name=_run_name("ingest"), task_runner=ThreadPoolTaskRunner(max_workers=16))
def ingest_flow(config: str | None = None, db: str | None = None, feeds: list[str] | None = None,
                allow_private: bool = False, shard: str | None = None) -> list[dict[str, Any]]:
    """Poll every configured feed (or just `feeds`, even if backing off; or one `shard`, "I/N",
    of them) and store new articles."""
    polls = run_ingest(settings_from(config, db, feeds, allow_private, shard), force=bool(feeds))
    _publish("claimtrack-ingest", run_report("claimtrack ingest", polls=polls), "feeds polled, new articles")
    return polls


@flow(name="claimtrack-extract", flow_run_name=_run_name("extract"))
def extract_flow(config: str | None = None, db: str | None = None, reextract: bool = False) -> dict[str, Any]:
    """Extract claims from articles not yet extracted by the current extractor version."""
    settings, since = settings_from(config, db), _started()
    extracted = run_extract(settings, reextract)
    extracted["outputs"] = after_run_task(settings, since)
    _publish("claimtrack-extract", run_report("claimtrack extract", extracted=extracted,
                                              changes=_run_changes(settings, since)), "claims extracted")
    return extracted


@flow(name="claimtrack-pipeline", flow_run_name=_run_name("pipeline"), task_runner=ThreadPoolTaskRunner(max_workers=16))
def pipeline_flow(config: str | None = None, db: str | None = None, feeds: list[str] | None = None,
                  allow_private: bool = False, site: bool = False) -> dict[str, Any]:
    """Ingest, then extract, then write a digest preview of the newest week, and with `site`
    (the scheduled runs of `serve`) rewrite the claim site."""
    settings, since = settings_from(config, db, feeds, allow_private), _started()
    polls = run_ingest(settings, force=bool(feeds))
    extracted = run_extract(settings, reextract=False)
    outputs = after_run_task(settings, since)
    preview = digest_preview_task(settings, newest_week(_store(settings)), settings.digest.out_dir)
    if site:
        outputs.append(write_site_task(settings))
    _publish("claimtrack-pipeline", run_report("claimtrack pipeline", polls, extracted, _run_changes(settings, since)),
             "feeds polled, new articles, claims, changes")
    return {"polls": polls, "extract": extracted, "digest": preview, "outputs": outputs}


@flow(name="claimtrack-digest", flow_run_name=_run_name("digest"))
def digest_flow(config: str | None = None, db: str | None = None, week: str | None = None,
                out: str | None = None, send: bool = False, resend: bool = False,
                dry_run: bool = False) -> list[str] | list[Delivery]:
    """Render the digest for an ISO week; write its preview (default), write what would be
    sent by email (`dry_run`: .eml, .html, .txt), or send it through every channel that takes
    it (`send`: [digest] recipients, [[channels]] with digest = true). Returns the files
    written, or each target's Delivery (sent, failed or skipped)."""
    settings = settings_from(config, db)
    out_dir = Path(out) if out else settings.digest.out_dir
    if not (send or dry_run):
        return digest_preview_task(settings, week, out_dir)
    if dry_run:
        digest = render_digest(_store(settings), week, site_url=settings.site.base_url,
                               feed_health=settings.digest.feed_health)
        return [str(p) for p in write_dry_run(digest, settings.digest, out_dir)]
    log = get_run_logger()
    report, deliveries = send_week(_store(settings), settings, week, resend=resend, send=_send_by_task)
    for d in deliveries:
        (log.warning if d.status == "failed" else log.info)("digest %s via %s: %s", report.week, d.channel, d.line())
    _publish("claimtrack-digest", f"# Digest {report.week}\n\n{digest_subject(report)}\n\n"
             + "\n".join(f"- {markdown_cell(d.line())}" for d in deliveries) + "\n", "where the digest went")
    return deliveries
