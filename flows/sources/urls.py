"""Canonical URLs, so that one article reached by several links is stored once."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = ("utm_", "mc_", "pk_", "_hs")
_TRACKING_EXACT = {"fbclid", "gclid", "dclid", "msclkid", "igshid", "ref", "ref_src", "cmpid",
                   "ncid", "guccounter", "guce_referrer", "guce_referrer_sig", "sr_share", "smid", "mbid"}


_EDGES = re.compile(r"^[\s\x00-\x20\x7f]+|[\s\x00-\x20\x7f]+$")   # spaces and control characters


def _trim(url: str) -> str:
    return _EDGES.sub("", url)


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters,
    remaining parameters sorted. Applying it twice changes nothing."""
    try:
        url = _trim(url)
        parts = urlsplit(url)
        port = parts.port
    except ValueError:      # a port that is no number or over 65535, an unclosed [IPv6: as written
        return _trim(url.partition("#")[0])
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return _trim(urlunsplit((scheme, parts.netloc, parts.path, parts.query, "")))
    host = (parts.hostname or "").lower()
    if ":" in host:         # an IPv6 address keeps its brackets
        host = f"[{host}]"
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(_TRACKING) and k.lower() not in _TRACKING_EXACT]
    path = parts.path or "/"
    return _trim(urlunsplit((scheme, host, path, urlencode(sorted(query)), "")))   # "/a #x" leaves a space


# Hosts that only redirect to the article (feed proxies and click trackers of feed services).
FEED_PROXY_HOSTS = ("feedproxy.google.com", "feeds.feedburner.com", "feeds.feedblitz.com")


def is_feed_proxy(url: str) -> bool:
    """Is this link a feed service's redirect rather than the article itself? (A link that is
    no URL is not: fetching it then fails with an error that names it.)"""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return False
    if "/~r/" in parts.path:                  # FeedBurner's item redirects, on any (custom) host
        return True
    return host in FEED_PROXY_HOSTS and host != "feeds.feedburner.com"   # its feed URLs are feeds


def _site(host: str) -> str:
    host = host.lower().rstrip(".")
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix):
            return host[len(prefix):]
    return host


def same_site(a: str, b: str) -> bool:
    """Do two URLs belong to one site (same host give or take www./m./amp., or one host a
    subdomain of the other)? A page may only name a canonical URL on its own site."""
    try:
        ha, hb = _site(urlsplit(a).hostname or ""), _site(urlsplit(b).hostname or "")
    except ValueError:          # an unclosed '[IPv6' host: no site at all
        return False
    if not ha or not hb:
        return False
    return ha == hb or ha.endswith("." + hb) or hb.endswith("." + ha)
