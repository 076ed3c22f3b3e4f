"""The hostile feed corpus (hostile/cases.toml): each case is served by a real local HTTP
server, or read as a file feed, polled by the real ingest code and extracted by the real
model; the poll must get the outcome the case names, and nothing it stores may break
extraction or carry what the case says must be absent."""
import gzip
import re
import shutil
import tomllib
import tracemalloc

import pytest
from werkzeug import Response

from conftest import HOSTILE
from claimtrack.db.store import Store
from claimtrack.flows.extraction.extract import extract_batch
from claimtrack.flows.sources.http import Fetcher
from claimtrack.flows.sources.ingest import file_roots, poll_feed

CASES = tomllib.loads((HOSTILE / "cases.toml").read_text("utf-8"))["case"]
STORY = "Microsoft holds a 27% stake in OpenAI, which is valued at $500 billion."


def _rss(items: str, title: str = "Generated Times") -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>{title}</title>{items}</channel></rss>").encode()


def _ten_thousand(server) -> tuple[bytes, dict]:
    items = "".join(f"<item><title>Story {i}</title><link>http://many.test/{i}</link><guid>many-{i}</guid>"
                    f"<content:encoded><![CDATA[<p>Story {i}. {STORY}</p>]]></content:encoded></item>"
                    for i in range(10_000))
    return _rss(items), {}


def _nul_page(server) -> tuple[bytes, dict]:
    page = ("<html><head><title>Blob Post</title></head><body><article><h1>Blob Post</h1>"
            f"<p>{STORY}</p><p>Nul\x00bytes\x00here.</p>"
            f'<p>data:image/png;base64,{"QUJD" * 500_000}</p>'
            "<p>OpenAI agreed to buy an additional $250 billion of Azure services.</p></article></body></html>")
    server.expect_request("/blob.html").respond_with_data(page.encode(), content_type="text/html; charset=utf-8")
    item = (f'<item><title>Blob Post</title><link>{server.url_for("/blob.html")}</link><guid>blob-1</guid>'
            "<description>Teaser only.</description></item>")
    return _rss(item), {}


MAKERS = {
    "empty": lambda server: (b"", {}),
    "oversize": lambda server: (_rss("<item><title>x</title></item>" + " " * 12_000_000), {}),
    "gzip_bomb": lambda server: (gzip.compress(b" " * 200_000_000, compresslevel=9), {"Content-Encoding": "gzip"}),
    "ten_thousand": _ten_thousand,
    "nul_page": _nul_page,
}


def _feed_url(case, httpserver, tmp_path) -> str:
    if case.get("serve") == "file":
        folder = tmp_path / "feeds"
        folder.mkdir()
        target = folder / (HOSTILE / case["file"]).name
        shutil.copy(HOSTILE / case["file"], target)
        return target.as_uri()
    if "make" in case:
        body, headers = MAKERS[case["make"]](httpserver)
    else:
        body, headers = (HOSTILE / case["file"]).read_bytes(), {}
    content_type = case.get("content_type", "application/rss+xml")
    httpserver.expect_request("/feed").respond_with_response(
        Response(body, content_type=content_type, headers=headers))
    return httpserver.url_for("/feed")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_hostile_feed_gets_its_outcome(case, httpserver, make_settings, extractor, tmp_path):
    url = _feed_url(case, httpserver, tmp_path)
    settings = make_settings([url], http={"allow_private": case.get("allow_private", True)})
    store = Store(settings.storage.db)
    if "max_mb" in case:
        tracemalloc.start()
    with Fetcher(settings.http, file_roots(settings)) as fetcher:
        result = poll_feed(settings.feeds[0], settings, store, fetcher)
    if "max_mb" in case:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert peak < case["max_mb"] * 2**20, f"{case['id']}: peak {peak / 2**20:.0f} MB"

    assert result.status == case["status"], result.error
    if "error" in case:
        assert re.search(case["error"], result.error or ""), result.error
    with store.read() as con:
        articles = con.execute("SELECT title, text, outlet, url, canonical_url, published_source, published_at, "
                               "fetched_at FROM articles ORDER BY published_at, title").fetchall()
        failures = [r[0] for r in con.execute("SELECT error FROM fetch_failures WHERE kind = 'page'").fetchall()]
        problem = con.execute("SELECT parse_problem FROM feeds").fetchone()[0]
    assert len(articles) == case["stored"]
    unmatched = list(failures)
    for pattern in case.get("failures", []):
        hit = next((f for f in unmatched if re.search(pattern, f)), None)
        assert hit is not None, f"no recorded failure matches {pattern!r} in {unmatched}"
        unmatched.remove(hit)
    assert unmatched == []
    if "problem" in case:
        assert (problem is not None) == case["problem"], problem
    for text in case.get("absent", []):
        assert not any(text in (field or "") for row in articles for field in row[:5]), f"{text!r} was stored"
    if "titles" in case:
        assert sorted(r[0] for r in articles) == sorted(case["titles"])
    if "published_source" in case:
        assert [r[5] for r in articles] == case["published_source"]
        assert all(r[6] <= r[7] for r in articles)            # nothing dated after it was fetched

    if case.get("claims_at_least"):
        got = extract_batch(store, extractor, store.pending_articles(extractor.version))
        assert got.failed == [] and got.claims >= case["claims_at_least"], got


def test_an_entry_with_a_javascript_link_is_kept_under_its_guid_and_never_linked(make_settings, extractor, tmp_path):
    """The full-text entry of hostile_links.xml reaches the digest with its outlet named but
    not linked: only http(s) evidence links become <a href>."""
    from claimtrack.flows.outputs.digest import render_digest
    url = _feed_url({"serve": "file", "file": "feeds/hostile_links.xml"}, None, tmp_path)
    settings = make_settings([url], http={"allow_private": False})
    store = Store(settings.storage.db)
    with Fetcher(settings.http, file_roots(settings)) as fetcher:
        assert poll_feed(settings.feeds[0], settings, store, fetcher).new_articles == 1
    extract_batch(store, extractor, store.pending_articles(extractor.version))
    with store.read() as con:
        assert con.execute("SELECT url, canonical_url FROM articles").fetchall() == [("urn:guid:l10", "urn:guid:l10")]
    digest = render_digest(store, "2025-W44")
    assert "Link Trap Weekly" in digest.html and "27%" in digest.html
    assert "javascript:" not in digest.html and "urn:guid" not in digest.html


NUMBERS = tomllib.loads((HOSTILE / "numbers.toml").read_text("utf-8"))["number"]


@pytest.mark.parametrize("case", NUMBERS, ids=[c["text"][:40] for c in NUMBERS])
def test_numbers_that_break_naive_parsers_give_the_right_figure_or_none(case):
    from claimtrack.extractors.figures import find_figures
    got = [[f.kind, f.value, f.unit] for f in find_figures(case["text"]) if f.kind != "year"]
    assert got == case["figures"], case["why"]
