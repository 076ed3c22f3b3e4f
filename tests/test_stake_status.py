"""A stake's status follows the words that tell it: a relative clause of equating is as planned as
the clause above it, and a holder described in passing holds now, whatever it plans (issue 14)."""
import pytest


@pytest.mark.parametrize("text, status", [
    # "which corresponds to" sizes the purchase the clause above tells: as planned as that purchase
    ("Corvane will buy 80 million newly issued Pellworth shares, which corresponds to a 4.2% stake.", "planned"),
    ("Corvane bought 80 million Pellworth shares last year, which corresponds to a 4.2% stake.", "reported"),
    # a holder described in apposition holds now; the verb of the sentence is about something else
    ("Brennock Capital, a 5.7% shareholder in Orrin, wants two board seats.", "reported"),
    ("Brennock Capital, Orrin's 12% owner, plans to sell some of its shares next year.", "reported"),
    # a holding the future gives once an event is done is a plan until then; the future alone states terms
    ("Corvane will still own about 85% of Pellworth after the listing.", "planned"),
    ("Once the merger closes, Corvane will hold about 35% of Pellworth.", "planned"),
    ("Corvane will hold about 35% of Pellworth.", "reported"),
    ("Corvane will own about 35% of Pellworth after the company completed its merger.", "reported"),
    # becoming a holder is a move still ahead when it is agreed or future
    ("Corvane is poised to become Pellworth's largest shareholder with a stake of about 6%.", "planned"),
    ("Corvane has owned about 85% of Pellworth since the listing.", "reported"),
])
def test_a_stakes_status_is_told_by_the_clause_it_belongs_to(extractor, text, status):
    (claim,) = [c for c in extractor.claims(text) if c.metric == "stake_pct"]
    assert claim.status == status


@pytest.mark.parametrize("text, status", [
    ("Brightline Foods' valuation is set to reach $40 billion once the round closes.", "planned"),
    ("The listing is set to value Brightline Foods at up to $40 billion.", "planned"),
    ("The listing values Brightline Foods at $40 billion.", "reported"),
    ("Brightline Foods' valuation reached $40 billion last week.", "reported"),
    ("Brightline Foods is looking for a valuation of $40 billion.", "planned"),     # sought, not had
    ("Brightline Foods is valued at $40 billion in the proposed share sale.", "planned"),
    ("Brightline Foods was valued at $40 billion in its latest share sale.", "reported"),
])
def test_a_value_still_to_be_reached_or_set_is_a_plan(extractor, text, status):
    (claim,) = [c for c in extractor.claims(text) if c.metric == "valuation"]
    assert claim.status == status


@pytest.mark.parametrize("text, status", [
    ("Analysts expect Brightline Foods' market value to reach $90 billion next year.", "forecast"),
    ("Bankers expect the listing to value Brightline Foods at about $40 billion.", "planned"),
    ("Brightline Foods' market value rose to $90 billion, more than analysts had expected.", "reported"),
])
def test_what_someone_expects_a_figure_to_do_is_a_projection(extractor, text, status):
    (claim,) = [c for c in extractor.claims(text) if c.metric in ("valuation", "market_cap")]
    assert claim.status == status


@pytest.mark.parametrize("text, status", [
    # a measure told as projected is a projection, whatever the parse makes of "projected"
    ("Halden Motors' projected revenue of $40 billion this year tops its rivals'.", "forecast"),
    ("Halden Motors projected operating income of 2.1 trillion yen for the year to March, down from "
     "2.6 trillion yen a year earlier.", "forecast"),
    ("Halden Motors expects revenue of $40 billion this year.", "forecast"),
    # a forecast moved "by" an amount "to" a level: the level is still a forecast
    ("Weak sales led Halden Motors to cut its full-year profit forecast by ¥300 billion to ¥1.9 trillion.", "forecast"),
    ("Halden Motors reported operating income of 2.1 trillion yen for the year to March.", "reported"),
])
def test_a_measure_told_as_projected_is_a_forecast(extractor, text, status):
    (claim,) = [c for c in extractor.claims(text) if c.metric in ("revenue", "profit")]
    assert claim.status == status


@pytest.mark.parametrize("text, status", [
    # a takeover's terms are its plan until it closes: told by the deal, or by an offer in any tense
    ("Corvane agreed to buy Pellworth in a deal that values the company at $4 billion.", "planned"),
    ("Corvane's deal to acquire Pellworth values the company at $4 billion.", "planned"),
    ("An earlier offer from Corvane valued Pellworth at $3.5 billion.", "planned"),
    # a round's deal sets the company's value; a takeover told as closed has set it
    ("The funding round values Pellworth at $4 billion.", "reported"),
    ("Corvane completed its acquisition of Pellworth, a deal that valued Pellworth at $4 billion.", "reported"),
])
def test_the_value_a_takeover_sets_is_a_plan_until_it_closes(extractor, text, status):
    (claim,) = [c for c in extractor.claims(text) if c.metric == "valuation"]
    assert claim.status == status


