"""Where each page of the claim site lives, relative to its root: one function per kind of page,
shared by the site's writer and by the digest, which links a change to its claim's page."""
from __future__ import annotations

import re
from urllib.parse import quote

from claimtrack.flows.ids import short_hash

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(text: str) -> str:
    """A file name from any text (a claim key, an outlet's name): its letters and digits, at most
    60, and a hash of the whole, so two texts never share a page and no text leaves its folder."""
    words = _NOT_SLUG.sub("-", text.lower()).strip("-")[:60].strip("-")
    return f"{words or 'x'}-{short_hash(text)[:8]}"


def claim_page(claim_key: str) -> str:
    """'claims/microsoft-stake-pct-openai-1a2b3c4d.html'."""
    return f"claims/{_slug(claim_key)}.html"


def outlet_page(outlet: str) -> str:
    """'outlets/the-ledger-1a2b3c4d.html'."""
    return f"outlets/{_slug(outlet)}.html"


def site_link(base_url: str, page: str = "") -> str:
    """An absolute link to a page of the site published at `base_url` ('' when there is none)."""
    if not base_url:
        return ""
    return base_url.rstrip("/") + "/" + quote(page)
