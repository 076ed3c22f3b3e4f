"""Typographic apostrophes and hyphens: the model is given plain ones (extractors/typography.py),
the claims keep the text as published."""
import pickle

from claimtrack.extractors.text import doc_text


def test_a_curly_possessive_names_its_owner(extractor):
    claims = extractor.claims("Most of Alphabet\u2019s $350 billion annual revenue still comes from search.")
    assert [(c.metric, c.subject, c.value) for c in claims if c.kind == "typed"] == [("revenue", "Alphabet", 350e9)]


def test_claims_are_those_of_plain_text_and_quote_the_text_as_published(extractor):
    curly = ("Nebius\u2019 market value grew to about $27.6 billion. The Amsterdam\u2011based company\u2019s "
             "revenue rose to $146 million.")
    plain = curly.replace("\u2019", "'").replace("\u2011", "-")
    with_curly, with_plain = extractor.claims(curly), extractor.claims(plain)
    assert [(c.metric, c.subject, c.value, c.start, c.end) for c in with_curly] == \
        [(c.metric, c.subject, c.value, c.start, c.end) for c in with_plain]
    assert {c.metric for c in with_curly if c.kind == "typed"} >= {"market_cap", "revenue"}
    for c in with_curly:
        assert c.sentence == curly[c.start:c.end]          # the evidence as written, with its ’


def test_the_doc_keeps_the_original_and_the_offsets(extractor):
    text = "SoftBank\u2019s stake rose."
    doc = extractor.nlp(text)
    assert doc_text(doc) == text and doc.text == "SoftBank's stake rose." and len(doc.text) == len(text)


def test_the_wrapped_tokenizer_survives_pickling(extractor):
    copy = pickle.loads(pickle.dumps(extractor.nlp.tokenizer))
    assert doc_text(copy("It\u2019s Nvidia\u2019s.")) == "It\u2019s Nvidia\u2019s."
