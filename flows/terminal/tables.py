"""Rich tables and JSON lines for the CLI: how claims, changes and feeds are shown. Every table is
a TerminalTable, so every title and cell is shown as written (flows/untrusted.py)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from rich.table import Table

from claimtrack.flows.formatting import basis_note, format_value, format_when
from claimtrack.flows.terminal.json_values import to_json
from claimtrack.flows.untrusted import TerminalTable, for_json_line, markdown_cell, styled


def json_lines(rows: Sequence[dict[str, Any]]) -> str:
    """One JSON object per line (JSON Lines) whatever the values' types (flows/terminal/json_values.py:
    decimals as numbers, NaN as null, blobs as base64, times as ISO 8601), no raw control character."""
    return "\n".join(for_json_line(to_json(row)) for row in rows)


def _claim_label(row: dict[str, Any]) -> str:
    obj = f" · {row['object']}" if row.get("object") else ""
    return f"{row['subject'] or '?'} · {row['metric']}{obj}"


def timeline_table(rows: Sequence[dict[str, Any]], title: str) -> Table:
    table = TerminalTable(title=title, title_justify="left", show_lines=False)
    for col in ("claim", "when", "value", "outlet", "source cited", "note"):
        table.add_column(col, overflow="fold")
    last = None
    for r in rows:
        label = _claim_label(r)
        table.add_row(label if label != last else "", format_when(r["as_of"], r.get("as_of_precision")),
                      format_value(r["value"], r["unit"]), r["outlet"], r.get("attributed_to") or "",
                      r.get("note") or "")
        last = label
    return table


def changes_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = TerminalTable(title="How each claim changed (first report of each new value)", title_justify="left")
    for col in ("claim", "from", "to", "change", "first reported by", "when"):
        table.add_column(col, overflow="fold")
    for r in rows:
        change = f"{r['change_pct']:+.1f}%" if r.get("change_pct") is not None else ""
        note = basis_note(r.get("as_of_basis"))
        table.add_row(_claim_label(r), format_value(r["previous_value"], r["unit"]),
                      format_value(r["new_value"], r["unit"]), change, r["first_outlet"],
                      r["changed_at"].strftime("%Y-%m-%d") + (f" ({note})" if note else ""))
    return table


def keys_table(pairs: Sequence[Any]) -> Table:
    """Keys that look like one quantity: `claimtrack keys`."""
    table = TerminalTable(title=f"Keys that look like one quantity ({len(pairs)})", title_justify="left")
    for col in ("key", "looks like", "why", "shared values", "reports", "outlets"):
        table.add_column(col, overflow="fold")
    for p in pairs:
        table.add_row(p.key, p.other, p.why, str(p.shared_values), f"{p.reports} + {p.other_reports}", str(p.outlets))
    return table


def claims_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = TerminalTable(title=f"Claims ({len(rows)})", title_justify="left")
    for col in ("claim", "value", "stance/topic", "date", "outlet", "source", "evidence"):
        table.add_column(col, overflow="fold")
    for r in rows:
        stance = f"{r['stance']} {r['topic']}" if r.get("stance") else (r.get("qualifier") or "")
        table.add_row(_claim_label(r), format_value(r.get("value"), r.get("unit")), stance,
                      r["as_of"].strftime("%Y-%m-%d") if r.get("as_of") else "", r.get("outlet") or "",
                      r.get("attributed_to") or "", (r.get("sentence") or "")[:120])
    return table


def figures_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = TerminalTable(title=f"Figures ({len(rows)})", title_justify="left")
    for col in ("file", "text", "kind", "value", "unit", "qualifier", "earlier value"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["file"], r["text"], r["kind"], format_value(r["value"], r["unit"]), r["unit"], r["qualifier"] or "",
                      "yes" if r["previous"] else "")
    return table


def _when(value: datetime | None) -> str:
    return value.strftime("%m-%d %H:%M") if value else ""


def feeds_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = TerminalTable(title="Feed health (times UTC)", title_justify="left")
    for col in ("feed", "kind", "tags", "last poll", "status", "fails", "next poll", "entries", "newest", "articles",
                "problem"):
        table.add_column(col, overflow="fold")
    for r in rows:
        status = {"not_modified": "unchanged"}.get(r["last_status"], r["last_status"] or "never")
        if r["http_status"]:
            status += f" {r['http_status']}"
        if r["last_status"] == "error":
            status = styled(status, "red")
        elif r.get("quiet"):
            status = styled(f"{status} · quiet (usual gap {r['usual_gap_hours']:g}h)", "yellow")
        problem = r["last_error"] or (f"parser: {r['parse_problem']}" if r.get("parse_problem") else "")
        if r.get("walls"):
            problem = f"walls (30 days): {r['walls']}" + (f"; {problem}" if problem else "")
        entries = str(r["entries_seen"]) + (f" ({r['entries_filtered']} filtered)" if r.get("entries_filtered") else "")
        table.add_row(r["feed"], r.get("kind") or "rss", ", ".join(r.get("tags") or ()), _when(r["last_polled_at"]),
                      status, str(r["consecutive_failures"]), _when(r.get("next_poll_at")), entries,
                      _when(r["newest_entry_at"]), str(r["articles"]), problem[:160])
    return table


class ProgressBars:
    """A rich progress bar per kind of work (feeds polled, articles fetched) for a terminal."""

    LABELS = {"feeds": "feeds polled", "articles": "articles fetched"}

    def __init__(self, console) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
        self.progress = Progress(TextColumn("{task.description:>16}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=console, transient=True)
        self.tasks: dict[str, Any] = {}

    def _task(self, kind: str):
        if kind not in self.tasks:
            self.tasks[kind] = self.progress.add_task(self.LABELS.get(kind, kind), total=0)
        return self.tasks[kind]

    def total(self, kind: str, n: int) -> None:
        task = self._task(kind)
        self.progress.update(task, total=(self.progress.tasks[task].total or 0) + n)

    def advance(self, kind: str, n: int = 1) -> None:
        self.progress.advance(self._task(kind), n)

    def __enter__(self) -> "ProgressBars":
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()


def reextract_table(changes: Sequence[dict[str, Any]], total: int) -> Table:
    """`extract --reextract`: claims whose value differs from the stored extraction."""
    shown = f"{len(changes)} of {total}" if total > len(changes) else str(total)
    table = TerminalTable(title=f"Changed values ({shown})", title_justify="left")
    for col in ("claim", "before", "after", "was extracted by", "sentence"):
        table.add_column(col, overflow="fold")
    for c in changes:
        table.add_row(c["claim_key"].replace("|", " · ").rstrip(" · "), format_value(c["old_value"], c["unit"]),
                      format_value(c["new_value"], c["unit"]), c["old_version"].split("+")[1] if "+" in c["old_version"]
                      else c["old_version"], c["sentence"][:100])
    return table


def rows_table(columns: Sequence[str], rows: Sequence[tuple]) -> Table:
    """Any query's result, as `claimtrack sql` shows it."""
    table = TerminalTable(title=f"{len(rows)} rows", title_justify="left")
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    return table


