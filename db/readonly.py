"""`claimtrack sql`: a user's query against the database, read-only and bounded.

Two guards, so that one mistake in either is not enough: statements are parsed by DuckDB
itself and only queries (SELECT, including WITH, FROM-first, DESCRIBE, SHOW, SUMMARIZE, and
EXPLAIN of those) are let through; and the query runs on a read-only connection that can
reach no file, extension or other database, with its configuration locked.

Three bounds (`[sql]` settings), so that a runaway query holds neither the machine nor the
file: a timer thread interrupts it after `timeout_seconds` and the connection is closed at
once, so a scheduled run waiting for the file gets it; DuckDB works within `memory_limit`;
and at most `max_rows` rows are fetched into Python. Every refusal and every DuckDB error is
one line, `sql: <what> ('<the statement's first words>')`.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol, TextIO

import duckdb

from claimtrack.db.store import Store
from claimtrack.errors import QueryRefused

MAX_QUERY_CHARS = 1_000_000      # a query file or stdin larger than this is not a query
_EXPLAIN = re.compile(r"^\s*EXPLAIN\s+(?:ANALYZE\s+)?(?:\([^()]*\)\s*)?", re.IGNORECASE)
_ALLOWED = {duckdb.StatementType.SELECT}
_USE = "use SELECT, DESCRIBE, SHOW or SUMMARIZE"


class Limits(Protocol):
    """The bounds a query runs within: the `[sql]` settings (flows/settings.py SqlSettings)."""
    timeout_seconds: float
    memory_limit: str
    max_rows: int


def _head(statement: str) -> str:
    """The statement's first words, on one line, for naming it in an error."""
    words = " ".join(statement.split())
    return words if len(words) <= 60 else words[:60] + "…"


def _one_line(exc: BaseException) -> str:
    """DuckDB's message without the echoed query and its caret line, or its list of hints."""
    first = re.split(r"\n\s*\n|\nLINE \d+:", str(exc).strip(), maxsplit=1)[0]
    return " ".join(first.split())


def _refused(what: str, statement: str) -> QueryRefused:
    return QueryRefused(f"sql: {what} ({_head(statement)!r})")


def _kind(statement: Any) -> duckdb.StatementType | None:
    """The statement's type; None for one DuckDB's Python API has no name for (UPDATE EXTENSIONS:
    DuckDB 2 raises ValueError, DuckDB 1.5 gives a type named '???')."""
    try:
        kind = statement.type
    except ValueError:
        return None
    return kind if str(kind).rsplit(".", 1)[-1].isidentifier() else None


def _explained(text: str) -> duckdb.StatementType | None:
    """The type of the statement an EXPLAIN (ANALYZE, or with options) explains; None if unclear."""
    try:
        inner = duckdb.extract_statements(_EXPLAIN.sub("", text, count=1))
    except duckdb.Error:
        return None
    return _kind(inner[0]) if len(inner) == 1 else None


def check_read_only(query: str) -> list[str]:
    """The statements of `query`, if every one is a read; else QueryRefused naming the first
    that is not."""
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise _refused(f"not valid SQL: {_one_line(exc)}", query) from None
    if not statements:
        raise QueryRefused("sql: no SQL statement given")
    texts = []
    for st in statements:
        text, kind = st.query, _kind(st)
        if kind == duckdb.StatementType.EXPLAIN:
            kind = _explained(text)
        if kind not in _ALLOWED:
            name = f"{str(kind).rsplit('.', 1)[-1]} statements are" if kind else "statements of a kind claimtrack does not know are"
            raise _refused(f"read-only: {name} refused; {_USE}", text)
        texts.append(text)
    return texts


@contextmanager
def _interrupted_after(con: duckdb.DuckDBPyConnection, seconds: float) -> Iterator[threading.Event]:
    """Interrupt whatever `con` runs once `seconds` have passed; the event says it happened.
    The timer is stopped and joined on leaving, before the connection is closed."""
    fired = threading.Event()

    def interrupt() -> None:
        fired.set()
        con.interrupt()

    timer = threading.Timer(seconds, interrupt)
    timer.daemon = True
    timer.start()
    try:
        yield fired
    finally:
        timer.cancel()
        timer.join()


def _failure(exc: Exception, statement: str, limits: Limits, timed_out: bool) -> QueryRefused:
    """One line for a statement that failed, saying which bound stopped it, if one did."""
    if timed_out or isinstance(exc, duckdb.InterruptException):
        return _refused(f"stopped after {limits.timeout_seconds:g} s ([sql] timeout_seconds)", statement)
    if isinstance(exc, duckdb.OutOfMemoryException):
        return _refused(f"needs more than the memory limit of {limits.memory_limit} ([sql] memory_limit)", statement)
    if isinstance(exc, duckdb.PermissionException):
        return _refused(f"read-only: {_one_line(exc)}", statement)
    if isinstance(exc, duckdb.Error):
        return _refused(f"query failed: {_one_line(exc)}", statement)
    return _refused(f"a value cannot be shown ({type(exc).__name__}: {_one_line(exc)}); cast it to VARCHAR", statement)


def run_read_only(store: Store, query: str, limits: Limits,
                  at: int | str | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Columns and rows of the last statement of `query`, run under both guards and within
    `limits` (the settings' `[sql]`); `at`: a DuckLake's older snapshot (an id or a time)."""
    statements = check_read_only(query)
    with store.read(sandboxed=True, limits={"memory_limit": limits.memory_limit}, at=at) as con, \
            _interrupted_after(con, limits.timeout_seconds) as fired:
        for n, text in enumerate(statements, 1):
            last = n == len(statements)
            try:
                cur = con.execute(text)
                rows = cur.fetchmany(limits.max_rows + 1 if last else 1)
                columns = [d[0] for d in cur.description]
            except (duckdb.Error, OverflowError, ValueError) as exc:    # Python cannot hold some values
                raise _failure(exc, text, limits, fired.is_set()) from None
        if len(rows) > limits.max_rows:
            raise _refused(f"more than {limits.max_rows:,} rows ([sql] max_rows); add a LIMIT", statements[-1])
    return columns, rows


def read_query(query: str | None, file: Path | None, stdin: TextIO) -> str:
    """The SQL to run: the argument, the file given with --file, or stdin when either is `-`."""
    if query is not None and file is not None:
        raise QueryRefused("sql: give a query or --file, not both")
    if query is None and file is None:
        raise QueryRefused("sql: no query given (an argument, --file q.sql, or - to read stdin)")
    source = "stdin" if query == "-" or str(file) == "-" else str(file) if file is not None else None
    if source is None:
        return query or ""
    try:
        if source == "stdin":
            text = stdin.read(MAX_QUERY_CHARS + 1)
        else:
            with open(source, encoding="utf-8") as handle:
                text = handle.read(MAX_QUERY_CHARS + 1)
    except UnicodeDecodeError:
        raise QueryRefused(f"sql: {source} is not UTF-8 text") from None
    except OSError as exc:
        raise QueryRefused(f"sql: cannot read {source}: {exc.strerror or exc}") from None
    if len(text) > MAX_QUERY_CHARS:
        raise QueryRefused(f"sql: {source} holds more than {MAX_QUERY_CHARS:,} characters; that is no query")
    return text
