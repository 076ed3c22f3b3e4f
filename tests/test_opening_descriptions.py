"""A firm's description that opens a sentence is no part of the name after it, and no party
of its own (extractors/mention_names.py, opening_descriptors)."""
import pytest

CASES = [
    # text, the mentions' names expected, a name that must not be among them
    ("Chipmaker Marvell Technology agreed to buy Celestial AI.", {"Marvell"}, "Chipmaker Marvell"),
    ("Drugmaker Novo Nordisk said on Monday it would cut jobs.", {"Novo Nordisk"}, "Drugmaker Novo Nordisk"),
    ("Cloud provider Nebius sold $1 billion of notes.", {"Nebius"}, "Cloud"),
    ("Lender Ally Financial raised $750 million.", {"Ally"}, "Lender"),   # ("Financial": a name ending)
]
KEPT = [
    # names that begin with a firm's noun stay whole
    ("Bank of America raised $2 billion in debt.", "Bank of America"),
    ("Venture Global priced its bonds on Tuesday.", "Venture"),
]


@pytest.mark.parametrize("text, names, not_a_name", CASES, ids=[c[0][:40] for c in CASES])
def test_an_opening_description_is_trimmed(extractor, text, names, not_a_name):
    found = {m.name for m in extractor.nlp(text)._.mentions}
    assert names <= found, found
    assert not_a_name not in found


@pytest.mark.parametrize("text, name", KEPT, ids=[c[0][:40] for c in KEPT])
def test_a_name_that_opens_with_a_firms_noun_is_kept(extractor, text, name):
    found = {m.name for m in extractor.nlp(text)._.mentions}
    assert any(n.startswith(name) for n in found), found