def markdown_table(columns: Sequence[str], rows: Sequence[tuple]) -> str:
    """Any query's result as a Markdown table (the README's cookbook shows this output)."""
    lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    lines += ["| " + " | ".join(markdown_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def history_table(history) -> Table:
    """One key's reports: date, value, outlet, cited source, what the report was, the sentence."""
    table = TerminalTable(title=f"{history.claim_key.replace('|', ' · ').rstrip(' ·')} ({len(history.reports)} reports)",
                          title_justify="left")
    for col in ("when", "value", "outlet", "source", "note", "evidence"):
        table.add_column(col, overflow="fold")
    styles = {"stale": "yellow", "disputed": "red", "change": "bold", "first": "bold", "history": "dim",
              "planned": "italic", "forecast": "italic"}
    for r in history.reports:
        when = format_when(r["as_of"], r.get("as_of_precision"))
        note = basis_note(r.get("as_of_basis"), r.get("as_of_text"))
        table.add_row(f"{when}\n{note}" if note else when, format_value(r["value"], r["unit"]), r["outlet"],
                      r["attributed_to"] or "", r["note"], r["sentence"][:140], style=styles.get(r["note"]))
    return table


def search_table(hits: Sequence[Any], words: str) -> Table:
    """`claimtrack search`: each article found, best first, with its best sentence and claims."""
    table = TerminalTable(title=f"{len(hits)} articles for {words!r}", title_justify="left")
    for col in ("#", "article", "best sentence", "claims"):
        table.add_column(col, overflow="fold")
    for n, h in enumerate(hits, start=1):
        claims = "\n".join(f"{_claim_label(c)}: {format_value(c.get('value'), c.get('unit'))}" for c in h.claims)
        table.add_row(str(n), f"{h.title}\n{h.outlet} · {h.published_at:%Y-%m-%d}\n{h.url}", h.snippet, claims)
    return table
