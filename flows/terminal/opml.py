"""OPML 2.0 (http://opml.org/spec2.opml): a feed reader's subscription list into the config
file, and the configured feeds out as one.

Import reads every `<outline>` with an `xmlUrl`, at any depth: its `title` (else `text`) is the
feed's name, the folders it sits in and its `category` paths are its tags, and the attributes
export writes in claimtrack's namespace (`claimtrack:kind`, `claimtrack:include`,
`claimtrack:exclude`) are kept. The feeds are appended to the config file by the writer of
`claimtrack feeds add` (flows/terminal/feedlist.py), which keeps comments and every other line; a feed
the file lists already, or an outline that is no feed claimtrack can poll, is left out with
the reason. A file that is no OPML is refused in one line naming it, and nothing is written.
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from claimtrack.flows.config_schema import MAX_CONFIG_BYTES
from claimtrack.errors import ConfigError, ParseError
from claimtrack.flows.terminal.feedlist import add_feeds
from claimtrack.flows.sources.safexml import local_name, parse_xml
from claimtrack.flows.settings import FeedConfig

NAMESPACE = "urn:claimtrack:opml"         # the attributes OPML has no name for
_OURS = "{" + NAMESPACE + "}"
_LISTS = ("include", "exclude")


@dataclass(frozen=True)
class ImportResult:
    """What an import did, for the command to say."""
    found: int                  # outlines with an xmlUrl
    added: list[str]            # URLs appended to the config file
    skipped: list[str]          # why each other one was left out


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_CONFIG_BYTES:
            raise ConfigError(f"{path}: {size:,} bytes is too large for an OPML file")
        return path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the OPML file: {exc.strerror}") from None


def _parts(value: str) -> list[str]:
    """Tags from a folder name or a category attribute ("/Tech/AI, Markets" → Tech, AI, Markets)."""
    return [p.strip() for chunk in value.split(",") for p in chunk.split("/") if p.strip()]


def _attr(outline: ET.Element, name: str) -> str:
    """An attribute by name, its case ignored (readers write xmlUrl, xmlurl and XMLURL)."""
    return next((v for k, v in outline.attrib.items() if k.lower() == name.lower()), "").strip()


def _feed_outlines(parent: ET.Element, folders: tuple[str, ...]) -> Iterator[tuple[ET.Element, tuple[str, ...]]]:
    for outline in parent:
        if local_name(outline.tag) != "outline":
            continue
        if _attr(outline, "xmlUrl"):
            yield outline, folders
        else:                                   # a folder: its outlines are tagged with its name
            folder = _attr(outline, "title") or _attr(outline, "text")
            yield from _feed_outlines(outline, folders + tuple(_parts(folder)))


def _table(outline: ET.Element, folders: tuple[str, ...], path: Path) -> dict[str, Any]:
    """The [[feeds]] table of one outline (ConfigError when an attribute of ours is no list)."""
    url = _attr(outline, "xmlUrl")
    name = _attr(outline, "title") or _attr(outline, "text")
    tags = list(dict.fromkeys([*folders, *_parts(_attr(outline, "category"))]))
    table: dict[str, Any] = {"url": url, "name": "" if name == url else name, "tags": tags,
                             "kind": outline.get(_OURS + "kind") or "rss"}
    for key in _LISTS:
        raw = outline.get(_OURS + key)
        if raw:
            try:
                words = json.loads(raw)
            except ValueError:
                words = None
            if not isinstance(words, list):
                raise ConfigError(f"{path}: outline {url[:80]!r}: claimtrack:{key} must be a JSON array of words")
            table[key] = words
    return table


def read_opml(path: Path) -> list[tuple[dict[str, Any] | None, str]]:
    """Each feed outline of the OPML file as ([[feeds]] table, "") or (None, why it is left out);
    a one-line ConfigError naming the file when it is no OPML or lists no feed."""
    try:
        root = parse_xml(_read(path), str(path), "an OPML file")
    except ParseError as exc:
        raise ConfigError(str(exc)) from None
    if local_name(root.tag) != "opml":
        raise ConfigError(f"{path}: not an OPML file (root element <{local_name(root.tag)}>, not <opml>)")
    body = next((c for c in root if local_name(c.tag) == "body"), None)
    outlines = list(_feed_outlines(body, ())) if body is not None else []
    if not outlines:
        raise ConfigError(f"{path}: no feeds in it (no <outline> with an xmlUrl)")
    tables = []
    for outline, folders in outlines:
        try:
            tables.append((_table(outline, folders, path), ""))
        except ConfigError as exc:
            tables.append((None, str(exc)))
    return tables


def import_opml(opml: Path, config: Path) -> ImportResult:
    """Append the OPML file's feeds to the config file (those it lists already are left out)."""
    read = read_opml(opml)
    added, skipped = add_feeds(config, [t for t, _ in read if t is not None])
    return ImportResult(len(read), added, [why for t, why in read if t is None] + skipped)


def export_opml(feeds: Sequence[FeedConfig], title: str = "claimtrack feeds",
                now: datetime | None = None) -> str:
    """OPML 2.0 listing `feeds`: each an outline of type rss with its name and URL, its tags as
    `category`, its kind and filters in claimtrack's namespace."""
    ET.register_namespace("claimtrack", NAMESPACE)
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(now or datetime.now(timezone.utc), usegmt=True)
    ET.SubElement(head, "docs").text = "http://opml.org/spec2.opml"
    body = ET.SubElement(root, "body")
    for feed in feeds:
        outline = ET.SubElement(body, "outline", text=feed.name or feed.url)
        if feed.name:
            outline.set("title", feed.name)
        outline.set("type", "rss" if feed.kind == "rss" else feed.kind)     # a reader skips what it cannot read
        outline.set("xmlUrl", feed.url)
        if feed.tags:
            outline.set("category", ",".join(feed.tags))
        if feed.kind != "rss":
            outline.set(_OURS + "kind", feed.kind)
        for key in _LISTS:
            if getattr(feed, key):
                outline.set(_OURS + key, json.dumps(list(getattr(feed, key)), ensure_ascii=False))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
