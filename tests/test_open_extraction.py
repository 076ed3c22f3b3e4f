"""Open claims from text (issue 17): every money amount, percentage and counted quantity about a
party becomes a claim of kind "open", its metric named from what it measures and mapped through
the [[metric]] lexicon; typed claims win where a type matches; a figure of no party makes none.
The texts are written for these tests (the companies and figures are real facts of 2025)."""
from pathlib import Path

import pytest

from claimtrack.extractors.config import load_extractor_config
from claimtrack.extractors.figures import find_figures
from claimtrack.extractors.pipeline import build_extractor
from claimtrack.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]

# a news text of the kind no claim type was written for: deliveries, a forecast, a rate
# decision, market values, output and jobs
MARKETS_DAY = (
    "Tesla delivered 497,099 vehicles in the third quarter, up 7% from a year earlier, as buyers rushed "
    "to claim an expiring tax credit. The carmaker's market value rose to about $1.5 trillion after the report. "
    "Rivian cut its annual delivery forecast to between 40,000 and 46,000 vehicles. "
    "The Federal Reserve lowered its benchmark rate by a quarter point to a range of 4% to 4.25%, and Fed Chair "
    "Jerome Powell said the central bank would keep watching the labor market. "
    "Nvidia's market capitalization topped $5 trillion on Wednesday. "
    "OPEC+ agreed to raise output by 137,000 barrels a day in October. "
    "Ford employs about 171,000 people and said it would cut 1,000 jobs in Germany."
)


def _by(claims, subject, metric):
    found = [c for c in claims if c.subject == subject and c.metric == metric]
    assert found, f"no {metric} of {subject}: {[(c.kind, c.metric, c.subject, c.value) for c in claims]}"
    return found[0]


def test_a_text_no_type_was_written_for_gives_its_figures_as_claims(extractor):
    claims = extractor.claims(MARKETS_DAY)
    assert not [c for c in claims if c.metric == "risk_warning"], "a rate decision is no warning"
    deliveries = _by(claims, "Tesla", "deliveries")
    assert (deliveries.kind, deliveries.value, deliveries.unit) == ("open", 497099, "count")
    assert (deliveries.change, deliveries.change_unit) == (7, "percent")
    assert _by(claims, "Tesla", "market_cap").value == pytest.approx(1.5e12)
    forecast = _by(claims, "Rivian", "delivery_forecast")
    assert (forecast.low, forecast.high, forecast.value) == (40000, 46000, 43000)
    rate = _by(claims, "Federal Reserve", "benchmark_rate")
    assert (rate.low, rate.high, rate.unit) == (4, 4.25, "percent")
    assert (rate.change, rate.change_unit) == (-0.25, "percentage_points")
    assert _by(claims, "Nvidia", "market_cap").value == pytest.approx(5e12)
    output = _by(claims, "OPEC+", "oil_output_per_day")
    assert (output.value, output.unit) == (137000, "count")
    assert _by(claims, "Ford", "employees").value == 171000
    cuts = _by(claims, "Ford", "job_cuts")
    assert (cuts.value, cuts.status) == (1000, "planned")
    right = {(c.subject, c.metric) for c in claims if c.value is not None}
    assert len(right) >= 8


def test_a_typed_claim_wins_over_an_open_one(extractor):
    claims = extractor.claims("Microsoft holds a 27% stake in OpenAI Group, valued at about $135 billion.")
    assert {(c.kind, c.metric) for c in claims} == {("typed", "stake_pct"), ("typed", "stake_value")}


@pytest.mark.parametrize("text", [
    "The company was founded 25 years ago in a garage.",
    "The new data centres will draw as much power as two Hoover Dams.",
    "About 70% of economists expect a slowdown next year.",
    "Three months earlier, Nvidia crossed the $4 trillion mark.",
    "Listed on the Hong Kong Stock Exchange since 1998, the shares have gained 40% this year.",
])
def test_a_figure_of_no_party_makes_no_claim(extractor, text):
    assert [c for c in extractor.claims(text) if c.kind == "open"] == []


def test_a_percentage_more_of_something_is_no_measure_of_the_verb(extractor):
    text = "Ubisoft updated its games on Monday. Its players spent 15% more hours in the new season."
    assert [c for c in extractor.claims(text) if c.value is not None] == []


