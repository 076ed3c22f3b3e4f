"""The DuckDB store: migrations recorded once, views equal to their files, writes in
transactions, and a second process that holds the file making us wait, then fail clearly."""
import re
import subprocess
import sys
import textwrap
import time

import duckdb
import pytest

from claimtrack.db import sql
from claimtrack.db.store import Store
from claimtrack.errors import StoreLockedError


def test_migrations_are_numbered_without_gaps_and_recorded_once(tmp_path):
    versions = [m.version for m in sql.migrations()]
    assert versions == list(range(1, len(versions) + 1))
    store = Store(tmp_path / "a.duckdb")
    with store.write():
        pass
    with store.write():
        pass
    with store.read() as con:
        rows = con.execute("SELECT version, name FROM internal.schema_migrations ORDER BY version").fetchall()
    assert rows == [(m.version, m.name) for m in sql.migrations()]


def test_views_in_the_database_equal_the_files(tmp_path):
    store = Store(tmp_path / "a.duckdb")
    with store.read() as con:
        names = {r[0] for r in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert names == set(sql.views())
    for name, text in sql.views().items():
        assert re.search(rf"CREATE OR REPLACE VIEW {name}\b", text), f"db/views/{name}.sql must create {name}"


def test_named_queries_bind_parameters_and_run_on_an_empty_database(tmp_path):
    store = Store(tmp_path / "a.duckdb")
    assert store.query("claims", subject=None, metric=None, object=None, outlet=None, since=None) == []
    assert store.counts() == {"feeds": 0, "articles": 0, "duplicates": 0, "claims": 0, "failures": 0}
    # a value that looks like SQL is data, never code
    assert store.query("claims", subject="x'; DROP TABLE claims; --", metric=None, object=None,
                       outlet=None, since=None) == []
    assert store.counts()["claims"] == 0


def test_a_failed_transaction_leaves_nothing(tmp_path):
    store = Store(tmp_path / "a.duckdb")
    with pytest.raises(duckdb.Error):
        with store.write() as con:
            con.execute("INSERT INTO feeds (feed_id, url) VALUES ('f1', 'http://a')").fetchall()
            con.execute("INSERT INTO feeds (feed_id, url) VALUES ('f1', 'http://b')").fetchall()
    assert store.counts()["feeds"] == 0


def test_constraints_reject_bad_units_stances_statuses_and_bases(tmp_path):
    store = Store(tmp_path / "a.duckdb")
    with store.write() as con:
        con.execute("INSERT INTO feeds (feed_id, url) VALUES ('f', 'http://a')").fetchall()
        con.execute("""INSERT INTO articles (article_id, feed_id, url, canonical_url, title, outlet, published_at,
                       published_source, fetched_at, text, text_source, content_hash)
                       VALUES ('a', 'f', 'http://a/1', 'http://a/1', 't', 'o', now(), 'feed', now(), 'text',
                               'feed', 'h')""").fetchall()
    base = ("INSERT INTO claims (claim_id, article_id, claim_key, metric, unit, stance, sentence, start_char, "
            "end_char, as_of, extractor_version, status, as_of_basis, as_of_text, outlet, article_title, "
            "article_url, published_at) VALUES ('c', 'a', 'k', ?, ?, ?, 's', 0, 1, now(), 'v', ?, ?, ?, 'o', 't', "
            "'http://a/1', now())")
    good = ("stake_pct", "percent", None, "reported", "published", None)
    with store.write() as con:                       # the statement itself is sound
        con.execute(base, list(good)).fetchall()
        con.execute("DELETE FROM claims").fetchall()
    for bad in [("stake_pct", "furlongs", None), ("risk_warning", None, "maybe"), ("risk_warning", None, None),
                ("stake_pct", "percent", None, "rumoured"), ("stake_pct", "percent", None, "reported", "guessed"),
                ("stake_pct", "percent", None, "reported", "published", "in 2019")]:   # words only from a sentence
        with pytest.raises(duckdb.ConstraintException):
            with store.write() as con:
                con.execute(base, list(bad + good[len(bad):])).fetchall()


def _hold(path, seconds: float) -> subprocess.Popen:
    """A second real process that opens the database for writing and keeps it `seconds`;
    returns once it holds the file."""
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import duckdb, time
        con = duckdb.connect({str(path)!r})
        print("holding", flush=True)
        time.sleep({seconds})
        con.close()
    """)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"
    return holder


def test_a_second_process_holding_the_file_makes_us_wait_then_fail_clearly(tmp_path):
    path = tmp_path / "locked.duckdb"
    Store(path).counts()           # create it
    holder = _hold(path, seconds=30)
    try:
        store = Store(path, lock_wait_seconds=1.0)
        started = time.monotonic()
        with pytest.raises(StoreLockedError, match=rf"locked\.duckdb: still locked by PID {holder.pid} \(.*python"):
            store.counts()
        assert 0.9 <= time.monotonic() - started < 10
        started = time.monotonic()
        with pytest.raises(StoreLockedError, match=rf"still locked by PID {holder.pid}"):
            store.refresh_tracking()                   # a second writer fares the same
        assert 0.9 <= time.monotonic() - started < 10
    finally:
        holder.kill()
        holder.wait()


def test_a_writer_that_releases_the_file_in_time_lets_us_in(tmp_path):
    path = tmp_path / "brief.duckdb"
    Store(path).counts()
    holder = _hold(path, seconds=1.0)
    try:
        assert Store(path, lock_wait_seconds=20).counts()["claims"] == 0
    finally:
        holder.wait()


def test_a_database_from_the_first_schema_is_upgraded_in_place(tmp_path):
    """A file made by the walking skeleton (migration 001 only) keeps its rows and gains the
    ingest columns and tables of 002."""
    from claimtrack.db import sql as sqlfiles
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
    con.execute(sqlfiles.migrations()[0].sql)
    con.execute("INSERT INTO schema_migrations (version, name) VALUES (1, 'initial')")
    con.execute("INSERT INTO feeds (feed_id, url, consecutive_failures) VALUES ('f', 'http://a/feed', 3)")
    con.execute("""INSERT INTO articles (article_id, feed_id, url, canonical_url, title, outlet, published_at,
                   published_source, fetched_at, text, text_source, content_hash)
                   VALUES ('a', 'f', 'http://a/1', 'http://a/1', 't', 'o', now(), 'feed', now(), 'text', 'feed', 'h')""")
    con.close()
    store = Store(path)
    health = store.query("feed_health_all")[0]
    assert (health["consecutive_failures"], health["next_poll_at"], health["articles"]) == (3, None, 1)
    with store.read() as con:
        assert con.execute("SELECT max(version) FROM internal.schema_migrations").fetchone()[0] == len(sqlfiles.migrations())
        assert con.execute("SELECT entry_url, language FROM articles").fetchall() == [(None, None)]
        assert con.execute("SELECT count(*) FROM internal.article_raw").fetchone()[0] == 0


def _poll(feed_id: str, failed: bool = False) -> "PollRecord":
    """A stored-nothing (304) poll of a made-up feed; `failed`: an HTTP 503 instead, with its
    failure row (news, which the writer writes in batches: flows/sources/pollwriter.py)."""
    from datetime import datetime, timezone
    from claimtrack.db.polls import PollRecord
    from claimtrack.flows.sources.ingest import _failure, poll_row
    from claimtrack.flows.settings import FeedConfig
    url, now = f"http://{feed_id}.test/feed", datetime.now(timezone.utc)
    row = poll_row(FeedConfig(url), feed_id, now)
    if failed:
        return PollRecord({**row, "status": "error", "http_status": 503, "error": f"{url}: HTTP 503",
                           "consecutive_failures": 1}, (_failure(url, feed_id, "feed", f"{url}: HTTP 503", True, now),))
    return PollRecord({**row, "status": "not_modified", "http_status": 304})


def test_poll_writer_writes_full_batches_and_the_rest_on_flush(tmp_path):
    from claimtrack.flows.sources.pollwriter import PollWriter
    store = Store(tmp_path / "w.duckdb")
    writer = PollWriter(store, max_feeds=2, max_age=60)
    for name in ("a", "b", "c"):
        writer.add(_poll(name, failed=True))
    assert store.counts()["feeds"] == 2              # a and b went together; c waits
    writer.flush()
    assert store.counts()["feeds"] == 3 and writer.new_articles == {"a": 0, "b": 0, "c": 0}


def test_polls_that_bring_nothing_new_wait_for_the_next_batch_or_the_flush(tmp_path):
    """A re-poll answered 304 throughout is one write at the end, not one per `max_feeds` polls."""
    from claimtrack.flows.sources.pollwriter import PollWriter
    store = Store(tmp_path / "w.duckdb")
    writer = PollWriter(store, max_feeds=2, max_age=0)
    for name in ("a", "b", "c"):
        writer.add(_poll(name))
    assert store.counts()["feeds"] == 0              # 304s only: nothing due, however old
    writer.add(_poll("d", failed=True))               # news, due at once (max_age 0): the 304s go with it
    assert store.counts()["feeds"] == 4
    writer.add(_poll("e"))
    writer.flush()
    assert store.counts()["feeds"] == 5 and writer.new_articles == dict.fromkeys("abcde", 0)


def test_poll_writer_keeps_a_batch_it_could_not_write(tmp_path):
    from claimtrack.flows.sources.pollwriter import PollWriter
    path = tmp_path / "held.duckdb"
    Store(path).counts()
    holder = _hold(path, seconds=30)
    writer = PollWriter(Store(path, lock_wait_seconds=0.3), max_feeds=1, max_age=60)
    try:
        writer.add(_poll("a", failed=True))            # due, but the file is held: kept, no error
        with pytest.raises(StoreLockedError):
            writer.flush()                             # the final flush says so
    finally:
        holder.kill()
        holder.wait()
    writer.flush()
    assert Store(path).counts()["feeds"] == 1


def _database_at(path, version: int) -> duckdb.DuckDBPyConnection:
    """A database file as the first `version` migrations left it, open for rows of that time."""
    from claimtrack.db import sql as sqlfiles
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
    for mig in sqlfiles.migrations()[:version]:
        con.execute(mig.sql)
        con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [mig.version, mig.name])
    return con


def test_claims_from_before_claim_time_keep_their_rows_and_take_their_articles_dating(tmp_path):
    """A file at migration 005 (claims dated by their article) gains migration 006's columns:
    each claim keeps its row, is reported, not history, and takes its basis and the article's
    outlet, title, link and date from the article it came from."""
    path = tmp_path / "v5.duckdb"
    con = _database_at(path, 5)
    con.execute("INSERT INTO feeds (feed_id, url) VALUES ('f', 'http://a/feed')")
    con.execute("""INSERT INTO articles (article_id, feed_id, url, canonical_url, title, outlet, published_at,
                   published_source, fetched_at, text, text_source, content_hash)
                   VALUES ('a', 'f', 'http://a/1', 'http://a/1', 'Stake cut', 'The Ledger', '2025-10-28 13:05:00+00',
                           'page', now(), 'text', 'page', 'h')""")
    con.execute("""INSERT INTO claims (claim_id, article_id, claim_key, subject, object, metric, value, unit, sentence,
                   start_char, end_char, as_of, extractor_version)
                   VALUES ('c', 'a', 'Microsoft|stake_pct|OpenAI', 'Microsoft', 'OpenAI', 'stake_pct', 27, 'percent',
                           'Microsoft holds 27%.', 0, 20, '2025-10-28 13:05:00+00', 'claims.v2')""")
    con.close()
    with Store(path).read() as con:
        got = con.execute("SELECT value, status, history, as_of_basis, as_of_precision, outlet, article_title, "
                          "article_url, strftime(published_at, '%Y-%m-%d') FROM claims").fetchall()
    assert got == [(27.0, "reported", False, "page", "day", "The Ledger", "Stake cut", "http://a/1", "2025-10-28")]


def test_claims_from_before_open_claims_keep_their_rows_and_are_typed(tmp_path):
    """A file at migration 006 gains migration 007's columns (the table is rebuilt: DuckDB adds
    no column with a CHECK): every claim keeps its row and is typed, with no range or stated
    change; the claim_key index is made again, and the views and tracking read the new table."""
    from claimtrack.db import sql as sqlfiles
    path = tmp_path / "v6.duckdb"
    con = _database_at(path, 6)
    con.execute("INSERT INTO feeds (feed_id, url) VALUES ('f', 'http://a/feed')")
    for n, day in enumerate(("2025-09-12", "2025-10-28")):
        con.execute("""INSERT INTO articles (article_id, feed_id, url, canonical_url, title, outlet, published_at,
                       published_source, fetched_at, text, text_source, content_hash)
                       VALUES (?, 'f', ?, ?, 'Stake', 'The Ledger', ?, 'feed', now(), 'text', 'feed', ?)""",
                    [f"a{n}", f"http://a/{n}", f"http://a/{n}", f"{day} 13:05:00+00", f"h{n}"])
    claim = """INSERT INTO claims (claim_id, article_id, claim_key, subject, object, metric, value, unit, previous_value,
               sentence, start_char, end_char, as_of, extractor_version, status, history, outlet, article_title,
               article_url, published_at)
               VALUES (?, ?, 'Microsoft|stake_pct|OpenAI', 'Microsoft', 'OpenAI', 'stake_pct', ?, 'percent', ?,
                       'Microsoft holds a stake.', 0, 24, ?, 'claims.v2', ?, ?, 'The Ledger', 'Stake', ?, ?)"""
    con.execute(claim, ["c0", "a0", 32.5, None, "2025-09-12 13:05:00+00", "reported", False, "http://a/0",
                        "2025-09-12 13:05:00+00"])
    con.execute(claim, ["c1", "a1", 27.0, 32.5, "2025-10-28 13:05:00+00", "reported", False, "http://a/1",
                        "2025-10-28 13:05:00+00"])
    con.execute(claim, ["c2", "a1", 32.5, None, "2025-10-27 13:05:00+00", "superseded", True, "http://a/1",
                        "2025-10-28 13:05:00+00"])
    before = con.execute("SELECT * FROM claims ORDER BY claim_id").fetchall()
    con.close()
    store = Store(path)
    with store.read() as con:
        assert con.execute("SELECT max(version) FROM internal.schema_migrations").fetchone()[0] == len(sqlfiles.migrations())
        columns = [r[0] for r in con.execute("DESCRIBE claims").fetchall()]
        kept = con.execute(f"SELECT {', '.join(columns[:columns.index('kind')])} FROM claims ORDER BY claim_id").fetchall()
        new = con.execute("SELECT kind, low, high, change, change_unit FROM claims ORDER BY claim_id").fetchall()
        indexes = con.execute("SELECT index_name FROM duckdb_indexes() WHERE table_name = 'claims'").fetchall()
        timeline = con.execute("SELECT claim_id, claim_kind FROM claim_timeline ORDER BY claim_id").fetchall()
        changes = con.execute("SELECT previous_value, new_value, key_kind FROM claim_changes "
                              "ORDER BY changed_at").fetchall()
    assert columns[-6:] == ["kind", "low", "high", "change", "change_unit", "version"]   # 007, then 015's version
    assert kept == before                                        # every row, every column as it was
    assert new == [("typed", None, None, None, None)] * 3
    assert indexes == [("claims_key",)]
    assert timeline == [("c0", "typed"), ("c1", "typed"), ("c2", "typed")]
    assert changes == [(None, 32.5, "typed"), (32.5, 27.0, "typed")]
    with pytest.raises(duckdb.ConstraintException):
        with store.write() as con:
            con.execute("UPDATE claims SET kind = 'guessed' WHERE claim_id = 'c0'").fetchall()


def test_metrics_from_before_labels_keep_their_rows_and_a_new_label_is_no_cause_to_retrack(tmp_path):
    """A file at migration 009 gains `label` and `preposition` (NULL until the next extraction
    writes the catalogue); writing a label changes what is stored but not what the tracking reads."""
    path = tmp_path / "v9.duckdb"
    con = _database_at(path, 9)
    con.execute("INSERT INTO metrics VALUES ('stake_pct', 'state', 'percent', 1.0)")
    con.close()
    store = Store(path)
    assert store.query("metric_labels") == [{"metric": "stake_pct", "label": None, "preposition": None}]
    row = {"metric": "stake_pct", "kind": "state", "unit": "percent", "tolerance_pct": 1.0}
    with store.write() as con:
        assert not Store._record_metrics(con, [{**row, "label": "stake", "preposition": "in"}])
        assert Store._record_metrics(con, [{**row, "tolerance_pct": 2.0, "label": "stake", "preposition": "in"}])
    assert store.query("metric_labels") == [{"metric": "stake_pct", "label": "stake", "preposition": "in"}]
