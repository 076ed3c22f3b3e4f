"""The weekly digest: what changed in one ISO week, rendered to HTML and text from templates.

Rendering is a plain function over the database's views; flows/mail.py sends what it renders.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from email.utils import make_msgid

import css_inline
from jinja2 import Environment, PackageLoader, select_autoescape

from db.store import Store
from flows.errors import DigestError
from flows.formatting import basis_note, format_range, format_value
from flows.untrusted import template_finalize


CHARTS = 3                  # changed claims that get a chart, biggest changes first


# Mail clients drop or ignore <style>; rules are copied onto each element, and the block is
# kept for the clients that read it (the phone layout's max-width needs it).
_INLINER = css_inline.CSSInliner(keep_style_tags=True)


@dataclass(frozen=True)
class Digest:
    week: str               # "2025-W44"
    subject: str
    html: str               # CSS inlined; charts referenced as cid:<id>
    text: str
    charts: tuple[tuple[str, bytes], ...] = ()      # (content id, PNG) for each chart in the HTML


def last_full_week(today: date) -> str:
    """The ISO week before the one `today` is in: the week a Monday digest reports on."""
    iso = (today - timedelta(days=7)).isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def newest_week(store: Store) -> str | None:
    """The ISO week of the newest claim (what a preview after a run shows), None if no claims."""
    monday = store.query("latest_week")[0]["week_start"]
    if monday is None:
        return None
    iso = monday.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def parse_week(week: str) -> date:
    """'2025-W44' -> the Monday of that ISO week."""
    try:
        return datetime.strptime(week + "-1", "%G-W%V-%u").date()
    except ValueError:
        raise DigestError(f"week {week!r} is not an ISO week like 2025-W44") from None


def _env() -> Environment:
    """The templates' environment: every expression is cleaned of control characters (finalize),
    then HTML-escaped in the .html templates (autoescape)."""
    env = Environment(loader=PackageLoader("flows", "templates"), finalize=template_finalize,
                      autoescape=select_autoescape(["html", "html.j2"]), keep_trailing_newline=True)
    env.tests["web_url"] = lambda url: isinstance(url, str) and url.lower().startswith(("http://", "https://"))
    return env


def _charts(store: Store, changes: list[dict]) -> tuple[tuple[str, bytes], ...]:
    """A chart for each of the biggest changes; its content id is set on the change."""
    from flows.digest_charts import claim_chart_png
    from flows.history import key_series
    charts = []
    for c in changes[:CHARTS]:
        reports, line = key_series(store, c["claim_key"])
        cid = make_msgid(idstring="chart", domain="claimtrack.local")[1:-1]
        title = f"{c['subject']} · {c['metric']}" + (f" · {c['object']}" if c["object"] else "")
        charts.append((cid, claim_chart_png(title, line, reports, c["unit"])))
        c["chart_cid"] = cid
    return tuple(charts)


def render_digest(store: Store, week: str | None = None, today: date | None = None) -> Digest:
    """Render the digest for `week`, by default the last full week before `today` (UTC)."""
    monday = parse_week(week or last_full_week(today or datetime.now(timezone.utc).date()))
    iso = monday.isocalendar()
    label = f"{iso.year}-W{iso.week:02d}"
    start = datetime.combine(monday, datetime.min.time(), tzinfo=timezone.utc)
    params = {"week_start": start, "week_end": start + timedelta(days=7)}
    changes = store.query("digest_changes", **params)
    for c in changes:
        c["previous_fmt"] = format_value(c["previous_value"], c["unit"])
        c["new_fmt"] = format_value(c["new_value"], c["unit"])
        c["basis_note"] = basis_note(c["as_of_basis"])
    # open claims (figures no claim type names) apart, of keys two or more outlets reported
    open_changes = store.query("digest_open_changes", **params)
    for c in open_changes:
        c["previous_fmt"] = format_range(c["previous_value"], c["unit"], c["previous_low"], c["previous_high"])
        c["new_fmt"] = format_range(c["new_value"], c["unit"], c["new_low"], c["new_high"])
        c["basis_note"] = basis_note(c["as_of_basis"])
    new_keys = store.query("digest_new_keys", **params)
    for c in new_keys:
        c["value_fmt"] = format_value(c["value"], c["unit"])
    conflicts = store.query("digest_conflicts", **params)
    for c in conflicts:
        c["low_fmt"], c["high_fmt"] = format_value(c["low_value"], c["unit"]), format_value(c["high_value"], c["unit"])
    stale = store.query("digest_stale", **params)
    for c in stale:
        c["stale_fmt"], c["current_fmt"] = (format_value(c["stale_value"], c["unit"]),
                                            format_value(c["current_value"], c["unit"]))
    reported = store.query("digest_reported", **params)
    for c in reported:
        c["value_fmt"] = format_value(c["value"], c["unit"])
    plans = store.query("digest_plans", **params)
    for c in plans:
        c["value_fmt"] = format_value(c["value"], c["unit"])
    risks = store.query("digest_risks", **params)
    charts = _charts(store, changes)
    failing = store.query("failing_feeds")
    subject = (f"claimtrack {label}: {len(changes)} changed, {len(new_keys)} new, "
               f"{len(risks)} risk notes")
    context = {"week": label, "week_start": monday, "week_end_incl": monday + timedelta(days=6),
               "changes": changes, "open_changes": open_changes, "new_keys": new_keys,
               "conflicts": conflicts, "stale": stale, "reported": reported, "plans": plans,
               "risks": risks, "failing": failing,
               "subject": subject}
    return Digest(label, subject, *render_documents(context), charts)


def render_documents(context: dict[str, Any]) -> tuple[str, str]:
    """The digest's HTML (CSS inlined) and text from the templates' context."""
    env = _env()
    html = _INLINER.inline(env.get_template("digest.html.j2").render(**context))
    return html, env.get_template("digest.txt.j2").render(**context)


def write_preview(digest: Digest, out_dir: Path) -> tuple[Path, Path]:
    """Write DIR/<week>.html (its charts as DIR/<week>-chart-N.png beside it) and
    DIR/<week>.txt; returns the two documents' paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    html, text = out_dir / f"{digest.week}.html", out_dir / f"{digest.week}.txt"
    page = digest.html
    for n, (cid, png) in enumerate(digest.charts, start=1):
        name = f"{digest.week}-chart-{n}.png"
        (out_dir / name).write_bytes(png)
        page = page.replace(f"cid:{cid}", name)
    html.write_text(page, encoding="utf-8")
    text.write_text(digest.text, encoding="utf-8")
    return html, text