@pytest.mark.parametrize("text, subject, metric, value", [
    ("Intel shares fell 6% on Monday.", "Intel", "share_price_change", -6),
    ("Hopson's shares have gained 40% this year.", "Hopson", "share_price_change", 40),
    ("Nvidia posted a 265% year-on-year revenue increase.", "Nvidia", "revenue_growth", 265),
    ("BP reported its results. The firm's shares dropped nearly four per cent.", "BP", "share_price_change", -4),
    ("Hopson's shares have gained 40% this year while Evergrande has plunged 80%.", "Evergrande",
     "share_price_change", -80),
    ("ServiceTitan, which develops software for tradespeople, popped 42% in its debut.", "ServiceTitan",
     "share_price_change", 42),
    ("Shares of Intel plummeted 26% on Friday.", "Intel", "share_price_change", -26),
    ("Nebius rebounded on Tuesday after falling 2.4% the prior session.", "Nebius", "share_price_change", -2.4),
    ("The share prices of Dell also rose 5 per cent.", "Dell", "share_price_change", 5),
    ("Virgin Australia shares opened 8.3% higher on Tuesday.", "Virgin Australia", "share_price_change", 8.3),
    ("Shares of Insignia Financial closed 12.2% lower on Tuesday.", "Insignia", "share_price_change", -12.2),
    ("Software stocks slid, with Adobe (down 4%) leading the sector lower.", "Adobe", "share_price_change", -4),
    ("Qualcomm (up 2.5%) and Broadcom (down 1%) moved the chip index.", "Broadcom", "share_price_change", -1),
])
def test_a_change_stated_alone_is_a_signed_claim(extractor, text, subject, metric, value):
    claim = _by(extractor.claims(text), subject, metric)
    assert (claim.kind, claim.value, claim.change) == ("open", value, None)


@pytest.mark.parametrize("text, level, change", [
    ("Visa reported revenue of $9.59 billion, a 9% year-over-year increase.", 9.59e9, 9),
    ("Morgan Stanley revenue grew 16.8% year over year to $17.7 billion.", 17.7e9, 16.8),   # "year over year" sized by nothing
])
def test_a_change_beside_a_typed_level_is_that_claims_change(extractor, text, level, change):
    (claim,) = [c for c in extractor.claims(text)]
    assert (claim.kind, claim.metric, claim.value, claim.change, claim.change_unit) == \
        ("typed", "revenue", level, change, "percent")


def test_outlets_wordings_of_one_measure_share_a_metric(extractor):
    wordings = ["Nvidia's market value rose to $4.9 trillion.", "Nvidia's market cap rose to $4.9 trillion.",
                "Nvidia's stock market value rose to $4.9 trillion."]
    metrics = {c.metric for text in wordings for c in extractor.claims(text)}
    assert metrics == {"market_cap"}


def test_users_extend_the_metric_lexicon_and_can_turn_open_claims_off(tmp_path):
    text = "Spotify's paid subscribers rose to 276 million in the quarter."
    claims_file = tmp_path / "empty.toml"        # (each file its own name: the pipeline caches a config by path)
    claims_file.write_text("", "utf-8")
    built_in = build_extractor("auto", ROOT / "config" / "entities.toml", claims_file, ROOT / "config" / "risk.toml")
    assert _by(built_in.claims(text), "Spotify", "users").value == pytest.approx(276e6)
    claims_file = tmp_path / "subscribers.toml"
    claims_file.write_text('[[metric]]\nname = "subscribers"\nwords = ["subscriber", "paid subscriber"]\n', "utf-8")
    ex = build_extractor("auto", ROOT / "config" / "entities.toml", claims_file, ROOT / "config" / "risk.toml")
    assert _by(ex.claims(text), "Spotify", "subscribers").value == pytest.approx(276e6)
    claims_file = tmp_path / "off.toml"
    claims_file.write_text('[open]\nenabled = false\n', "utf-8")
    off = build_extractor("auto", ROOT / "config" / "entities.toml", claims_file, ROOT / "config" / "risk.toml")
    assert [c for c in off.claims(text) if c.kind == "open"] == []


