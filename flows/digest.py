"""The weekly digest: what changed in one ISO week, rendered to HTML and text from templates.

Rendering is a plain function over the database's views; sending (issue 7) will reuse it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from db.store import Store
from flows.errors import DigestError
from flows.formatting import format_value


@dataclass(frozen=True)
class Digest:
    week: str               # "2025-W44"
    subject: str
    html: str
    text: str


def parse_week(week: str) -> date:
    """'2025-W44' -> the Monday of that ISO week."""
    try:
        return datetime.strptime(week + "-1", "%G-W%V-%u").date()
    except ValueError:
        raise DigestError(f"week {week!r} is not an ISO week like 2025-W44") from None


def _env() -> Environment:
    return Environment(loader=PackageLoader("flows", "templates"),
                       autoescape=select_autoescape(["html", "html.j2"]), keep_trailing_newline=True)


def render_digest(store: Store, week: str | None = None) -> Digest:
    """Render the digest for `week`, or for the week of the newest claim when None."""
    store.refresh_tracking()        # claims extracted since the last run ended are tracked too
    if week is None:
        latest = store.query("latest_week")[0]["week_start"]
        monday = latest or (datetime.now(timezone.utc).date() - timedelta(days=7))
    else:
        monday = parse_week(week)
    iso = monday.isocalendar()
    label = f"{iso.year}-W{iso.week:02d}"
    start = datetime.combine(monday, datetime.min.time(), tzinfo=timezone.utc)
    params = {"week_start": start, "week_end": start + timedelta(days=7)}
    changes = store.query("digest_changes", **params)
    for c in changes:
        c["previous_fmt"] = format_value(c["previous_value"], c["unit"])
        c["new_fmt"] = format_value(c["new_value"], c["unit"])
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
    risks = store.query("digest_risks", **params)
    failing = store.query("failing_feeds")
    subject = (f"claimtrack {label}: {len(changes)} changed, {len(new_keys)} new, "
               f"{len(risks)} risk notes")
    context = {"week": label, "week_start": monday, "week_end_incl": monday + timedelta(days=6),
               "changes": changes, "new_keys": new_keys, "conflicts": conflicts, "stale": stale,
               "risks": risks, "failing": failing,
               "subject": subject}
    env = _env()
    return Digest(label, subject, env.get_template("digest.html.j2").render(**context),
                  env.get_template("digest.txt.j2").render(**context))


def write_preview(digest: Digest, out_dir: Path) -> tuple[Path, Path]:
    """Write DIR/<week>.html and DIR/<week>.txt; returns both paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    html, text = out_dir / f"{digest.week}.html", out_dir / f"{digest.week}.txt"
    html.write_text(digest.html, encoding="utf-8")
    text.write_text(digest.text, encoding="utf-8")
    return html, text
