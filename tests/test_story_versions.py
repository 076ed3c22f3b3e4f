"""Story versions against a real local HTTP server: a wire story republished under the same link
with a new figure is stored as a second version, extracted, and tracked as a change first
reported by its outlet at the update; an entry that changed with its text the same, or whose
page answers 304, writes only the entry's signature; young articles are re-read when
`[ingest] recheck_days` says so; the poll after all that writes nothing."""
import hashlib
from datetime import datetime, timedelta, timezone

from werkzeug import Response

from claimtrack.flows.extraction.extract import extract_batch
from claimtrack.flows.sources.reparse import reparse_articles
from claimtrack.flows.sources.versions import to_recheck
from claimtrack.flows.kinds import FeedEntry
from claimtrack.flows.settings import IngestSettings
from test_ingest import _poll_all, page

FIRST = ("Mistral AI raised 1.7 billion euros in a funding round that values the Paris company at "
         "11.7 billion euros, people familiar with the matter said on Tuesday.")
UPDATED = ("Mistral AI raised 2 billion euros in a funding round that values the Paris company at "
           "14 billion euros, the company said on Wednesday.")
FILLER = ("<p>The start-up, founded in 2023 by former researchers of Google DeepMind and Meta, sells "
          "its models to businesses and governments across Europe.</p>")


class Newsroom:
    """One Atom feed and one article page, both changeable, each with an ETag that a matching
    If-None-Match turns into a 304; every request is logged with the validator it carried."""

    def __init__(self, httpserver, *, feed_etags: bool = True):
        self.server, self.feed_etags = httpserver, feed_etags
        self.entry = {"summary": "Mistral AI raises new funds.", "published": "2026-11-24T08:00:00Z",
                      "updated": "2026-11-24T08:00:00Z"}
        self.body = page(f"<h1>Mistral AI funding</h1><p>{FIRST}</p>{FILLER}")
        self.log: list[tuple[str, str | None]] = []
        httpserver.expect_request("/feed.atom").respond_with_handler(self._feed)
        httpserver.expect_request("/mistral.html").respond_with_handler(self._page)
        self.feed_url = httpserver.url_for("/feed.atom")

    def _atom(self) -> bytes:
        link = self.server.url_for("/mistral.html")
        return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f"<title>Meridian Wire</title><id>urn:meridian</id><updated>{self.entry['updated']}</updated>"
                f"<entry><id>urn:meridian:mistral</id><title>Mistral AI funding</title>"
                f'<link href="{link}"/><published>{self.entry["published"]}</published>'
                f"<updated>{self.entry['updated']}</updated><summary>{self.entry['summary']}</summary>"
                f"</entry></feed>").encode("utf-8")

    def _serve(self, path: str, body: bytes, content_type: str, request, etags: bool = True):
        etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
        self.log.append((path, request.headers.get("If-None-Match")))
        if etags and request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, content_type=content_type, headers={"ETag": etag} if etags else {})

    def _feed(self, request):
        return self._serve("feed", self._atom(), "application/atom+xml", request, self.feed_etags)

    def _page(self, request):
        return self._serve("page", self.body, "text/html; charset=utf-8", request)

    def requests(self, path: str) -> list[str | None]:
        return [validator for p, validator in self.log if p == path]


def _extract(store, extractor):
    extract_batch(store, extractor, store.pending_articles(extractor.version))


def _valuations(store):
    with store.read() as con:
        return con.execute("""SELECT version, value, published_at FROM claims
                              WHERE metric = 'valuation' ORDER BY version""").fetchall()


def test_an_updated_story_is_a_second_version_and_its_new_figure_a_change_at_the_update(
        httpserver, make_settings, extractor):
    news = Newsroom(httpserver)
    settings = make_settings([news.feed_url])
    store, (first,) = _poll_all(settings)
    assert first.new_articles == 1 and first.updated == 0
    _extract(store, extractor)
    assert [(v, value) for v, value, _ in _valuations(store)] == [(1, 11.7e9)]

    news.entry.update(summary="Mistral AI raises more than planned.", updated="2026-11-25T10:30:00Z")
    news.body = page(f"<h1>Mistral AI funding</h1><p>{UPDATED}</p>{FILLER}")
    _, (second,) = _poll_all(settings)
    assert second.status == "ok" and second.new_articles == 0 and second.updated == 1
    assert news.requests("page")[-1] is not None           # the page was asked for conditionally

    with store.read() as con:
        versions = con.execute("""SELECT version, published_source, published_at, position('14 billion' IN text) > 0
                                  FROM article_versions ORDER BY version""").fetchall()
        article = con.execute("SELECT version, updated_at, position('14 billion' IN text) > 0 FROM articles").fetchone()
        extracted = con.execute("SELECT count(*) FROM extractions").fetchone()[0]
    update = datetime(2026, 11, 25, 10, 30, tzinfo=timezone.utc)
    assert [(v, source, has_new) for v, source, _, has_new in versions] == [(1, "feed", False), (2, "feed", True)]
    assert versions[1][2] == update and article == (2, update, True)
    assert extracted == 0                                   # the update awaits extraction
    assert reparse_articles(store).changed == []            # the raw page kept is the new version's

    _extract(store, extractor)
    assert [(v, value, when) for v, value, when in _valuations(store)] == [
        (1, 11.7e9, datetime(2026, 11, 24, 8, tzinfo=timezone.utc)), (2, 14e9, update)]
    with store.read() as con:      # every claim's span points into the text of its own version
        spans = con.execute("""SELECT c.sentence = substr(v.text, c.start_char + 1, c.end_char - c.start_char)
                               FROM claims c JOIN article_versions v USING (article_id, version)""").fetchall()
    assert spans and all(ok for (ok,) in spans)
    change = next(c for c in store.query("changes") if c["metric"] == "valuation")
    assert (change["previous_value"], change["new_value"], change["first_outlet"]) == (11.7e9, 14e9, "Meridian Wire")
    assert change["changed_at"] == update

    before = store.counts()
    _, (third,) = _poll_all(settings)                       # nothing changed: a 304, nothing written
    assert third.status == "not_modified" and store.counts() == before


