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


EVERY_TYPE = r"""SELECT 1.5 AS dec, 123456789012345678901234567.125::DECIMAL(38,3) AS big, 'nan'::DOUBLE AS nan,
    '-inf'::FLOAT AS neg_inf, '\x01\xFF'::BLOB AS blob, INTERVAL '1 month 2 hours' AS iv,
    -INTERVAL '90 minutes' AS neg_iv, INTERVAL '1.5 seconds' AS frac_iv, INTERVAL 0 DAY AS zero_iv,
    '6f1c2b8e-2c1d-4c7e-9a51-0e0c3f1b7d2a'::UUID AS id, DATE '2025-10-28' AS day, TIME '10:15:30' AS at,
    TIMESTAMP '2025-10-28 10:15:30.5' AS ts, [1.50::DECIMAL(4,2), NULL] AS decs, {'v': 'nan'::DOUBLE} AS st,
    MAP {DATE '2025-01-01': 2} AS m, 123456789012345678901234567890::HUGEINT AS huge, [1, 2]::INTEGER[2] AS arr,
    'a'::ENUM('a', 'b') AS e, '101'::BITSTRING AS bits, 'tab' || chr(9) || 'here' AS s"""


def test_sql_json_writes_every_duckdb_type_as_json(tmp_path):
    from decimal import Decimal
    import json
    result = CliRunner().invoke(app, ["sql", EVERY_TYPE, "--json", "--db", str(tmp_path / "t.duckdb")])
    assert result.exit_code == 0, result.output
    (line,) = result.output.splitlines()
    row = json.loads(line, parse_float=Decimal, parse_constant=lambda c: pytest.fail(f"not JSON: {c}"))
    assert row == {
        "dec": Decimal("1.5"), "big": Decimal("123456789012345678901234567.125"), "nan": None, "neg_inf": None,
        "blob": "Af8=", "iv": "P30DT2H", "neg_iv": "-PT1H30M", "frac_iv": "PT1.5S", "zero_iv": "PT0S",
        "id": "6f1c2b8e-2c1d-4c7e-9a51-0e0c3f1b7d2a", "day": "2025-10-28", "at": "10:15:30",
        "ts": "2025-10-28T10:15:30.500000", "decs": [Decimal("1.50"), None], "st": {"v": None},
        "m": {"2025-01-01": 2}, "huge": 123456789012345678901234567890, "arr": [1, 2], "e": "a", "bits": "101",
        "s": "tab\there"}
