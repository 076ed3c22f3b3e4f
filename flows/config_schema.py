"""The settings file's schema, and reading the file safely.

The types come from the settings dataclasses' type hints and the ranges and choices from
their field metadata (`bounds`, `one_of`, `checked_by`), so one validator, `check_table`,
serves every table: a TOML value of another type (a quoted "false", a number for a path,
`nan`) is a one-line ConfigError naming the file, the table and the key. The file itself
must be a regular UTF-8 file of sane size whose TOML nests only a few levels.
"""
from __future__ import annotations

import functools
import math
import re
import stat
import tomllib
import types
import typing
from collections.abc import Callable
from dataclasses import fields
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from claimtrack.errors import ConfigError

MAX_CONFIG_BYTES = 10_000_000   # thousands of feeds fit in far less; more is a wrong file
MAX_DEPTH = 8                   # settings nest 3 deep (feeds → table → value); more is a mistake or an attack


# -- field metadata: the declarative half of the schema (the type hints are the other) ----
def bounds(low: float, high: float, *, above: bool = False) -> dict[str, Any]:
    """Field metadata: a number from `low` (or above it, if `above`) to `high`."""
    return {"low": low, "high": high, "above": above}


def one_of(*choices: str) -> dict[str, Any]:
    """Field metadata: a string that must be one of `choices`."""
    return {"choices": choices}


def checked_by(check: Callable[[Any], str | None]) -> dict[str, Any]:
    """Field metadata: `check(value)` says what is wrong with a value of the right type, or None."""
    return {"check": check}


# -- the validator: one for every table -------------------------------------------------
_KINDS: dict[Any, tuple[str, Callable[[Any], bool]]] = {
    bool: ("true or false", lambda v: isinstance(v, bool)),
    int: ("a whole number", lambda v: isinstance(v, int) and not isinstance(v, bool)),
    float: ("a number", lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)),
    str: ("a string", lambda v: isinstance(v, str)),
    Path: ("a string (a path)", lambda v: isinstance(v, str)),
}
_PLURALS = {str: "strings"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def describe(value: Any) -> str:
    """A short, one-line name for a TOML value in an error (never the repr of a whole table)."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the integer {value}" if abs(value) < 10**30 else "an integer of more than 30 digits"
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the string {value[:40]!r}" + ("…" if len(value) > 40 else "")
    if isinstance(value, (datetime, date, time)):
        return {datetime: "a date-time", date: "a date", time: "a time"}[type(value)]
    return {list: "an array", dict: "a table"}.get(type(value), f"a {type(value).__name__}")


def _optional(hint: Any) -> tuple[Any, bool]:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0], True
    return hint, False


def _type_problem(hint: Any, value: Any) -> str | None:
    hint, optional = _optional(hint)
    if typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)[0]
        if not isinstance(value, list):
            return f"must be an array of {_PLURALS[item]}, not {describe(value)}"
        for v in value:
            if _type_problem(item, v):
                return f"must be an array of {_PLURALS[item]}, not an array holding {describe(v)}"
        return None
    expected, fits = _KINDS[hint]
    if not fits(value):
        return f"must be {expected}, not {describe(value)}"
    if isinstance(value, float) and not math.isfinite(value):
        return f"must be a finite number, not {value!r}"
    if isinstance(value, str):
        if _CONTROL.search(value):
            return f"must not hold control characters ({describe(value)})"
        if hint is Path and not optional and not value.strip():
            return "must be a path, not an empty string"
    return None


def meta_problem(meta: typing.Mapping[str, Any], value: Any) -> str | None:
    """What is wrong with a value of the right type by its field's metadata (range, choices), or None."""
    if "low" in meta and isinstance(value, (int, float)) and not isinstance(value, bool):
        low, high, above = meta["low"], meta["high"], meta["above"]
        if (value <= low if above else value < low) or value > high:
            span = f"above {low} and at most {high:,}" if above else f"from {low} to {high:,}"
            shown = f"{value:g}" if isinstance(value, float) else str(value) if abs(value) < 10**30 else describe(value)
            return f"must be a number {span}, not {shown}"
    if "choices" in meta and value not in meta["choices"]:
        return f"must be one of {', '.join(meta['choices'])}, not {describe(value)}"
    if "check" in meta:
        return meta["check"](value)
    return None


@functools.cache
def hints(cls: type) -> dict[str, Any]:
    """The resolved type hints of a settings dataclass (cached)."""
    return typing.get_type_hints(cls)


def check_table(cls: type, values: dict[str, Any], where: str) -> None:
    """Every key of one TOML table against `cls`'s field types and metadata; the first wrong one
    is a ConfigError naming `where` (file and table) and the key."""
    types_of = hints(cls)
    for f in fields(cls):
        if f.name in values:
            value = values[f.name]
            problem = _type_problem(types_of[f.name], value) or meta_problem(f.metadata, value)
            if problem:
                raise ConfigError(f"{where}: {f.name} {problem}")


# -- reading the file ----------------------------------------------------------------------
def read_config_text(path: Path) -> str:
    """The text of a settings file; a one-line ConfigError if it is missing, not a regular
    file (a directory, a device), absurdly large or not UTF-8."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path}: cannot read the config file: {getattr(exc, 'strerror', None) or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ConfigError(f"{path}: is a directory, not a config file")
    if not stat.S_ISREG(info.st_mode):
        raise ConfigError(f"{path}: not a regular file")
    if info.st_size > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: {info.st_size:,} bytes is too large for a config file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file: {exc.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); "
                          f"save it as UTF-8") from None


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 0)]
    while stack and deepest <= MAX_DEPTH:
        node, level = stack.pop()
        deepest = max(deepest, level)
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        stack.extend((child, level + 1) for child in children)
    return deepest


def parse_config(text: str, where: str) -> dict[str, Any]:
    """The TOML in `text`; a one-line ConfigError naming `where` if it is not TOML or nests absurdly."""
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise ConfigError(f"{where}: nested too deeply to be a config file") from None
    except ValueError as exc:          # TOMLDecodeError, or an integer too long to convert
        raise ConfigError(f"{where}: not valid TOML: {exc}") from exc
    if _depth(data) > MAX_DEPTH:
        raise ConfigError(f"{where}: nested more than {MAX_DEPTH} levels deep; claimtrack's settings nest 3")
    return data
