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
