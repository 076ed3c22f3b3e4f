"""`[[channels]]` and `[[alerts]]` in the settings file: where the digest and alerts go.

A channel is Apprise (one or more Apprise URLs, or one read from an environment variable when
it holds a token, in one rendering) or an Atom file of claim changes. The email channel is
built from `[digest] recipients` and is named "email". An alert watches claim keys, subjects
or metrics and names the channel its message goes through. Every table is checked like the
rest of the file (flows/config_schema.py): unknown keys, wrong types, URLs Apprise cannot send
to and channel names no channel has are one line naming the file, the table and the key.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from claimtrack.flows.config_schema import bounds, check_table, describe, one_of
from claimtrack.errors import ConfigError

EMAIL = "email"                                   # the channel of [digest] recipients
CHANNEL_KINDS = ("apprise", "atom")
RENDERINGS = ("markdown", "text", "html")         # what an Apprise channel sends
_KEYS_OF = {"apprise": {"name", "kind", "urls", "url_env", "rendering", "digest", "timeout"},
            "atom": {"name", "kind", "path"}}
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CLAIM_KEY = re.compile(r"[^|]+\|[^|]+\|[^|]*")  # subject|metric|object (the object may be empty)


@dataclass(frozen=True)
class ChannelConfig:
    name: str
    kind: str = field(metadata=one_of(*CHANNEL_KINDS))
    urls: tuple[str, ...] = ()                    # Apprise URLs: slack://…, msteams://…, ntfy://…, json://…
    url_env: str = ""                             # or one URL read from this environment variable at send time
    rendering: str = field(default="markdown", metadata=one_of(*RENDERINGS))
    digest: bool = True                           # the weekly digest goes here (false: alerts only)
    timeout: float = field(default=30.0, metadata=bounds(0, 3600, above=True))   # seconds per delivery
    path: Path | None = None                      # atom: the feed file (relative to the working directory)


@dataclass(frozen=True)
class AlertConfig:
    name: str
    channel: str                                  # "email" or a [[channels]] name
    keys: tuple[str, ...] = ()                    # claim keys: "Microsoft|stake_pct|OpenAI", "OpenAI|valuation|"
    subjects: tuple[str, ...] = ()
    metrics: tuple[str, ...] = ()
    min_change_pct: float = field(default=0.0, metadata=bounds(0, 1_000_000))   # |change| in percent, at least


def _items(value: Any, table: str, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each table of an array of tables, with its label for errors: 'FILE [[channels]] #2 ('chat')'."""
    if not isinstance(value, list):
        raise ConfigError(f"{where}: {table} must be an array of [[{table}]] tables, not {describe(value)}")
    for n, item in enumerate(value, 1):
        label = f"{where} [[{table}]] #{n}"
        if not isinstance(item, dict):
            raise ConfigError(f"{label}: must be a table, not {describe(item)}")
        if isinstance(item.get("name"), str) and item["name"]:
            label += f" ({item['name'][:40]!r})"
        yield label, item


def _check(cls: type, item: dict[str, Any], label: str, known: set[str], required: tuple[str, ...]) -> None:
    unknown = sorted(set(item) - known)
    if unknown:
        raise ConfigError(f"{label}: unknown setting {unknown[0]!r} (known: {', '.join(sorted(known))})")
    for key in required:
        if key not in item:
            raise ConfigError(f"{label}: needs a {key}")
    check_table(cls, item, label)
    if not item["name"].strip() or len(item["name"]) > 60:
        raise ConfigError(f"{label}: name must be a short name (1 to 60 characters), not {describe(item['name'])}")


def apprise_url_problem(url: str) -> str | None:
    """What keeps Apprise from sending to `url`, or None."""
    import apprise
    try:
        urlsplit(url).port
    except ValueError as exc:
        return f"is not a URL ({exc})"
    if apprise.Apprise.instantiate(url) is None:
        return "is not a URL Apprise can send to (an unknown service, or a part missing or malformed)"
    return None


