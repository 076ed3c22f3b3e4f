"""Tracked reads are safe by construction: claims written and never refreshed by hand are seen
fresh through every public read path (each on its own database, so no earlier read refreshed
it), and reads that touch no tracking view leave the dirty marks alone (they cost nothing)."""
import json
import shutil
from datetime import datetime, timedelta, timezone

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from conftest import write_config
from claimtrack.db import sql
from claimtrack.db.export import export_parquet
from claimtrack.db.readonly import run_read_only
from claimtrack.db.store import Store
from claimtrack.flows.settings import load_settings
from claimtrack.flows.terminal.cli import app
from claimtrack.flows.outputs.digest import render_digest
from claimtrack.flows.outputs.history import find_keys, key_history
from claimtrack.flows.extraction.keys import similar_keys

T0 = datetime(2025, 1, 6, 9, tzinfo=timezone.utc)          # a Monday: day 30 is in 2025-W06
KEY = "Acme|valuation|"
FRESH = [(None, 100e9), (100e9, 150e9)]                    # the key's changes once tracked


def _report(n: int, outlet: str, day: int, value: float, obj: str = "") -> tuple[dict, dict]:
    when = T0 + timedelta(days=day)
    article = {"article_id": f"a{n}", "feed_id": "f", "url": f"https://x.example/{n}",
               "canonical_url": f"https://x.example/{n}", "title": f"story {n}", "outlet": outlet,
               "published_at": when, "published_source": "feed", "fetched_at": when, "text": f"text {n}",
               "text_source": "feed", "content_hash": f"h{n}"}
    claim = {"claim_id": f"c{n}", "article_id": f"a{n}", "claim_key": f"Acme|valuation|{obj}", "subject": "Acme",
             "metric": "valuation", "object": obj or None, "value": value, "unit": "USD", "sentence": f"text {n}",
             "start_char": 0, "end_char": 6, "as_of": when, "extractor_version": "test", "as_of_basis": "published",
             "as_of_precision": "day", "status": "reported", "history": False, "outlet": outlet,
             "article_title": f"story {n}", "article_url": f"https://x.example/{n}", "published_at": when}
    return article, claim


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Store:
    """A database whose claims were written in two extraction batches and never refreshed:
    Acme's valuation goes from $100B (A) to $150B (B); C gives Acme–Beta the same $150B."""
    store = Store(tmp_path_factory.mktemp("tracked-reads") / "template.duckdb")
    reports = [_report(0, "A", 0, 100e9), _report(1, "B", 30, 150e9), _report(2, "C", 31, 150e9, "Beta")]
    with store.write() as con:
        Store._insert(con, "feeds", [{"feed_id": "f", "url": "https://x.example/feed"}])
        Store._insert(con, "articles", [a for a, _ in reports])
    for batch in (reports[:1], reports[1:]):
        store.replace_claims([{"article_id": a["article_id"], "extractor_version": "test", "extracted_at": T0,
                               "claims": 1, "error": None} for a, _ in batch], [c for _, c in batch])
    with store.read(tracked=False) as con:     # the precondition: nothing tracked yet
        assert con.execute("SELECT count(*) FROM claim_changes").fetchall() == [(0,)]
        assert con.execute("SELECT count(DISTINCT claim_key) FROM internal.tracking_dirty").fetchall() == [(2,)]
    return store


@pytest.fixture
def written(template, tmp_path) -> Store:
    """A copy of the template, so no earlier read has refreshed it."""
    shutil.copy(template.path, tmp_path / "claimtrack.duckdb")
    return Store(tmp_path / "claimtrack.duckdb")


def _changes_of(rows, key=KEY) -> list[tuple]:
    return [(r["previous_value"], r["new_value"]) for r in rows if r["claim_key"] == key]


def _via_read(store, tmp_path):
    with store.read() as con:
        cur = con.execute("SELECT * FROM claim_changes ORDER BY changed_at")
        cols = [d[0] for d in cur.description]
        return _changes_of([dict(zip(cols, r)) for r in cur.fetchall()])


def _via_query(store, tmp_path):
    return [(None, 100e9)] + [(r["previous_value"], r["new_value"]) for r in store.query("changes")
                              if r["claim_key"] == KEY]


