"""`claimtrack feeds add` / `remove`: edit the [[feeds]] tables of the user's config file in
place, keeping every comment and every other line as the user wrote it."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from flows.config_schema import check_table, parse_config, read_config_text
from flows.errors import ConfigError
from flows.settings import FeedConfig, feed_url_problem, resolve_feed_url


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


def _check_feed(url: str, name: str, path: Path) -> None:
    """The same checks load_settings makes on a [[feeds]] table, and a file feed must exist."""
    check_table(FeedConfig, {"url": url, "name": name}, f"{path} [[feeds]]")
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


def add_feed(path: Path, url: str, name: str = "") -> None:
    """Append a [[feeds]] table for `url` (refused if the file already lists it)."""
    _check_feed(url, name, path)
    text = read_config_text(path) if path.exists() else ""
    parse_config(text, str(path))                    # a file we could not load is not edited
    lines = text.splitlines(keepends=True)
    for block in _blocks(lines, path):
        if block.url and _same_feed(block.url, url, path):
            raise ConfigError(f"{path}: already lists {url}" + (f" as {block.name!r}" if block.name else ""))
    if text and not text.endswith("\n"):
        text += "\n"
    entry = "\n[[feeds]]\n" + (f"name = {_toml_string(name)}\n" if name else "") + f"url = {_toml_string(url)}\n"
    _write(path, text + entry)


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
