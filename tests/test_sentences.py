"""Where sentences end before the model parses them (the line-breaks component, pipeline.py): a line
break, a wire's dateline, and a full stop the tokenizer split off before a capitalised word."""
import pytest


@pytest.mark.parametrize("text, second", [
    # the model joins these, making the name after the stop a conjunct of the list before it
    ("The deal adds a brand to Halden's lineup, which already includes Crisp Pantry, Orrin Pretzels and "
     "Marlow's Booty. Larkspur, which generated $140 million in revenue in 2024, specializes in popcorn.", "Larkspur"),
    ("Orrin Foods rose 4%.\nHalden fell.", "Halden"),
])
def test_a_sentence_starts_where_the_text_says(extractor, text, second):
    starts = [s[0].text for s in extractor.nlp(text).sents]
    assert starts[:2] == [text.split()[0], second]


def test_an_abbreviations_stop_ends_no_sentence(extractor):
    assert len(list(extractor.nlp("Orrin Holdings Inc. Chief Executive Ann Lee said sales rose.").sents)) == 1


@pytest.mark.parametrize("text, after", [
    ("Aug 4 (Reuters) - Halden Capital will invest $2 billion in Orrin.", "Halden"),
    ("Dec. 3 (UPI) -- Halden Capital will invest $2 billion in Orrin.", "Halden"),
    ("March 21 - (The Insurer) - Halden Capital will invest $2 billion in Orrin.", "Halden"),
    ("WASHINGTON (dpa-AFX) - Halden Capital will invest $2 billion in Orrin.", "Halden"),
    ("DUBAI, United Arab Emirates (AP) — Halden Capital will invest $2 billion in Orrin.", "Halden"),
    ("SYDNEY/SINGAPORE (March 26): Halden Capital will invest $2 billion in Orrin.", "Halden"),
    ("MUMBAI :Halden Capital will invest $2 billion in Orrin.", "Halden"),
    ("New Delhi, Jul 23 (PTI) Halden Capital will invest $2 billion in Orrin.", "Halden"),
    ("May 13, 2025 | Hong Kong — Halden Capital will invest $2 billion in Orrin.", "Halden"),
    ("Investing.com -- Halden Capital will invest $2 billion in Orrin.", "Halden"),
    ("BOSTON & OSLO, Norway--(BUSINESS WIRE)--Apr 16, 2025-- Halden Capital will invest $2 billion in Orrin.", "Halden"),
    ("01:28 PM EDT, 07/07/2025 (MT Newswires) -- Halden Capital will invest $2 billion in Orrin.", "Halden"),
])
def test_the_text_after_a_dateline_is_a_sentence_of_its_own(extractor, text, after):
    """Left joined, the parse reads the dateline's month or place as the one who invests."""
    from claimtrack.extractors.datelines import dateline_end
    assert text[dateline_end(text):].split()[0].lstrip(":") == after
    assert any(s[0].text == after for s in extractor.nlp(text).sents)


@pytest.mark.parametrize("text", [
    "U.K.-based hedge fund Orrin Partners has built a 5% stake in Halden.",
    "NYSE-listed Halden said it would buy Orrin.",
    "Halden — the maker of pumps — said it would buy Orrin.",
    "AI: the boom has further to run, Halden's chief said.",
    "HALDEN CEO: NOT WORRIED ABOUT A BUBBLE",
    "HALDEN CEO: Not worried about a bubble",
])
def test_a_hyphened_name_or_a_dash_after_a_name_is_no_dateline(text):
    from claimtrack.extractors.datelines import dateline_end
    assert dateline_end(text) == 0
