"""`claimtrack search`: the demo database's articles found by their words, ranked, each with its
best sentence and claims; the index follows articles that change (a reparse), and duplicates stay out."""
import json
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from claimtrack.db.search import query_terms, refresh_index, search, snippet
from claimtrack.db.store import Store
from claimtrack.errors import ClaimtrackError
from claimtrack.flows.terminal.cli import app


@pytest.fixture
def store(demo_db, tmp_path):
    db = tmp_path / "copy.duckdb"
    shutil.copy(demo_db.storage.db, db)
    return Store(db)


def _set(store, article_id, **values):
    with store.write() as con:
        for column, value in values.items():
            con.execute(f"UPDATE articles SET {column} = ? WHERE article_id = ?", [value, article_id])


def test_the_article_holding_all_the_words_comes_first_with_its_sentence_and_claims(store):
    hits = search(store, "Azure pledge", limit=5)
    assert "Azure pledge" in hits[0].title and hits[0].matched == 2
    assert all(h.matched <= hits[0].matched for h in hits)
    assert "$250 billion" in hits[0].snippet or "Azure" in hits[0].snippet
    assert any(c["metric"] == "purchase_commitment" and c["value"] == 250e9 for c in hits[0].claims)
    assert [h.score for h in hits if h.matched == 2] == sorted([h.score for h in hits if h.matched == 2], reverse=True)


def test_words_are_matched_whole_and_in_any_case_and_common_words_are_dropped():
    assert query_terms("The Über-deal of OpenAI’s $6.6bn round") == ["über", "deal", "openai", "6", "6bn", "round"]
    assert query_terms("the of") == ["the", "of"]        # nothing but common words: look for them anyway
    assert snippet("First one. Second holds stake and OpenAI. Third holds stake.", ["stake", "openai"]) == \
        "Second holds stake and OpenAI."


def test_the_index_follows_articles_that_change(store):
    first = search(store, "Azure pledge", limit=1)[0]
    _set(store, first.article_id, title="Zürich lender reprices", text="A Zürich lender repriced its notes.",
         content_hash="as reparse sets it")
    assert refresh_index(store) == 1                              # the changed article only
    assert refresh_index(store) == 0                              # nothing new: nothing done
    assert [h.article_id for h in search(store, "ZÜRICH")] == [first.article_id]
    assert first.article_id not in {h.article_id for h in search(store, "Azure pledge")}
    with store.read() as con:                                     # the old words left the index
        assert con.execute("SELECT count(*) FROM internal.search_terms WHERE article_id = ? AND term = 'azure'",
                           [first.article_id]).fetchone() == (0,)


def test_a_duplicate_is_not_a_second_hit(store):
    with store.read() as con:
        dup, original = con.execute("SELECT article_id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL").fetchone()
        title = con.execute("SELECT title FROM articles WHERE article_id = ?", [dup]).fetchone()[0]
    found = [h.article_id for h in search(store, title, limit=50)]
    assert dup not in found and original in found


def test_a_query_without_words_or_a_bad_limit_is_refused(store):
    with pytest.raises(ClaimtrackError, match="no word to look for"):
        search(store, " -- ?! ")
    with pytest.raises(ClaimtrackError, match="--limit must be 1 to 1000"):
        search(store, "OpenAI", limit=0)


def test_the_command_prints_hits_as_json_lines_and_a_bad_query_as_one_line(store):
    runner = CliRunner()
    out = runner.invoke(app, ["search", "OpenAI", "valuation", "-n", "3", "--json", "--db", str(store.path)])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert len(rows) == 3 and all(r["url"] and r["published_at"] and "claims" in r for r in rows)
    table = runner.invoke(app, ["search", "OpenAI", "--db", str(store.path)], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "articles for 'OpenAI'" in table.output
    bad = subprocess.run([sys.executable, "-m", "claimtrack", "search", "?!", "--db", str(store.path)],
                         capture_output=True, text=True, timeout=120)
    assert (bad.returncode, bad.stderr) == (1, "claimtrack: error: search: no word to look for in '?!'\n")