@pytest.mark.parametrize("body, problem", [
    ('[[metric]]\nname = "Bad Name"\nwords = ["x"]\n', "snake_case"),
    ('[[metric]]\nname = "ok"\nwords = "x"\n', "list of words"),
    ('[open]\nenabled = "yes"\n', "true or false"),
    ('[open]\nskipp = ["x"]\n', "only 'enabled' and 'skip'"),
])
def test_a_bad_metric_lexicon_is_a_named_config_error(tmp_path, body, problem):
    path = tmp_path / "claims.toml"
    path.write_text(body, "utf-8")
    with pytest.raises(ConfigError, match=problem) as err:
        load_extractor_config(None, path, None)
    assert str(path) in str(err.value)


@pytest.mark.parametrize("text, value, low, high, counted, per", [
    ("delivered 497,099 vehicles", 497099, None, None, "vehicles", None),
    ("raise output by 137,000 barrels a day", 137000, None, None, "barrels", "day"),
    ("to between 40,000 and 46,000 vehicles", 43000, 40000, 46000, "vehicles", None),
    ("has 1.2 million monthly active users", 1.2e6, None, None, "monthly active users", None),
    ("plans 1.5-2 million units", 1.75e6, 1.5e6, 2e6, "units", None),
    ("its headcount fell to 18,250.", 18250, None, None, None, None),      # grouped in thousands, no noun after
    ("mined 410 million pounds of payable nickel", 410e6, None, None, "pounds", None),   # a weight, no money
    ("ordered 65 Boeing 777-9 aircraft", 65, None, None, "boeing 777-9 aircraft", None),    # a model's designation
    ("signed for 25 A350-1000s", 25, None, None, "a350-1000s", None),
    ("committed to nine 737 MAX jets", 9, None, None, "737 max jets", None),    # in words beside a model, not 737
    ("will deploy 200,000 Nvidia GB300 GPUs", 200000, None, None, "nvidia gb300 gpus", None),
    ("will buy back 10 crore equity shares", 1e8, None, None, "equity shares", None),      # Indian scales
    ("an additional 80.67 lakh shares", 8.067e6, None, None, "shares", None),
])
def test_counted_quantities_are_figures_on_request(text, value, low, high, counted, per):
    assert [f for f in find_figures(text) if f.kind == "count"] == []
    (fig,) = [f for f in find_figures(text, counts=True) if f.kind == "count"]
    assert (fig.value, fig.low, fig.high, fig.unit, fig.counted, fig.per) == (value, low, high, "count", counted, per)


@pytest.mark.parametrize("text, value", [("approximately 14.3x its adjusted EBITDA", 14.3), ("trading at 22.5× sales", 22.5),
                                         ("was more than nine times oversubscribed", 9), ("at 9.5 times earnings", 9.5)])
def test_a_multiple_of_a_base_is_a_count_of_times(text, value):
    (fig,) = [f for f in find_figures(text, counts=True) if f.kind == "count"]
    assert (fig.value, fig.unit, fig.counted) == (value, "count", "times")


@pytest.mark.parametrize("text, subject, metric, value", [
    ("Halden will pay approximately 14.3x Kestrel's adjusted EBITDA.", "Kestrel", "ebitda_multiple", 14.3),
    ("Quillon's revenue multiple sits near 12x.", "Quillon", "revenue_multiple", 12),
    ("Ardent Mining sold a sukuk on Monday. The sukuk was more than nine times oversubscribed.", "Ardent Mining",
     "oversubscription", 9),
    ("Stryon agreed to buy Inari Medical. Stryon is paying about 8.1 times the expected sales.", "Inari Medical",
     "sale_multiple", 8.1),          # a multiple paid is of the company bought, not the payer's
])
def test_a_multiple_is_its_base_s_party_s(extractor, text, subject, metric, value):
    assert (subject, metric, value) in [(c.subject, c.metric, c.value) for c in extractor.claims(text) if c.unit == "count"]


@pytest.mark.parametrize("text, claim", [
    ("Alibaba has pledged over 380 billion yuan for AI development.", ("Alibaba", "pledge", 380e9)),
    ("Google will backstop $1.4 billion of Fluidstack's lease obligations.", ("Alphabet", "backstop", 1.4e9)),
    ("It has pledged over 380 billion yuan for AI development.", None),      # whose, the sentence does not name
    ("Ardent Steel offered to pay $17.50 in cash for each Orin Steel share.", None),   # the target's price per share
    ("Alibaba announced 380 billion yuan of spending.", None),              # a verb that measures nothing
    ("$70 Billion & Counting: Next Chapter In Nvidia-Intel Partnership Revealed", None),   # a headline: no object after the verb
])
def test_money_a_named_company_acts_on_is_its_claim_by_the_verb(extractor, text, claim):
    found = [(c.subject, c.metric, c.value) for c in extractor.claims(text) if c.kind == "open" and c.unit != "count"]
    assert found == ([claim] if claim else [])


