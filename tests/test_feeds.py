"""Feed parsing: each fixture in fixtures/feeds/cases.toml yields what it says it must, and
the real feeds under ../shared/fixtures/feeds/ (when present) all parse."""
import tomllib
from datetime import datetime, timedelta, timezone

import pytest

from conftest import FIXTURES, shared_path
from claimtrack.flows.sources.articles import is_full_text
from claimtrack.errors import ParseError
from claimtrack.flows.sources.feeds import parse_feed

CASES = tomllib.loads((FIXTURES / "feeds" / "cases.toml").read_text("utf-8"))["case"]


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_fixture_feed_yields_what_it_says(case):
    body = (FIXTURES / "feeds" / case["file"]).read_bytes()
    url = f"http://fixture.test/{case['file']}"
    if case.get("parse_error"):
        with pytest.raises(ParseError, match="fixture.test.*not a feed"):
            parse_feed(body, url, case["content_type"])
        return
    feed = parse_feed(body, url, case["content_type"])
    if "entries" in case:
        assert len(feed.entries) == case["entries"]
    assert len(feed.entries) >= case.get("entries_at_least", 0)
    if "titles" in case:
        assert [e.title for e in feed.entries] == case["titles"]
    if "full_text" in case:
        assert [is_full_text(e.content_html, e.summary_html) for e in feed.entries] == case["full_text"]
    if "published_utc" in case:
        assert sorted(e.published.isoformat() for e in feed.entries) == case["published_utc"]
    assert (feed.problem is not None) == case["problem"]
    for e in feed.entries:
        assert e.published is None or e.published.tzinfo is not None
        assert e.link is None or e.link.startswith("http://")       # relative links resolved


def test_far_future_dates_are_not_believed():
    body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</title>'
            b"<link>http://a.test/x</link><pubDate>Tue, 28 Jul 2099 10:00:00 +0000</pubDate></item></channel></rss>")
    (entry,) = parse_feed(body, "http://a.test/feed").entries
    assert entry.published is None


def test_dates_are_utc_aware():
    feed = parse_feed((FIXTURES / "feeds" / "rss2_full_content.xml").read_bytes(), "http://c.test/f")
    assert feed.entries[0].published == datetime(2025, 9, 22, 18, 0, tzinfo=timezone.utc)
    assert feed.entries[0].published.utcoffset() == timedelta(0)


@pytest.mark.parametrize("name, at_least", [
    ("guardian-us-rss2.xml", 55), ("heise-developer-atom.xml", 15), ("science-twis-rss1-rdf.xml", 69),
    ("jn-ultimas-rss2-iso8859-1-feedburner.xml", 40), ("uol-noticias-rss-odd-undeclared-latin1.xml", 1),
])
def test_real_feeds_parse(name, at_least):
    path = shared_path("fixtures", "feeds", name)
    feed = parse_feed(path.read_bytes(), f"http://real.test/{name}")
    assert len(feed.entries) >= at_least
    assert all(e.title for e in feed.entries)
