"""A full disk (issue 16, class 7): a write that cannot reach the file is one line naming the
database and saying what was kept, the committed data stays, and the next run goes on.

The disk is made full for real, without root: the writing process runs under RLIMIT_FSIZE
(SIGXFSZ ignored), so the kernel refuses to grow any file past the limit, as a full disk
would, and DuckDB's write fails with 'File too large'."""
import os
import random
import subprocess
import sys
import textwrap
import zlib
from datetime import datetime, timedelta, timezone
from pathlib import Path

from conftest import ROOT
from claimtrack.db.polls import ArticleRecord, PollRecord
from claimtrack.db.store import Store
from claimtrack.db.dedupe import fingerprint
from claimtrack.flows.sources.http import Fetcher
from claimtrack.flows.sources.ingest import file_roots, poll_feed, poll_row
from claimtrack.flows.settings import FeedConfig, load_settings

T0 = datetime(2025, 10, 1, tzinfo=timezone.utc)
LIMITED = textwrap.dedent("""\
    import resource, runpy, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)            # a refused write is an error, not a kill
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), resource.RLIM_INFINITY))
    sys.argv = sys.argv[2:]
    runpy.run_path(sys.argv[0], run_name="__main__")
""")
CLAIMTRACK = str(Path(sys.executable).parent / "claimtrack")      # the installed console script


def _limited(tmp_path: Path, limit: int, *args: str) -> subprocess.CompletedProcess:
    """Run a Python script (ARGS[0]) in a child process whose files cannot grow past `limit` bytes."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PREFECT_HOME": str(tmp_path / "prefect"),
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-c", LIMITED, str(limit), *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)


def _committed(db: Path) -> Store:
    """A database holding three committed articles of one feed."""
    store = Store(db)
    records = []
    for i in range(3):
        text = f"Committed story {i}: Microsoft holds a 27% stake in OpenAI."
        fp = fingerprint(f"kept{i}", T0 + timedelta(hours=i), text)
        row = {"article_id": f"kept{i}", "feed_id": "kept", "url": f"http://kept.test/{i}",
               "canonical_url": f"http://kept.test/{i}", "entry_url": None, "guid": f"kept-{i}", "title": f"Kept {i}",
               "author": None, "outlet": "Kept", "published_at": fp.published_at, "published_source": "feed",
               "fetched_at": T0, "text": text, "text_source": "feed", "language": "en", "content_hash": fp.content_hash}
        raw = {"article_id": f"kept{i}", "source": "feed", "url": "http://kept.test/feed", "content_type": "text/html",
               "encoding": "zlib", "raw_bytes": len(text), "raw": zlib.compress(text.encode())}
        records.append(ArticleRecord(row, raw, fp))
    poll = {**poll_row(FeedConfig("http://kept.test/feed"), "kept", T0), "http_status": 200, "etag": '"k1"'}
    store.record_polls([PollRecord(poll, (), tuple(records))])
    return store


def _kept(store: Store) -> list[tuple]:
    with store.read() as con:
        return con.execute("SELECT article_id, title, text, content_hash FROM articles "
                           "WHERE feed_id = 'kept' ORDER BY article_id").fetchall()


def _big_feed(path: Path, entries: int = 1300) -> None:
    """A file feed of full-text entries whose articles need megabytes of WAL to store."""
    rng = random.Random(9)
    words = [f"w{i}" for i in range(3000)]
    items = "".join(f"<item><title>Entry {i}</title><link>http://big.test/a/{i}</link><guid>big-{i}</guid>"
                    f"<content:encoded><![CDATA[<p>{' '.join(rng.choice(words) for _ in range(800))}</p>]]>"
                    "</content:encoded></item>" for i in range(entries))
    path.write_text('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
                    'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Big</title>'
                    f"{items}</channel></rss>", encoding="utf-8")


def test_a_full_disk_during_ingest_is_one_line_naming_the_file_and_keeps_what_was_committed(tmp_path):
    db = tmp_path / "data" / "claimtrack.duckdb"
    store = _committed(db)
    before = _kept(store)
    _big_feed(tmp_path / "big.xml")
    (tmp_path / "claimtrack.toml").write_text(
        f'[storage]\ndb = "{db}"\ndata_dir = "{tmp_path / "data"}"\n\n[[feeds]]\nurl = "big.xml"\n', encoding="utf-8")
    # room for Prefect's own files (a few MB) but not for the first 8 MB part's write-ahead log
    limit = db.stat().st_size + 500_000
    out = _limited(tmp_path, limit, CLAIMTRACK, "ingest", "--config", "claimtrack.toml", "--quiet")
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert out.returncode == 1, out.stderr[-3000:]
    assert len(lines) == 1, f"{len(lines)} lines of error output:\n" + "\n".join(lines[:40])
    assert lines[0].startswith(f"claimtrack: error: {db}: write failed"), lines[0]
    assert "keeps its last committed state" in lines[0] and "File too large" in lines[0]
    assert "rollback" not in out.stderr.lower() and "Traceback" not in out.stderr
    # what was committed before is intact, and with room again the same feed is stored whole
    assert _kept(store) == before
    settings = load_settings(tmp_path / "claimtrack.toml")
    with Fetcher(settings.http, file_roots(settings)) as fetcher:
        result = poll_feed(settings.feeds[0], settings, store, fetcher)
    assert (result.status, result.page_errors) == ("ok", [])
    assert store.counts()["articles"] == 3 + 1300 and _kept(store) == before


def test_a_commit_the_disk_refuses_is_a_store_error_and_its_rollback_raises_nothing(tmp_path):
    db = tmp_path / "store.duckdb"
    store = _committed(db)
    before = _kept(store)
    script = tmp_path / "write_big.py"
    script.write_text(textwrap.dedent(f"""\
        import sys
        from claimtrack.db.connection import run
        from claimtrack.db.store import Store
        from claimtrack.errors import StoreError
        try:
            with Store({str(db)!r}).write() as con:
                run(con, "INSERT INTO fetch_failures SELECT 'http://x.test/' || i, 'kept', 'page', "
                         "repeat('no room ', 200), false, now(), NULL FROM range(20000) r(i)")
        except StoreError as exc:
            chain, seen = [], exc
            while seen is not None:
                chain.append(f"{{type(seen).__name__}}: {{seen}}")
                seen = seen.__context__
            print("\\n".join(chain))
            sys.exit(3)
    """), encoding="utf-8")
    out = _limited(tmp_path, db.stat().st_size + 200_000, str(script))
    assert out.returncode == 3, out.stderr[-3000:]
    error, *causes = out.stdout.splitlines()
    assert error.startswith(f"StoreError: {db}: write failed, nothing of this batch was stored and the "
                            "database keeps its last committed state:"), error
    assert not any("rollback" in c.lower() for c in causes), causes     # DuckDB's own error is the cause
    assert _kept(store) == before and store.counts()["failures"] == 0
