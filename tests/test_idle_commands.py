"""Commands with nothing to do finish at once, starting neither Prefect (and its temporary
server) nor spaCy: `ingest` with no feed due, `extract` with no article pending. Each runs in a
fresh process that reports what it imported."""
import os
import subprocess
import sys

from conftest import ROOT, write_config

PROBE = ("import sys\n"
         "from claimtrack.flows.terminal.cli import main\n"
         "sys.argv = ['claimtrack', *sys.argv[1:]]\n"
         "try:\n"
         "    main()\n"
         "finally:\n"
         "    print('imported:', sorted(m for m in ('prefect', 'spacy') if m in sys.modules), file=sys.stderr)\n")


def _claimtrack(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=120)


def test_ingest_with_every_feed_backing_off_starts_nothing(tmp_path):
    from claimtrack.db.store import Store
    from claimtrack.flows.settings import load_settings
    from claimtrack.flows.sources.http import Fetcher
    from claimtrack.flows.sources.ingest import file_roots, poll_feed
    config = write_config(tmp_path, [(tmp_path / "gone.xml").as_uri()])
    settings = load_settings(config)
    store = Store(settings.storage.db)
    with Fetcher(settings.http, file_roots(settings)) as fetcher:
        for _ in range(2):                        # two failures in a row: the feed backs off
            assert poll_feed(settings.feeds[0], settings, store, fetcher).status == "error"
    out = _claimtrack("ingest", "--config", str(config))
    assert out.returncode == 0, out.stderr
    assert "feeds: 0 polled, 0 ok, 0 failed, 1 backing off" in out.stdout and "gone.xml: backing off until" in out.stdout
    assert "imported: []" in out.stderr


def test_ingest_with_no_feeds_starts_nothing(tmp_path):
    out = _claimtrack("ingest", "--config", str(write_config(tmp_path, [])))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("feeds: 0 polled, 0 ok, 0 failed\narticles: 0 (+0)")
    assert "imported: []" in out.stderr


def test_extract_with_nothing_pending_starts_nothing_and_names_the_version(demo_db, extractor):
    out = _claimtrack("extract", "--config", str(demo_db.config_path))
    assert out.returncode == 0, out.stderr
    assert f"extracted 0 articles with {extractor.version}\n" in out.stdout
    assert "0 added, 0 removed, 0 changed values" in out.stdout and "claims: " in out.stdout
    assert "imported: []" in out.stderr
