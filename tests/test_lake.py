"""The store on DuckLake (`[storage] url`), with its catalog in SQLite and in a real PostgreSQL
started for the session (tests/pg.py; skipped, saying why, where PostgreSQL is not installed):
the demo gives the rows it gives on a file; the tables are the file's without constraints, and
what the constraints did (one row per key) holds; `claimtrack sql` stays read-only and reads
older snapshots with --at; a reader does not wait for a writer; a killed writer leaves nothing."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from claimtrack.db.readonly import QueryRefused, run_read_only
from claimtrack.errors import ConfigError, StoreError
from claimtrack.flows.settings import load_settings
from claimtrack.flows.terminal.cli import app
from conftest import fill_demo, write_config

runner = CliRunner()

# What must be equal on both backends: stable columns (no fetch or extraction times, nor the last
# poll's status: a second worker's poll of a feed is a 304).
COMPARED = {
    "feeds": "SELECT feed_id, url, name, entries_seen FROM feeds ORDER BY ALL",
    "articles": """SELECT article_id, feed_id, canonical_url, guid, title, outlet, published_at, text,
                          content_hash, duplicate_of FROM articles ORDER BY ALL""",
    "claims": """SELECT claim_id, article_id, claim_key, value, unit, sentence, start_char, end_char,
                        extractor_version FROM claims ORDER BY ALL""",
    "metrics": "SELECT * FROM metrics ORDER BY ALL",
    "claim_values": "SELECT * FROM claim_values ORDER BY ALL",
    "claim_changes": "SELECT * FROM claim_changes ORDER BY ALL",
    "stale_claims": "SELECT * FROM stale_claims ORDER BY ALL",
    "claim_conflicts": "SELECT * FROM claim_conflicts ORDER BY ALL",
}


def _rows(store, statement: str) -> list[tuple]:
    with store.read() as con:
        return con.execute(statement).fetchall()


def _everything(store) -> dict[str, list[tuple]]:
    return {name: _rows(store, statement) for name, statement in COMPARED.items()}


# The longer tests run on one catalog each (make test stays under 10 minutes): the demo on
# PostgreSQL, the catalog of several machines; the keys on SQLite. The rest run on both.
@pytest.mark.parametrize("lake_storage", ["postgres"], indirect=True)
def test_the_demo_on_a_lake_holds_what_it_holds_in_a_file(lake_storage, demo_db, extractor, tmp_path):
    on_file = _everything(demo_db.storage.store())
    settings = fill_demo(tmp_path / "run", extractor, storage=lake_storage)
    store = settings.storage.store()
    assert store.lake is not None and not settings.storage.db.exists()     # nothing went to a file
    assert all(on_file[name] for name in ("articles", "claims", "claim_changes"))
    assert _everything(store) == on_file
    # what reads the store reads the lake as it reads the file: the digest, the export, the site
    from claimtrack.db.export import export_parquet
    from claimtrack.flows.outputs.digest import render_digest
    from claimtrack.flows.outputs.site import write_site
    file_store = demo_db.storage.store()
    assert render_digest(store, "2025-W44").text == render_digest(file_store, "2025-W44").text
    assert [(e.name, e.rows) for e in export_parquet(store, tmp_path / "lake-export")] == \
        [(e.name, e.rows) for e in export_parquet(file_store, tmp_path / "file-export")]
    site = {p.relative_to(tmp_path / "lake-site"): p.read_bytes() for p in _files(write_site(store, tmp_path / "lake-site"))}
    assert site and site == {p.relative_to(tmp_path / "file-site"): p.read_bytes()
                             for p in _files(write_site(file_store, tmp_path / "file-site"))}


def _files(site) -> list[Path]:
    return [p for p in Path(site.out_dir).rglob("*") if p.is_file()]


def test_the_lake_has_the_files_tables_and_columns_and_no_constraints(lake_storage, demo_db, tmp_path):
    columns = """SELECT schema_name, table_name, column_name, data_type, is_nullable,
                        -- DuckLake says 'NULL' for no default, and quotes a constant one
                        replace(coalesce(column_default, 'NULL'), chr(39), ''), comment
                 FROM duckdb_columns() WHERE database_name = current_database() AND table_name NOT IN
                 (SELECT view_name FROM duckdb_views()) ORDER BY ALL"""
    constraints = """SELECT constraint_type FROM duckdb_constraints()
                     WHERE database_name = current_database() AND constraint_type <> 'NOT NULL'"""
    lake = load_settings(write_config(tmp_path, [], storage=lake_storage)).storage.store()
    file = demo_db.storage.store()
    assert _rows(lake, columns) == _rows(file, columns)
    assert _rows(lake, "SELECT version FROM internal.schema_migrations ORDER BY 1") == \
        _rows(file, "SELECT version FROM internal.schema_migrations ORDER BY 1")
    views = "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal ORDER BY ALL"
    assert _rows(lake, views) == _rows(file, views)
    assert _rows(file, constraints) and not _rows(lake, constraints)
    assert _rows(lake, "SELECT turn FROM internal.write_turn") == [(1,)]    # the tracking rebuild's write


@pytest.mark.parametrize("lake_storage", ["sqlite"], indirect=True)
def test_what_the_keys_did_the_writes_do_on_a_lake(lake_storage, extractor, tmp_path):
    """No primary key on a lake: a second run over the same feeds, the same polls recorded
    again and the same claims stored again still leave one row per key."""
    settings = fill_demo(tmp_path / "a", extractor, storage=lake_storage)
    store = settings.storage.store()
    before = _everything(store)
    again = fill_demo(tmp_path / "a", extractor, storage=lake_storage)          # feeds polled again
    from claimtrack.flows.extraction.extract import extract_batch
    ids = [r[0] for r in _rows(store, "SELECT article_id FROM articles")]
    extract_batch(again.storage.store(), extractor, ids)                        # every article again
    assert _everything(store) == before
    for table, key in (("feeds", "feed_id"), ("articles", "article_id"), ("claims", "claim_id"),
                       ("metrics", "metric"), ("extractions", "article_id")):
        assert _rows(store, f"SELECT count(*) - count(DISTINCT {key}) FROM {table}") == [(0,)], table


def test_sql_on_a_lake_is_read_only_and_reads_older_snapshots(lake_storage, tmp_path):
    config = write_config(tmp_path, [], storage=lake_storage)
    store = load_settings(config).storage.store()
    with store.write() as con:
        con.execute("INSERT INTO feeds (feed_id, url) VALUES ('one', 'https://one.example/feed')")
    (snapshot,) = _rows(store, f"SELECT max(snapshot_id) FROM {store.lake and 'lake'}.snapshots()")[0]
    with store.write() as con:
        con.execute("INSERT INTO feeds (feed_id, url) VALUES ('two', 'https://two.example/feed')")

    count = ["sql", "SELECT count(*) AS n FROM feeds", "--json", "--config", str(config)]
    assert '"n": 2' in runner.invoke(app, count).output
    old = runner.invoke(app, [*count, "--at", str(snapshot)])
    assert old.exit_code == 0 and '"n": 1' in old.output, old.output
    settings = load_settings(config)
    for query in ("SELECT * FROM read_csv('/etc/passwd')", f"SELECT * FROM read_text('{config}')",
                  "INSERT INTO feeds (feed_id, url) VALUES ('x', 'y')"):
        with pytest.raises(QueryRefused):
            run_read_only(store, query, settings.sql)
    assert _rows(store, "SELECT count(*) FROM feeds") == [(2,)]


def test_an_older_snapshot_needs_a_lake(demo_db):
    result = runner.invoke(app, ["sql", "SELECT 1", "--at", "1", "--config", str(demo_db.config_path)])
    assert isinstance(result.exception, StoreError) and "needs a DuckLake" in str(result.exception)


_WRITER = """
import sys
from claimtrack.flows.settings import load_settings
store = load_settings(__import__("pathlib").Path({config!r})).storage.store()
with store.write() as con:
    con.execute("INSERT INTO feeds (feed_id, url) SELECT 'f' || range, 'https://f' || range || '.example/' "
                "FROM range(50000)")
    print("holding", flush=True)
    sys.stdin.readline()