@pytest.mark.parametrize("text, subject", [
    ("Brindle shareholders will receive 0.344 Halden shares for every Brindle share they own.", "Brindle"),
    ("For each Kestrel share held, shareholders will receive 0.2867 new Ardent shares.", "Kestrel"),
    ("Skyworks agreed to buy Qorvo. Qorvo holders get $32.50 in cash and 0.960 of Skyworks stock for each share held.",
     "Qorvo"),                      # no company named with the share exchanged: the company bought
])
def test_shares_given_for_each_share_are_the_exchanged_company_s_exchange_ratio(extractor, text, subject):
    assert [(c.subject, c.metric) for c in extractor.claims(text) if c.unit == "count"] == [(subject, "exchange_ratio")]


def test_a_multiple_told_as_a_change_or_a_frequency_makes_no_ratio(extractor):
    assert [c for c in extractor.claims("Quillon's valuation saw a 4x jump. Its board meets three times a year.")
            if c.unit == "count"] == []


@pytest.mark.parametrize("text", ["25 years ago", "on July 4 2025", "the S&P 500 index", "in three weeks",
                                  "a 2,000-year-old coin", "the 50-50 joint venture", "two people familiar with it",
                                  "announced on 21 January that it plans to open", "the two companies said"])
def test_times_dates_and_index_names_are_no_counts(text):
    assert [f for f in find_figures(text, counts=True) if f.kind == "count"] == []


@pytest.mark.parametrize("text, value, unit", [
    ("cut rates by a quarter point", 0.25, "percentage_points"),
    ("raised its rate by half a percentage point", 0.5, "percentage_points"),
    ("a range of 4% to 4.25%", 4.125, "percent"),
])
def test_rate_moves_and_ranges_in_words(text, value, unit):
    (fig,) = find_figures(text)
    assert (fig.value, fig.unit) == (value, unit)


def test_the_rule_only_pipeline_makes_no_open_claims(blank_extractor):
    assert [c for c in blank_extractor.claims(MARKETS_DAY) if c.kind == "open"] == []


def test_a_maker_description_names_the_party_before_it(extractor):
    """"the planemaker", "the drugmaker": any "-maker" describes a company, resolved to the one
    named before it."""
    claims = extractor.claims("Boeing raised $21.1 billion in an expanded share sale. "
                              "The planemaker sold 112.5 million common shares for $143 each.")
    sold = _by(claims, "Boeing", "shares_sold")
    assert (sold.kind, sold.value, sold.unit) == ("open", 112.5e6, "count")


def test_an_open_metric_promoted_to_a_claim_type_is_typed(tmp_path):
    """A user who wants deliveries as a type of their own adds a [[claim]]: the type then takes
    the figure, and no open claim repeats it."""
    claims_file = tmp_path / "deliveries.toml"
    claims_file.write_text('[[claim]]\nmetric = "vehicle_deliveries"\nunit = "count"\nnouns = ["delivery", "vehicle"]\n'
                           'verbs = ["deliver"]\nobject = "none"\n\n'
                           '[[claim]]\nmetric = "bookings"\nunit = "currency"\nnouns = ["booking", "gross booking"]\n'
                           'object = "none"\n', "utf-8")
    ex = build_extractor("auto", ROOT / "config" / "entities.toml", claims_file, ROOT / "config" / "risk.toml")
    claims = ex.claims("Tesla delivered 497,099 vehicles in the third quarter. "
                       "Uber's gross bookings rose to $46.8 billion in the quarter.")
    assert [(c.kind, c.metric, c.subject, c.value, c.unit) for c in claims] == [
        ("typed", "vehicle_deliveries", "Tesla", 497099, "count"), ("typed", "bookings", "Uber", 46.8e9, "USD")]
    assert {m["metric"]: m["unit"] for m in ex.metrics}["vehicle_deliveries"] == "count"


