"""Issue 16, class 5: a config value of the wrong type, an absurd file or a feed URL of another
scheme is refused in one line naming the file, the table and the key; never trusted, never a
traceback."""
import os
import subprocess
import sys
import tomllib
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest

from conftest import ROOT
from claimtrack.errors import ConfigError
from claimtrack.flows.settings import load_settings


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "claimtrack.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _claimtrack(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from claimtrack.flows.terminal.cli import main; main()", *args],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          timeout=120)


def _one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr.strip()


def test_a_quoted_false_is_refused_and_the_fetcher_never_connects_to_loopback(tmp_path, httpserver):
    httpserver.expect_request("/feed.xml").respond_with_data("<rss/>", content_type="application/xml")
    config = _config(tmp_path, f'[storage]\ndb = "{tmp_path / "c.duckdb"}"\ndata_dir = "{tmp_path / "data"}"\n\n'
                               f'[http]\nallow_private = "false"\n\n[[feeds]]\nurl = "{httpserver.url_for("/feed.xml")}"\n')
    with pytest.raises(ConfigError, match=r"claimtrack\.toml \[http\]: allow_private must be true or false, "
                                          r"not the string 'false'"):
        load_settings(config)
    line = _one_line_error(_claimtrack("ingest", "--config", str(config)))
    assert "[http]: allow_private must be true or false" in line
    assert httpserver.log == [] and not (tmp_path / "c.duckdb").exists()


@pytest.mark.parametrize("text, table, key, problem", [
    ('[storage]\nlock_wait_seconds = "x"\n', "[storage]", "lock_wait_seconds", "must be a number, not the string 'x'"),
    ("[storage]\ndata_dir = 5\n", "[storage]", "data_dir", "must be a string (a path), not the integer 5"),
    ('[storage]\ndb = ""\n', "[storage]", "db", "must be a path, not an empty string"),
    ("[http]\nconcurrency = 2.5\n", "[http]", "concurrency", "must be a whole number, not the number 2.5"),
    ("[http]\nmax_redirects = true\n", "[http]", "max_redirects", "must be a whole number, not the boolean true"),
    ('[http]\ncontact = ["me@example.org"]\n', "[http]", "contact", "must be a string, not an array"),
    ("[http]\nread_timeout = { seconds = 5 }\n", "[http]", "read_timeout", "must be a number, not a table"),
    ("[extract]\nbatch_size = 1979-05-27\n", "[extract]", "batch_size", "must be a whole number, not a date"),
    ('[digest]\nrecipients = "me@example.org"\n', "[digest]", "recipients", "must be an array of strings, not the string"),
    ('[digest]\nrecipients = ["a@example.org", 5]\n', "[digest]", "recipients", "must be an array of strings, not an array holding the integer 5"),
    ('[schedule]\ntimezone = "Europe"\n', "[schedule]", "timezone", "must be an IANA name"),
    ('[sql]\ntimeout_seconds = "30"\n', "[sql]", "timeout_seconds", "must be a number, not the string '30'"),
    ("[sql]\nmemory_limit = 1\n", "[sql]", "memory_limit", "must be a string, not the integer 1"),
    ('[[feeds]]\nurl = 5\n', "[[feeds]] #1", "url", "must be a string, not the integer 5"),
    ('[[feeds]]\nname = "Wire"\nurl = "https://a.example/rss"\nenabled = "no"\n', "[[feeds]] #1 ('Wire')", "enabled",
     "must be true or false, not the string 'no'"),
    ('feeds = "abc"\n', "", "feeds", "must be an array of [[feeds]] tables, not the string 'abc'"),
    ("feeds = [5]\n", "[[feeds]] #1", "", "must be a table with a url, not the integer 5"),
    ("http = 5\n", "", "[http]", "must be a table, not the integer 5"),
])
def test_a_value_of_the_wrong_type_is_refused_naming_file_table_and_key(tmp_path, text, table, key, problem):
    config = _config(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    message = str(caught.value)
    assert message.startswith(f"{config} {table}".rstrip() + ":") and f"{key} {problem}".strip() in message
    assert "\n" not in message


@pytest.mark.parametrize("text, key, problem", [
    ("[http]\nconcurrency = 0\n", "concurrency", "must be a number from 1 to 1,000, not 0"),
    ("[http]\nconnect_timeout = 0\n", "connect_timeout", "must be a number above 0 and at most 3,600, not 0"),
    ("[storage]\nlock_wait_seconds = nan\n", "lock_wait_seconds", "must be a finite number, not nan"),
    ("[http]\nmax_retry_wait = inf\n", "max_retry_wait", "must be a finite number, not inf"),
    ("[digest]\nsmtp_port = 70000\n", "smtp_port", "must be a number from 1 to 65,535, not 70000"),
    ('[digest]\nsmtp_security = "tls"\n', "smtp_security", "must be one of starttls, ssl, none, not the string 'tls'"),
    ('[digest]\nsender = "nobody"\n', "sender", "'nobody' is not a plain e-mail address"),
    ("[extract]\nworkers = -1\n", "workers", "must be a number from 0 to 1,024, not -1"),
    ('[storage]\ndata_dir = "data\\u0000x"\n', "data_dir", "must not hold control characters"),
    ("[sql]\ntimeout_seconds = 0\n", "timeout_seconds", "must be a number above 0"),
    ('[sql]\nmemory_limit = "1"\n', "memory_limit", 'must be a size such as "1GB"'),
    ('[sql]\nmemory_limit = "1KB"\n', "memory_limit", "must be at least 16MB"),
    ("[sql]\nmax_rows = 0\n", "max_rows", "must be a number from 1 to"),
])
def test_numbers_out_of_their_sane_range_and_bad_strings_are_refused(tmp_path, text, key, problem):
    with pytest.raises(ConfigError, match=r"claimtrack\.toml \[\w+\]: ") as caught:
        load_settings(_config(tmp_path, text))
    assert f"{key} {problem}" in str(caught.value) or f"{key}: {problem}" in str(caught.value)


@pytest.mark.parametrize("url, problem", [
    ("ftp://x.example/feed.xml", "not ftp:"),
    ("javascript:alert(1)", "not javascript:"),
    ("data:text/xml,<rss/>", "not data:"),
    ("gopher://x.example/", "not gopher:"),
    ("https:///feed.xml", "must name a host"),
    ("http://[::1/feed", "must name a host"),
])
def test_a_feed_url_of_another_scheme_is_refused_naming_the_feed(tmp_path, url, problem):
    config = _config(tmp_path, f'[[feeds]]\nname = "Odd"\nurl = "{url}"\n')
    with pytest.raises(ConfigError, match=r"claimtrack\.toml \[\[feeds\]\] #1 \('Odd'\): url must") as caught:
        load_settings(config)
    assert problem in str(caught.value) and url[:20] in str(caught.value)
    with pytest.raises(ConfigError, match=problem):
        load_settings(None).with_feeds([url])                       # ingest --feed URL


def test_http_file_urls_and_paths_are_still_feeds(tmp_path):
    config = _config(tmp_path, '[[feeds]]\nurl = "HTTPS://a.example/rss"\n\n[[feeds]]\nurl = "file:///srv/f.xml"\n\n'
                               '[[feeds]]\nurl = "feeds/x.xml"\n\n[[feeds]]\nurl = "file:y.xml"\n')
    assert [f.url for f in load_settings(config).feeds] == [
        "HTTPS://a.example/rss", "file:///srv/f.xml", (tmp_path / "feeds" / "x.xml").as_uri(), (tmp_path / "y.xml").as_uri()]


def test_a_file_that_is_not_utf8_a_directory_or_a_device_is_one_line(tmp_path):
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b'[http]\ncontact = "caf\xe9@example.org"\n')
    with pytest.raises(ConfigError, match=r"latin\.toml: not UTF-8 text \(byte 0xe9 on line 2\)"):
        load_settings(latin)
    with pytest.raises(ConfigError, match="is a directory, not a config file"):
        load_settings(tmp_path)
    with pytest.raises(ConfigError, match="not a regular file"):
        load_settings(Path("/dev/null"))
    for path in (latin, tmp_path):
        assert str(path) in _one_line_error(_claimtrack("feeds", "--config", str(path)))