print("committed", flush=True)
"""


def _writer(config: Path) -> subprocess.Popen:
    """Another process in the middle of a write of 50,000 rows, until told to commit (a line on
    its stdin)."""
    writer = subprocess.Popen([sys.executable, "-c", textwrap.dedent(_WRITER.format(config=str(config)))],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "holding"
    return writer


def test_readers_do_not_wait_for_a_writer_and_see_its_rows_once_committed(lake_storage, tmp_path):
    config = write_config(tmp_path, [], storage={**lake_storage, "lock_wait_seconds": 0})
    store = load_settings(config).storage.store()
    store.counts()                                          # made before the writer starts
    writer = _writer(config)
    try:
        for command in (["sql", "SELECT count(*) AS n FROM feeds", "--json"], ["claims", "--json"]):
            result = runner.invoke(app, [*command, "--config", str(config)])
            assert result.exit_code == 0, result.output
        history = runner.invoke(app, ["history", "?|x|", "--config", str(config)])    # read, and found none
        assert str(history.exception).startswith("history: no tracked figure matches"), history.output
        assert _rows(store, "SELECT count(*) FROM feeds") == [(0,)]
        writer.stdin.write("commit\n")
        writer.stdin.flush()
        assert writer.stdout.readline().strip() == "committed"
    finally:
        writer.kill() if writer.poll() is None else None
        writer.wait()
    assert _rows(store, "SELECT count(*) FROM feeds") == [(50000,)]


def test_a_writer_killed_mid_write_leaves_no_snapshot_and_no_rows(lake_storage, tmp_path):
    config = write_config(tmp_path, [], storage=lake_storage)
    store = load_settings(config).storage.store()
    store.counts()
    snapshots = "SELECT count(*) FROM lake.snapshots()"
    before = _rows(store, snapshots)
    writer = _writer(config)
    writer.kill()
    writer.wait()
    assert _rows(store, "SELECT count(*) FROM feeds") == [(0,)]
    assert _rows(store, snapshots) == before


@pytest.mark.parametrize("storage, problem", [
    ({"url": "postgres://db.example/claimtrack", "data_path": "/tmp/x"}, "must start with 'ducklake:'"),
    ({"url": "ducklake:mysql:db=x", "data_path": "/tmp/x"}, "must name the catalog"),
    ({"url": "ducklake:sqlite:/tmp/x.sqlite"}, "data_path must name the folder"),
])
def test_a_wrong_lake_setting_is_one_error_naming_it(storage, problem, tmp_path):
    with pytest.raises(ConfigError, match=problem):
        load_settings(write_config(tmp_path, [], storage=storage))


def test_a_lake_that_cannot_be_reached_is_one_error_naming_it(tmp_path):
    url = f"ducklake:postgres:dbname=none host={tmp_path} user=nobody"      # no server on that socket
    store = load_settings(write_config(tmp_path, [], storage={"url": url, "data_path": str(tmp_path)})).storage.store()
    with pytest.raises(StoreError, match="cannot attach the DuckLake") as caught:
        store.counts()
    assert str(caught.value).startswith(url) and "\n" not in str(caught.value)
    assert duckdb.__version__ in ("1.5.5",)      # the extensions' wheels are built for exactly this one


def test_shards_split_the_feeds_between_ingest_workers_with_none_left_out(tmp_path):
    urls = [f"https://outlet{n}.example/feed" for n in range(40)]
    settings = load_settings(write_config(tmp_path, urls))
    shares = [{f.url for f in settings.shard(f"{i}/3").feeds} for i in (1, 2, 3)]
    assert set().union(*shares) == set(urls) and sum(map(len, shares)) == len(urls)
    assert all(shares) and {f.url for f in settings.shard("1/1").feeds} == set(urls)
    for wrong in ("0/3", "4/3", "1/0", "half", "1-3"):
        with pytest.raises(ConfigError, match="give it as I/N"):
            settings.shard(wrong)


@pytest.mark.parametrize("lake_storage", ["sqlite"], indirect=True)
def test_a_lake_made_before_a_migration_gets_it_statement_by_statement(lake_storage, tmp_path, monkeypatch):
    """Migrations newer than the lake (here 015 and 016, on a lake made at 014) are replayed on it:
    columns added, new tables made without constraints, rows and comments written, versions recorded."""
    from claimtrack.db import lake as ducklake
    from claimtrack.db import migrate as migrating
    from claimtrack.db import sql
    every = sql.migrations()
    settings = load_settings(write_config(tmp_path, [], storage=lake_storage))
    monkeypatch.setattr(migrating.sql, "migrations", lambda: every[:14])
    monkeypatch.setattr(migrating, "_lake_views", lambda con, ref: None)   # today's views need today's columns
    con = ducklake.connect(settings.storage.lake(), read_only=False)
    try:
        migrating.migrate(con, lake=True)
        assert con.execute("SELECT max(version) FROM internal.schema_migrations").fetchall() == [(14,)]
    finally:
        con.close()
    monkeypatch.undo()
    store = settings.storage.store()
    assert _rows(store, "SELECT max(version), count(*) FROM internal.schema_migrations") == [(16, 16)]
    assert _rows(store, "SELECT count(*) FROM article_versions") == [(0,)]              # 015's table
    assert _rows(store, """SELECT count(*) FROM duckdb_columns()
                           WHERE table_name = 'articles' AND column_name IN ('version', 'updated_at', 'entry_hash')""") == [(3,)]
    assert _rows(store, "SELECT turn FROM internal.write_turn") == [(1,)]      # its row, bumped by one write
    assert _rows(store, """SELECT comment FROM duckdb_tables() WHERE table_name = 'write_turn'""")[0][0]
