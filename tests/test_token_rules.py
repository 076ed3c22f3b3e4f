"""The model's attribute rules and lemmatizer worked out once per kind of token
(extractors/token_rules.py) give every token the very attributes spaCy's own components give:
on the real-news corpus, the demo outlets and a text of ours that trips the rare rules."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from claimtrack.extractors.corpus import read_stories
from claimtrack.extractors.model import installed_model_name
from claimtrack.extractors.token_rules import RuleAttributes, RuleLemmas, by_kind
from tests.test_selection import demo_texts

ROOT = Path(__file__).resolve().parent.parent
# the model's rules of two tokens ("ai n't", "gon na", "there is", "let 's", "y' all", "c'm on",
# "got ta"), its pronoun, determiner and modal rules, spaces and unusual words
ODD = ("Y'all ain't gonna believe it: there is a $5 million gap, and there are two more.\n\n"
       "Let's go, c'mon! We gotta sell; they've got it and she'd said he isn't sure.  Nobody "
       "knows whether anything's wrong, but I'd say itself is fine. Those were the days; these "
       "aren't. Zorbulated florps wugged the blicket's snargles quickly.")


def attributes(doc) -> list[tuple]:
    return [(t.i, t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.fixture(scope="module")
def spacy_model():
    """The model as spaCy loads it, with its own attribute_ruler and lemmatizer."""
    return spacy.load(installed_model_name())


@pytest.mark.corpus
def test_every_token_gets_the_attributes_spacys_components_give(spacy_model):
    texts = [ODD] + [p.text for p in read_stories(ROOT / "tests" / "corpus" / "news")[0]] + demo_texts()
    ruler, lemmatizer = spacy_model.get_pipe("attribute_ruler"), spacy_model.get_pipe("lemmatizer")
    ours_ruler, ours_lemmas = RuleAttributes(ruler), RuleLemmas(lemmatizer)
    with spacy_model.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        parsed = list(spacy_model.pipe(texts))                 # parsed once; both rule sets on copies
    differ = []
    for doc in parsed:
        theirs, ours = lemmatizer(ruler(doc.copy())), ours_lemmas(ours_ruler(doc.copy()))
        if attributes(theirs) != attributes(ours):
            differ.append([(a, b) for a, b in zip(attributes(theirs), attributes(ours)) if a != b][:3])
    assert differ == []
    odd = ours_lemmas(ours_ruler(parsed[0].copy()))
    assert {(t.lower_, t.lemma_) for t in odd} >= {("ai", "be"), ("gon", "go"), ("na", "to"), ("ta", "to"),
                                                  ("'s", "us")}      # the rules of two tokens did fire
    assert sum(len(d) for d in parsed) > 40_000


def test_the_extractor_uses_them_under_spacys_names_and_the_blank_fallback_has_none(extractor, blank_extractor):
    nlp = extractor.nlp
    assert [n for n in nlp.pipe_names if not n.startswith("claimtrack_")] == \
        ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
    assert isinstance(nlp.get_pipe("attribute_ruler"), RuleAttributes)
    assert isinstance(nlp.get_pipe("lemmatizer"), RuleLemmas)
    assert by_kind(blank_extractor.nlp) == []
    assert "attribute_ruler" not in blank_extractor.nlp.pipe_names


def test_a_rule_of_another_kind_leaves_spacys_component_in_place():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "big"}, {"LOWER": "deal", "OP": "?"}]], {"LEMMA": "large"})   # an operator
    assert by_kind(nlp) == []
    assert nlp.get_pipe("attribute_ruler") is ruler
    simple = spacy.blank("en")
    simple.add_pipe("attribute_ruler").add([[{"LOWER": "big"}]], {"LEMMA": "large"})
    assert by_kind(simple) == ["attribute_ruler"]
    assert [t.lemma_ for t in simple("A big deal")] == ["", "large", ""]
