"""Feed health is the operator's business: the digest recipients get has no "Feed health"
section unless `[digest] feed_health = true`, and even then no local file's path, only its name."""
import pytest

from conftest import write_config
from claimtrack.db.store import Store
from claimtrack.flows.outputs.digest import render_digest, render_markdown
from claimtrack.flows.outputs.week_report import gather_report, shareable_failure
from claimtrack.flows.settings import load_settings


@pytest.fixture
def failing_file_feed(tmp_path):
    """A database whose one feed, a file that is not there, has failed."""
    from claimtrack.flows.sources.http import Fetcher
    from claimtrack.flows.sources.ingest import file_roots, poll_feed
    feeds = tmp_path / "private" / "feeds"
    config = write_config(tmp_path, [(feeds / "ledger.xml").as_uri()])
    settings = load_settings(config)
    with Fetcher(settings.http, file_roots(settings)) as fetcher:
        assert poll_feed(settings.feeds[0], settings, Store(settings.storage.db), fetcher).status == "error"
    return config, feeds


def test_the_digest_recipients_get_has_no_feed_health(failing_file_feed):
    config, folder = failing_file_feed
    settings = load_settings(config)
    assert settings.digest.feed_health is False                      # the default
    digest = render_digest(Store(settings.storage.db), "2025-W44")
    for document in (digest.text, digest.html):
        assert "feed health" not in document.lower() and "ledger.xml" not in document and str(folder) not in document


def test_the_operators_copy_names_failing_feeds_without_local_paths(failing_file_feed, tmp_path):
    config, folder = failing_file_feed
    config.write_text(config.read_text("utf-8").replace("[digest]\n", "[digest]\nfeed_health = true\n"), "utf-8")
    settings = load_settings(config)
    assert settings.digest.feed_health is True
    store = Store(settings.storage.db)
    digest = render_digest(store, "2025-W44", feed_health=settings.digest.feed_health)
    markdown = render_markdown(gather_report(store, "2025-W44", feed_health=True))
    assert "FEED HEALTH\n- ledger.xml: " in digest.text and "Feed health</h2>" in digest.html
    assert "**Feed health**\n- ledger.xml: " in markdown
    for document in (digest.text, digest.html, markdown):
        assert str(folder) not in document and "file:/" not in document and str(tmp_path) not in document


def test_a_local_path_is_only_its_file_name_wherever_it_shows():
    row = {"feed": "file:///home/ana/feeds/a%20b.xml", "url": "file:///home/ana/feeds/a%20b.xml",
           "last_error": "file:///home/ana/feeds/a%20b.xml: cannot read /home/ana/feeds/a b.xml (see file:///tmp/x.log)",
           "consecutive_failures": 1}
    shown = shareable_failure(row)
    assert (shown["feed"], shown["url"]) == ("a b.xml", "a b.xml")
    assert shown["last_error"] == "a b.xml: cannot read a b.xml (see x.log)"
    web = {**row, "feed": "Wire", "url": "https://wire.example/rss", "last_error": "HTTP 503"}
    assert shareable_failure(web) == web


def test_the_digest_flow_takes_the_switch_from_the_settings(prefect_harness, failing_file_feed, tmp_path):
    from claimtrack.flows.orchestration.prefect_flows import digest_flow
    config, folder = failing_file_feed
    config.write_text(config.read_text("utf-8").replace("[digest]\n", "[digest]\nfeed_health = true\n"), "utf-8")
    html, text = digest_flow(str(config), None, "2025-W44", str(tmp_path / "out"))
    written = open(text, encoding="utf-8").read()
    assert "FEED HEALTH\n- ledger.xml: " in written and str(folder) not in written
