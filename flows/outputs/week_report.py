"""The week's report as data: what the digest's queries return for one ISO week, with no
formatting, so every renderer (HTML and text for email, Markdown for chat) and every channel
works from the same facts. flows/outputs/digest.py renders it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from claimtrack.db.store import Store
from claimtrack.errors import DigestError

CHARTS = 3                  # changed claims whose history the report carries (for charts), biggest first

Rows = tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class WeekReport:
    """One ISO week's findings, as the views give them (values unformatted, times as datetimes)."""
    week: str                       # "2025-W44"
    monday: date
    changes: Rows                   # typed keys whose value changed, biggest change first
    open_changes: Rows              # open keys (figures no claim type names) two or more outlets reported
    new_keys: Rows
    conflicts: Rows
    stale: Rows
    reported: Rows
    plans: Rows
    risks: Rows
    failing: Rows                   # feeds failing now (empty unless feed_health)
    labels: dict[str, dict[str, Any]] = field(default_factory=dict)    # metric -> label, preposition
    site_url: str = ""              # where the claim site is published ([site] base_url), "" if nowhere
    # claim key -> (its reports, its current-value line) for the CHARTS biggest changes
    series: dict[str, tuple[list[dict[str, Any]], list[tuple[datetime, float]]]] = field(default_factory=dict)
    feed_health: bool = False       # the operator's copy ([digest] feed_health): failing feeds are shown

    @property
    def sunday(self) -> date:
        """The week's last day (it runs Monday to Sunday, UTC)."""
        return self.monday + timedelta(days=6)


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


_FILE_URL = re.compile(r"file:[^\s'\"()<>]+", re.IGNORECASE)


def _file_name(url: str) -> str:
    return PurePath(url2pathname(urlsplit(url).path)).name or "a local file"


def shareable_failure(row: dict[str, Any]) -> dict[str, Any]:
    """A failing feed as a digest may show it: a local file (a path on this machine) is named by
    its file name only, in the feed's name, its URL and its error."""
    def scrub(text: Any) -> Any:
        if not isinstance(text, str):
            return text
        if row["url"][:5].lower() == "file:":
            path = url2pathname(urlsplit(row["url"]).path)
            text = text.replace(row["url"], _file_name(row["url"])).replace(path, PurePath(path).name)
        return _FILE_URL.sub(lambda m: _file_name(m[0]), text)
    return {**row, "feed": scrub(row["feed"]), "url": scrub(row["url"]), "last_error": scrub(row["last_error"])}


def gather_report(store: Store, week: str | None = None, today: date | None = None,
                  site_url: str = "", feed_health: bool = False) -> WeekReport:
    """The report of `week`, by default the last full week before `today` (UTC): the digest's
    named queries over the tracking views (the store brings them up to date first), the
    metrics' labels, and `site_url`, where the claim site is published, for links to it.
    Failing feeds are the operator's business: only with `feed_health`, and without local paths."""
    from claimtrack.flows.outputs.history import key_series
    monday = parse_week(week or last_full_week(today or datetime.now(timezone.utc).date()))
    iso = monday.isocalendar()
    start = datetime.combine(monday, datetime.min.time(), tzinfo=timezone.utc)
    params = {"week_start": start, "week_end": start + timedelta(days=7)}
    sections = {name: tuple(store.query(f"digest_{name}", **params))
                for name in ("changes", "open_changes", "new_keys", "conflicts", "stale", "reported", "plans",
                             "risks")}
    series = {c["claim_key"]: key_series(store, c["claim_key"]) for c in sections["changes"][:CHARTS]}
    failing = tuple(shareable_failure(r) for r in store.query("failing_feeds")) if feed_health else ()
    return WeekReport(week=f"{iso.year}-W{iso.week:02d}", monday=monday, failing=failing, series=series,
                      labels={r["metric"]: r for r in store.query("metric_labels")}, site_url=site_url,
                      feed_health=feed_health, **sections)
