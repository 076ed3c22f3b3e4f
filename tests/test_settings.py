"""Settings: packaged defaults, a user's file overriding only what it sets, clear errors."""
from pathlib import Path

import pytest

from claimtrack.errors import ConfigError
from claimtrack.flows.feed_config import resolve_feed_url
from claimtrack.flows.settings import load_settings


def test_defaults_without_a_file():
    s = load_settings(None)
    assert s.storage.db == Path("data/claimtrack.duckdb")
    assert s.http.max_redirects == 5 and s.http.allow_private is False
    assert s.feeds == ()


def test_user_file_overrides_only_its_keys(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[http]\nconnect_timeout = 1.5\n\n[[feeds]]\nurl = "https://example.org/feed"\nname = "Ex"\n')
    s = load_settings(cfg)
    assert s.http.connect_timeout == 1.5
    assert s.http.read_timeout == 15.0                      # untouched default
    assert [(f.url, f.name) for f in s.feeds] == [("https://example.org/feed", "Ex")]


def test_unknown_key_names_the_file_and_key(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text("[http]\nconect_timeout = 1\n")
    with pytest.raises(ConfigError, match=r"c\.toml.*\[http\].*'conect_timeout'"):
        load_settings(cfg)


def test_bad_toml_and_missing_file_are_config_errors(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text("[http\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(cfg)
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "missing.toml")


def test_disabled_feeds_are_dropped_and_relative_paths_resolve_next_to_config(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[[feeds]]\nurl = "demo/a.xml"\n\n[[feeds]]\nurl = "https://x.org/f"\nenabled = false\n')
    s = load_settings(cfg)
    assert [f.url for f in s.feeds] == [(tmp_path / "demo" / "a.xml").as_uri()]


def test_db_precedence_argument_over_environment_over_file(tmp_path, monkeypatch):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[storage]\ndb = "from-file.duckdb"\n')
    assert load_settings(cfg).storage.db == Path("from-file.duckdb")
    monkeypatch.setenv("CLAIMTRACK_DB", "from-env.duckdb")
    assert load_settings(cfg).storage.db == Path("from-env.duckdb")
    assert load_settings(cfg, Path("arg.duckdb")).storage.db == Path("arg.duckdb")


def test_feed_urls_keep_http_and_turn_paths_into_file_urls(tmp_path):
    assert resolve_feed_url("https://a.org/rss", None) == "https://a.org/rss"
    assert resolve_feed_url("file:feeds/x.xml", tmp_path / "c.toml") == (tmp_path / "feeds/x.xml").as_uri()


def test_shipped_config_loads_and_lists_the_demo_outlets():
    root = Path(__file__).resolve().parent.parent
    s = load_settings(root / "config" / "claimtrack.toml")
    names = [f.name for f in s.feeds]
    assert {"The Ledger", "Northwind Wire", "Signal Daily"} <= set(names)
    assert all(Path(f.url[len("file://"):]).exists() for f in s.feeds if f.url.startswith("file:"))


@pytest.mark.parametrize("key", ["entities", "claims", "risk"])
def test_an_extract_file_the_config_names_must_exist(tmp_path, key):
    cfg = tmp_path / "c.toml"
    cfg.write_text(f'[extract]\n{key} = "mine.toml"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(cfg)
    assert str(caught.value) == f"{cfg} [extract] {key}: 'mine.toml' not found ({tmp_path / 'mine.toml'})"
    (tmp_path / "mine.toml").mkdir()
    with pytest.raises(ConfigError, match=rf"\[extract\] {key}: 'mine.toml' is not a file"):
        load_settings(cfg)


def test_the_default_extract_files_beside_the_config_are_optional(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[extract]\nclaims = "claims.toml"\nrisk = ""\n')
    (tmp_path / "claims.toml").write_text("")
    s = load_settings(cfg)
    assert (s.extract.entities, s.extract.claims, s.extract.risk) == (None, tmp_path / "claims.toml", None)
