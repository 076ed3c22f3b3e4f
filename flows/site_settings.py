"""The [site] settings: where the claim site is written and where it is published. A module of
its own beside flows/settings.py (which assembles every table), with the check of a web address
that [digest] unsubscribe_url shares."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from claimtrack.flows.config_schema import checked_by


def web_url_problem(value: str, https_only: bool = False) -> str | None:
    """What is wrong with an address readers open (empty: none), or None: http(s) with a host."""
    if not value:
        return None
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    schemes = ("https",) if https_only else ("http", "https")
    if parts is None or parts.scheme.lower() not in schemes or not host or any(c in value for c in " <>\"'"):
        kind = "an https:// address" if https_only else "an http(s):// address"
        return f"must be {kind} with a host, not {value[:60]!r}"
    return None


def https_url_problem(value: str) -> str | None:
    """web_url_problem for an address that must be https (a one-click unsubscribe, RFC 8058)."""
    return web_url_problem(value, https_only=True)


@dataclass(frozen=True)
class SiteSettings:
    out_dir: Path                  # where `claimtrack site` and `serve` write the static site
    base_url: str = field(default="", metadata=checked_by(web_url_problem))   # where it is published