@pytest.mark.parametrize("text, metric, value, change", [
    ("Intel shares closed at $20.10, down 34 cents.", "share_price", 20.10, -0.34),     # a typed level's change
    ("BP shares fell 12 pence on Tuesday.", "share_price_change", -0.12, None),        # an open change alone
])
def test_a_change_in_coins_is_stored_in_the_currencys_main_unit(extractor, text, metric, value, change):
    (claim,) = [c for c in extractor.claims(text) if c.metric == metric]
    assert claim.value == pytest.approx(value)
    assert claim.change == (pytest.approx(change) if change is not None else None)
    assert claim.unit == ("USD" if "$" in text else "GBP")


@pytest.mark.parametrize("text, subject, metric, value", [
    ("Evergrande has more than $300 billion in liabilities.", "Evergrande", "liability", 300e9),
    ("Nvidia announced $500 billion in AI chip orders.", "Nvidia", "chip_order", 500e9),
    ("Shell reported $13.3 billion in cash flow.", "Shell", "cash_flow", 13.3e9),
    ("Apple holds $30 billion in cash.", "Apple", "cash", 30e9),
    ("OpenAI expects to burn $115 billion through 2029.", "OpenAI", "cash_burn", 115e9),
])
def test_an_amount_measures_what_its_own_in_phrase_names(extractor, text, subject, metric, value):
    claim = _by(extractor.claims(text), subject, metric)
    assert (claim.kind, claim.value) == ("open", pytest.approx(value))



@pytest.mark.parametrize("text, subject, metric, value", [
    ("Klarna laid off 14% of its staff.", "Klarna", "staff_share", 14),
    ("Exxon repurchased 40% of the shares issued for the Pioneer acquisition.", "Exxon", "shares_repurchased_pct", 40),
])
def test_a_percentage_of_a_thing_is_its_partys_share_of_it(extractor, text, subject, metric, value):
    claim = _by(extractor.claims(text), subject, metric)
    assert (claim.kind, claim.value, claim.unit) == ("open", value, "percent")



def test_a_payout_and_a_distribution_share_a_metric(extractor):
    wordings = ["Meta will receive a $3 billion payout from the joint venture.",
                "Meta secured a one-time distribution of $3bn from the joint venture."]
    assert {(c.subject, c.metric) for text in wordings for c in extractor.claims(text)} == {("Meta", "dividend")}


def test_outlets_verbs_for_one_share_purchase_share_a_metric(extractor):
    """Bought, purchased or received: one purchase of shares, so the reports share a key."""
    wordings = ["SoftBank purchased 12 million Nvidia shares.", "SoftBank will receive 12 million Nvidia shares.",
                "SoftBank is buying 12 million shares in Nvidia."]
    keys = {(c.subject, c.metric, c.value) for text in wordings for c in extractor.claims(text)}
    assert keys == {("SoftBank", "shares_bought", 12e6)}


def test_an_open_measure_of_a_type_that_names_another_party_keeps_its_own_name(extractor):
    """"increase Aker's ownership to 12.2%" is read by the open rules, which do not read in what
    the ownership is: named stake_pct it would join typed stakes in other companies' timelines."""
    claims = extractor.claims("A future earn-out could further increase Aker's ownership to 12.2%.")
    claim = _by(claims, "Aker", "ownership")
    assert (claim.kind, claim.value) == ("open", 12.2)


@pytest.mark.parametrize("text, subject, metric", [
    ("Meta secured a one-time distribution of $3bn from the joint entity.", "Meta", "dividend"),
    ("Cisco will pay a $1 billion break-up fee to Splunk.", "Cisco", "fee"),
])
def test_hyphenated_modifiers_are_not_the_measure(extractor, text, subject, metric):
    """"one-time", "break-up", "five-, seven- and 10-year": what kind of distribution, fee or
    notes, not what is measured."""
    assert _by(extractor.claims(text), subject, metric).kind == "open"


