"""`claimtrack feeds add` / `remove` / `import`: edit the [[feeds]] tables of the user's config
file in place, keeping every comment and every other line as the user wrote it."""
from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from claimtrack.flows.config_schema import check_table, parse_config, read_config_text
from claimtrack.errors import ConfigError
from claimtrack.flows.feed_config import FeedConfig, feed_url_problem, resolve_feed_url


@dataclass(frozen=True)
class _Block:
    start: int          # index of the [[feeds]] line
    end: int            # one past its last key line (comments and blanks after it excluded)
    url: str
    name: str


def _blocks(lines: list[str], path: Path) -> list[_Block]:
    headers = [i for i, line in enumerate(lines) if line.lstrip().startswith("[")]
    found = []
    for n, start in enumerate(headers):
        if lines[start].strip().split("#")[0].strip() != "[[feeds]]":
            continue
        stop = headers[n + 1] if n + 1 < len(headers) else len(lines)
        end = start + 1
        for i in range(start + 1, stop):
            text = lines[i].strip()
            if text and not text.startswith("#"):
                end = i + 1
        table = parse_config("".join(lines[start + 1:end]), f"{path}: the [[feeds]] table at line {start + 1}")
        found.append(_Block(start, end, str(table.get("url", "")), str(table.get("name", ""))))
    return found


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)     # a JSON string is a valid TOML basic string


def _write(path: Path, text: str) -> None:
    try:
        parse_config(text, str(path))
    except ConfigError as exc:                       # never leave the user a broken file
        raise ConfigError(f"{exc}; that is what the edit would make of it, so nothing was changed") from exc
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _check_feed(feed: dict[str, Any], path: Path) -> None:
    """The same checks load_settings makes on a [[feeds]] table, and a file feed must exist."""
    url = feed["url"]
    check_table(FeedConfig, feed, f"{path} [[feeds]]")
    problem = feed_url_problem(url)
    if problem:
        raise ConfigError(f"{path}: feed URL {url[:80]!r} {problem}")
    resolved = resolve_feed_url(url, path)
    if resolved.startswith("file:"):
        target = Path(url2pathname(urlsplit(resolved).path))
        if not target.exists():
            raise ConfigError(f"{url}: no such feed file ({target})")


def _same_feed(listed: str, given: str, path: Path) -> bool:
    """Whether two feed URLs (or paths) name one feed; a malformed one names none."""
    try:
        return resolve_feed_url(listed, path) == resolve_feed_url(given, path)
    except ConfigError:
        return False


def _table(feed: dict[str, Any]) -> str:
    """A [[feeds]] table for `feed`, with only the keys that differ from the defaults."""
    lines = ["\n[[feeds]]\n"]
    if feed.get("name"):
        lines.append(f"name = {_toml_string(feed['name'])}\n")
    lines.append(f"url = {_toml_string(feed['url'])}\n")
    if feed.get("kind", "rss") != "rss":
        lines.append(f"kind = {_toml_string(feed['kind'])}\n")
    for key in ("tags", "include", "exclude"):
        if feed.get(key):            # a JSON array of strings is a valid TOML array
            lines.append(f"{key} = {json.dumps(list(feed[key]), ensure_ascii=False)}\n")
    return "".join(lines)


def add_feeds(path: Path, feeds: Sequence[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """Append a [[feeds]] table for each feed (a dict of url and, when given, name, kind, tags,
    include, exclude), all in one write; a feed the file lists already or that fails the checks
    is left out, with the reason. Returns (the URLs added, the reasons)."""
    text = read_config_text(path) if path.exists() else ""
    parse_config(text, str(path))                    # a file we could not load is not edited
    listed = [(b.url, b.name) for b in _blocks(text.splitlines(keepends=True), path) if b.url]
    added, skipped, tables = [], [], []
    for feed in feeds:
        try:
            _check_feed(feed, path)
            same = next(((u, n) for u, n in listed if _same_feed(u, feed["url"], path)), None)
            if same:
                raise ConfigError(f"{path}: already lists {feed['url']}" + (f" as {same[1]!r}" if same[1] else ""))
        except ConfigError as exc:               # said with the feed it is about
            reason = str(exc)
            skipped.append(reason if feed["url"] in reason else f"{feed['url']}: {reason}")
            continue
        tables.append(_table(feed))
        listed.append((feed["url"], feed.get("name", "")))
        added.append(feed["url"])
    if tables:
        if text and not text.endswith("\n"):
            text += "\n"
        _write(path, text + "".join(tables))
    return added, skipped


def add_feed(path: Path, url: str, name: str = "", **more: Any) -> None:
    """Append a [[feeds]] table for `url` (refused if the file already lists it); `more` holds
    kind, tags, include or exclude."""
    _, skipped = add_feeds(path, [{"url": url, "name": name, **more}])
    if skipped:
        raise ConfigError(skipped[0])


def remove_feed(path: Path, url_or_name: str) -> str:
    """Delete the [[feeds]] table whose url or name is `url_or_name`; returns its URL."""
    text = read_config_text(path)
    parse_config(text, str(path))
    lines = text.splitlines(keepends=True)
    blocks = _blocks(lines, path)
    matches = [b for b in blocks if b.name == url_or_name or b.url == url_or_name
               or (b.url and _same_feed(b.url, url_or_name, path))]
    if not matches:
        listed = ", ".join(b.name or b.url for b in blocks) or "none"
        raise ConfigError(f"{path}: no [[feeds]] table with url or name {url_or_name!r} (listed: {listed})")
    if len(matches) > 1:
        raise ConfigError(f"{path}: {url_or_name!r} names {len(matches)} feeds; give the URL instead")
    block = matches[0]
    start, end = block.start, block.end
    while end < len(lines) and not lines[end].strip():
        end += 1
    if end == len(lines):              # last in the file: no blank lines left dangling at the end
        while start > 0 and not lines[start - 1].strip():
            start -= 1
    elif end > block.end and start > 0 and lines[start - 1].strip():
        end -= 1                       # keep one blank line between the neighbours
    _write(path, "".join(lines[:start] + lines[end:]))
    return block.url
