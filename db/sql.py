"""Load the project's SQL files: numbered migrations, one view per file, named queries."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_MIGRATION = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def _files(folder: str) -> dict[str, str]:
    root = resources.files("claimtrack.db").joinpath(folder)
    return {p.name: p.read_text("utf-8") for p in root.iterdir() if p.name.endswith(".sql")}


@cache
def migrations() -> tuple[Migration, ...]:
    """All migrations in version order; a misnamed file or a gap in the numbers is an error."""
    found = []
    for name, sql in _files("migrations").items():
        m = _MIGRATION.match(name)
        if not m:
            raise ValueError(f"db/migrations/{name}: name must be NNN_words.sql")
        found.append(Migration(int(m.group(1)), m.group(2), sql))
    found.sort(key=lambda m: m.version)
    for expected, mig in enumerate(found, start=1):
        if mig.version != expected:
            raise ValueError(f"db/migrations: expected version {expected:03d}, found {mig.version:03d}")
    return tuple(found)


@cache
def views() -> dict[str, str]:
    """View name → its CREATE OR REPLACE VIEW statement (the file is named after the view)."""
    return {name[:-4]: sql for name, sql in sorted(_files("views").items())}


@cache
def query(name: str) -> str:
    """A named query from db/queries/NAME.sql; parameters are bound ($name), never formatted in."""
    try:
        return resources.files("claimtrack.db").joinpath("queries", f"{name}.sql").read_text("utf-8")
    except FileNotFoundError:
        raise KeyError(f"no named query db/queries/{name}.sql") from None


_TRACKING = re.compile(r"^\d{2}_([a-z_]+)\.sql$")


@cache
def tracking() -> tuple[tuple[str, str], ...]:
    """(table, INSERT … SELECT) of each derived tracking table (in schema `internal`), in the
    order they build on each other (db/tracking/NN_TABLE.sql); each binds $all and $keys."""
    found = []
    for name, text in sorted(_files("tracking").items()):
        m = _TRACKING.match(name)
        if not m:
            raise ValueError(f"db/tracking/{name}: name must be NN_table.sql")
        found.append((m.group(1), text))
    return tuple(found)


_NOT_CODE = re.compile(r"'(?:[^']|'')*'|--[^\n]*")


def _mentions(text: str, names: frozenset[str] | set[str]) -> bool:
    """Whether the SQL text names any of these tables or views (as a whole word) in its code:
    not in a -- comment or a string, such as a view's COMMENT ON text naming another view."""
    code = _NOT_CODE.sub(" ", text).lower()
    return any(word in names for word in re.findall(r"[a-z_][a-z0-9_]*", code))


@cache
def tracked_relations() -> frozenset[str]:
    """The derived tracking tables and every view that reads one, directly or through another
    view: what a read must find up to date with the claims."""
    names = {table for table, _ in tracking()}
    grown = True
    while grown:
        grown = False
        for name, text in views().items():
            if name not in names and _mentions(text, names):
                names.add(name)
                grown = True
    return frozenset(names)


@cache
def reads_tracking(name: str) -> bool:
    """Whether the named query reads a tracking table or a view over one, so the store brings
    the tracking up to date before running it."""
    return _mentions(query(name), tracked_relations())


@cache
def tracking_fingerprint() -> str:
    """Changes whenever the tracking SQL does, so stored tracking tables built by older SQL
    are rebuilt on the next write."""
    digest = hashlib.sha1()
    for table, text in tracking():
        digest.update(table.encode() + b"\0" + text.encode())
    return digest.hexdigest()[:12]