@pytest.mark.parametrize("text, subject, metric, value", [
    ("CoreWeave's backlog stood at $55.6 billion at the end of the quarter.", "CoreWeave", "backlog", 55.6e9),
    ("Nvidia's gross margin narrowed to 72.4%.", "Nvidia", "gross_margin", 72.4),
    ("Intel will cut 15% of its workforce.", "Intel", "workforce_share", 15),
    # a measure no one owns in a clause a company reports is the company's
    ("Nebius said operating costs jumped to $955.5 million.", "Nebius", "operating_cost", 955.5e6),
])
def test_a_level_set_at_a_figure_is_of_what_the_verb_sets(extractor, text, subject, metric, value):
    """"stood at", "narrowed to": the level of the verb's subject; "cut 15% of its workforce": a
    share of the workforce, not a move of Intel's shares."""
    claim = _by(extractor.claims(text), subject, metric)
    assert (claim.kind, claim.value) == ("open", pytest.approx(value))


def test_a_party_is_no_measure(extractor):
    """"French startup Mistral AI for €1.3 billion": the startup is a party, not what the price
    measures, so no claim says Mistral's "startup" is €1.3 billion."""
    claims = extractor.claims("ASML has acquired an 11% stake in French startup Mistral AI for €1.3 billion.")
    assert [c for c in claims if c.kind == "open" and c.value == pytest.approx(1.3e9)] == []


@pytest.mark.parametrize("text, subject", [
    ("The deal represents a 25% premium to Electronic Arts' closing price on Thursday.", "Electronic Arts"),
    ("HPE's offer is a 32% premium over Juniper's closing price.", "Juniper"),
    # the price's owner named where the parse hangs the phrase on the verb, not on the premium
    ("The investors purchasing the company are Vantor Partners and Ocelot Capital. Holders will get $6.25 a share. "
     "That represents a 52% premium to Brindle's closing stock price on Monday.", "Brindle"),
    # "per Halden share" is a price's unit, no source cited ("per Reuters"): the premium is Halden's
    ("Corvane has offered $13.50 per Halden share, representing a 40% premium to its last close.", "Halden"),
    ("Analysts said the $24 offer price, representing an 87% premium to Marlow Shoes' last close, is fair.", "Marlow Shoes"),
    ("Pelham Gold is paying a 37.1 per cent premium, based on Ardent Mining's closing share price on Friday.",
     "Ardent Mining"),
    ("Sorrel will buy all of Aspen's ordinary shares for $37.50 apiece, a 35.6% premium to the unaffected share price.",
     "Aspen"),
    # a premium with no word for it: a percentage above a share price
    ("Kestrel agreed to be bought by Halden. The offer is 33% above its 90-day average.", "Kestrel"),
    ("Brindle agreed to be bought. Holders get $6.25, 36.8% above the 90-day volume-weighted average share price.",
     "Brindle"),
])
def test_a_premium_is_the_company_whose_price_it_is_measured_against(extractor, text, subject):
    claim = _by(extractor.claims(text), subject, "premium")
    assert (claim.kind, claim.unit) == ("open", "percent")


@pytest.mark.parametrize("text, metric", [
    ("Meta priced a 5.5% senior note due 2035.", "coupon"),
    ("Aramco sold bonds at a 4.75% coupon.", "coupon"),
    ("Meta sold four note series: $1,750,000,000 4.500% due 2028 and $1,700,000,000 4.875% due 2030.", "coupon"),
])
def test_a_percentage_of_a_note_is_its_coupon_and_an_amount_of_notes_is_not(extractor, text, metric):
    assert {c.metric for c in extractor.claims(text) if c.kind == "open"} == {metric}


def test_an_amount_of_notes_of_several_maturities_is_the_issuer_s_borrowing(extractor):
    """"five-, seven- and 10-year": what kind of notes, not what is measured; the amount is a
    borrowing (the typed claim), never a coupon or a count of years."""
    claims = extractor.claims("Nissan planned $3 billion of five-, seven- and 10-year notes.")
    assert [(c.kind, c.metric, c.subject, c.value) for c in claims] == [("typed", "debt_issue", "Nissan", 3e9)]


