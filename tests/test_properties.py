"""Property tests (hypothesis): figures we format read back as the same figure, URL
canonicalisation is idempotent and total, and no text or byte string makes the feed
parser or the extractor raise anything but our own errors. `make fuzz` runs the same
properties at scale, round after round, for a bounded time."""
from hypothesis import HealthCheck, given, settings, strategies as st
from hypothesis.provisional import domains

from claimtrack.extractors.figures import find_figures
from claimtrack.errors import ParseError
from claimtrack.flows.sources.feeds import parse_feed
from claimtrack.flows.formatting import format_value
from claimtrack.flows.sources.urls import canonical_url

UNITS = ["USD", "EUR", "GBP", "JPY", "CHF", "AUD", "percent", "percentage_points", "basis_points"]
MONEY = st.floats(min_value=-5e14, max_value=5e14, allow_nan=False).map(lambda v: round(v, 2))
SHARE = st.floats(min_value=-1e5, max_value=1e5, allow_nan=False).map(lambda v: round(v, 4))


@given(st.one_of(st.tuples(MONEY, st.sampled_from(UNITS[:6])), st.tuples(SHARE, st.sampled_from(UNITS[6:]))))
def test_a_figure_we_format_reads_back_as_itself(value_unit):
    value, unit = value_unit
    shown = format_value(value, unit)
    figures = [f for f in find_figures(f"The deal was put at {shown} on Monday.") if f.kind != "year"]
    assert len(figures) == 1, (shown, figures)
    fig = figures[0]
    assert (fig.unit, format_value(fig.value, fig.unit)) == (unit, shown)
    assert abs(fig.value - value) <= max(abs(value) * 5e-4, 0.5 if unit in UNITS[:6] else 5e-5)


URL_TAIL = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


@given(st.sampled_from(["http", "https", "HTTP", "hTTps"]), domains(), st.one_of(st.none(), st.integers(0, 70000)),
       URL_TAIL)
def test_canonical_urls_are_idempotent(scheme, host, port, tail):
    url = f"{scheme}://{host}{'' if port is None else f':{port}'}/{tail}"
    once = canonical_url(url)
    assert canonical_url(once) == once


@given(st.text(max_size=200))
def test_canonical_url_takes_any_text(text):
    once = canonical_url(text)
    assert canonical_url(once) == once


XMLISH = st.lists(st.sampled_from([
    "<?xml version='1.0'?>", "<rss version='2.0'>", "<channel>", "<item>", "<title>", "</title>", "<link>",
    "</link>", "<guid>", "</guid>", "<pubDate>", "Tue, 28 Oct 2025 13:05:00 +0000", "</pubDate>", "</item>",
    "</channel>", "</rss>", "<feed xmlns='http://www.w3.org/2005/Atom'>", "<entry>", "</entry>", "</feed>",
    "<![CDATA[", "]]>", "&amp;", "&bogus;", "<!DOCTYPE x [<!ENTITY e 'ee'>]>", "&e;", "http://a.test/1",
    "javascript:alert(1)", "http://[zz]/", "http://[::1", "http://a.test:99999/", "\x00", "é", "\ufeff", "27%", "$500 billion", " ", "\n"]), max_size=60).map("".join)


@given(st.one_of(st.binary(max_size=400), XMLISH.map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_the_feed_parser_raises_nothing_but_a_parse_error(body):
    try:
        feed = parse_feed(body, "http://fuzz.test/feed.xml", "application/rss+xml")
    except ParseError as exc:
        assert "fuzz.test" in str(exc)
        return
    for entry in feed.entries:
        assert entry.link is None or entry.link.startswith(("http://", "https://"))


NEWSY = st.lists(st.one_of(st.sampled_from([
    "Microsoft", "OpenAI", "Nvidia", " holds ", " a ", "27%", "32.5 %", "$", "€", "135", " billion", "bn",
    " stake ", " in ", " valued at ", " said", " warned", ' "', "bubble", ".", "\n", "½", "10^9", "1,000.000,5",
    " down from ", " until ", "2032", "-", "—", "(", ")", ",", " and ", "according to ", "Reuters"]),
    st.text(max_size=12)), max_size=80).map("".join)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=300), NEWSY))
def test_no_text_makes_extraction_raise(extractor, text):
    claims = extractor.claims(text)
    for c in claims:
        assert 0 <= c.start <= c.end <= len(text)


def test_a_party_whose_name_is_only_punctuation_breaks_nothing(extractor):
    """Found by `make fuzz`: the model took '(c"' (and control characters) for an organisation
    whose canonical name is empty, and the short-name merge indexed its first word."""
    assert extractor.claims('@ mftâXp\x0e©(c"\x03\x11') == []
