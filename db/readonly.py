"""`claimtrack sql`: a user's query against the database, read-only.

Two guards, so that one mistake in either is not enough: statements are parsed by DuckDB
itself and only queries (SELECT, including WITH, FROM-first, DESCRIBE, SHOW, SUMMARIZE, and
EXPLAIN of those) are let through; and the query runs on a read-only connection that can
reach no file, extension or other database, with its configuration locked.
"""
from __future__ import annotations

import re
from typing import Any

import duckdb

from db.store import Store, run
from flows.errors import ClaimtrackError


class QueryRefused(ClaimtrackError):
    """A statement given to `claimtrack sql` would write, attach, install or copy out."""


_EXPLAIN = re.compile(r"^\s*EXPLAIN\s+(?:ANALYZE\s+)?", re.IGNORECASE)
_ALLOWED = {duckdb.StatementType.SELECT}


def check_read_only(query: str) -> list[str]:
    """The statements of `query`, if every one is a read; else QueryRefused naming the first
    that is not."""
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise QueryRefused(f"not valid SQL: {exc}") from exc
    if not statements:
        raise QueryRefused("no SQL statement given")
    texts = []
    for st in statements:
        text = st.query
        kind = st.type
        if kind == duckdb.StatementType.EXPLAIN:
            inner = duckdb.extract_statements(_EXPLAIN.sub("", text, count=1))
            kind = inner[0].type if len(inner) == 1 else kind
        if kind not in _ALLOWED:
            name = str(kind).rsplit(".", 1)[-1]
            raise QueryRefused(f"claimtrack sql is read-only: {name} statements are refused "
                               f"({text.strip()[:60]!r}); use SELECT, DESCRIBE, SHOW or SUMMARIZE")
        texts.append(text)
    return texts


def run_read_only(store: Store, query: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Columns and rows of the last statement of `query`, run under both guards."""
    statements = check_read_only(query)
    with store.read(sandboxed=True) as con:
        try:
            for text in statements[:-1]:
                run(con, text)
            cur = con.execute(statements[-1])
            rows = cur.fetchall()
        except duckdb.PermissionException as exc:
            raise QueryRefused(f"claimtrack sql is read-only: {exc}") from exc
        except duckdb.Error as exc:
            raise QueryRefused(f"query failed: {exc}") from exc
        return [d[0] for d in cur.description], rows