# what a deal's or a report's terms are and whose (open_terms.py, open_multiples.py, open_parties.py)
@pytest.mark.parametrize("text, subject, metric, value", [
    ("Ford sold $3 billion of bonds, including 6.10% Senior Notes due 2032.", "Ford", "coupon", 6.1),
    ("Boeing issued 30-year bonds at 6.86%.", "Boeing", "coupon", 6.86),
    ("The offer represents a 40% premium to the current price of Acme's stock.", "Acme", "premium", 40),
    ("Vista agreed to pay $60 per share for Acme, a 25% premium to the company's last close.", "Acme", "premium", 25),
    ("Acme makes software for hospitals. Vista will pay $60 per share, a premium of 8% to the stock's closing price.",
     "Acme", "premium", 8),
    ("Acme doubled its valuation in a year.", "Acme", "valuation_change", 100),
    ("The round marks a quadrupling of Acme's valuation.", "Acme", "valuation_change", 300),
    ("Acme reported record results. The company's Board of Directors declared a quarterly dividend of $0.30 per share.",
     "Acme", "dividend", 0.3),
    ("Acme has raised about $2.5 billion since its founding.", "Acme", "funds_raised", 2.5e9),
    ("Acme is upping its quarterly dividend to $0.52 per share.", "Acme", "dividend", 0.52),
    ("Acme announced a 12% increase to its quarterly dividend.", "Acme", "dividend_change", 12),
    ("Acme raised its quarterly common stock dividend to $0.60.", "Acme", "dividend", 0.6),
    ("Acme reported its annual results on Tuesday. Free cash flow of $4.1 billion covered the dividend.",
     "Acme", "cash_flow", 4.1e9),
    ("The merger agreement sets a $351 million termination fee payable by Dayforce.", "Dayforce", "fee", 351e6),
])
def test_terms_changes_and_parties_of_open_figures(extractor, text, subject, metric, value):
    claims = [c for c in extractor.claims(text) if c.kind == "open"]
    assert (subject, metric, pytest.approx(value)) in [(c.subject, c.metric, c.value) for c in claims], \
        [(c.subject, c.metric, c.value) for c in claims]


def test_a_multiplied_level_keeps_the_multiple_as_its_change(extractor):
    claims = extractor.claims("Acme gained about 3% to $41.20 in early trading. Beta's revenue tripled to $3 billion.")
    price = _by(claims, "Acme", "share_price")       # a price level is the typed share price, with its move
    assert (price.kind, price.value, price.change, price.change_unit) == ("typed", pytest.approx(41.2), 3, "percent")
    revenue = _by(claims, "Beta", "revenue")
    assert (revenue.kind, revenue.value, revenue.change, revenue.change_unit) == ("typed", 3e9, 200, "percent")


@pytest.mark.parametrize("text", [
    "Acme's revenue reached a double-digit growth rate.",          # "double-digit" states no change
    "The new plant will double as a training centre.",             # no measure it moves
    "Vista will pay $60 per share, a premium of 8% to the stock's closing price.",   # whose stock, untold
])
def test_words_that_look_like_a_term_or_a_change_make_no_open_claim(extractor, text):
    assert [(c.subject, c.metric, c.value) for c in extractor.claims(text) if c.kind == "open"] == []


@pytest.mark.parametrize("text, subject, metric, value", [
    ("Northmoor said on Monday that its headcount fell to 18,250.", "Northmoor", "employees", 18250),
    ("Quill Software's customer count doubled to 12,000.", "Quill", "customer_count", 12000),
])
def test_a_bare_count_in_thousands_is_the_level_a_verb_moves_to(extractor, text, subject, metric, value):
    found = [(c.subject, c.metric, c.value, c.unit) for c in extractor.claims(text) if c.kind == "open"]
    assert (subject, metric, value, "count") in found, found


def test_a_share_a_party_makes_up_of_a_named_whole_is_its_weight_in_it(extractor):
    claims = extractor.claims("Nvidia now accounts for about 8% of the S&P 500.")
    assert [(c.subject, c.metric, c.value) for c in claims if c.kind == "open"] == [("Nvidia", "s_p_500_weight", 8)]


@pytest.mark.parametrize("text, subject, metric, value", [
    ("Meta shares slid 11% after the company raised its spending forecast.", "Meta", "share_price_change", -11),
    ("CoreWeave has 250,000 Nvidia GPUs across 32 data centers.", "CoreWeave", "gpu", 250000),   # not the maker's
])
def test_whose_a_move_or_a_holding_is_when_the_parse_mislabels_a_name(extractor, text, subject, metric, value):
    found = [(c.subject, c.metric, c.value) for c in extractor.claims(text) if c.kind == "open"]
    assert (subject, metric, value) in found, found


