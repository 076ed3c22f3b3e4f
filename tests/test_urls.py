"""Canonical URLs: tracking parameters and fragments dropped; idempotent."""
from hypothesis import given, strategies as st

from claimtrack.flows.sources.urls import canonical_url


def test_drops_tracking_fragment_default_port_and_case():
    assert canonical_url("HTTPS://News.Example.COM:443/a/b?utm_source=rss&id=7&fbclid=x#top") == \
        "https://news.example.com/a/b?id=7"


def test_keeps_meaningful_parameters_sorted():
    assert canonical_url("http://x.org/p?b=2&a=1") == "http://x.org/p?a=1&b=2"


def test_non_http_urls_only_lose_their_fragment():
    assert canonical_url("file:///tmp/a.html#x") == "file:///tmp/a.html"


@given(st.text(alphabet="abcXYZ019-._~/?&=#%:", max_size=40))
def test_idempotent(tail):
    once = canonical_url("https://Example.org/" + tail)
    assert canonical_url(once) == once


def test_a_bad_port_or_an_unclosed_ipv6_host_is_kept_as_written_not_raised():
    assert canonical_url("http://news.test:99999/a#x") == "http://news.test:99999/a"
    assert canonical_url("http://news.test:abc/a") == "http://news.test:abc/a"
    assert canonical_url("http://[::1/a") == "http://[::1/a"


def test_ipv6_hosts_keep_their_brackets():
    assert canonical_url("http://[::1]:8080/a?utm_source=x") == "http://[::1]:8080/a"


def test_control_characters_and_unicode_spaces_at_the_ends_are_trimmed_once():
    """Found by make fuzz: urlsplit strips C0 controls, str.strip strips U+00A0; both, or
    canonicalising twice gave two answers."""
    assert canonical_url("\x1b\xa0\x1b") == "" == canonical_url("")
    assert canonical_url("\x00\u2003http://A.test/x\x1f ") == "http://a.test/x"
