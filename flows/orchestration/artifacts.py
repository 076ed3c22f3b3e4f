"""What a run found, as the Markdown artifact Prefect shows on the run's page: feeds polled and
failing, new articles, new and changed claims, changes of tracked figures. Names, errors and
claim keys are untrusted: each cell goes through for_markdown, so Prefect renders it as written."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from claimtrack.flows.formatting import format_value
from claimtrack.flows.untrusted import for_markdown


def _cell(text: Any) -> str:
    """A table cell or list item of the artifact, shown as written; an absent value is an empty cell."""
    return for_markdown(text)


def ingest_section(polls: Sequence[dict[str, Any]]) -> list[str]:
    failing = [p for p in polls if p["status"] == "error"]
    new = sum(p["new_articles"] for p in polls)
    updated = sum(p.get("updated", 0) for p in polls)
    lines = [f"## Feeds: {len(polls)} polled, {len(failing)} failing, {new} new articles, {updated} updated", ""]
    if polls:
        lines += ["| feed | status | new articles | updated | error |", "| --- | --- | ---: | ---: | --- |"]
        lines += [f"| {_cell(p['name'] or p['feed'])} | {p['status']} | {p['new_articles']} | {p.get('updated', 0)} "
                  f"| {_cell(p['error'])} |" for p in polls]
    page_errors = [(p["name"] or p["feed"], e) for p in polls for e in p["page_errors"]]
    if page_errors:
        lines += ["", "Articles skipped:", ""] + [f"- {_cell(name)}: {_cell(e)}" for name, e in page_errors]
    return lines


def extract_section(extracted: dict[str, Any], changes: Sequence[dict[str, Any]]) -> list[str]:
    lines = [f"## Claims: {extracted['articles']} articles extracted, {extracted['claims']} claims "
             f"({extracted['added']} added, {extracted['removed']} removed, {extracted['changed']} changed values)", "",
             f"Extractor `{extracted['version']}`."]
    if extracted["failed"]:
        lines += ["", "Extraction failed for:", ""] + [f"- {_cell(f)}" for f in extracted["failed"]]
    lines += ["", f"## Changes of tracked figures first reported in this run: {len(changes)}", ""]
    if changes:
        lines += ["| claim | from | to | first reported by | when |", "| --- | --- | --- | --- | --- |"]
        lines += [f"| {_cell(c['claim_key'])} | {format_value(c['previous_value'], c['unit'])} | "
                  f"{format_value(c['new_value'], c['unit'])} | {_cell(c['first_outlet'])} | "
                  f"{c['changed_at']:%Y-%m-%d %H:%M} |" for c in changes]
    return lines


def run_report(title: str, polls: Sequence[dict[str, Any]] | None = None, extracted: dict[str, Any] | None = None,
               changes: Sequence[dict[str, Any]] = ()) -> str:
    """The Markdown of one run's artifact; sections for the stages the run had."""
    lines = [f"# {title}", ""]
    if polls is not None:
        lines += ingest_section(polls) + [""]
    if extracted is not None:
        lines += extract_section(extracted, changes)
    return "\n".join(lines).rstrip() + "\n"
