"""Every key of a settings table can be set from the environment as CLAIMTRACK_<TABLE>__<KEY>,
typed and checked like the file's values, winning over the file; a wrong or unknown variable is
one line naming it."""
import subprocess
import sys
import tomllib
from dataclasses import fields
from importlib import resources
from pathlib import Path

import pytest

from conftest import ROOT, write_config
from claimtrack.errors import ConfigError
from claimtrack.flows.settings import _tables, load_settings


def _as_text(value) -> str:
    """A TOML value as someone would write it in a variable."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return ",".join(value)
    return str(value)


def test_every_key_of_every_table_can_be_set_from_the_environment(tmp_path, monkeypatch):
    defaults = tomllib.loads(resources.files("claimtrack.flows").joinpath("defaults.toml").read_text("utf-8"))
    config = write_config(tmp_path, [])
    keys = [(table, f.name) for table, cls in _tables().items() for f in fields(cls)]
    assert len(keys) > 40 and set(defaults) >= {table for table, _ in keys}
    for table, key in keys:
        if key not in defaults[table]:
            continue                          # computed, not a key of the file
        variable = f"CLAIMTRACK_{table.upper()}__{key.upper()}"
        monkeypatch.setenv(variable, _as_text(defaults[table][key]))
        load_settings(config)                 # read as its type and accepted
        monkeypatch.delenv(variable)


def test_variables_are_typed_and_win_over_the_file(tmp_path, monkeypatch):
    config = write_config(tmp_path, [], http={"contact": "file@example.org", "per_host": 3})
    monkeypatch.setenv("CLAIMTRACK_HTTP__CONTACT", "ops@example.org")
    monkeypatch.setenv("CLAIMTRACK_HTTP__ALLOW_PRIVATE", "False")
    monkeypatch.setenv("CLAIMTRACK_HTTP__CONCURRENCY", "4")
    monkeypatch.setenv("CLAIMTRACK_HTTP__CONNECT_TIMEOUT", "2.5")
    monkeypatch.setenv("CLAIMTRACK_DIGEST__RECIPIENTS", "ana@example.org, ben@example.org")
    monkeypatch.setenv("CLAIMTRACK_SQL__MEMORY_LIMIT", "512MB")
    monkeypatch.setenv("CLAIMTRACK_STORAGE__DATA_DIR", str(tmp_path / "elsewhere"))
    s = load_settings(config)
    assert (s.http.contact, s.http.allow_private, s.http.concurrency, s.http.connect_timeout) == (
        "ops@example.org", False, 4, 2.5)
    assert s.http.per_host == 3                                   # the file's, no variable for it
    assert s.digest.recipients == ("ana@example.org", "ben@example.org")
    assert s.sql.memory_limit == "512MB" and s.storage.data_dir == tmp_path / "elsewhere"
    monkeypatch.setenv("CLAIMTRACK_DIGEST__RECIPIENTS", '["cy@example.org"]')       # a TOML array works too
    assert load_settings(config).digest.recipients == ("cy@example.org",)
    monkeypatch.setenv("CLAIMTRACK_STORAGE__DB", str(tmp_path / "env.duckdb"))
    assert load_settings(config).storage.db == tmp_path / "env.duckdb"
    assert load_settings(config, db=Path("cli.duckdb")).storage.db == Path("cli.duckdb")   # --db wins


def test_an_extract_file_named_by_a_variable_must_exist(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMTRACK_EXTRACT__CLAIMS", "mine.toml")
    with pytest.raises(ConfigError, match=r"\[extract\] claims: 'mine.toml' not found"):
        load_settings(write_config(tmp_path, []))


@pytest.mark.parametrize("variable, value, problem", [
    ("CLAIMTRACK_HTTP__ALLOW_PRIVATE", "yes", "allow_private must be true or false, not the string 'yes'"),
    ("CLAIMTRACK_HTTP__CONCURRENCY", "lots", "concurrency must be a whole number, not the string 'lots'"),
    ("CLAIMTRACK_HTTP__CONCURRENCY", "0", "concurrency must be a number from 1 to 1,000, not 0"),
    ("CLAIMTRACK_HTTP__CONNECT_TIMEOUT", "nan", "connect_timeout must be a finite number, not nan"),
    ("CLAIMTRACK_DIGEST__SMTP_SECURITY", "tls", "smtp_security must be one of starttls, ssl, none, not the string 'tls'"),
    ("CLAIMTRACK_DIGEST__RECIPIENTS", "[1", "not a TOML array"),
    ("CLAIMTRACK_DIGEST__RECIPIENTS", "[1, 2]", "recipients must be an array of strings"),
    ("CLAIMTRACK_SCHEDULE__TIMEZONE", "Mars/Olympus", "timezone must be an IANA name"),
    ("CLAIMTRACK_HTTTP__CONTACT", "x", r"no settings table \[htttp\] \(known: digest, extract, http,"),
    ("CLAIMTRACK_HTTP__CONTAKT", "x", r"unknown setting 'contakt' of \[http\] \(known: user_agent, contact,"),
    ("CLAIMTRACK_FEEDS__URL", "https://a.example/rss", r"\[\[feeds\]\] are set in the config file"),
])
def test_a_wrong_variable_is_one_error_naming_it(tmp_path, monkeypatch, variable, value, problem):
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=rf"^environment variable {variable}: {problem}"):
        load_settings(write_config(tmp_path, []))


def test_the_command_line_says_which_variable_is_wrong(tmp_path):
    import os
    env = {**os.environ, "CLAIMTRACK_HTTP__ALLOW_PRIVATE": "yes"}
    proc = subprocess.run([sys.executable, "-m", "claimtrack", "feeds", "--config", str(write_config(tmp_path, []))],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == ("claimtrack: error: environment variable CLAIMTRACK_HTTP__ALLOW_PRIVATE: "
                                   "allow_private must be true or false, not the string 'yes'")
