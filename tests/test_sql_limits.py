"""Issue 16, class 4: `claimtrack sql` is bounded. A runaway query is interrupted after
[sql] timeout_seconds and frees the file at once, so a writer waiting for it gets in; DuckDB
works within [sql] memory_limit; at most [sql] max_rows rows are fetched; every refusal and
every DuckDB error is one line naming the statement; queries come from a file or stdin too."""
import json
import os
import subprocess
import sys
import time

import duckdb
import pytest
from typer.testing import CliRunner

from conftest import ROOT
from claimtrack.db.readonly import QueryRefused, run_read_only
from claimtrack.db.store import Store
from claimtrack.flows.terminal.cli import app
from claimtrack.flows.settings import load_settings

RUNAWAY = "SELECT count(*) FROM range(1000000000000) AS a"     # 10^12 rows: hours, unless stopped
runner = CliRunner()


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sql-limits")
    path = folder / "claimtrack.toml"
    path.write_text(f'[storage]\ndb = "{folder / "c.duckdb"}"\ndata_dir = "{folder / "data"}"\nlock_wait_seconds = 10\n\n'
                    '[sql]\ntimeout_seconds = 1\nmemory_limit = "64MB"\nmax_rows = 50\n', encoding="utf-8")
    with Store(folder / "c.duckdb").write():
        pass                                                    # a migrated, empty database
    return path


def _bounded(config):
    """The store and the [sql] bounds the config file sets (1 s, 64MB, 50 rows)."""
    settings = load_settings(config)
    return Store(settings.storage.db, settings.storage.lock_wait_seconds), settings.sql


def _claimtrack(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "from claimtrack.flows.terminal.cli import main; main()", *args], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def test_a_runaway_query_is_stopped_after_the_timeout(config):
    store, limits = _bounded(config)
    started = time.monotonic()
    with pytest.raises(QueryRefused, match=r"^sql: stopped after 1 s \(\[sql\] timeout_seconds\) "
                                           r"\('SELECT count\(\*\) FROM range\(1000000000000\) AS a'\)$"):
        run_read_only(store, RUNAWAY, limits)
    assert time.monotonic() - started < 5
    assert run_read_only(store, "SELECT 42 AS answer", limits) == (["answer"], [(42,)])   # nothing left interrupted


def _held_by_a_reader(path, proc: subprocess.Popen) -> None:
    """Wait until another process holds `path` for reading: a writer is shut out, a reader is not."""
    def writer_shut_out() -> bool:
        try:
            duckdb.connect(str(path)).close()
        except duckdb.IOException:
            return True
        return False

    deadline = time.monotonic() + 60
    while True:
        assert proc.poll() is None, f"sql ended before it ran: {proc.communicate()}"
        assert time.monotonic() < deadline, "the sql process never opened the database"
        if writer_shut_out():
            try:
                duckdb.connect(str(path), read_only=True).close()
            except duckdb.IOException:
                continue                                        # a writer holds it (the tracking refresh)
            if writer_shut_out():
                return
        time.sleep(0.02)


def test_a_scheduled_write_gets_the_file_right_after_a_runaway_query_times_out(config):
    db = load_settings(config).storage.db
    proc = _claimtrack("sql", RUNAWAY, "--config", str(config))
    try:
        _held_by_a_reader(db, proc)
        held = time.monotonic()
        with Store(db, lock_wait_seconds=10).write() as con:    # as a scheduled ingest would
            con.execute("CREATE OR REPLACE TABLE written_after_timeout AS SELECT 1 AS x")
        assert time.monotonic() - held < 4                        # the 1 s timeout, and no more than slack
        _, stderr = proc.communicate(timeout=30)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == 1
    assert stderr.strip().splitlines() == [
        "claimtrack: error: sql: stopped after 1 s ([sql] timeout_seconds) ('SELECT count(*) FROM range(1000000000000) AS a')"]


def test_duckdb_works_within_the_memory_limit(config):
    store, limits = _bounded(config)
    assert run_read_only(store, "SELECT current_setting('memory_limit') AS m", limits) == (["m"], [("61.0 MiB",)])
    with pytest.raises(QueryRefused, match=r"^sql: needs more than the memory limit of 64MB \(\[sql\] memory_limit\) "
                                           r"\('SELECT list\(range\) FROM range\(100000000\)'\)$"):
        run_read_only(store, "SELECT list(range) FROM range(100000000)", limits)
    with pytest.raises(QueryRefused, match="SET statements are refused"):
        run_read_only(store, "SET memory_limit = '100GB'; SELECT 1", limits)


