"""The pipeline flow end to end under Prefect's test harness: the demo outlets served by a
real local HTTP server, a real DuckDB file, the real model; run twice, the second adds nothing."""
import pytest

from conftest import DEMO, serve_folder, write_config
from claimtrack.db.store import Store


@pytest.fixture
def demo_server(httpserver, tmp_path):
    serve_folder(httpserver, DEMO, "/")
    return httpserver


def test_pipeline_over_demo_feeds(prefect_harness, demo_server, tmp_path):
    from claimtrack.flows.orchestration.prefect_flows import pipeline_flow
    feeds = [demo_server.url_for(p) for p in ("/ledger/rss.xml", "/northwind/atom.xml", "/signal/rss.xml")]
    broken = demo_server.url_for("/gone.xml")          # no such path: 500 from the test server
    config = write_config(tmp_path, feeds + [broken])
    db = tmp_path / "claimtrack.duckdb"

    out = pipeline_flow(str(config), str(db))
    polls = {p["feed"]: p for p in out["polls"]}
    assert all(polls[f]["status"] == "ok" for f in feeds)
    assert polls[broken]["status"] == "error" and polls[broken]["error"]
    store = Store(db)
    counts = store.counts()
    assert (counts["articles"], counts["duplicates"]) == (13, 1)
    assert counts["claims"] >= 30 and out["extract"]["failed"] == []

    changes = {(c["claim_key"], c["previous_value"], c["new_value"]): c for c in store.query("changes")}
    stake = changes[("Microsoft|stake_pct|OpenAI", 32.5, 27.0)]
    assert stake["first_outlet"] == "The Ledger" and stake["changed_at"].isoformat().startswith("2025-10-28")
    valuation = [(r["value"], r["outlet"]) for r in store.query("tracked_timeline")
                 if r["claim_key"] == "OpenAI|valuation|"]
    assert (157e9, "The Ledger") in valuation and (300e9, "Northwind Wire") in valuation
    assert any(v == 500e9 for v, _ in valuation)
    assert all(p.endswith((".html", ".txt")) for p in out["digest"])

    health = {r["url"]: r for r in store.query("feed_health_all")}
    assert health[broken]["last_status"] == "error" and health[broken]["consecutive_failures"] >= 1

    # idempotent: the second run adds no article and no claim
    again = pipeline_flow(str(config), str(db))
    assert store.counts()["articles"] == counts["articles"]
    assert store.counts()["claims"] == counts["claims"]
    assert again["extract"]["articles"] == 0
    assert sorted(p["status"] for p in again["polls"]) == ["error", "not_modified", "not_modified", "not_modified"]


def test_a_transient_feed_failure_is_retried_to_success(prefect_harness, httpserver, tmp_path):
    from claimtrack.flows.orchestration.prefect_flows import ingest_flow
    body = (DEMO / "northwind" / "atom.xml").read_bytes()
    httpserver.expect_oneshot_request("/wire.xml").respond_with_data("busy", status=503)
    httpserver.expect_request("/wire.xml").respond_with_data(body, content_type="application/atom+xml")
    config = write_config(tmp_path, [httpserver.url_for("/wire.xml")])
    (poll,) = ingest_flow(str(config), str(tmp_path / "claimtrack.duckdb"))
    assert poll["status"] == "ok" and poll["new_articles"] == 4
    failures = Store(tmp_path / "claimtrack.duckdb").query("failures_recent")
    assert len(failures) == 1 and "HTTP 503" in failures[0]["error"]     # the failed try is on record
