"""The Python API as a notebook uses it: `claimtrack.run` over a feed served from 127.0.0.1,
`claimtrack.connect` to read what it stored through the views, `claimtrack.extract` on a text."""
import duckdb
import pytest

import claimtrack
from conftest import DEMO, serve_folder, write_config


def test_run_then_connect_reads_the_run_through_the_views(prefect_harness, httpserver, tmp_path):
    serve_folder(httpserver, DEMO, "/")
    feeds = [httpserver.url_for("/ledger/rss.xml"), httpserver.url_for("/northwind/atom.xml")]
    config = write_config(tmp_path, feeds)
    db = tmp_path / "claimtrack.duckdb"

    out = claimtrack.run(config)
    assert sorted(p["status"] for p in out["polls"]) == ["ok", "ok"]
    assert out["extract"]["failed"] == [] and out["extract"]["articles"] > 0

    con = claimtrack.connect(db)
    try:
        changes = con.sql("SELECT claim_key, previous_value, new_value FROM claim_changes").fetchall()
        assert ("Microsoft|stake_pct|OpenAI", 32.5, 27.0) in changes
        (outlets,) = con.execute("SELECT count(DISTINCT outlet) FROM claim_timeline").fetchone()
        assert outlets == 2
        with pytest.raises(duckdb.Error, match="read-only"):
            con.execute("DELETE FROM claims")
    finally:
        con.close()


def test_connect_makes_a_missing_database_with_its_views(tmp_path):
    con = claimtrack.connect(tmp_path / "new.duckdb")
    try:
        views = {r[0] for r in con.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        assert {"claim_changes", "claim_timeline"} <= views
        assert con.execute("SELECT count(*) FROM claims").fetchone() == (0,)
    finally:
        con.close()


def test_extract_returns_the_claims_of_a_text_with_their_evidence():
    text = ("Microsoft will hold a stake of about 27% in OpenAI Group PBC, valued at roughly "
            "$135 billion, under the new agreement.")
    claims = claimtrack.extract(text)
    stake = next(c for c in claims if c.metric == "stake_pct")
    assert (stake.subject, stake.object, stake.value) == ("Microsoft", "OpenAI", 27.0)
    assert text[stake.start:stake.end] in stake.sentence and stake.sentence in text
    assert claimtrack.extract("") == []
    with pytest.raises(TypeError, match="takes a str"):
        claimtrack.extract(b"bytes")