@pytest.mark.parametrize("text", [
    "a = " + "[" * 20_000 + "]" * 20_000 + "\n",
    "a = " + "{ b = " * 5_000 + "1" + " }" * 5_000 + "\n",
    "[" + ".".join(["http"] * 200) + "]\n",
    "[http]\nallow_private." + ".".join(["x"] * 200) + " = 1\n",
])
def test_absurd_nesting_is_refused_in_one_line(tmp_path, text):
    config = _config(tmp_path, text)
    with pytest.raises(ConfigError, match=r"claimtrack\.toml: nested .*deep"):
        load_settings(config)
    assert "nested" in _one_line_error(_claimtrack("feeds", "--config", str(config)))


def test_feeds_add_and_remove_refuse_what_load_settings_refuses(tmp_path):
    from claimtrack.flows.terminal.feedlist import add_feed, remove_feed
    config = _config(tmp_path, '[[feeds]]\nname = "A"\nurl = "https://a.example/rss"\n')
    before = config.read_text("utf-8")
    with pytest.raises(ConfigError, match="not javascript:"):
        add_feed(config, "javascript:alert(1)")
    with pytest.raises(ConfigError, match=r"\[\[feeds\]\]: name must not hold control characters"):
        add_feed(config, "https://b.example/rss", name="B\nC")
    with pytest.raises(ConfigError, match="no \\[\\[feeds\\]\\] table with url or name 'mailto:x'"):
        remove_feed(config, "mailto:x")
    assert config.read_text("utf-8") == before
    deep = _config(tmp_path, "x = " + "[" * 20_000 + "]" * 20_000 + "\n")
    with pytest.raises(ConfigError, match="nested"):
        add_feed(deep, "https://b.example/rss")
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b'# caf\xe9\n')
    with pytest.raises(ConfigError, match="not UTF-8"):
        remove_feed(latin, "A")
    with pytest.raises(ConfigError, match="is a directory"):
        add_feed(tmp_path, "https://b.example/rss")


def test_every_packaged_default_is_a_typed_field_and_the_sql_bounds_are_there():
    defaults = tomllib.loads((ROOT / "flows" / "defaults.toml").read_text("utf-8"))
    settings = load_settings(None)
    tables = {f.name: getattr(settings, f.name) for f in fields(settings) if is_dataclass(getattr(settings, f.name))}
    assert {name: sorted(defaults[name]) for name in tables} == \
        {name: sorted(f.name for f in fields(value)) for name, value in tables.items()}
    assert set(defaults) == set(tables) | {"feeds", "channels", "alerts"}      # the arrays of tables
    assert settings.sql.timeout_seconds < settings.storage.lock_wait_seconds    # a runaway query ends first