@pytest.mark.parametrize("text, subject, value", [
    ("Brenmoor returned over $12 billion to shareholders in the quarter.", "Brenmoor", 12e9),
    ("Brenmoor plans $40 billion in capital returns over two years.", "Brenmoor", 40e9),
])
def test_capital_handed_back_is_the_companys_shareholder_returns(extractor, text, subject, value):
    found = [(c.subject, c.metric, c.value) for c in extractor.claims(text) if c.kind == "open"]
    assert (subject, "shareholder_returns", value) in found, found


def test_a_loan_returned_is_no_shareholder_return(extractor):
    assert [c for c in extractor.claims("The company returned the $2 billion loan early.") if c.kind == "open"] == []


@pytest.mark.parametrize("text, metric, value", [
    ("Brenmoor expects to save $2 billion from the merger.", "cost_savings", 2e9),
    ("Brenmoor expects annualized synergies of $2.1 billion.", "cost_savings", 2.1e9),
    ("Brenmoor took a $3 billion impairment charge on its cloud unit.", "writedown", 3e9),
])
def test_savings_and_writedowns_are_the_companys(extractor, text, metric, value):
    found = [(c.subject, c.metric, c.value) for c in extractor.claims(text) if c.kind == "open"]
    assert ("Brenmoor", metric, value) in found, found


@pytest.mark.parametrize("text, party, value", [
    ("Brenmoor gained $120 billion in market value on Friday.", "Brenmoor", 120e9),
    ("Intel lost more than $90 billion of market value after the report.", "Intel", -90e9),
])
def test_an_amount_a_party_gains_or_loses_in_a_measure_is_its_change(extractor, text, party, value):
    found = [(c.subject, c.metric, c.value) for c in extractor.claims(text) if c.kind == "open"]
    assert (party, "market_value_change", value) in found, found


@pytest.mark.parametrize("text, expected", [
    ("Oracle and Broadcom have order backlogs of $455 billion and $110 billion, respectively.",
     [("Oracle", 455e9), ("Broadcom", 110e9)]),
    ("Spotify, Netflix and Disney have 690 million, 300 million and 190 million subscribers, respectively.",
     [("Spotify", 690e6), ("Netflix", 300e6), ("Disney", 190e6)]),
    ("Apple, Microsoft and Alphabet hold $132 billion, $102 billion and $98 billion in cash, respectively.",
     [("Apple", 132e9), ("Microsoft", 102e9), ("Alphabet", 98e9)]),
])
def test_figures_listed_respectively_go_to_the_parties_in_order(extractor, text, expected):
    found = [(c.subject, c.value) for c in extractor.claims(text) if c.kind == "open"]
    assert found == expected


@pytest.mark.parametrize("text, subject", [
    ("Emirates ordered 65 Boeing 777-9 aircraft on Monday.", "Emirates"),
    ("Emirates signed for eight Airbus A350-900s at the show.", "Emirates"),
    ("Nscale will deploy roughly 200,000 Nvidia GB300 GPUs across four sites.", "Nscale"),
])
def test_goods_counted_under_their_maker_s_name_are_the_buyer_s(extractor, text, subject):
    assert [c.subject for c in extractor.claims(text) if c.unit == "count"] == [subject]


def test_an_amount_the_parse_hangs_on_a_time_noun_is_read_through_it(extractor):
    text = ("Capcom agreed to a new share plan. The publisher has more than 40 million players; its net "
            "bookings were $1.4 billion last fiscal year.")
    assert ("Capcom", 1.4e9) in [(c.subject, c.value) for c in extractor.claims(text)]


@pytest.mark.parametrize("wordings", [
    ["Agnico Eagle's gold production was 870,000 ounces in the quarter.",
     "Agnico Eagle produced 870,000 ounces of gold in the quarter.",
     "Agnico Eagle produced 120,000 tonnes of zinc and 870,000 ounces of gold in the quarter."],
    ["Vale's iron ore shipments totalled 77 million tonnes.", "Vale shipped 77 million tonnes of iron ore."],
])
def test_a_count_in_units_is_named_by_what_it_measures_not_the_unit(extractor, wordings):
    keys = set()
    for text in wordings:
        keys |= {(c.subject, c.metric) for c in extractor.claims(text) if c.value in (870000, 77e6)}
    assert len(keys) == 1 and next(iter(keys))[1] not in ("ounce", "tonne")
