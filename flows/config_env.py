"""Settings from the environment, as containers and services are configured: every key of a
settings table can be set by a variable `CLAIMTRACK_<TABLE>__<KEY>` (CLAIMTRACK_HTTP__CONTACT,
CLAIMTRACK_DIGEST__RECIPIENTS), which wins over the config file.

A variable's text is read as its key's type (true/false, a number, a string or path, a list
as `a@x.org,b@y.org` or a TOML array) and then checked by the same schema as the file
(flows/config_schema.py), so a wrong value is one line naming the variable. A variable of this
form naming no table or key is an error, not ignored: a typo must not pass silently. Arrays
of tables (`[[feeds]]`, `[[channels]]`, `[[alerts]]`) are set in the config file only.
"""
from __future__ import annotations

import tomllib
import types
import typing
from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from claimtrack.errors import ConfigError
from claimtrack.flows.config_schema import check_table, hints

PREFIX = "CLAIMTRACK_"
SEPARATOR = "__"


def _base(hint: Any) -> Any:
    """The type of a field, without `| None`."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return next(a for a in typing.get_args(hint) if a is not type(None))
    return hint


def _typed(hint: Any, text: str, variable: str) -> Any:
    """The text of a variable as a value of the field's type, when it reads as one; else the
    text itself, for the schema to refuse with its usual message."""
    hint = _base(hint)
    if hint is bool:
        return {"true": True, "false": False}.get(text.strip().lower(), text)
    if hint in (int, float):
        try:
            return int(text) if hint is int else float(text)
        except ValueError:
            return text
    if typing.get_origin(hint) is tuple:
        if text.lstrip().startswith("["):
            try:
                return tomllib.loads(f"value = {text}")["value"]
            except tomllib.TOMLDecodeError as exc:
                raise ConfigError(f"environment variable {variable}: not a TOML array: {exc}") from None
        return [item.strip() for item in text.split(",") if item.strip()]
    return text


def environment_settings(tables: Mapping[str, type], environ: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """The settings the environment sets, by table and key, each checked against its field;
    `tables` maps each settings table's name to its dataclass."""
    found: dict[str, dict[str, Any]] = {}
    for variable in sorted(environ):
        if not variable.startswith(PREFIX) or SEPARATOR not in variable[len(PREFIX):]:
            continue        # CLAIMTRACK_DB, CLAIMTRACK_SMTP_PASSWORD: not a table's key
        table, _, key = variable[len(PREFIX):].lower().partition(SEPARATOR)
        where = f"environment variable {variable}"
        if table in ("feeds", "channels", "alerts"):
            raise ConfigError(f"{where}: [[{table}]] are set in the config file, not from the environment")
        if table not in tables:
            raise ConfigError(f"{where}: no settings table [{table}] (known: {', '.join(sorted(tables))})")
        cls = tables[table]
        known = [f.name for f in fields(cls)]
        if key not in known:
            raise ConfigError(f"{where}: unknown setting {key!r} of [{table}] (known: {', '.join(known)})")
        value = _typed(hints(cls)[key], environ[variable], variable)
        check_table(cls, {key: value}, where)
        found.setdefault(table, {})[key] = value
    return found