def test_more_rows_than_max_rows_are_refused_not_fetched(config):
    store, limits = _bounded(config)
    assert len(run_read_only(store, "SELECT * FROM range(50)", limits)[1]) == 50
    with pytest.raises(QueryRefused, match=r"^sql: more than 50 rows \(\[sql\] max_rows\); add a LIMIT "
                                           r"\('SELECT \* FROM range\(1000000000\)'\)$"):
        run_read_only(store, "SELECT * FROM range(1000000000)", limits)


@pytest.mark.parametrize("query, what, failing", [
    ("SELECT * FROM nosuch", "query failed: Catalog Error: Table with name nosuch does not exist!", "SELECT * FROM nosuch"),
    ("SELECT nosuch FROM feeds", "query failed: Binder Error: Referenced column", "SELECT nosuch FROM feeds"),
    ("SELECT 'x'::INT", "query failed: Conversion Error: Could not convert string 'x' to INT32", "SELECT 'x'::INT"),
    ("SELEC 1", 'not valid SQL: Parser Error: syntax error at or near "SELEC"', "SELEC 1"),
    ("SELECT 1;\n  SELECT *\n  FROM nosuch", "query failed: Catalog Error", "SELECT * FROM nosuch"),
    ("SELECT INTERVAL 100000000 YEAR", "a value cannot be shown (OverflowError", "SELECT INTERVAL 100000000 YEAR"),
    ("SELECT * FROM read_csv('/etc/passwd')", "read-only: Permission Error: Cannot access file",
     "SELECT * FROM read_csv('/etc/passwd')"),
    ("UPDATE EXTENSIONS", "read-only: statements of a kind claimtrack does not know are refused", "UPDATE EXTENSIONS"),
    ("EXPLAIN UPDATE EXTENSIONS", "read-only: statements of a kind", "EXPLAIN UPDATE EXTENSIONS"),
    ("EXPLAIN (FORMAT json) DELETE FROM claims", "read-only: DELETE statements are refused",
     "EXPLAIN (FORMAT json) DELETE FROM claims"),
])
def test_every_refusal_and_duckdb_error_is_one_line_naming_the_statement(config, query, what, failing):
    store, limits = _bounded(config)
    with pytest.raises(QueryRefused) as caught:
        run_read_only(store, query, limits)
    message = str(caught.value)
    assert message.startswith(f"sql: {what}") and message.endswith(f"({failing!r})"), message
    assert "\n" not in message and "LINE 1" not in message


def test_explain_in_json_is_answered(config):
    store, limits = _bounded(config)
    columns, rows = run_read_only(store, "EXPLAIN (FORMAT json) SELECT count(*) FROM claims", limits)
    assert columns == ["explain_key", "explain_value"] and json.loads(rows[0][1])
    columns, rows = run_read_only(store, "EXPLAIN (ANALYZE, FORMAT json) SELECT 1", limits)
    assert rows[0][0] == "analyzed_plan" and json.loads(rows[0][1])


def test_a_query_from_a_file_or_stdin(config, tmp_path):
    query = tmp_path / "q.sql"
    query.write_text("-- how many feeds\nSELECT count(*) AS n\nFROM feeds;\n", encoding="utf-8")
    for args, stdin in ((["--file", str(query)], None), (["-f", "-"], query.read_text("utf-8")),
                        (["-"], "SELECT count(*) AS n FROM feeds")):
        result = runner.invoke(app, ["sql", *args, "--json", "--config", str(config)], input=stdin)
        assert result.exit_code == 0 and json.loads(result.stdout) == {"n": 0}, (args, result.output)
    latin = tmp_path / "latin.sql"
    latin.write_bytes(b"SELECT 'caf\xe9'")
    for args, problem in ((["--file", str(latin)], f"sql: {latin} is not UTF-8 text"),
                          (["SELECT 1", "--file", str(query)], "sql: give a query or --file, not both"),
                          ([], "sql: no query given"),
                          (["--file", str(tmp_path / "missing.sql")], "sql: cannot read")):
        result = runner.invoke(app, ["sql", *args, "--config", str(config)])
        assert isinstance(result.exception, QueryRefused) and str(result.exception).startswith(problem), args


def test_a_duckdb_error_reaches_the_terminal_as_one_line(config):
    proc = _claimtrack("sql", "SELECT *\nFROM nosuch", "--config", str(config))
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 1
    (line,) = stderr.strip().splitlines()
    assert line.startswith("claimtrack: error: sql: query failed: Catalog Error: Table with name nosuch does not exist!")
    assert line.endswith("('SELECT * FROM nosuch')")
