"""Per-feed tags and include/exclude filters: words matched as whole words in an entry's title
and summary before anything is fetched or stored, what was left out counted on the poll, tags
stored with the feed and shown by `claimtrack feeds`, and the new keys checked in one line."""
import json

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from claimtrack.flows.terminal.cli import app
from claimtrack.errors import ConfigError
from claimtrack.flows.sources.filters import entry_filter
from claimtrack.flows.settings import FeedConfig
from test_source_kinds import poll, settings_for, site  # noqa: F401 - site is a fixture

runner = CliRunner()


def keeps(text: str, include=(), exclude=()) -> bool:
    return entry_filter(FeedConfig("http://x.test/f", include=include, exclude=exclude)).keeps(text)


def test_words_match_whole_words_whatever_their_case():
    assert keeps("openai raises $40 billion", include=("OpenAI",))
    assert not keeps("OpenAIs and others", include=("OpenAI",))              # a whole word, not a prefix
    assert not keeps("the chief said so", include=("AI",))                   # "AI" is not in "said"
    assert not keeps("Thai markets", include=("AI",))                        # nor at the end of "Thai"
    assert keeps("What AI costs", include=("AI",))
    assert keeps("Artificial\n  intelligence spending", include=("artificial intelligence",))
    assert not keeps("OpenAI deal (Sponsored)", include=("OpenAI",), exclude=("sponsored",))
    assert keeps("U.S. stake in Intel", include=("U.S.",))                   # punctuation is taken as written
    assert entry_filter(FeedConfig("http://x.test/f")) is None


def test_filters_act_before_pages_are_fetched_and_what_they_leave_out_is_counted(site, tmp_path, httpserver):
    site("/chronicle.xml", (FIXTURES / "feeds" / "rss2_full_content.xml").read_bytes(), "application/rss+xml")
    site("/gazette.xml", (FIXTURES / "feeds" / "rss2_summary_only.xml").read_bytes(), "application/rss+xml")
    settings = settings_for(
        tmp_path,
        {"url": f"{site.base}/chronicle.xml", "include": ["computing contract", "nothing else"]},  # in a summary
        {"url": f"{site.base}/gazette.xml", "exclude": ["STAKE"]})
    store, (chronicle, gazette) = poll(settings)
    assert (chronicle.entries, chronicle.new_articles, chronicle.filtered) == (2, 1, 1)
    assert (gazette.entries, gazette.new_articles, gazette.filtered) == (2, 1, 1)
    paths = [request.path for request, _ in httpserver.log]
    assert "/pages/valuation.html" in paths and "/pages/stake.html" not in paths    # never fetched
    with store.read() as con:
        titles = sorted(r[0] for r in con.execute("SELECT title FROM articles").fetchall())
    assert titles == ["OpenAI valued at $500 billion in share sale", "Oracle signs $300 billion cloud deal with OpenAI"]
    health = {h["feed"]: h for h in store.query("feed_health_all")}
    assert (health["Test Chronicle"]["entries_seen"], health["Test Chronicle"]["entries_filtered"]) == (2, 1)
    assert health["Test Gazette"]["entries_filtered"] == 1
    _, (again, _) = poll(settings)                    # a 304 keeps the last count
    assert again.status == "not_modified"
    assert {h["feed"]: h["entries_filtered"] for h in store.query("feed_health_all")}["Test Chronicle"] == 1


def test_an_entry_with_neither_title_nor_summary_is_judged_by_its_page(site, tmp_path):
    settings = settings_for(tmp_path, {"url": f"{site.base}/sources/urls.txt", "kind": "urls", "include": ["azure"]})
    store, (result,) = poll(settings)
    assert (result.entries, result.new_articles, result.filtered) == (3, 1, 1)   # and the javascript: line failed
    with store.read() as con:
        assert con.execute("SELECT title FROM articles").fetchall() == [("Microsoft's OpenAI stake falls to 27%",)]


def test_tags_and_kind_are_stored_with_the_feed_and_shown_by_claimtrack_feeds(site, tmp_path):
    settings = settings_for(tmp_path, {"url": f"{site.base}/sources/news_sitemap.xml", "kind": "sitemap",
                                       "tags": ["ai", "deals"], "exclude": ["valued"]})
    poll(settings)
    config, db = str(settings.config_path), str(settings.storage.db)
    listed = runner.invoke(app, ["feeds", "--json", "--config", config, "--db", db])
    assert listed.exit_code == 0, listed.output
    (row,) = [json.loads(line) for line in listed.output.splitlines()]
    assert (row["feed"], row["kind"], row["tags"], row["entries_filtered"]) == ("Test Gazette", "sitemap", ["ai", "deals"], 1)
    table = runner.invoke(app, ["feeds", "--config", config, "--db", db], env={"COLUMNS": "250"})
    assert "sitemap" in table.output and "ai, deals" in table.output and "2 (1 filtered)" in table.output


def test_ingest_feed_by_url_keeps_the_configured_kind_tags_and_filters(tmp_path):
    settings = settings_for(tmp_path, {"url": "http://x.test/news.xml", "kind": "sitemap", "tags": ["t"],
                                       "include": ["w"], "name": "N"})
    (feed,) = settings.with_feeds(["http://x.test/news.xml"]).feeds
    assert (feed.kind, feed.tags, feed.include, feed.name) == ("sitemap", ("t",), ("w",), "N")
    (other,) = settings.with_feeds(["http://x.test/other.xml"]).feeds
    assert (other.kind, other.tags) == ("rss", ())


@pytest.mark.parametrize("key, value, message", [
    ("kind", 3, "kind must be a string, not the integer 3"),
    ("kind", "atom", "kind must be one of rss, sitemap, urls, not 'atom'"),
    ("tags", "ai", "tags must be an array of strings, not the string 'ai'"),
    ("tags", ["ai,ml"], "tags must be names without commas or slashes, not the string 'ai,ml'"),
    ("include", [""], "include must hold words, not the string ''"),
    ("exclude", ["ok", 1], "exclude must be an array of strings, not an array holding the integer 1"),
    ("filters", ["x"], "unknown setting 'filters'"),
])
def test_a_wrong_new_key_is_one_line_naming_file_feed_and_key(tmp_path, key, value, message):
    with pytest.raises(ConfigError) as refused:
        settings_for(tmp_path, {"name": "Wire", "url": "http://x.test/f", key: value})
    assert str(refused.value).startswith(f"{tmp_path / 'claimtrack.toml'} [[feeds]] #1 ('Wire'): {message}")
    assert "\n" not in str(refused.value)


def test_feeds_add_writes_kind_tags_and_filters_and_refuses_a_wrong_one(tmp_path):
    config = tmp_path / "claimtrack.toml"
    config.write_text("# mine\n", encoding="utf-8")
    added = runner.invoke(app, ["feeds", "add", "https://a.test/news-sitemap.xml", "--kind", "sitemap", "--tag", "ai",
                                "--tag", "policy", "--exclude", "sponsored", "--config", str(config)])
    assert added.exit_code == 0, added.output
    assert config.read_text("utf-8") == ('# mine\n\n[[feeds]]\nurl = "https://a.test/news-sitemap.xml"\nkind = "sitemap"\n'
                                         'tags = ["ai", "policy"]\nexclude = ["sponsored"]\n')
    refused = runner.invoke(app, ["feeds", "add", "https://b.test/x", "--kind", "atom", "--config", str(config)])
    assert refused.exit_code != 0 and "kind must be one of rss, sitemap, urls, not 'atom'" in str(refused.exception)
