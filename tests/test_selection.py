"""Parsing only the sentences that can hold a claim (extractors/selection.py) gives the very
claims the whole text gives: on a long article of our own where most sentences hold no
figure, and on every text of the real-news corpus, the seed article, the demo outlets and the
feed files in ../shared/fixtures (texts as published, most of their sentences holding no claim)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from claimtrack.extractors.selection import select, sentences
from claimtrack.flows.extraction.extract import extractor_for
from claimtrack.flows.settings import load_settings
from claimtrack.flows.sources.articles import html_to_text, page_text
from claimtrack.flows.sources.feeds import parse_feed
from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parent.parent
SPARSE = (ROOT / "tests" / "fixtures" / "articles" / "sparse_long.txt").read_text("utf-8")
# years that only date what happened ("opened in 2012"), and two that are the values of deadline types
DATED = "\n".join([
    "Corvina Labs opened its first plant in 2012.",
    "The plant sits beside the river in Tacoma.",
    "Its founders had met at a trade fair in 2009.",
    "In 2015 the firm moved its offices downtown.",
    "Workers there build pumps for farms.",
    "The pumps are sold across the region.",
    "Local schools send students on tours.",
    "The mayor visited the site last spring.",
    "Corvina Labs raised $40 million in a round led by Tidewater Capital, valuing it at $300 million.",
    "Corvina keeps the IP rights to its pump designs until 2030, and Brightwell gets access to its models through 2028.",
])


def feed_texts() -> list[str]:
    """The English feed files' entries (../shared/fixtures/feeds), when that folder is there."""
    texts = []
    for name in ("guardian-us-rss2.xml", "science-twis-rss1-rdf.xml"):
        path = SHARED / "fixtures" / "feeds" / name
        if path.exists():
            texts += [html_to_text(e.content_html or e.summary_html)
                      for e in parse_feed(path.read_bytes(), path.as_uri()).entries]
    return texts


def demo_texts() -> list[str]:
    """The texts `make run` stores from the bundled demo outlets: feed entries and pages."""
    texts = []
    for path in sorted((ROOT / "config" / "demo").rglob("*")):
        if path.suffix == ".xml":
            texts += [html_to_text(e.content_html or e.summary_html)
                      for e in parse_feed(path.read_bytes(), path.as_uri()).entries]
        elif path.suffix == ".html":
            texts.append(page_text(path.read_text("utf-8"), path.as_uri()).text)
    return texts


def test_rule_sentences_cover_the_text_and_keep_abbreviations_whole():
    text = "Acme Inc. said on Monday it raised $5 million. Mr. Smith left.\nU.S. sales rose 4%. Done"
    spans = sentences(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert [text[s:e].strip() for s, e in spans] == [
        "Acme Inc. said on Monday it raised $5 million.", "Mr. Smith left.", "U.S. sales rose 4%.", "Done"]


def test_a_sparse_article_is_parsed_in_part_with_the_same_claims(extractor):
    chosen = select(SPARSE, extractor.risk_words)
    assert chosen.kept < 0.7 * chosen.total and len(chosen.text) < 0.7 * len(SPARSE)
    assert "The chain still uses the arms" not in chosen.text      # no figure, no warning, no name it needs
    for short, orig in chosen.pieces:                               # every piece is the original's text
        piece = chosen.text[short:].split("\n", 1)[0]
        assert SPARSE[orig:orig + len(piece)] == piece
    whole = replace(extractor, selective=False).claims(SPARSE)
    part = replace(extractor, selective=True).claims(SPARSE)
    assert {(c.metric, c.value) for c in whole} >= {("funding_round", 400e6), ("valuation", 3.2e9)}
    assert [c.as_dict() for c in part] == [c.as_dict() for c in whole]
    assert all(SPARSE[c.start:c.end] == c.sentence for c in part)


def test_a_long_text_is_read_in_parts_and_selected_with_offsets_in_the_whole(extractor):
    text = SPARSE + "\n" + "Q" * 100_000 + "\n" + SPARSE       # over PART_CHARS: two parts
    whole = replace(extractor, selective=False).claims(text)
    part = replace(extractor, selective=True).claims(text)
    assert [c.as_dict() for c in part] == [c.as_dict() for c in whole]
    assert all(text[c.start:c.end] == c.sentence for c in part)
    assert min(c.start for c in part) < len(SPARSE) < 100_000 < max(c.start for c in part)


def test_a_text_without_figures_or_warnings_is_not_parsed(extractor):
    text = "Harbourline Robotics opened an office.\nIts founders met at a university lab in Boston."
    assert select(text, extractor.risk_words).text == ""
    assert replace(extractor, selective=True).claims(text) == [] == replace(extractor, selective=False).claims(text)
    assert select(text + " Some fear an AI bubble.", extractor.risk_words).kept == 3


def test_a_year_is_chosen_only_where_a_type_that_takes_years_can_read_it(extractor):
    lone = "Harbourline Robotics was founded in 2019 by two engineers.\nIt makes arms for kitchens."
    assert select(lone, extractor.risk_words, years=extractor.year_types).text == ""
    assert select(lone, extractor.risk_words).text == lone          # without the types, any year is chosen
    chosen = select(DATED, extractor.risk_words, years=extractor.year_types)
    assert "trade fair in 2009" not in chosen.text and "in Tacoma" not in chosen.text
    assert "IP rights to its pump designs until 2030" in chosen.text     # a deadline type's trigger and cue
    assert "trade fair in 2009" in select(DATED, extractor.risk_words).text
    whole = replace(extractor, selective=False).claims(DATED)
    assert {c.metric for c in whole} >= {"funding_round", "ip_rights_until", "model_access_until"}
    assert [c.as_dict() for c in replace(extractor, selective=True).claims(DATED)] == [c.as_dict() for c in whole]


@pytest.mark.corpus
def test_claims_are_the_same_on_every_corpus(extractor, corpus_claims):
    """Field by field, the selected reading against the whole one (the corpus's whole reading is
    the session's, extracted once: conftest.corpus_claims)."""
    others = demo_texts() + feed_texts()
    seed = SHARED / "seeds" / "000_6ac0e1f229eea688.txt"
    if seed.exists():
        others.append(seed.read_text("utf-8"))
    others += [SPARSE, DATED]
    texts = list(corpus_claims) + others
    assert len(texts) > 500
    whole = list(corpus_claims.values()) + list(replace(extractor, selective=False).pipe(others))
    chosen = replace(extractor, selective=True).pipe(texts)
    differ = [(text[:80], len(a), len(b)) for text, a, b in zip(texts, whole, chosen)
              if [c.as_dict() for c in a] != [c.as_dict() for c in b]]
    assert differ == []


def test_the_setting_chooses_the_reading(tmp_path):
    config = tmp_path / "claimtrack.toml"
    config.write_text("[extract]\nselect_sentences = false\n", "utf-8")
    assert extractor_for(load_settings(config).extract).selective is False
    assert extractor_for(load_settings(None).extract).selective is True
