"""`claimtrack sql` is read-only: every write form is refused, with a clear message, and the
database is unchanged; reads work, including on the views."""
import pytest
from typer.testing import CliRunner

from claimtrack.db.readonly import QueryRefused, check_read_only, run_read_only
from claimtrack.db.store import Store
from claimtrack.flows.terminal.cli import app


@pytest.mark.parametrize("query, kind", [
    ("DELETE FROM claims", "DELETE"),
    ("UPDATE claims SET value = 0", "UPDATE"),
    ("INSERT INTO feeds (feed_id, url) VALUES ('x', 'y')", "INSERT"),
    ("DROP VIEW claim_timeline", "DROP"),
    ("CREATE TABLE evil AS SELECT 1", "CREATE"),
    ("CREATE TEMP TABLE evil AS SELECT 1", "CREATE"),
    ("ALTER TABLE claims ADD COLUMN x INT", "ALTER"),
    ("ATTACH '/tmp/other.duckdb' AS other", "ATTACH"),
    ("DETACH other", "DETACH"),
    ("COPY claims TO '/tmp/claims.csv'", "COPY"),
    ("COPY (SELECT * FROM claims) TO '/tmp/claims.parquet' (FORMAT parquet)", "COPY"),
    ("EXPORT DATABASE '/tmp/dump'", "EXPORT"),
    ("INSTALL httpfs", "LOAD"),
    ("LOAD httpfs", "LOAD"),
    ("SET enable_external_access = true", "SET"),
    ("PRAGMA enable_profiling", "PRAGMA"),
    ("CHECKPOINT", "CALL"),
    ("SELECT 1; DELETE FROM claims", "DELETE"),
    ("EXPLAIN ANALYZE DELETE FROM claims", "DELETE"),
    ("BEGIN TRANSACTION", "TRANSACTION"),
    ("CALL pragma_version()", "CALL"),
])
def test_every_write_form_is_refused_by_name(query, kind):
    with pytest.raises(QueryRefused, match=rf"read-only: ({kind}) statements are refused"):
        check_read_only(query)


def test_reads_pass_the_statement_check():
    for query in ("SELECT 1", "WITH a AS (SELECT 1) SELECT * FROM a", "FROM claims", "DESCRIBE claims",
                  "SHOW TABLES", "SUMMARIZE claims", "EXPLAIN SELECT * FROM claims"):
        assert check_read_only(query)


def test_a_select_cannot_reach_files_or_other_databases_and_the_store_still_works(demo_db):
    store = Store(demo_db.storage.db)
    before = store.counts()
    with pytest.raises(QueryRefused, match="read-only: Permission Error"):
        run_read_only(store, "SELECT * FROM read_csv('/etc/passwd')", demo_db.sql)
    with pytest.raises(QueryRefused, match="query failed: Catalog Error"):
        run_read_only(store, "SELECT * FROM '/etc/hostname'", demo_db.sql)       # not even read as a file
    columns, rows = run_read_only(store, "SELECT metric, count(*) AS n FROM claim_timeline GROUP BY metric ORDER BY metric",
                                  demo_db.sql)
    expected = store.query("claims", subject=None, metric="stake_pct", object=None, outlet=None, since=None)
    assert columns == ["metric", "n"] and dict(rows)["stake_pct"] == len(expected) > 0
    assert store.counts() == before            # and the normal connections are unaffected


def test_sql_command_prints_rows_and_refuses_writes_in_one_line(demo_db):
    runner = CliRunner()
    ok = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM feeds", "--json", "--db", str(demo_db.storage.db)])
    assert ok.exit_code == 0 and '"n": ' in ok.output
    import subprocess
    import sys
    refused = subprocess.run([sys.executable, "-c", "from claimtrack.flows.terminal.cli import main; main()", "sql", "DELETE FROM claims",
                              "--db", str(demo_db.storage.db)], capture_output=True, text=True)
    assert refused.returncode == 1
    assert refused.stderr.strip().startswith("claimtrack: error: sql: read-only: DELETE statements are refused")
