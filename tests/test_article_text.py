"""An article's stored text is assembled in one place (claimtrack.flows.sources.articles.article_text), which
ingest and reparse both call: the headline on one line, then the body without the headline a
page extractor repeats."""
from claimtrack.flows.sources.articles import article_text


def test_the_headline_goes_first_once_even_when_the_page_repeats_it():
    got = article_text("OpenAI valued at $500 billion", "OpenAI valued at $500 billion\nThe deal values it at $500B.")
    assert got.text == "OpenAI valued at $500 billion\nThe deal values it at $500B."
    assert got.body == "The deal values it at $500B."


def test_a_headline_with_control_characters_is_one_line():
    got = article_text("Stake cut\x07 to 27%\r\nsays report", "Microsoft now holds 27%.")
    assert got.title == "Stake cut to 27% says report"
    assert got.text.split("\n") == ["Stake cut to 27% says report", "Microsoft now holds 27%."]


def test_without_a_headline_the_bodys_first_line_is_the_headline():
    assert article_text(None, "Nvidia invests $5 billion in Intel\nThe chipmaker said.") == (
        "Nvidia invests $5 billion in Intel", "The chipmaker said.", "Nvidia invests $5 billion in Intel\nThe chipmaker said.")


def test_reassembling_a_stored_article_gives_its_text_again():
    first = article_text("", "A" * 250 + "\nsecond line")
    assert first.title == "A" * 200
    assert article_text(first.title, "A" * 250 + "\nsecond line") == first
