"""New files in DuckDB 1.0's storage format; a file in a newer one (DuckDB 1.5's own) is said
once per process and rewritten by `claimtrack db compact` with every row, column, comment and
index, the original kept; a file in use, or written meanwhile, is left as it was. A file in
DuckDB 2's format, which DuckDB 1.5 cannot open, is one error that says how to convert it."""
import base64
import gzip
import hashlib
import logging
import subprocess
import sys
import textwrap

import duckdb
import pytest
from typer.testing import CliRunner

from claimtrack.db import compact as compacting
from claimtrack.db import store as store_module
from claimtrack.db.connection import STORAGE_VERSION, stored_format
from claimtrack.db.store import Store
from claimtrack.errors import StoreError, StoreLockedError
from claimtrack.flows.terminal.cli import app
from test_views import Story

runner = CliRunner()


def _format(path) -> str | None:
    with duckdb.connect(str(path), read_only=True) as con:
        return stored_format(con)


def _contents(path) -> dict[str, str]:
    """Every table of every schema, rows hashed in order; with the catalog's comments."""
    with duckdb.connect(str(path), read_only=True) as con:
        tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables() "
                             "WHERE database_name = current_database() ORDER BY ALL").fetchall()
        out = {f"{s}.{t}": hashlib.sha256(repr(con.execute(f'SELECT * FROM "{s}"."{t}" ORDER BY ALL').fetchall())
                                          .encode()).hexdigest() for s, t in tables}
        out["comments"] = repr(con.execute("SELECT table_name, column_name, comment FROM duckdb_columns() "
                                           "WHERE database_name = current_database() ORDER BY ALL").fetchall())
        out["claim_changes"] = repr(con.execute("SELECT * FROM claim_changes ORDER BY ALL").fetchall())
    return out


def _story(path) -> Story:
    story = Story(path)
    story.report("Ledger", 0, 100e9).report("Wire", 30, 150e9, previous=100e9).report("Daily", 40, 100e9)
    story.save()
    return story


NEWER = "v1.5.0"     # DuckDB 1.5's own format, which DuckDB 1.0 to 1.4 cannot open


def _made_in_a_newer_format(path) -> None:
    """A claimtrack database in DuckDB 1.5's own format, as another DuckDB 1.5 program writes them."""
    duckdb.connect(str(path), config={"storage_compatibility_version": "latest"}).close()
    assert _format(path) == NEWER
    _story(path)


def _late_write(path) -> None:
    with Store(path).write() as con:
        con.execute("INSERT INTO feeds (feed_id, url) VALUES ('late', 'https://late.example/feed')").fetchall()


def test_a_new_file_is_in_duckdb_1_0s_format_and_a_later_write_keeps_it(tmp_path):
    path = tmp_path / "new.duckdb"
    _story(path)
    _late_write(path)
    assert _format(path) == STORAGE_VERSION == "v1.0.0"


