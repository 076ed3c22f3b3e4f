"""Story versions: a known article read again when its feed entry changes, and kept as a new
version when its text did.

Wire stories and live pages are republished under the same link or GUID as the news develops
("valued at $X" becomes "valued at $Y"). A poll that reads a listing compares each known
entry of the feed with the entry as last seen (`FeedEntry.signature`: title, summary, content
and updated date); a changed entry, or any entry of an article younger than `[ingest]
recheck_days`, is read again (its page with a conditional GET). A text that differs from the
stored one is a new version: `articles` takes it, `article_versions` keeps every version, and
extraction reads each one (its claims carry the version and its date), so a figure that
changed is a change first reported by that outlet at the update. A changed entry whose text did
not change only has its signature stored.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from claimtrack.db.polls import ArticleRecord, ArticleVersion
from claimtrack.flows.kinds import FeedEntry
from claimtrack.flows.settings import IngestSettings


@dataclass(frozen=True)
class Recheck:
    """A known article to read again: its entry now, the stored article as
    db/queries/known_articles.sql gives it, and the entry's new signature."""
    entry: FeedEntry
    stored: dict[str, Any]
    signature: str

    @property
    def validators(self) -> tuple[str | None, str | None]:
        """The stored page's ETag and Last-Modified, for a conditional GET."""
        return self.stored.get("etag"), self.stored.get("last_modified")


def to_recheck(entries: Sequence[tuple[FeedEntry, dict[str, Any]]], feed_id: str, settings: IngestSettings,
               now: datetime) -> tuple[list[Recheck], dict[str, str]]:
    """Of the feed's known entries (entry, the stored article it names, as
    db/queries/known_articles.sql gives it), those to read again (entry changed since last
    seen, or article younger than `recheck_days`), and the new signatures to store without
    reading anything: an article stored before signatures were kept (entry_hash NULL) takes its
    entry as it is now for its baseline. Only this feed's own articles are compared: another
    outlet's entry for the same link is not an update of it."""
    young = timedelta(days=settings.recheck_days)
    out, baselines, seen = [], {}, set()
    for entry, row in entries:
        if row["feed_id"] != feed_id or row["article_id"] in seen:
            continue
        seen.add(row["article_id"])
        signature = entry.signature()
        recent = settings.recheck_days > 0 and now - row["published_at"] < young
        if row["entry_hash"] is None and not recent:
            baselines[row["article_id"]] = signature
        elif row["entry_hash"] != signature or recent:
            out.append(Recheck(entry, row, signature))
    return out[:settings.max_entries_per_poll], baselines     # the rest keep their signature: read next poll


def read_again(checks: tuple[list[Recheck], dict[str, str]],
               read: Callable[[Recheck], tuple[ArticleRecord | None, object]],
               failed: Callable[[Exception, FeedEntry], None], now: datetime) -> tuple[list[ArticleVersion], dict[str, str]]:
    """Read each article of `checks` (from `to_recheck`) again with `read` (the poll's own
    reading of an entry, conditional: None when the page was not modified; with a wall, which
    makes no version); the new versions, and the entry signatures to store. An article that
    cannot be read goes to `failed`, keeps its old signature and is read again next poll."""
    rechecks, hashes = checks
    versions = []
    for check in rechecks:
        try:
            record, wall = read(check)
        except Exception as exc:  # noqa: BLE001 - one entry never stops its feed; the caller records it
            failed(exc, check.entry)
            continue
        version = new_version(check, record, now) if record is not None and wall is None else None
        if version is not None:
            versions.append(version)
        elif check.signature != check.stored["entry_hash"]:
            hashes[check.stored["article_id"]] = check.signature
    return versions, hashes


def new_version(check: Recheck, record: ArticleRecord, now: datetime) -> ArticleVersion | None:
    """The version `record` (the article as read again) makes, or None when its text is the
    stored one. It is dated by the entry's updated date when that is later than the stored
    version's, else by now (when it was seen)."""
    stored, row = check.stored, record.row
    if row["content_hash"] == stored["content_hash"]:
        return None
    updated = check.entry.updated
    dated = updated is not None and updated > (stored["updated_at"] or stored["published_at"]) and updated <= now
    version = {
        "article_id": stored["article_id"], "version": stored["version"] + 1,
        "title": row["title"], "text": row["text"], "text_source": row["text_source"],
        "content_hash": row["content_hash"],
        "published_at": updated if dated else now, "published_source": "feed" if dated else "fetch",
        "seen_at": now,
    }
    raw = {**record.raw, "article_id": stored["article_id"]} if record.raw else None
    return ArticleVersion(version, raw, check.signature, stored["version"])
