"""OPML: `claimtrack feeds import FILE.opml` appends the outlines' feeds to the config file (its
comments kept, feeds it lists already left out), a broken OPML is refused in one line naming the
file, and `claimtrack feeds export` writes OPML 2.0 that an XML reader and feedparser read and
that imports back into the same feeds."""
import subprocess
import sys
import xml.etree.ElementTree as ET

import feedparser
import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from claimtrack.flows.terminal.cli import app
from claimtrack.errors import ConfigError
from claimtrack.flows.terminal.opml import import_opml
from claimtrack.flows.settings import load_settings

runner = CliRunner()
OPML = FIXTURES / "opml" / "subscriptions.opml"
CONFIG = '''# my settings: comments must survive an import
[http]
contact = "me@example.org"   # who site owners write to

[[feeds]]
name = "Bare"
url = "https://bare.example/rss"   # listed already
'''


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "claimtrack.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def test_import_adds_the_outlines_feeds_with_names_and_tags_and_keeps_the_file(config):
    result = runner.invoke(app, ["feeds", "import", str(OPML), "--config", str(config)], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"{OPML}: 5 feeds, 3 added to {config}, 2 left out"
    assert "already lists https://bare.example/rss as 'Bare'" in result.output
    assert "feed URL 'javascript:alert(1)' must be an http(s) URL" in result.output
    assert config.read_text("utf-8").startswith(CONFIG)
    feeds = [(f.name, f.url, f.tags) for f in load_settings(config).feeds]
    assert feeds == [
        ("Bare", "https://bare.example/rss", ()),
        ("The Wire & Co", "https://wire.example/rss", ("Tech",)),
        ("deals-feed", "https://deals.example/atom.xml", ("Tech", "AI", "Deals", "Markets", "M&A", "weekly")),
        ("Untitled", "https://plain.example/feed.json", ())]
    again = runner.invoke(app, ["feeds", "import", str(OPML), "--config", str(config)])
    assert again.exit_code == 0 and "0 added" in again.output        # importing twice adds nothing


@pytest.mark.parametrize("body, message", [
    (b"this is not XML", "not an OPML file (not well-formed XML"),
    (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "not an OPML file (root element <rss>, not <opml>)"),
    (b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]><opml><body>'
     b'<outline xmlUrl="https://a.example/&x;"/></body></opml>', "not an OPML file (it declares a DTD"),
    (b'<opml version="2.0"><head/><body><outline text="folder"/></body></opml>', "no feeds in it"),
    (b'<opml version="2.0"><head/></opml>', "no feeds in it"),
])
def test_a_broken_opml_is_refused_in_one_line_naming_it_and_nothing_is_written(tmp_path, config, body, message):
    opml = tmp_path / "broken.opml"
    opml.write_bytes(body)
    with pytest.raises(ConfigError) as refused:
        import_opml(opml, config)
    assert str(refused.value).startswith(f"{opml}: {message}") and "\n" not in str(refused.value)
    assert config.read_text("utf-8") == CONFIG


def test_the_command_prints_a_broken_opml_as_one_line_and_exits_1(tmp_path, config):
    missing = tmp_path / "missing.opml"
    proc = subprocess.run([sys.executable, "-c", "from claimtrack.flows.terminal.cli import main; main()", "feeds", "import", str(missing),
                           "--config", str(config)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr == f"claimtrack: error: {missing}: cannot read the OPML file: No such file or directory\n"


def test_export_is_opml_2_that_readers_parse_and_that_imports_back_the_same_feeds(tmp_path, config):
    config.write_text(CONFIG + '''
[[feeds]]
name = "News <map> & \\"co\\""
url = "https://wire.example/news-sitemap.xml"
kind = "sitemap"
tags = ["ai", "deals"]
include = ["OpenAI", "Microsoft"]
exclude = ["sponsored content"]

[[feeds]]
url = "https://list.example/reading.txt"
kind = "urls"

[[feeds]]
name = "Off for now"
url = "https://off.example/rss"
enabled = false
''', encoding="utf-8")
    result = runner.invoke(app, ["feeds", "export", "--config", str(config)])
    assert result.exit_code == 0, result.output
    text = result.output
    root = ET.fromstring(text.encode("utf-8"))                    # any XML reader
    assert root.tag == "opml" and root.get("version") == "2.0" and root.find("head/title").text == "claimtrack feeds"
    outlines = root.findall("body/outline")
    assert [(o.get("text"), o.get("type"), o.get("xmlUrl"), o.get("category")) for o in outlines] == [
        ("Bare", "rss", "https://bare.example/rss", None),
        ('News <map> & "co"', "sitemap", "https://wire.example/news-sitemap.xml", "ai,deals"),    # no feed to
        ("https://list.example/reading.txt", "urls", "https://list.example/reading.txt", None)]  # another reader
    parsed = feedparser.parse(text.encode("utf-8"))
    assert not parsed.bozo and parsed.feed["opml"]["version"] == "2.0"
    fresh = tmp_path / "fresh.toml"
    opml = tmp_path / "feeds.opml"
    opml.write_text(text, encoding="utf-8")
    assert len(import_opml(opml, fresh).added) == 3
    fields = lambda f: (f.url, f.name, f.kind, f.tags, f.include, f.exclude)     # noqa: E731
    assert [fields(f) for f in load_settings(fresh).feeds] == [fields(f) for f in load_settings(config).feeds]
