"""Whose an open claim is where the sentence's grammar names it indirectly (issue 17): the party a
fine is imposed on, the company whose board acts, a phrasal verb's measure, and a figure a claim
type matched but could not give a party. The texts are written for these tests."""
import pytest


def _about(claims, subject):
    return [(c.kind, c.metric, c.value, c.unit) for c in claims if c.subject == subject and c.value is not None]


@pytest.mark.parametrize("text, payer, regulator, value, unit", [
    ("The European Commission fined Alphabet 2.4 billion euros for abusing its dominance.", "Alphabet",
     "European Commission", 2.4e9, "EUR"),
    ("Meta was fined 1.2 billion euros by the Irish regulator.", "Meta", None, 1.2e9, "EUR"),
    ("Regulators fined Meta $5 billion over privacy violations.", "Meta", None, 5e9, "USD"),
    ("The EU imposed a 500 million euro fine on Apple.", "Apple", "EU", 5e8, "EUR"),
    ("The European Commission hit Alphabet with a 2.95 billion euro fine on Friday.", "Alphabet",
     "European Commission", 2.95e9, "EUR"),
])
def test_a_fine_is_the_fined_partys_not_the_regulators(extractor, text, payer, regulator, value, unit):
    claims = extractor.claims(text)
    assert _about(claims, payer) == [("open", "fine", pytest.approx(value), unit)]
    if regulator:
        assert _about(claims, regulator) == []


@pytest.mark.parametrize("text", [
    "Intel said the board raised the quarterly dividend to $0.80 per share.",
    "Intel announced changes: the board raised the quarterly dividend to $0.80 per share.",
    "Intel made news on Tuesday. The board raised the quarterly dividend to $0.80 per share.",
])
def test_a_board_acts_for_the_company_it_is_the_board_of(extractor, text):
    assert _about(extractor.claims(text), "Intel") == [("open", "dividend", pytest.approx(0.8), "USD")]


def test_a_phrasal_verb_names_its_measure_with_its_particle(extractor):
    claims = extractor.claims("Amazon will lay off about 14,000 corporate workers.")
    assert _about(claims, "Amazon") == [("open", "job_cuts", 14000, "count")]


def test_a_currency_word_is_not_part_of_what_an_amount_measures(extractor):
    claims = extractor.claims("The EU imposed a 500 million euro fine on Apple.")
    assert {c.metric for c in claims} == {"fine"}


def test_a_figure_a_type_matched_without_a_party_is_read_open_under_the_types_name(extractor):
    # the typed reading of "a ... repurchase program of up to $12.0 billion" finds nobody after the
    # colon; the open reading finds the company the board speaks for, and keeps the type's name
    text = ("Wells Fargo announced a shift in shareholder returns: the board reauthorized a multi-year "
            "repurchase program of up to $12.0 billion, effective in the third quarter.")
    assert [(m, v) for _, m, v, _ in _about(extractor.claims(text), "Wells Fargo")] == [("buyback", pytest.approx(12e9))]


@pytest.mark.parametrize("text, name", [
    ("Wells Fargo (NYSE:WFC) raised its dividend. Separately, WFC authorized a new $40 billion stock repurchase "
     "program.", "Wells Fargo"),
    ("Hooli Systems, Inc. (Nasdaq: HOOL) raised its dividend. HOOL authorized a new $4 billion stock repurchase "
     "program.", "Hooli"),
])
def test_a_ticker_given_with_its_exchange_names_the_company_again(extractor, text, name):
    assert {c.subject for c in extractor.claims(text) if c.value is not None} == {name}


def test_bare_shares_are_the_companys_the_passage_is_about_but_not_a_markets(extractor):
    moved = extractor.claims("Nebius reported a quarterly loss of $100 million. Shares dropped more than 3% in early "
                             "trading.")
    assert ("open", "share_price_change", -3, "percent") in _about(moved, "Nebius")
    market = extractor.claims("Nebius reported a quarterly loss. Meanwhile, shares fell 2% in Tokyo and 1% in Seoul.")
    assert [c for c in market if c.metric == "share_price_change"] == []


@pytest.mark.parametrize("text, party, value", [
    ("Blackstone is an investment firm with $1.1 trillion in assets under management.", "Blackstone", 1.1e12),
    ("The deal was led by Hooli Capital, a firm with $40 billion in assets, and by Globex.", "Hooli", 4e10),
])
def test_what_a_party_is_with_is_its_own(extractor, text, party, value):
    assert _about(extractor.claims(text), party) == [("open", "assets_under_management", pytest.approx(value), "USD")]


@pytest.mark.parametrize("text, party, metric, value", [
    ("The tariffs would cost Ford $1.1 billion this year.", "Ford", "tariff_cost", 1.1e9),
    ("Ford said the tariffs would cost the company $1.1 billion this year.", "Ford", "tariff_cost", 1.1e9),
    ("Meta cut its capital spending plan to $25 billion.", "Meta", "capex", 25e9),
])
def test_what_a_cost_falls_on_and_what_a_plan_is_of(extractor, text, party, metric, value):
    # (a claim type the tests' config makes of an open metric, capex, takes its figure typed)
    assert [a[1:] for a in _about(extractor.claims(text), party)] == [(metric, pytest.approx(value), "USD")]


def test_the_one_party_a_sentence_names_raises_what_the_parse_gave_no_subject(extractor):
    # the model reads "Aramco" as an adjective of "markets": the raise has no subject in the parse
    claims = extractor.claims("Aramco last tapped debt markets in May, raising $5bn with a sale of bonds.")
    assert [(c.subject, c.value) for c in claims if c.value is not None] == [("Aramco", 5e9)]