def _apprise(item: dict[str, Any], label: str) -> None:
    if not item.get("urls") and not item.get("url_env"):
        raise ConfigError(f"{label}: needs urls (Apprise URLs) or url_env (a variable holding one)")
    for n, url in enumerate(item.get("urls", ()), 1):
        problem = apprise_url_problem(url)
        if problem:      # the scheme only: the rest of a URL may hold a token
            scheme = url.partition("://")[0][:20] if "://" in url else url[:20]
            raise ConfigError(f"{label}: urls #{n} ({scheme!r}…) {problem}")
    if item.get("url_env") and not _ENV_NAME.fullmatch(item["url_env"]):
        raise ConfigError(f"{label}: url_env must name an environment variable, not {describe(item['url_env'])}")


def parse_channels(value: Any, where: str) -> tuple[ChannelConfig, ...]:
    """The [[channels]] tables, checked: kind, the keys of that kind, URLs, unique names."""
    channels: list[ChannelConfig] = []
    for label, item in _items(value, "channels", where):
        kind = item.get("kind")
        known = _KEYS_OF.get(kind) if isinstance(kind, str) else None
        if known is None:
            raise ConfigError(f"{label}: kind must be one of {', '.join(CHANNEL_KINDS)}, not "
                              f"{describe(kind) if 'kind' in item else 'missing'}")
        _check(ChannelConfig, item, label, known, ("name", "kind") + (("path",) if kind == "atom" else ()))
        if item["name"] == EMAIL or item["name"] in {c.name for c in channels}:
            raise ConfigError(f"{label}: name {item['name']!r} is taken"
                              + (" (the channel of [digest] recipients)" if item["name"] == EMAIL else ""))
        if kind == "apprise":
            _apprise(item, label)
        elif not item["path"].strip():
            raise ConfigError(f"{label}: path must be a file name, not an empty string")
        values = {**item, "urls": tuple(item.get("urls", ()))}
        if "path" in item:
            values["path"] = Path(item["path"])
        channels.append(ChannelConfig(**values))
    return tuple(channels)


def parse_alerts(value: Any, channels: tuple[ChannelConfig, ...], recipients: tuple[str, ...],
                 where: str) -> tuple[AlertConfig, ...]:
    """The [[alerts]] tables, checked: something to watch, a channel that can carry a message."""
    alerts: list[AlertConfig] = []
    known = {f.name for f in fields(AlertConfig)}
    by_name = {c.name: c for c in channels}
    for label, item in _items(value, "alerts", where):
        _check(AlertConfig, item, label, known, ("name", "channel"))
        if item["name"] in {a.name for a in alerts}:
            raise ConfigError(f"{label}: name {item['name']!r} is taken by another alert")
        if not any(item.get(k) for k in ("keys", "subjects", "metrics")):
            raise ConfigError(f"{label}: watches nothing: set keys, subjects or metrics")
        for key in item.get("keys", ()):
            if not _CLAIM_KEY.fullmatch(key):
                raise ConfigError(f"{label}: keys: {key[:60]!r} is not a claim key like \"Microsoft|stake_pct|OpenAI\" "
                                  "or \"OpenAI|valuation|\"")
        channel = item["channel"]
        if channel == EMAIL and not recipients:
            raise ConfigError(f"{label}: channel 'email' has no recipients: set [digest] recipients")
        if channel != EMAIL and channel not in by_name:
            names = ([EMAIL] if recipients else []) + list(by_name)
            raise ConfigError(f"{label}: channel {channel!r} is not a channel (known: {', '.join(names) or 'none'})")
        if channel in by_name and by_name[channel].kind == "atom":
            raise ConfigError(f"{label}: channel {channel!r} is an Atom file of changes; alerts need a "
                              "channel that sends messages (email or apprise)")
        alerts.append(AlertConfig(**{k: tuple(v) if isinstance(v, list) else v for k, v in item.items()}))
    return tuple(alerts)