def _via_sql(store, tmp_path):
    columns, rows = run_read_only(store, "SELECT * FROM claim_changes ORDER BY changed_at", load_settings(None).sql)
    return _changes_of([dict(zip(columns, r)) for r in rows])


def _via_export(store, tmp_path):
    export_parquet(store, tmp_path / "export")
    rows = sorted(pq.read_table(tmp_path / "export" / "claim_changes.parquet").to_pylist(),
                  key=lambda r: r["changed_at"])
    return _changes_of(rows)


def _via_history(store, tmp_path):
    (key,) = find_keys(store, "Acme valuation")
    history = key_history(store, key)
    values = [r["new_value"] for r in store.query("key_changes", key=key)]
    assert [r["note"] for r in history.reports if r["outlet"] == "B"] == ["change"]
    return list(zip([None, *values[:-1]], values))


def _via_keys(store, tmp_path):
    (pair,) = similar_keys(store)
    assert {pair.key, pair.other} == {KEY, "Acme|valuation|Beta"} and pair.shared_values == 1
    return FRESH


def _via_digest(store, tmp_path):
    digest = render_digest(store, "2025-W06")
    assert "$150B" in digest.text, digest.text
    return FRESH if "$100B" in digest.text else []


def _cli(store, tmp_path, *args):
    config = write_config(tmp_path, [])
    result = CliRunner().invoke(app, [*args, "--config", str(config), "--db", str(store.path)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def _via_cli_changes(store, tmp_path):
    return [(None, 100e9)] + _changes_of(_cli(store, tmp_path, "changes", "--json"))


def _via_cli_sql(store, tmp_path):
    return _changes_of(_cli(store, tmp_path, "sql", "SELECT * FROM claim_changes ORDER BY changed_at", "--json"))


def _via_cli_history(store, tmp_path):
    rows = _cli(store, tmp_path, "history", KEY, "--json")
    return FRESH if [(r["outlet"], r["note"]) for r in rows][:2] == [("A", "first"), ("B", "change")] else rows


def _via_cli_keys(store, tmp_path):
    rows = _cli(store, tmp_path, "keys", "--json")
    return FRESH if [r["why"] for r in rows] == ["object missing"] else rows


PATHS = [_via_read, _via_query, _via_sql, _via_export, _via_history, _via_keys, _via_digest,
         _via_cli_changes, _via_cli_sql, _via_cli_history, _via_cli_keys]


@pytest.mark.parametrize("read", PATHS, ids=[p.__name__.removeprefix("_via_") for p in PATHS])
def test_every_read_path_sees_claims_written_without_a_refresh(written, tmp_path, read):
    assert read(written, tmp_path) == FRESH
    with written.read(tracked=False) as con:
        assert con.execute("SELECT count(*) FROM internal.tracking_dirty").fetchall() == [(0,)]


def test_reads_of_no_tracking_view_leave_the_dirty_keys_for_later(written):
    written.counts()
    written.pending_articles("other")
    written.query("feed_health_all")
    written.query("claims", subject=None, metric=None, object=None, outlet=None, since=None)
    with written.read(tracked=False) as con:
        assert con.execute("SELECT count(DISTINCT claim_key) FROM internal.tracking_dirty").fetchall() == [(2,)]
        assert con.execute("SELECT count(*) FROM claim_changes").fetchall() == [(0,)]


def test_the_store_knows_which_relations_and_named_queries_read_tracking():
    assert sql.tracked_relations() == {"tracked_values", "tracked_changes", "tracked_stale", "tracked_conflicts",
                                       "claim_values", "claim_changes", "stale_claims", "claim_conflicts",
                                       "source_stats"}
    tracked = {name for name in _query_names() if sql.reads_tracking(name)}
    assert {"changes", "key_history", "key_changes", "key_values", "value_keys", "run_changes",
            "digest_changes", "digest_reported", "digest_stale", "digest_conflicts"} <= tracked
    assert not tracked & {"claims", "table_counts", "feed_health_all", "pending_articles", "tracked_timeline",
                          "dirty_keys", "tracking_is_dirty"}


def _query_names() -> list[str]:
    from importlib import resources
    return [p.name[:-4] for p in resources.files("claimtrack.db").joinpath("queries").iterdir() if p.name.endswith(".sql")]