def test_an_entry_changed_over_the_same_text_stores_its_signature_only(httpserver, make_settings):
    news = Newsroom(httpserver)
    settings = make_settings([news.feed_url])
    store, _ = _poll_all(settings)
    news.entry = {**news.entry, "summary": "Mistral AI raises new funds, sources say."}
    _, (second,) = _poll_all(settings)                      # the page answers 304 to its ETag
    assert second.updated == 0 and news.requests("page")[-1] is not None and len(news.requests("page")) == 2
    with store.read() as con:
        versions = con.execute("SELECT count(*) FROM article_versions").fetchone()[0]
        version, entry_hash = con.execute("SELECT version, entry_hash FROM articles").fetchone()
    assert versions == 0 and version == 1
    assert entry_hash == _entry(summary="Mistral AI raises new funds, sources say.",
                                updated=datetime(2026, 11, 24, 8, tzinfo=timezone.utc),
                                link=httpserver.url_for("/mistral.html")).signature()

    # the entry changes back while the page gains a paragraph: a version, dated when it was seen
    news.entry = {**news.entry, "summary": "Mistral AI raises new funds."}
    news.body = page(f"<h1>Mistral AI funding</h1><p>{FIRST}</p>{FILLER}<p>Shares of its partners rose.</p>")
    _, (third,) = _poll_all(settings)
    with store.read() as con:
        latest = con.execute("SELECT version, published_source FROM article_versions ORDER BY version DESC").fetchone()
    assert third.updated == 1 and latest == (2, "fetch")
    pages = len(news.requests("page"))
    _, (quiet,) = _poll_all(settings)
    assert quiet.status == "not_modified" and len(news.requests("page")) == pages


def test_young_articles_are_read_again_every_poll_when_recheck_days_says_so(httpserver, make_settings):
    news = Newsroom(httpserver, feed_etags=False)           # the feed answers 200 every time
    two_hours_ago = (datetime.now(timezone.utc) - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    news.entry.update(published=two_hours_ago, updated=two_hours_ago)
    off = make_settings([news.feed_url])
    store, _ = _poll_all(off)
    _poll_all(off)
    assert len(news.requests("page")) == 1                  # entry unchanged, recheck_days = 0: not read

    on = make_settings([news.feed_url], ingest={"recheck_days": 1})
    news.body = page(f"<h1>Mistral AI funding</h1><p>{UPDATED}</p>{FILLER}")
    _, (polled,) = _poll_all(on)
    assert polled.updated == 1 and news.requests("page")[-1] is not None
    with store.read() as con:
        source, seen = con.execute("SELECT published_source, published_at FROM article_versions "
                                   "WHERE version = 2").fetchone()
    assert source == "fetch" and datetime.now(timezone.utc) - seen < timedelta(minutes=5)   # dated when seen

    _, (again,) = _poll_all(on)                             # read again, conditionally: 304, no version
    assert again.updated == 0 and len(news.requests("page")) == 3


def _entry(summary: str, updated: datetime | None, link: str = "https://w.example/a") -> FeedEntry:
    return FeedEntry(guid="urn:meridian:mistral", link=link, title="Mistral AI funding", author=None,
                     published=None, summary_html=summary, content_html="", updated=updated)


def test_which_known_entries_are_read_again():
    now = datetime(2026, 11, 29, tzinfo=timezone.utc)
    seen = _entry("A teaser.", now - timedelta(days=3))
    stored = {"article_id": "a1", "feed_id": "f1", "entry_hash": seen.signature(),
              "published_at": now - timedelta(days=3)}
    settings = IngestSettings(max_entries_per_poll=10, recheck_days=0)
    assert to_recheck([(seen, stored)], "f1", settings, now) == ([], {})
    moved = _entry("A teaser.", now - timedelta(days=1))          # only the updated date moved
    checks, _ = to_recheck([(moved, stored)], "f1", settings, now)
    assert [c.stored["article_id"] for c in checks] == ["a1"]
    assert to_recheck([(moved, stored)], "f2", settings, now) == ([], {})   # another feed's entry for the link
    # stored before signatures were kept: the entry as it is now is its baseline, nothing is read
    assert to_recheck([(seen, {**stored, "entry_hash": None})], "f1", settings, now) == (
        [], {"a1": seen.signature()})
    # young enough for recheck_days: read again though the entry is the same
    checks, _ = to_recheck([(seen, stored)], "f1", IngestSettings(max_entries_per_poll=10, recheck_days=4), now)
    assert len(checks) == 1
