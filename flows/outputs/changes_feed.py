"""A static Atom feed of claim changes that any feed reader can follow: one entry per change of
a tracked figure (its key, old -> new value, the outlet that reported the new value first, a
link to that article, the date). Written whole by `claimtrack changes --atom FILE` and, for
each `[[channels]] kind = "atom"`, at the end of every run; an entry's id is its change (key and
both values), so rewriting the file never shows a reader a change twice."""
from __future__ import annotations

import os
import re
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from claimtrack.db.store import Store
from claimtrack.flows.outputs.channels import Rendering, new_message_id
from claimtrack.errors import DeliveryError
from claimtrack.flows.formatting import basis_note, format_value
from claimtrack.flows.untrusted import clean

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 500            # the newest changes; older ones have been read by then
TITLE = "claimtrack: claim changes"
_NOT_XML = re.compile("[\ufffe\uffff]")          # no XML 1.0 character (clean drops the controls)
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _text(value: Any) -> str:
    """Untrusted text as an XML text node takes it: one line, no control or non-XML character."""
    return _NOT_XML.sub("", clean(value, lines=False)).encode("utf-8", "replace").decode("utf-8")


def _when(value: datetime) -> str:
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def change_id(change: dict[str, Any]) -> str:
    """A change's stable id (urn:uuid): its key and its two values, whatever run finds it."""
    name = f"claimtrack:change:{change['claim_key']}|{change['previous_value']!r}|{change['new_value']!r}"
    return uuid.uuid5(uuid.NAMESPACE_URL, name).urn


def change_title(change: dict[str, Any]) -> str:
    """'Microsoft · stake_pct · OpenAI: 32.5% → 27% (-16.9%)'."""
    name = " · ".join(p for p in (change["subject"], change["metric"], change["object"]) if p)
    pct = f" ({change['change_pct']:+.1f}%)" if change.get("change_pct") is not None else ""
    return (f"{name}: {format_value(change['previous_value'], change['unit'])} → "
            f"{format_value(change['new_value'], change['unit'])}{pct}")


def _entry(feed: ET.Element, change: dict[str, Any]) -> None:
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    ET.SubElement(entry, f"{{{ATOM}}}id").text = change_id(change)
    ET.SubElement(entry, f"{{{ATOM}}}title").text = _text(change_title(change))
    ET.SubElement(entry, f"{{{ATOM}}}updated").text = _when(change["changed_at"])
    ET.SubElement(entry, f"{{{ATOM}}}published").text = _when(change["changed_at"])
    author = ET.SubElement(entry, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = _text(change["first_outlet"]) or "unknown outlet"
    url = change.get("first_url") or ""
    if url.lower().startswith(("http://", "https://")):
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=_text(url))
    ET.SubElement(entry, f"{{{ATOM}}}category", term=_text(change["metric"]))
    note = basis_note(change.get("as_of_basis"))
    outlets = change.get("outlets") or 1
    summary = (f"{change_title(change)}: first reported by {change['first_outlet']} on "
               f"{change['changed_at']:%Y-%m-%d}{f' ({note})' if note else ''}; "
               f"{outlets} outlet{'s' if outlets != 1 else ''} reported the new value. Claim key: {change['claim_key']}")
    ET.SubElement(entry, f"{{{ATOM}}}summary", type="text").text = _text(summary)


def changes_atom(changes: Sequence[dict[str, Any]], feed_key: str, title: str = TITLE) -> bytes:
    """The Atom document (UTF-8) of `changes` (rows of claim_changes, newest first); `feed_key`
    makes the feed's id (the database it comes from)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}id").text = uuid.uuid5(uuid.NAMESPACE_URL, f"claimtrack:changes:{feed_key}").urn
    ET.SubElement(feed, f"{{{ATOM}}}title").text = _text(title)
    ET.SubElement(feed, f"{{{ATOM}}}subtitle").text = ("Each change of a tracked figure, with the outlet "
                                                        "that reported the new value first")
    newest = max((c["changed_at"] for c in changes), default=_EPOCH)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _when(newest)
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = "claimtrack"
    ET.SubElement(feed, f"{{{ATOM}}}generator").text = "claimtrack"
    for change in changes:
        _entry(feed, change)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def changes_rendering(store: Store, limit: int = MAX_ENTRIES) -> Rendering:
    """The feed of the database's newest `limit` changes, as the atom channel delivers it."""
    body = changes_atom(store.query("changes_feed", limit=limit), str(store.path.resolve()))
    return Rendering("changes", "atom", TITLE, body.decode("utf-8"))


def write_changes_feed(store: Store, path: Path) -> int:
    """Write the feed of the newest changes to `path` (`claimtrack changes --atom`); how many it holds."""
    feed = changes_rendering(store)
    try:
        write_file(path, feed.body.encode("utf-8"))
    except OSError as exc:
        raise DeliveryError(f"{path}: cannot write the feed: {exc.strerror or exc}") from None
    return entries(feed)


def entries(feed: Rendering) -> int:
    """How many changes a feed written here holds (each entry opens with a bare <entry>)."""
    return feed.body.count("<entry>")


def write_file(path: Path, data: bytes) -> None:
    """Replace `path` whole (a temporary file renamed over it): a reader never sees half a feed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class AtomChannel:
    """`[[channels]] kind = "atom"`: the feed of changes as a file, rewritten at the end of each run."""
    name: str
    path: Path
    rendering: str = "atom"

    @property
    def targets(self) -> tuple[str, ...]:
        return (str(self.path),)

    def message_id(self, rendering: Rendering) -> str:
        return new_message_id(rendering.key)

    def send(self, rendering: Rendering, target: str, message_id: str) -> str:
        try:
            write_file(Path(target), rendering.body.encode("utf-8"))
        except OSError as exc:
            raise DeliveryError(f"{target}: cannot write the feed: {exc.strerror or exc}") from None
        return f"{entries(rendering)} changes"
