"""Property tests (hypothesis) for the settings file, issue 16 class 5: any TOML value of a wrong
type for any key of any table, or of a [[feeds]] table, is a one-line ConfigError naming the
file, the table and the key; and any value at all is either accepted or such an error, never
another exception. The keys are read from the settings dataclasses, so a new key is covered
the day it is added. `make fuzz` runs these under the "fuzz" profile (tests/conftest.py)."""
import math
import typing
from dataclasses import fields, is_dataclass
from datetime import timezone
from pathlib import Path

import pytest
from hypothesis import assume, given, settings, strategies as st

from claimtrack.errors import ConfigError
from claimtrack.flows.settings import FeedConfig, load_settings

_DEFAULTS = load_settings(None)
TABLES = {f.name: type(getattr(_DEFAULTS, f.name)) for f in fields(_DEFAULTS) if is_dataclass(getattr(_DEFAULTS, f.name))}
# every key of every table, each [[feeds]] key, and each table itself ("" for its key)
KEYS = sorted((table, f.name) for table, cls in TABLES.items() for f in fields(cls)) \
    + [("feeds", f.name) for f in fields(FeedConfig)] + [(table, "") for table in sorted(TABLES)]

SCALARS = st.one_of(
    st.booleans(), st.integers(-2**63, 2**63 - 1), st.floats(), st.text(max_size=40),
    st.dates(), st.datetimes(timezones=st.sampled_from([None, timezone.utc])), st.times(),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=8)


def toml(value: typing.Any) -> str:
    """`value` written as a TOML value (inline arrays and tables; strings escaped)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, str):
        return '"' + "".join(c if c >= " " and c not in '"\\\x7f' else f"\\u{ord(c):04x}" for c in value) + '"'
    if isinstance(value, list):
        return "[" + ", ".join(map(toml, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml(k)} = {toml(v)}" for k, v in value.items()) + "}"
    return value.isoformat()


def fits(hint: typing.Any, value: typing.Any) -> bool:
    """Whether `value` is of the TOML type a field with type hint `hint` takes (its range aside)."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if args and typing.get_origin(hint) is not tuple:
        hint = args[0]                                           # Path | None: a string
    if typing.get_origin(hint) is tuple:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if hint in (bool, dict):
        return isinstance(value, hint)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, str)                                 # str and Path


def hint_of(table: str, key: str) -> typing.Any:
    if not key:
        return dict
    cls = FeedConfig if table == "feeds" else TABLES[table]
    return typing.get_type_hints(cls)[key]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("config-properties")


def load(folder: Path, text: str):
    path = folder / "claimtrack.toml"
    path.write_text(text, encoding="utf-8")
    return path, load_settings(path)


def section(table: str, key: str, value: typing.Any) -> str:
    if table == "feeds":
        url = "" if key == "url" else 'url = "https://a.example/rss"\n'
        return f"[[feeds]]\n{url}{key} = {toml(value)}\n"
    if not key:
        return f"{table} = {toml(value)}\n"                      # the table itself, as something else
    return f"[{table}]\n{key} = {toml(value)}\n"


def assert_names_file_table_and_key(message: str, path: Path, table: str, key: str) -> None:
    assert "\n" not in message and message.startswith(str(path)), message
    assert ("[[feeds]] #1" if table == "feeds" else f"[{table}]") in message and key in message, message


@settings(deadline=None)
@given(st.sampled_from(KEYS), VALUES)
def test_a_value_of_a_wrong_type_for_any_key_is_a_config_error_naming_it(folder, table_key, value):
    table, key = table_key
    assume(not fits(hint_of(table, key), value))
    with pytest.raises(ConfigError) as caught:
        load(folder, section(table, key, value))
    assert_names_file_table_and_key(str(caught.value), folder / "claimtrack.toml", table, key)


@settings(deadline=None)
@given(st.sampled_from(KEYS),
       st.one_of(VALUES, st.text(), st.integers(), st.floats()))
def test_any_value_for_any_key_loads_or_is_a_config_error_naming_it(folder, table_key, value):
    table, key = table_key
    try:
        load(folder, section(table, key, value))
    except ConfigError as exc:
        assert_names_file_table_and_key(str(exc), folder / "claimtrack.toml", table, key)
    else:
        assert fits(hint_of(table, key), value)
