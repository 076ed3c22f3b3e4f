"""`claimtrack feeds add/remove` edit the config file and keep everything else as written."""
import pytest
from typer.testing import CliRunner

from claimtrack.flows.terminal.cli import app
from claimtrack.errors import ConfigError
from claimtrack.flows.terminal.feedlist import add_feed, remove_feed
from claimtrack.flows.settings import load_settings

CONFIG = '''# my settings: comments must survive edits
[http]
contact = "me@example.org"   # who site owners write to

# --- wires ---
[[feeds]]
name = "Wire A"
url = "https://a.example/rss"   # the first one

[[feeds]]
name = "Wire B"
url = "https://b.example/atom.xml"

# --- the end ---
[digest]
recipients = []
'''


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "claimtrack.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def test_add_appends_a_feed_and_keeps_every_other_line(config):
    add_feed(config, "https://c.example/feed", name='C "quoted" & co')
    text = config.read_text("utf-8")
    assert text.startswith(CONFIG)
    assert [(f.name, f.url) for f in load_settings(config).feeds][-1] == ('C "quoted" & co', "https://c.example/feed")


def test_add_refuses_a_feed_already_listed_and_bad_urls(config):
    with pytest.raises(ConfigError, match="already lists https://a.example/rss as 'Wire A'"):
        add_feed(config, "https://a.example/rss")
    with pytest.raises(ConfigError, match="not ftp:"):
        add_feed(config, "ftp://x.example/feed")
    with pytest.raises(ConfigError, match="no such feed file"):
        add_feed(config, "missing/feed.xml")
    assert config.read_text("utf-8") == CONFIG


def test_remove_by_name_or_url_keeps_neighbouring_comments(config):
    assert remove_feed(config, "Wire A") == "https://a.example/rss"
    text = config.read_text("utf-8")
    assert "# --- wires ---" in text and "# --- the end ---" in text and "Wire A" not in text
    assert [f.name for f in load_settings(config).feeds] == ["Wire B"]
    remove_feed(config, "https://b.example/atom.xml")
    settings = load_settings(config)
    assert settings.feeds == () and settings.http.contact == "me@example.org"
    assert "# --- the end ---\n[digest]" in config.read_text("utf-8")


def test_removing_a_feed_that_is_not_listed_says_which_are(config):
    with pytest.raises(ConfigError, match=r"no \[\[feeds\]\] table with url or name 'Wire Z' \(listed: Wire A, Wire B\)"):
        remove_feed(config, "Wire Z")


def test_feeds_add_and_remove_through_the_cli(config):
    runner = CliRunner()
    added = runner.invoke(app, ["feeds", "add", "https://d.example/rss", "--name", "D", "--config", str(config)])
    assert added.exit_code == 0 and "added https://d.example/rss" in added.output
    removed = runner.invoke(app, ["feeds", "remove", "D", "--config", str(config)])
    assert removed.exit_code == 0 and "removed https://d.example/rss" in removed.output
    assert config.read_text("utf-8") == CONFIG
