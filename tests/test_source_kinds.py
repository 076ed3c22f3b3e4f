"""Source kinds (flows/kinds.py): each fixture under fixtures/sources/ yields what cases.toml
says, and each kind (a news sitemap, a sitemap index, a URL list, JSON Feed, and a toy kind a
test adds) is polled from a real local HTTP server through the same fetch, conditional GET and
record steps as an RSS feed."""
import gzip
import hashlib
import json
import tomllib

import pytest
from werkzeug import Response

from conftest import FIXTURES, write_config
from claimtrack.db.store import Store
from claimtrack.flows.sources import listings, sitemap
from claimtrack.errors import ConfigError, ParseError
from claimtrack.flows.kinds import ParsedFeed
from claimtrack.flows.sources.http import Fetcher
from claimtrack.flows.sources.ingest import file_roots, poll_feed
from claimtrack.flows.kinds import kind_parser, register_kind, unregister_kind
from claimtrack.flows.settings import load_settings

SOURCES = FIXTURES / "sources"
CASES = tomllib.loads((SOURCES / "cases.toml").read_text("utf-8"))["case"]
BASE = "http://fixture.test"
TYPES = {".xml": "application/xml", ".txt": "text/plain; charset=utf-8", ".json": "application/feed+json",
         ".html": "text/html; charset=utf-8"}


