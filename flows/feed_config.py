"""The feeds of the settings: a `[[feeds]]` table's keys and checks, and where its URL points.

A feed URL is http(s) with a host, a `file:` URL, or a path; a path in the config file is
relative to that file, one named on the command line (`ingest --feed`) to the current folder,
and must then exist. Any other scheme (ftp:, javascript:) is refused, never read as a file name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from claimtrack.errors import ConfigError
from claimtrack.flows.config_schema import check_table, checked_by, describe
from claimtrack.flows.kinds import kind_problem      # the registry only: the parsers load on first use


def _words(value: list[str] | tuple[str, ...]) -> str | None:
    """An include/exclude list: words or phrases, none blank."""
    blank = next((w for w in value if not w.strip()), None)
    return None if blank is None else f"must hold words, not {describe(blank)}"


def _tags(value: list[str] | tuple[str, ...]) -> str | None:
    """Tags: words without commas or slashes (OPML's category attribute separates with them)."""
    bad = next((t for t in value if not t.strip() or "," in t or "/" in t), None)
    return None if bad is None else f"must be names without commas or slashes, not {describe(bad)}"


@dataclass(frozen=True)
class FeedConfig:
    url: str
    name: str = ""
    enabled: bool = True
    kind: str = field(default="rss", metadata=checked_by(kind_problem))   # how its listing is read (flows/kinds.py)
    tags: tuple[str, ...] = field(default=(), metadata=checked_by(_tags))
    include: tuple[str, ...] = field(default=(), metadata=checked_by(_words))   # keep only entries naming one
    exclude: tuple[str, ...] = field(default=(), metadata=checked_by(_words))   # drop entries naming one


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def feed_url_problem(url: str) -> str | None:
    """What is wrong with a feed URL, or None: it must be http(s) with a host, file:, or a path."""
    if not url.strip():
        return "must not be empty"
    m = _SCHEME.match(url)
    scheme = m[1].lower() if m else ""
    if scheme in ("http", "https"):
        try:
            host = urlsplit(url).hostname
        except ValueError:
            host = None
        return None if host else "must name a host"
    if scheme in ("", "file"):
        return None
    return f"must be an http(s) URL, a file: URL or a path, not {scheme}:"


def resolve_feed_url(url: str, config_path: Path | None) -> str:
    """Feed URLs are http(s) or file:; a bare or relative path is a file next to the config.
    Any other scheme (ftp:, javascript:) is a ConfigError, never read as a file name."""
    problem = feed_url_problem(url)
    if problem:
        raise ConfigError(f"feed URL {url[:80]!r} {problem}")
    is_file_url = url[:5].lower() == "file:"
    if _SCHEME.match(url) and not is_file_url or url[:7].lower() == "file://":
        return url                     # http(s), or a file: URL with its absolute path
    path = Path(url[5:] if is_file_url else url)
    if not path.is_absolute():
        base = config_path.parent if config_path else Path.cwd()
        path = (base / path).resolve()
    return path.as_uri()


def named_feed_url(url: str) -> str:
    """A feed named on the command line: http(s) as given; a path or `file:` URL relative to the
    current folder, which must be a file, so a typo is refused before anything is stored."""
    resolved = resolve_feed_url(url, None)
    if resolved[:5].lower() != "file:":
        return resolved
    path = Path(url2pathname(urlsplit(resolved).path))
    try:
        is_file, exists = path.is_file(), path.exists()
    except OSError as exc:
        raise ConfigError(f"--feed {url[:200]!r}: {exc.strerror} ({path})") from None
    if not is_file:
        raise ConfigError(f"--feed {url[:200]!r}: {'not a file' if exists else 'no such file'} ({path})")
    return resolved


def parse_feeds(value: Any, config_path: Path | None, where: str) -> list[FeedConfig]:
    """The `[[feeds]]` tables of a config file, each checked, its URL resolved against the file."""
    if not isinstance(value, list):
        raise ConfigError(f"{where}: feeds must be an array of [[feeds]] tables, not {describe(value)}")
    known = [f.name for f in fields(FeedConfig)]
    feeds = []
    for n, item in enumerate(value, 1):
        label = f"{where} [[feeds]] #{n}"
        if isinstance(item, str):
            item = {"url": item}
        if not isinstance(item, dict):
            raise ConfigError(f"{label}: must be a table with a url, not {describe(item)}")
        if isinstance(item.get("name"), str) and item["name"]:
            label += f" ({item['name'][:40]!r})"
        unknown = sorted(set(item) - set(known))
        if unknown:
            raise ConfigError(f"{label}: unknown setting {unknown[0]!r} (known: {', '.join(known)})")
        if "url" not in item:
            raise ConfigError(f"{label}: needs a url")
        check_table(FeedConfig, item, label)
        problem = feed_url_problem(item["url"])
        if problem:
            raise ConfigError(f"{label}: url {problem} ({item['url'][:60]!r})")
        lists = {key: tuple(item[key]) for key in ("tags", "include", "exclude") if key in item}
        feeds.append(FeedConfig(url=resolve_feed_url(item["url"], config_path), name=item.get("name", ""),
                                enabled=item.get("enabled", True), kind=item.get("kind", "rss"), **lists))
    return feeds
