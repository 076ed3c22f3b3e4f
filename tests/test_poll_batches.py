"""What a batch of polls costs the store (db/polls.py, db/connection.py): values handed to DuckDB
as Arrow tables rather than one bound parameter each, pandas' absence remembered once, and a
batch's polls upserted in one statement that leaves what one upsert per try would."""
import importlib
import sys
from datetime import datetime, timedelta, timezone

import duckdb
import pyarrow as pa
import pytest

from claimtrack.db import connection
from claimtrack.db.polls import PollRecord
from claimtrack.db.store import Store
from claimtrack.flows.settings import FeedConfig
from claimtrack.flows.sources.ingest import poll_row

T0 = datetime(2026, 11, 29, 9, 0, tzinfo=timezone.utc)


class _Asked:
    """An import finder that only counts the imports of pandas that reach it."""

    def __init__(self) -> None:
        self.asked = 0

    def find_spec(self, name, path=None, target=None):
        self.asked += name == "pandas"
        return None


def _bound_insert() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE t (a VARCHAR, b INTEGER, c TIMESTAMPTZ, d DOUBLE)")
    for i in range(5):
        con.execute("INSERT INTO t VALUES (?, ?, ?, ?)", [f"row {i}", i, T0, i / 2])
    con.close()


def test_duckdb_binds_values_without_searching_sys_path_for_a_missing_pandas():
    if not connection.remember_missing_pandas():
        pytest.skip("pandas is installed here: nothing to remember")
    first, behind = _Asked(), _Asked()
    ours = next(i for i, f in enumerate(sys.meta_path) if isinstance(f, connection._NotInstalled))
    sys.meta_path.insert(ours + 1, behind)             # sees what would search sys.path
    sys.meta_path.insert(0, first)                     # sees every ask
    try:
        _bound_insert()
    finally:
        sys.meta_path.remove(first)
        sys.meta_path.remove(behind)
    assert first.asked >= 20 and behind.asked == 0, sys.meta_path     # DuckDB asks per value; none goes further
    with pytest.raises(ModuleNotFoundError, match="pandas"):
        import pandas  # noqa: F401
    assert pa.Table.from_pylist([{"a": 1}]).num_rows == 1          # pyarrow's own pandas check copes


def test_invalidating_import_caches_forgets_the_missing_pandas():
    if not connection.remember_missing_pandas():
        pytest.skip("pandas is installed here: nothing to remember")
    importlib.invalidate_caches()          # what one calls after installing a package meanwhile
    behind = _Asked()
    sys.meta_path.append(behind)
    try:
        with pytest.raises(ModuleNotFoundError):
            import pandas  # noqa: F401
    finally:
        sys.meta_path.remove(behind)
    assert behind.asked == 1                           # searched for again, really
    assert connection.remember_missing_pandas()        # and remembered again, by one finder
    assert sum(isinstance(f, connection._NotInstalled) for f in sys.meta_path) == 1


def test_given_tables_are_read_in_the_block_only():
    con = duckdb.connect()
    with connection.given(con, ids=pa.table({"article_id": ["a", "b"]})):
        assert con.execute("SELECT count(*) FROM given_ids").fetchone() == (2,)
    with pytest.raises(duckdb.CatalogException):
        con.execute("SELECT count(*) FROM given_ids")


def _try(at: datetime, **outcome) -> PollRecord:
    row = poll_row(FeedConfig("http://wire.test/rss.xml", name="Wire"), "wire", at)
    return PollRecord({**row, **outcome})


def _feed_row(store: Store) -> dict:
    with store.read(tracked=False) as con:
        cur = con.execute("SELECT * FROM feeds")
        return dict(zip([d[0] for d in cur.description], cur.fetchone()))


OK = dict(status="ok", http_status=200, etag='"v2"', outlet="The Wire", entries_seen=25,
          newest_entry_at=T0 - timedelta(hours=1))
FAILED = dict(status="error", http_status=503, error="http://wire.test/rss.xml: HTTP 503", consecutive_failures=1,
              next_poll_at=T0 + timedelta(minutes=15))


