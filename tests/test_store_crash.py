"""A process killed (SIGKILL) while it writes leaves the database consistent, and the next
run completes the work. Each test kills a second, real process."""
import os
import signal
import subprocess
import sys
import textwrap
import time

from conftest import ROOT
from claimtrack.db.store import Store
from test_views import Story

ARTICLES = 1000
CLAIMS_PER_ARTICLE = 300          # 300,000 claims: one transaction that takes seconds


def _articles_only(path) -> Story:
    story = Story(path)
    for i in range(ARTICLES):
        story.report(f"Outlet {i % 7}", i / 10, 1.0)
    story.claims.clear()
    story.save()
    return story


CHILD = textwrap.dedent("""
    import sys
    from datetime import datetime, timezone
    sys.path[:0] = [{root!r}, {tests!r}]
    from claimtrack.db.store import Store
    store = Store({path!r})
    at = datetime(2026, 3, 2, tzinfo=timezone.utc)
    ids = [f"a{{i}}" for i in range({articles})]
    results = [{{"article_id": a, "extractor_version": "v2", "extracted_at": at, "claims": {per}, "error": None}}
               for a in ids]
    claims = [{{"claim_id": f"{{a}}-{{n}}", "article_id": a, "claim_key": f"K{{n % 50}}|valuation|",
                "subject": f"K{{n % 50}}", "metric": "valuation", "object": None, "value": float(n % 50 + 1),
                "unit": "USD", "previous_value": None, "sentence": "s", "start_char": 0, "end_char": 1,
                "as_of": at, "extractor_version": "v2", "outlet": "o", "article_title": "t",
                "article_url": f"http://a/{{a}}", "published_at": at}} for a in ids for n in range({per})]
    print("writing", flush=True)
    store.replace_claims(results, claims)
    print("written", flush=True)
""")


def _child(path) -> subprocess.Popen:
    code = CHILD.format(root=str(ROOT), tests=str(ROOT / "tests"), path=str(path), articles=ARTICLES,
                        per=CLAIMS_PER_ARTICLE)
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)


def test_a_writer_killed_mid_transaction_leaves_nothing_half_written(tmp_path):
    path = tmp_path / "crash.duckdb"
    _articles_only(path)
    child = _child(path)
    assert child.stdout.readline().strip() == "writing"
    time.sleep(0.5)                                   # inside replace_claims' transaction
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.stdout.read() == "", "the write finished before the kill; the test proved nothing"

    store = Store(path)
    counts = store.counts()
    assert counts["claims"] == 0
    with store.read() as con:
        assert con.execute("SELECT count(*) FROM extractions WHERE extractor_version = 'v2'").fetchall() == [(0,)]
        assert con.execute("SELECT count(*) FROM internal.tracking_dirty").fetchall() == [(0,)]

    done = _child(path)                                # the next run does the work
    assert done.stdout.read().split() == ["writing", "written"]
    assert done.wait() == 0
    assert store.counts()["claims"] == ARTICLES * CLAIMS_PER_ARTICLE
    assert store.refresh_tracking() == 50
    with store.read() as con:
        assert con.execute("SELECT count(DISTINCT claim_key) FROM claim_changes").fetchall() == [(50,)]


def test_keys_marked_by_a_run_killed_before_it_tracked_them_are_tracked_by_the_next(tmp_path):
    path = tmp_path / "late.duckdb"
    _articles_only(path)
    child = _child(path)
    assert child.stdout.read().split() == ["writing", "written"]   # claims stored; the run then dies
    assert child.wait() == 0
    store = Store(path)
    with store.read(tracked=False) as con:
        assert con.execute("SELECT count(*) FROM claim_changes").fetchall() == [(0,)]
        assert con.execute("SELECT count(DISTINCT claim_key) FROM internal.tracking_dirty").fetchall() == [(50,)]
    assert store.refresh_tracking() == 50
    with store.read(tracked=False) as con:
        assert con.execute("SELECT count(DISTINCT claim_key) FROM claim_changes").fetchall() == [(50,)]
        assert con.execute("SELECT count(*) FROM internal.tracking_dirty").fetchall() == [(0,)]