def test_a_file_in_a_newer_format_is_said_once_and_compacted_with_everything_in_it(tmp_path, caplog, monkeypatch):
    path = tmp_path / "old.duckdb"
    monkeypatch.setattr(store_module, "_TOLD_FORMAT", set())
    with caplog.at_level(logging.WARNING, logger="claimtrack.store"):
        _made_in_a_newer_format(path)
        Store(path).counts()
    told = [r.getMessage() for r in caplog.records if "claimtrack db compact" in r.getMessage()]
    assert len(told) == 1 and str(path) in told[0] and NEWER in told[0]
    with duckdb.connect(str(path)) as con:      # room left inside the file by dropped rows
        con.execute("CREATE TABLE scratch AS SELECT range AS n, md5(range::VARCHAR) AS h FROM range(300000)")
    _late_write(path)
    with duckdb.connect(str(path)) as con:
        con.execute("DROP TABLE scratch")
        con.execute("CHECKPOINT")
    before, size = _contents(path), path.stat().st_size

    result = runner.invoke(app, ["db", "compact", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "compacted" in result.output and f"was {NEWER}'s" in result.output
    (backup,) = tmp_path.glob("old.before-compact-*.duckdb")
    assert str(backup.name) in result.output.replace("\n", "")
    assert _format(path) == STORAGE_VERSION and _format(backup) == NEWER
    assert _contents(path) == before == _contents(backup)
    assert path.stat().st_size < size / 2       # compaction gives the room back
    assert not list(tmp_path.glob(".*compacting*"))
    with Store(path).read() as con:             # and claimtrack goes on with it
        assert con.execute("SELECT count(*) FROM claim_changes").fetchall() == [(2,)]


# An empty database file as DuckDB 2.0.1 writes it by default (storage format v2.0.0: header
# version 999), gzipped: DuckDB 1.5 cannot write one, and claimtrack's files before stop 25 were so.
_DUCKDB_2_FILE = (
    "H4sIAAAAAAACA+3XsQpBARQGYHKTh7B4gdu9Uhjlmm42JutlNkl5G8lk8A5KHsFq4gXMDDcpRRZl+L7l73ROZzjbWR4G18Vusk+G"
    "3fRcKnxlVg+jMH7fb2XNVhw3xu3o857a4FQM+ullna022/K0UwAAAAB+4ticz6ujpP+oby+ek0EelTx6TgcAAAD+fwAAAOBv3AEq"
    "wlnVADAAAA==")


def test_a_file_written_by_duckdb_2_is_one_error_saying_how_to_convert_it(tmp_path):
    path = tmp_path / "claimtrack.duckdb"
    path.write_bytes(gzip.decompress(base64.b64decode(_DUCKDB_2_FILE)))
    for command in (["claims"], ["sql", "SELECT 1"], ["db", "compact"]):
        result = runner.invoke(app, [*command, "--db", str(path)])
        assert isinstance(result.exception, StoreError), result.output     # main() prints it as one line, exit 1
        said = str(result.exception)
        assert said.startswith(f"{path}: ") and "\n" not in said
        assert "newer DuckDB (2.x)" in said and f"DuckDB {duckdb.__version__} cannot open" in said
        assert "COPY FROM DATABASE old TO new" in said and "STORAGE_VERSION 'v1.0.0'" in said, said
    assert gzip.decompress(base64.b64decode(_DUCKDB_2_FILE)) == path.read_bytes()     # left as it was


def _hold(path, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import duckdb, time
        con = duckdb.connect({str(path)!r})
        print("holding", flush=True)
        time.sleep({seconds})
    """)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"
    return holder


def test_a_file_another_process_holds_is_left_as_it_was(tmp_path):
    path = tmp_path / "held.duckdb"
    _story(path)
    before = path.read_bytes()
    holder = _hold(path, 30)
    try:
        with pytest.raises(StoreLockedError, match=rf"held\.duckdb: in use by PID {holder.pid}"):
            compacting.compact(path)
    finally:
        holder.kill()
        holder.wait()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["held.duckdb"]


def test_a_file_written_between_the_copy_and_the_swap_is_left_as_it_was(tmp_path, monkeypatch):
    """The copy is checked against the file as it was held; a write that slips in after the copy
    (here: made by the test right then) stops the swap."""
    path = tmp_path / "busy.duckdb"
    _story(path)
    copy = compacting._copy

    def copy_then_someone_writes(source, partial):
        was = copy(source, partial)
        _late_write(source)
        return was
    monkeypatch.setattr(compacting, "_copy", copy_then_someone_writes)
    with pytest.raises(StoreLockedError, match="written by another process while it was being compacted"):
        Store(path).compact()
    assert Store(path).counts()["feeds"] == 2           # the late write is there, nothing was swapped
    assert sorted(p.name for p in tmp_path.iterdir()) == ["busy.duckdb"]


def test_a_copy_that_differs_from_the_original_is_refused(tmp_path):
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    for path, rows in ((a, 3), (b, 2)):
        with duckdb.connect(str(path)) as con:
            con.execute(f"CREATE TABLE t AS SELECT range AS n FROM range({rows})")
    with duckdb.connect() as con:
        con.execute(f"ATTACH '{a}' AS a")
        con.execute(f"ATTACH '{b}' AS b")
        with pytest.raises(StoreError, match="copy of main.t holds 2 rows, the original 3"):
            compacting._check(con, "a", "b")
        con.execute("COMMENT ON TABLE b.t IS 'changed'")
        with pytest.raises(StoreError, match="tables differ"):
            compacting._check(con, "a", "b")


def test_compacting_no_file_says_so(tmp_path):
    result = runner.invoke(app, ["db", "compact", "--db", str(tmp_path / "none.duckdb")])
    assert isinstance(result.exception, StoreError)          # main() prints it as one line, exit 1
    assert str(result.exception) == f"{tmp_path / 'none.duckdb'}: no database file to compact"
    assert list(tmp_path.iterdir()) == []


def test_compacting_stores_each_keys_claims_and_tracking_together_and_every_view_reads_the_same(tmp_path):
    """A key's claims arrive over time, among other keys' (here: interleaved); the copy holds them
    in key order (and the tracking tables too), so a scan filtered by key finds them in one place
    (bench/README.md, *Claim store*), and every view gives the rows it gave before."""
    path = tmp_path / "k.duckdb"
    story = Story(path)
    keys = [("Zeta", "valuation", ""), ("Acme", "stake_pct", "Beta"), ("Mid", "valuation", "")]
    for day in range(12):
        key = keys[day % 3]
        story.report(f"Outlet {day % 4}", day * 20, (100 + day // 3 * 10) * (1 if key[1] == "stake_pct" else 1e9),
                     key=key, unit="percent" if key[1] == "stake_pct" else "USD")
    store = story.save()
    views = ("claim_timeline", "claim_values", "claim_changes", "stale_claims", "claim_conflicts")

    def physical(con, table: str) -> list[str]:
        return [r[0] for r in con.execute(f"SELECT claim_key FROM {table} ORDER BY rowid").fetchall()]

    with store.read() as con:
        before = {v: con.execute(f"SELECT * FROM {v} ORDER BY ALL").fetchall() for v in views}
        assert physical(con, "claims") != sorted(physical(con, "claims"))      # as inserted: mixed
    store.compact()
    with store.read() as con:
        for table in ("claims", "internal.tracked_values", "internal.tracked_changes"):
            stored = physical(con, table)
            assert stored == sorted(stored) and len(set(stored)) == 3, table
        assert {v: con.execute(f"SELECT * FROM {v} ORDER BY ALL").fetchall() for v in views} == before
        one = con.execute("SELECT claim_id FROM claim_timeline WHERE claim_key = 'Mid|valuation|' "
                          "ORDER BY as_of").fetchall()
    assert one == [(f"c{n}",) for n in range(2, 12, 3)]