@pytest.mark.parametrize("text, status", [
    # a takeover's price per share is told as its offer or purchase price: a plan until it closes
    ("Analysts called the $24 offer price for Pellworth generous.", "planned"),
    ("The purchase price of $40 a Pellworth share is a 30% premium over Monday's close.", "planned"),
    ("The $55 per share offer for Pellworth represents a 40% premium.", "planned"),
    # a listing's offer price is set once its shares are sold
    ("Pellworth's stock opened at $57, up from its offer price of $44.", "reported"),
])
def test_a_takeovers_price_per_share_is_a_plan_until_it_closes(extractor, text, status):
    (claim,) = [c for c in extractor.claims(text) if c.metric == "share_price" and c.value in (24, 40, 55, 44)]
    assert claim.status == status


@pytest.mark.parametrize("text, status", [
    # the price a takeover sets on each share is its plan until it closes, whatever "closing price" stands beside it
    ("Harrow Bank said the deal values each Corvel share at $18.40, a 25% premium to Corvel's closing price on "
     "Friday.", "planned"),
    ("Based on Tuesday's closing price, this values Corvel shares at $18.40 each.", "planned"),
    ("The consideration implies $18.40 per Corvel share.", "planned"),
    ("The merger, expected to close in the second quarter, values each Corvel share at $18.40.", "planned"),
    # told as done, or a market's own price, it is reported
    ("The merger, which closed in May, valued each Corvel share at $18.40.", "reported"),
    ("Corvel shares closed at $18.40 on Friday.", "reported"),
])
def test_a_price_per_share_a_deal_sets_is_a_plan_until_it_closes(extractor, text, status):
    (claim,) = [c for c in extractor.claims(text) if c.metric == "share_price"]
    assert claim.status == status



@pytest.mark.parametrize("text, status", [
    # a stake an act still ahead gets in return is not held yet
    ("Halden Air will put $400 million into Orrin Airways for a 12 per cent stake.", "planned"),
    ("Halden Air will inject $400 million in exchange for a 12% stake in Orrin Airways.", "planned"),
    ("Halden Air has agreed to pay $400 million for a 12% holding in Orrin Airways.", "planned"),
    ("Halden Air paid $400 million for a 12% stake in Orrin Airways last year.", "reported"),
])
def test_a_stake_got_in_return_for_an_act_still_ahead_is_a_plan(extractor, text, status):
    (claim,) = [c for c in extractor.claims(text) if c.metric == "stake_pct"]
    assert claim.status == status


@pytest.mark.parametrize("text, status", [
    # the act an agreement is for is still ahead, however the parse hangs it on the agreement
    ("Harrow Bank announced a $1.2 billion deal to acquire a 75% stake in Corvel Insurance.", "planned"),
    ("Orrin Foods signed an agreement to buy a 60% stake in Brightwater Dairy.", "planned"),
    ("Orrin Foods bought a 60% stake in Brightwater Dairy in 2023.", "reported"),
])
def test_a_stake_an_agreement_is_for_is_a_plan(extractor, text, status):
    (claim,) = [c for c in extractor.claims(text) if c.metric == "stake_pct"]
    assert claim.status == status


@pytest.mark.parametrize("text, status", [
    # a holding the future gives is a plan while the deal that gives it is told pending
    ("Halden agreed to buy Quarrow for $2 billion. Halden's investors will own about 70% of the enlarged group.", "planned"),
    ("Under the terms of the merger, Corvane's investors are set to hold 58% of the combined business.", "planned"),
    ("The sale is expected to close in March. Pellworth will keep 20% of the venture.", "planned"),
    # and states the terms once the deal is told done, or when the holder keeps what it has
    ("Corvane completed its takeover of Pellworth last month. Pellworth's former owners will hold about 12% of Corvane.",
     "reported"),
    ("The sale is expected to close in March. Pellworth will retain its 20% stake in the venture.", "reported"),
])
def test_a_pending_deals_terms_are_a_plan(extractor, text, status):
    (claim,) = [c for c in extractor.claims(text) if c.metric == "stake_pct"]
    assert claim.status == status


@pytest.mark.parametrize("text, status", [
    # what "the deal" sets while a takeover is told pending is the takeover's terms
    ("Pellworth agreed to be bought by Corvane for cash. The deal values Pellworth at $9 billion.", "planned"),
    ("Corvane agreed to buy Pellworth for $8 billion. The transaction values Pellworth at $9 billion with debt.",
     "planned"),
    # and the value it set once the takeover is told done
    ("Corvane completed its $8 billion purchase of Pellworth. The transaction values Pellworth at $9 billion with debt.",
     "reported"),
])
def test_a_pending_takeovers_value_is_a_plan(extractor, text, status):
    (claim,) = [c for c in extractor.claims(text) if c.metric == "valuation"]
    assert claim.status == status


@pytest.mark.parametrize("text, status", [
    # a stake's sale signed but not told done: the value the transaction sets is its term
    ("Corvane signed a binding deal to sell its 40% stake in Pellworth to Halden for $200 million. "
     "The transaction values Pellworth at $500 million.", "planned"),
    ("Corvane sold its 40% stake in Pellworth to Halden for $200 million. The transaction values Pellworth at $500 million.",
     "reported"),
    # a round agreed sets the valuation it states: no deal's pending terms
    ("Halden agreed a funding round of up to $2 billion led by Corvane. The deal puts Halden's valuation at $9 billion.",
     "reported"),
])
def test_a_pending_stake_sales_value_is_a_plan(extractor, text, status):
    (claim,) = [c for c in extractor.claims(text) if c.metric == "valuation"]
    assert claim.status == status