def _source(name: str, base: str = BASE) -> bytes:
    return (SOURCES / name).read_text("utf-8").replace("{base}", base).encode("utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_fixture_listing_yields_what_it_says(case):
    parsed = kind_parser(case["kind"])(_source(case["file"]), f"{BASE}/sources/{case['file']}", case["content_type"])
    entries = parsed.entries
    assert [e.title for e in entries] == case["titles"]
    if "outlet" in case:
        assert parsed.title == case["outlet"]
    if "published_utc" in case:
        assert [e.published.isoformat() for e in entries] == case["published_utc"]
    if "links" in case:
        assert [(e.link or "").removeprefix(BASE) for e in entries] == case["links"]
    if "refused" in case:
        assert [e.refused_link or "" for e in entries] == case["refused"]
    if "guids" in case:
        assert [e.guid for e in entries] == case["guids"]
    if "authors" in case:
        assert [e.author for e in entries] == case["authors"]
    if "full_text" in case:
        from claimtrack.flows.sources.articles import is_full_text
        assert [is_full_text(e.content_html, e.summary_html) for e in entries] == case["full_text"]
    if "listings" in case:
        assert [u.removeprefix(BASE) for u in parsed.listings] == case["listings"]
    assert parsed.problem == case.get("problem")


# --- polled from a real local HTTP server ------------------------------------------------------

@pytest.fixture
def site(httpserver):
    """Serves fixtures/sources/ (with {base} filled in) under /sources/ and fixtures/pages/ under
    /pages/, each with an ETag, answering 304 to a matching If-None-Match."""
    base = httpserver.url_for("").rstrip("/")

    def serve(path: str, body: bytes, content_type: str) -> None:
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'

        def handler(request):
            if request.headers.get("If-None-Match") == etag:
                return Response(status=304, headers={"ETag": etag})
            return Response(body, content_type=content_type, headers={"ETag": etag})
        httpserver.expect_request(path).respond_with_handler(handler)

    for page in (FIXTURES / "pages").iterdir():
        serve(f"/pages/{page.name}", page.read_bytes(), TYPES[page.suffix])
    for listing in SOURCES.iterdir():
        if listing.suffix != ".toml":
            serve(f"/sources/{listing.name}", _source(listing.name, base), TYPES[listing.suffix])
    httpserver.expect_request("/sources/gone.xml").respond_with_data("gone", status=404)
    serve.base = base
    return serve


def settings_for(tmp_path, *feeds: dict):
    """Settings whose config lists `feeds`, each a [[feeds]] table as a dict."""
    path = write_config(tmp_path, [])
    tables = ["\n[[feeds]]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in feed.items()) for feed in feeds]
    path.write_text(path.read_text("utf-8") + "".join(tables), encoding="utf-8")
    return load_settings(path)


def poll(settings, force=False):
    store = Store(settings.storage.db, settings.storage.lock_wait_seconds)
    with Fetcher(settings.http, file_roots(settings)) as fetcher:
        return store, [poll_feed(f, settings, store, fetcher, force=force) for f in settings.feeds]


def articles(store):
    with store.read() as con:
        return con.execute("SELECT title, text_source, published_source, published_at, outlet, canonical_url "
                           "FROM articles ORDER BY published_at").fetchall()


def test_a_news_sitemap_is_polled_like_a_feed_its_pages_fetched(site, tmp_path):
    url = f"{site.base}/sources/news_sitemap.xml"
    settings = settings_for(tmp_path, {"url": url, "kind": "sitemap"})
    store, (result,) = poll(settings)
    assert (result.status, result.entries, result.new_articles, result.page_errors) == ("ok", 2, 2, [])
    rows = articles(store)
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [
        ("OpenAI valued at $500 billion in share sale", "page", "feed", "Test Gazette"),
        ("Microsoft's OpenAI stake falls to 27%", "page", "feed", "Test Gazette")]
    assert rows[1][3].isoformat().startswith("2025-10-28T15:00:00")      # news:publication_date, in UTC
    assert all("utm_" not in r[5] for r in rows)
    (health,) = store.query("feed_health_all")
    assert (health["kind"], health["parse_problem"]) == ("sitemap", "1 <url> elements without <loc>")
    _, (again,) = poll(settings)                      # the same fetch step: conditional GET
    assert again.status == "not_modified" and store.counts()["articles"] == 2


def test_a_sitemap_index_reads_its_sitemaps_and_records_the_broken_ones(site, tmp_path):
    url = f"{site.base}/sources/sitemap_index.xml"
    settings = settings_for(tmp_path, {"url": url, "kind": "sitemap", "name": "Gazette"})
    store, (result,) = poll(settings)
    assert (result.status, result.entries, result.new_articles) == ("ok", 2, 2)
    assert len(result.listing_errors) == 2
    assert any("gone.xml: HTTP 404" in e for e in result.listing_errors)
    assert any("elsewhere.test" in e and "not on that listing's site" in e for e in result.listing_errors)
    failures = {f["url"]: f for f in store.query("failures_recent")}
    assert set(failures) == {f"{site.base}/sources/gone.xml", "http://elsewhere.test/sitemap.xml"}
    assert {f["kind"] for f in failures.values()} == {"feed"}
    # no validators: the index may stay the same while its sitemaps change, so it is read again
    _, (again,) = poll(settings)
    assert again.status == "ok" and again.new_articles == 0 and store.counts()["articles"] == 2


def test_a_sitemap_index_is_followed_only_so_far(site, tmp_path, httpserver, monkeypatch):
    monkeypatch.setattr(listings, "MAX_LISTINGS", 2)
    children = "".join(f"<sitemap><loc>{site.base}/sources/s{n}.xml</loc></sitemap>" for n in range(4))
    index = f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{children}</sitemapindex>'
    site("/sources/many.xml", index.encode(), "application/xml")
    for n in range(4):
        site(f"/sources/s{n}.xml", _source("news_sitemap.xml", site.base), "application/xml")
    store, (result,) = poll(settings_for(tmp_path, {"url": f"{site.base}/sources/many.xml", "kind": "sitemap"}))
    assert result.status == "ok" and result.listing_errors == []
    assert [r.path for r, _ in httpserver.log].count("/sources/s2.xml") == 0
    (health,) = store.query("feed_health_all")
    assert "read 2 of the listings it names; 2 more were left" in health["parse_problem"]


def test_a_gzipped_sitemap_is_read_and_a_gzip_bomb_is_refused(monkeypatch):
    body = gzip.compress(_source("news_sitemap.xml"))
    assert len(kind_parser("sitemap")(body, f"{BASE}/s.xml.gz", "application/gzip").entries) == 2
    monkeypatch.setattr(sitemap, "MAX_SITEMAP_BYTES", 1_000_000)       # the protocol's 50 MB, made small
    bomb = gzip.compress(b"<urlset>" + b" " * 3_000_000 + b"</urlset>")
    with pytest.raises(ParseError, match=r"s\.xml\.gz: gzipped sitemap unpacks to more than 1,000,000 bytes"):
        kind_parser("sitemap")(bomb, f"{BASE}/s.xml.gz", None)


@pytest.mark.parametrize("body, message", [
    (b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
     b'<urlset><url><loc>http://fixture.test/&b;</loc></url></urlset>', "declares a DTD"),
    (b'<!DOCTYPE urlset SYSTEM "file:///etc/passwd"><urlset/>', "declares a DTD"),
    (b"<rss><channel></channel></rss>", "root element <rss>, not <urlset> or <sitemapindex>"),
    (b"<urlset><url>", "not well-formed XML"),
    (b"", "empty body where a sitemap was expected"),
])
def test_a_sitemap_that_is_none_is_a_parse_error_naming_it(body, message):
    with pytest.raises(ParseError, match=f"^{BASE}/s.xml: .*{message}"):
        kind_parser("sitemap")(body, f"{BASE}/s.xml", "application/xml")


def test_a_url_list_from_a_server_and_from_a_local_file(site, tmp_path):
    listed = tmp_path / "lists" / "reading.txt"
    listed.parent.mkdir()
    listed.write_text(_source("urls.txt", site.base).decode("utf-8").replace("stake", "paywall"), encoding="utf-8")
    settings = settings_for(tmp_path, {"url": f"{site.base}/sources/urls.txt", "kind": "urls", "name": "Reading"},
                            {"url": "lists/reading.txt", "kind": "urls", "name": "Local reading"})
    store, (served, local) = poll(settings)
    assert (served.status, served.entries, served.new_articles) == ("ok", 3, 2)
    assert served.page_errors == [f"{site.base}/sources/urls.txt: entry link 'javascript:alert(1)' refused: "
                                  "only http(s) links are followed"]
    assert (local.status, local.entries, local.new_articles) == ("ok", 3, 0)     # valuation: stored already
    assert any("paywall" in e for e in local.page_errors)
    rows = articles(store)
    assert sorted((r[0], r[1], r[2], r[4]) for r in rows) == [   # dated by the page, else when fetched
        ("Microsoft's OpenAI stake falls to 27%", "page", "page", "Reading"),
        ("OpenAI valued at $500 billion in share sale", "page", "fetch", "Reading")]


def test_a_url_list_that_is_no_list_is_a_parse_error_naming_it():
    parse = kind_parser("urls")
    with pytest.raises(ParseError, match=r"^http://x.test/l: not a list of URLs \(it looks like HTML, XML or JSON"):
        parse(b"<?xml version='1.0'?><rss/>", "http://x.test/l", None)
    with pytest.raises(ParseError, match=r"^http://x.test/l: no URLs in the list"):
        parse(b"# nothing yet\n\n", "http://x.test/l", None)
    with pytest.raises(ParseError, match=r"^http://x.test/l: not a list of URLs \(not UTF-8"):
        parse(b"http://a.test/\xff\xfe", "http://x.test/l", None)


def test_a_json_feed_is_read_by_the_rss_kind(site, tmp_path):
    settings = settings_for(tmp_path, {"url": f"{site.base}/sources/feed.json"})
    store, (result,) = poll(settings)
    assert (result.status, result.entries, result.new_articles, result.page_errors) == ("ok", 3, 3, [])
    rows = articles(store)
    assert [(r[0], r[1]) for r in rows] == [("Oracle signs $300 billion cloud deal with OpenAI", "feed"),
                                            ("Nvidia to invest up to $100 billion in OpenAI", "feed"),
                                            ("OpenAI valued at $500 billion in share sale", "page")]
    assert {r[4] for r in rows} == {"Test Bulletin"}


@pytest.mark.parametrize("body, message", [
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": {"a": 1}}', '"items" must be an array'),
    (b'{"title": "no version", "items": []}', 'no "version"'),
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "not JSON"),
    (b"[" * 100_000 + b"]" * 100_000, "not JSON"),
])
def test_json_that_is_no_json_feed_is_a_parse_error_naming_it(body, message):
    with pytest.raises(ParseError, match=f"^http://x.test/f.json: not a JSON Feed .*{message}"):
        kind_parser("rss")(body, "http://x.test/f.json", "application/json")


def test_json_feed_fields_of_the_wrong_type_are_a_problem_not_a_failure():
    doc = {"version": "https://jsonfeed.org/version/1", "title": "T",
           "items": [{"id": "1", "url": "http://x.test/a", "title": ["not", "text"]}, "junk",
                     {"id": "2", "url": "http://x.test/b", "title": "Fine"}]}
    parsed = kind_parser("rss")(json.dumps(doc).encode(), "http://x.test/f.json", None)
    assert [e.title for e in parsed.entries] == ["", "Fine"]
    assert parsed.problem == "1 items are not objects; title is not a string (1×)"


# --- the door: a kind of one's own ---------------------------------------------------------------

def read_reading_list(body: bytes, url: str, content_type: str | None) -> ParsedFeed:
    """A toy kind: {"outlet": ..., "articles": [{"link": ..., "headline": ...}]} in a JSON file."""
    from claimtrack.flows.kinds import FeedEntry
    from claimtrack.flows.sources.feeds import entry_link
    try:
        doc = json.loads(body)
    except ValueError as exc:
        raise ParseError(f"{url}: not a reading list ({exc})") from None
    entries = tuple(FeedEntry(guid=None, link=entry_link(a["link"], url)[0], title=a["headline"], author=None,
                              published=None, summary_html="", content_html="") for a in doc["articles"])
    return ParsedFeed(doc["outlet"], entries, None)


@pytest.fixture
def reading_list_kind():
    register_kind("reading_list", read_reading_list)
    yield
    unregister_kind("reading_list")


def test_a_kind_added_in_code_is_configured_and_polled_like_the_others(reading_list_kind, site, tmp_path):
    doc = {"outlet": "My reading list", "articles": [{"link": "/pages/stake.html", "headline": "The stake"},
                                                     {"link": "/pages/valuation.html", "headline": "The valuation"}]}
    site("/mine.json", json.dumps(doc).encode(), "application/json")
    settings = settings_for(tmp_path, {"url": f"{site.base}/mine.json", "kind": "reading_list", "tags": ["mine"]})
    store, (result,) = poll(settings)
    assert (result.status, result.name, result.new_articles) == ("ok", "My reading list", 2)
    assert {r[4] for r in articles(store)} == {"My reading list"}
    (health,) = store.query("feed_health_all")
    assert (health["kind"], health["tags"]) == ("reading_list", ["mine"])
    _, (again,) = poll(settings)
    assert again.status == "not_modified"
    site("/broken.json", b"{", "application/json")
    store, (broken,) = poll(settings_for(tmp_path, {"url": f"{site.base}/broken.json", "kind": "reading_list"}))
    assert broken.status == "error" and broken.error.startswith(f"{site.base}/broken.json: not a reading list")


def test_a_kind_nobody_registered_is_refused_in_one_line_naming_file_feed_and_key(tmp_path):
    with pytest.raises(ConfigError) as refused:
        settings_for(tmp_path, {"url": "http://x.test/l.json", "kind": "reading_list", "name": "Mine"})
    message = str(refused.value)
    assert "\n" not in message
    assert message == (f"{tmp_path / 'claimtrack.toml'} [[feeds]] #1 ('Mine'): kind must be one of rss, sitemap, urls, "
                       "not 'reading_list'")
