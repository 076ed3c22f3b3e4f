"""The schema explains itself to any DuckDB client: every table, view and column in `main` has a
comment, the tables only claimtrack reads are in schema `internal`, every SQL file names them
there, and the claim key's format is told in its comment and in the README."""
import re

import duckdb

from conftest import ROOT
from claimtrack.db import sql
from claimtrack.db.store import Store

PUBLIC_TABLES = {"feeds", "articles", "article_versions", "fetch_failures", "extractions", "claims", "metrics",
                 "delivery_log", "alert_log"}
INTERNAL_TABLES = {"tracked_values", "tracked_changes", "tracked_stale", "tracked_conflicts", "tracking_dirty",
                   "tracking_state", "article_raw", "article_bands", "article_signatures", "schema_migrations",
                   "search_docs", "search_terms",   # the word index of `claimtrack search` (012)
                   "write_turn"}                    # what writers on a DuckLake take turns on (016)
HERE = "database_name = current_database()"


def _fresh(tmp_path) -> Store:
    store = Store(tmp_path / "a.duckdb")
    store.counts()                          # created and migrated
    return store


def test_every_public_table_view_and_column_has_a_comment(tmp_path):
    with _fresh(tmp_path).read() as con:
        relations = con.execute(f"""SELECT table_name, comment FROM duckdb_tables() WHERE {HERE} AND schema_name = 'main'
                                    UNION ALL
                                    SELECT view_name, comment FROM duckdb_views()
                                    WHERE {HERE} AND schema_name = 'main' AND NOT internal""").fetchall()
        columns = con.execute(f"""SELECT table_name || '.' || column_name, comment FROM duckdb_columns()
                                  WHERE {HERE} AND schema_name = 'main'""").fetchall()
    assert {name for name, _ in relations} == PUBLIC_TABLES | set(sql.views())
    assert len(columns) > 250
    assert [name for name, comment in relations if not (comment or "").strip()] == []
    assert [name for name, comment in columns if not (comment or "").strip()] == []


def test_no_internal_table_sits_in_main(tmp_path):
    with _fresh(tmp_path).read() as con:
        tables = con.execute(f"SELECT schema_name, table_name FROM duckdb_tables() WHERE {HERE}").fetchall()
    assert {t for s, t in tables if s == "main"} == PUBLIC_TABLES
    assert {t for s, t in tables if s == "internal"} == INTERNAL_TABLES
    assert {s for s, _ in tables} == {"main", "internal"}


def test_the_claim_key_format_is_in_its_comment_and_the_readme(tmp_path):
    with _fresh(tmp_path).read() as con:
        comments = dict(con.execute(f"""SELECT table_name, comment FROM duckdb_columns()
                                        WHERE {HERE} AND schema_name = 'main' AND column_name = 'claim_key'""").fetchall())
    assert {"claims", "claim_timeline", "claim_changes"} <= comments.keys()
    for table in ("claims", *sql.views()):
        if table in comments and table != "alert_log":
            assert "subject|metric|object" in comments[table] and "?|risk_warning|" in comments[table], table
    readme = (ROOT / "README.md").read_text("utf-8")
    key = re.search(r"\*\*The claim key\*\*.*?\n\n", readme, re.S)
    assert key and "`subject|metric|object`" in key.group(0) and "`?|risk_warning|`" in key.group(0)


_CODE = re.compile(r"'(?:[^']|'')*'|--[^\n]*")


def test_every_sql_file_names_the_internal_tables_by_their_schema():
    """A query naming `tracking_dirty` unqualified would fail only when it runs; this finds it
    in any file under db/ (comments and strings aside)."""
    unqualified = re.compile(r"(?<![\w.])(" + "|".join(sorted(INTERNAL_TABLES)) + r")\b")
    wrong = []
    for path in sorted((ROOT / "db").glob("*/*.sql")):
        if path.parent.name == "migrations":
            continue                        # they made the tables where the schema was then
        code = _CODE.sub(" ", path.read_text("utf-8"))
        wrong += [f"{path.parent.name}/{path.name}: {m.group(1)}" for m in unqualified.finditer(code)]
    assert wrong == []


def _database_at(path, version: int) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
    for mig in sql.migrations()[:version]:
        con.execute(mig.sql)
        con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [mig.version, mig.name])
    return con


def test_a_database_from_before_the_internal_schema_keeps_every_row_of_the_tables_it_moves(tmp_path):
    """A file at migration 009 has its internal tables in `main`, with rows: after the upgrade
    they are in `internal` with the same rows, the old ones are gone, and the views read them."""
    path = tmp_path / "v9.duckdb"
    con = _database_at(path, 9)
    con.execute("INSERT INTO feeds (feed_id, url) VALUES ('f', 'http://a/feed')")
    con.execute("""INSERT INTO articles (article_id, feed_id, url, canonical_url, title, outlet, published_at,
                   published_source, fetched_at, text, text_source, content_hash)
                   VALUES ('a', 'f', 'http://a/1', 'http://a/1', 't', 'o', now(), 'feed', now(), 'text', 'feed', 'h')""")
    con.execute("INSERT INTO article_raw VALUES ('a', 'page', 'http://a/1', 'text/html', 'zlib', 4, '\\x78\\x9c'::BLOB)")
    con.execute("INSERT INTO article_bands VALUES (42, 'a'), (43, 'a')")
    con.execute("INSERT INTO article_signatures VALUES ('a', [1, 2, 3])")
    con.execute("INSERT INTO tracking_dirty VALUES ('Acme|valuation|'), ('Acme|valuation|')")
    con.execute("INSERT INTO tracking_state VALUES ('0123456789ab', now())")
    con.execute("""INSERT INTO tracked_changes (claim_key, metric, new_value, first_outlet, first_url, changed_at,
                   outlets, reports, explicit, value_group, as_of_basis, key_kind)
                   VALUES ('Acme|valuation|', 'valuation', 5, 'o', 'http://a/1', now(), 1, 1, false, 1, 'published', 'typed')""")
    before = {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
              for t in ("article_raw", "article_bands", "article_signatures", "tracking_dirty")}
    migrations = con.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    con.close()

    store = Store(path)
    with store.write():                     # migrated; the tracking is rebuilt (new tracking SQL) with it
        pass
    with duckdb.connect(str(path), read_only=True) as con:
        after = {t: con.execute(f"SELECT * FROM internal.{t} ORDER BY ALL").fetchall() for t in before}
        after["article_raw"] = [r[:7] for r in after["article_raw"]]   # 015 added the page's validators, NULL here
        main = {r[0] for r in con.execute(f"SELECT table_name FROM duckdb_tables() WHERE {HERE} AND schema_name = 'main'").fetchall()}
        recorded = con.execute("SELECT version, name FROM internal.schema_migrations ORDER BY version").fetchall()
    assert after == {**before, "tracking_dirty": []}       # the rebuild on the upgrade tracked the dirty key
    assert main == PUBLIC_TABLES
    assert recorded[:9] == migrations and [v for v, _ in recorded] == [m.version for m in sql.migrations()]
    assert store.query("changes") == []     # claim_changes reads internal.tracked_changes, rebuilt from no claims
