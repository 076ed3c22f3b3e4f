"""Article text from pages and feed HTML; paywalls and challenge pages are refused."""
import pytest

from conftest import FIXTURES
from claimtrack.flows.sources.articles import html_to_text, is_full_text, normalise_text, page_text
from claimtrack.errors import ParseError


def test_page_main_text_drops_navigation_and_footer():
    page = page_text((FIXTURES / "pages" / "stake.html").read_text("utf-8"), "http://gazette.test/pages/stake.html")
    assert "Microsoft now holds a 27% stake in OpenAI" in page.text
    assert "Sign in" not in page.text and "fixture written" not in page.text
    assert page.published is not None and page.published.year == 2025


def test_paywall_page_is_refused_with_its_url():
    with pytest.raises(ParseError, match=r"paywall\.html: a paywall \(says 'Subscribe to read'\), not the article"):
        page_text((FIXTURES / "pages" / "paywall.html").read_text("utf-8"), "http://gazette.test/paywall.html")


def test_html_fragment_to_lines():
    assert html_to_text("<p>One <b>two</b></p><ul><li>three</li></ul><script>x()</script>") == "One two\nthree"


def test_control_characters_and_nul_bytes_are_dropped():
    assert normalise_text("a\x00b\x07c  d\r\n\n e") == "abc d\ne"


def test_teasers_are_not_full_text():
    assert not is_full_text("<p>Short intro. Continue reading...</p>", "<p>Short</p>")
    assert is_full_text("<p>" + "word " * 20 + "</p>", "<p>word</p>")
    assert is_full_text("", "<p>" + "long body " * 80 + "</p>")


def test_a_page_that_breaks_trafilatura_is_read_by_the_fallback(monkeypatch):
    import claimtrack.flows.sources.articles as articles

    def explode(*args, **kwargs):
        raise ValueError("lxml choked")
    monkeypatch.setattr(articles.trafilatura, "extract", explode)
    page = page_text((FIXTURES / "pages" / "stake.html").read_text("utf-8"), "http://gazette.test/stake.html")
    assert "Microsoft now holds a 27% stake in OpenAI" in page.text


def test_extracting_the_same_page_twice_gives_the_same_text():
    """A second page sharing paragraphs (a syndicated copy, a re-fetch) keeps its text."""
    html = (FIXTURES / "pages" / "stake.html").read_text("utf-8")
    first = page_text(html, "http://a.test/stake.html").text
    assert page_text(html, "http://b.test/copy.html").text == first