@pytest.mark.parametrize("tries", [[FAILED, OK], [FAILED, FAILED], [OK]], ids=["failed-then-ok", "failed-twice", "ok"])
def test_a_batch_leaves_each_feed_as_its_tries_written_one_after_another_would(tmp_path, tries):
    at = [T0 + timedelta(seconds=i) for i in range(len(tries))]
    together, apart = Store(tmp_path / "together.duckdb"), Store(tmp_path / "apart.duckdb")
    earlier = _try(T0 - timedelta(hours=1), **{**OK, "etag": '"v1"', "outlet": None})
    for store in (together, apart):
        store.record_polls([earlier])
    together.record_polls([_try(t, **outcome) for t, outcome in zip(at, tries)])
    for t, outcome in zip(at, tries):
        apart.record_polls([_try(t, **outcome)])
    assert _feed_row(together) == _feed_row(apart)
    assert _feed_row(together)["etag"] == ('"v2"' if tries[-1] is OK else '"v1"')


def test_a_batch_of_many_feeds_is_one_upsert_of_each(tmp_path):
    store = Store(tmp_path / "many.duckdb")
    polls = [PollRecord(poll_row(FeedConfig(f"http://f{i}.test/rss.xml"), f"f{i}", T0)) for i in range(30)]
    assert store.record_polls(polls) == {f"f{i}": 0 for i in range(30)}
    polls = [PollRecord({**p.poll, "status": "not_modified", "http_status": 304,
                         "polled_at": T0 + timedelta(hours=1)}) for p in polls]
    store.record_polls(polls)
    with store.read(tracked=False) as con:
        assert con.execute("SELECT count(*), count(DISTINCT last_polled_at), min(last_status) FROM feeds"
                           ).fetchone() == (30, 1, "not_modified")


def _wall(url: str, at: datetime) -> dict:
    return {"url": url, "feed_id": "wire", "kind": "page", "error": f"{url}: a paywall, not the article",
            "transient": False, "failed_at": at, "wall": "paywall"}


def test_a_lookup_reads_beside_a_write_under_way_what_was_committed_before_it(tmp_path):
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from claimtrack.db.polls import PollLookup
    store = Store(tmp_path / "beside.duckdb")
    store.record_polls([PollRecord(_try(T0).poll, failures=(_wall("http://wire.test/a.html", T0),))])
    lookup = PollLookup("wire", (), (), T0 - timedelta(days=1))
    release = threading.Event()

    def write_and_hold() -> None:
        def body(con) -> None:
            store._insert(con, "fetch_failures", [_wall("http://wire.test/b.html", T0)])
            release.wait(30)
        store.batch(body)

    with ThreadPoolExecutor(2) as pool:
        writing = pool.submit(write_and_hold)
        asked = pool.submit(lambda: store.poll_lookups([lookup]))
        # answered while the write still holds the file, from the state before it
        assert asked.result(timeout=20) == [({}, {"http://wire.test/a.html"})]
        assert not writing.done()
        release.set()
        writing.result(timeout=20)
    assert store.poll_lookups([lookup]) == [({}, {"http://wire.test/a.html", "http://wire.test/b.html"})]


def test_a_writes_cursor_is_lent_to_one_read_at_a_time_and_closed_after_it(tmp_path):
    import threading

    from claimtrack.db import beside
    con = duckdb.connect(str(tmp_path / "lent.duckdb"))
    key = tmp_path / "lent.duckdb"
    with beside.borrowed(key) as none:
        assert none is None                     # no write under way
    reading, done_reading, lent_back = threading.Event(), threading.Event(), threading.Event()

    def read() -> None:
        with beside.borrowed(key) as cursor:
            assert cursor.execute("SELECT 42").fetchone() == (42,)
            reading.set()
            done_reading.wait(30)

    def lend() -> None:
        with beside.lending(key, con):
            reader.start()
            reading.wait(30)
            with beside.borrowed(key) as other:
                assert other is None            # the cursor is in use by the first read
        lent_back.set()

    reader = threading.Thread(target=read)
    lender = threading.Thread(target=lend)
    lender.start()
    assert reading.wait(30)
    assert not lent_back.wait(0.3)              # the write waits for the read on its cursor
    done_reading.set()
    lender.join(30)
    reader.join(30)
    assert lent_back.is_set()
    with beside.borrowed(key) as none:
        assert none is None                     # lent for the write's transaction only
    con.close()
