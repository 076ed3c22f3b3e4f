"""Figures: money, percentages and years with value, unit, range, qualifier, earlier value."""
import pytest

from claimtrack.extractors.figures import find_figures, previous_of


@pytest.mark.parametrize("text, value, unit", [
    ("$135 billion", 135e9, "USD"),
    ("US$2.5bn", 2.5e9, "USD"),
    ("$250B", 250e9, "USD"),
    ("€300m", 300e6, "EUR"),
    ("£1.2 trillion", 1.2e12, "GBP"),
    ("¥5 tn", 5e12, "JPY"),
    ("135 billion dollars", 135e9, "USD"),
    ("$1,250,000", 1_250_000, "USD"),
    ("27%", 27.0, "percent"),
    ("32.5 percent", 32.5, "percent"),
    ("50 basis points", 50.0, "basis_points"),
    ("2 percentage points", 2.0, "percentage_points"),
    ("20 pct", 20.0, "percent"),             # a wire's abbreviation
])
def test_one_figure(text, value, unit):
    figs = find_figures(f"They said {text} yesterday.")
    assert len(figs) == 1, figs
    assert figs[0].text == text
    assert figs[0].value == pytest.approx(value)
    assert figs[0].unit == unit


def test_a_rate_after_an_amount_is_no_cents_of_it():
    """Bare cents follow an amount at a clause's end ("$3 50."); a note's rate does not ("4.500%")."""
    figs = find_figures("notes: $1,750,000,000 4.500% due 2028")
    assert [(f.kind, f.value) for f in figs] == [("money", 1.75e9), ("percent", 4.5), ("year", 2028)]
    assert [(f.kind, f.value) for f in find_figures("It cost $3 50.")] == [("money", 3.5)]


def test_range_keeps_low_and_high_with_a_shared_scale():
    (fig,) = find_figures("a deal worth $100–150 billion")
    assert (fig.low, fig.high) == (100e9, 150e9)


def test_years_are_not_money_and_money_is_not_a_year():
    figs = find_figures("Access lasts until 2032; the fee is $2,032 and 2030% is odd.")
    assert [(f.kind, f.value) for f in figs] == [("year", 2032), ("money", 2032), ("percent", 2030)]


@pytest.mark.parametrize("phrase, qualifier", [
    ("around $500 billion", "approximately"), ("about 27%", "approximately"),
    ("more than $10 billion", "more than"), ("at least 5%", "at least"), ("up to $40 billion", "up to"),
    ("an additional $250 billion", "additional"), ("an incremental $250B", "additional"),
    ("well into 2026", "well into"), ("$5 billion", None),
])
def test_qualifiers(phrase, qualifier):
    (fig,) = find_figures(f"It is {phrase}.")
    assert fig.qualifier == qualifier


def test_earlier_values_are_marked():
    figs = find_figures("a 27% stake, down from 32.5% in earlier rounds; well into 2026 (from the end of 2025 previously)")
    assert [(f.value, f.previous) for f in figs] == [(27.0, False), (32.5, True), (2026, False), (2025, True)]


@pytest.mark.parametrize("text", [
    "lifting the payout to $0.92 a share, up from the current $0.85",
    "a rate of 5.1%, down from its previous 5.6%",
    "margins widened to 31% from a prior 28%",
])
def test_an_earlier_value_named_current_or_previous_is_marked(text):
    figs = find_figures(text)
    assert [f.previous for f in figs] == [False, True]


def test_cents_after_an_amount_that_writes_its_cents_are_another_amount():
    figs = find_figures("The two banks lift their payouts to $2.00 and 45 cents a share, respectively.")
    assert [f.value for f in figs][:1] == [2.0]              # not $2.45: a list of two payouts
    assert find_figures("It costs $7 and 25 cents.")[0].value == 7.25


def test_offsets_point_at_the_text():
    text = "Microsoft holds 27% of OpenAI, valued at $135 billion."
    for fig in find_figures(text):
        assert text[fig.start:fig.end] == fig.text


def test_scale_letter_does_not_swallow_the_next_word():
    (fig,) = find_figures("I paid $5 to buy it")
    assert fig.text == "$5" and fig.value == 5


@pytest.mark.parametrize("text, expected", [
    ("three hundred dollars", [("money", 300.0, "USD")]),
    ("five million yen", [("money", 5e6, "JPY")]),
    ("a one-yen bid", [("money", 1.0, "JPY")]),
    ("twenty-two percent", [("percent", 22.0, "percent")]),
    ("one hundred per cent", [("percent", 100.0, "percent")]),
    ("per cent of twenty-two", [("percent", 22.0, "percent")]),
    ("125 million australian dollars", [("money", 125e6, "AUD")]),
    ("100 billion yuan and 40 rmb", [("money", 1e11, "CNY"), ("money", 40.0, "CNY")]),
    ("C$ 300 million and hk $ 10.05 billion", [("money", 3e8, "CAD"), ("money", 10.05e9, "HKD")]),
    ("Mex$ 10 million", [("money", 1e7, "MXN")]),
    ("CAD$7-billion and AUD$2 billion", [("money", 7e9, "CAD"), ("money", 2e9, "AUD")]),
    ("it will cost Y49.98 billion", [("money", 49.98e9, "JPY")]),        # yen written as Y onto the number
    ("the Y2K bug", []),
    ("450mn shares were issued at SR32 each", [("price", 32.0, "SAR")]),   # Saudi riyals as Gulf papers write them
    ("the SR 71 and the SR-71", []),
    ("the euro 0.4% higher, and Euro 2024", [("percent", 0.4, "percent")]),     # (2024 a year)
    ("a fee of euros 5.5 million", [("money", 5.5e6, "EUR")]),                # a currency's name before the number
    ("-15€ and $-99.99", [("money", -15.0, "EUR"), ("money", -99.99, "USD")]),
    ("it fell minus five percent", [("percent", -5.0, "percent")]),
    ("3 dollars 50 cents", [("money", 3.5, "USD")]),
    ("thirteen dollars and forty-five cents", [("money", 13.45, "USD")]),
    ("10 000 dollars", [("money", 10000.0, "USD")]),
    ("see https://example.com/q?x=30%25%2020% for details", []),
    ("it was one of the best", []),
    ("200 francs", [("money", 200.0, "franc")]),   # which franc? the unit says it is not known
    ("35 lakh rupees and 18,540 crore rupees", [("money", 3.5e6, "INR"), ("money", 185.4e9, "INR")]),
    ("shares fell 34 cents and 1.20 pence", [("money", 34.0, "cent"), ("money", 1.2, "GBX")]),
    ("a final dividend of 8.00 US cents and 5 U.S. cents", [("money", 8.0, "cent"), ("money", 5.0, "cent")]),
    ("one kuai and five mao five", [("money", 1.55, "CNY")]),
    ("thirteen dollars forty five", [("money", 13.45, "USD")]),
    ("100 ₡ and 100,000 ₭", [("money", 100.0, "CRC"), ("money", 100000.0, "LAK")]),
    ("a 300-pound man and 361 million pounds", [("money", 361e6, "GBP")]),
    ("2.9 billion pounds of copper and 80 million pounds of debt", [("money", 80e6, "GBP")]),   # copper is weighed
    ("half a trillion dollars", [("money", 5e11, "USD")]),
    ("its 2024 $6.6 billion round", [("money", 6.6e9, "USD")]),
    ("Microsoft owns a quarter of the venture", [("percent", 25.0, "percent")]),
    ("two-thirds of investors and half of analysts", [("percent", 66.67, "percent"), ("percent", 50.0, "percent")]),
    ("in the second half of 2025, a third quarter of growth", []),
])
def test_written_numbers_currencies_signs_and_urls(text, expected):
    assert [(f.kind, f.value, f.unit) for f in find_figures(text) if f.kind != "year"] == expected


def test_scaled_amounts_are_exact_decimals():
    assert [f.value for f in find_figures("c $ 16.4 million, $1.17 billion, $0.3bn")] == [16.4e6, 1.17e9, 3e8]


@pytest.mark.parametrize("text, value, per", [
    ("priced at $20.47 per share", 20.47, "share"),
    ("a $70-a-share offer", 70.0, "share"),
    ("a 12-cent-a-share dividend", 12.0, "share"),
    ("oil at $65 a barrel", 65.0, "barrel"),
])
def test_a_price_per_unit_is_its_own_kind(text, value, per):
    (fig,) = [f for f in find_figures(text) if f.kind != "year"]
    assert (fig.kind, fig.value, fig.per) == ("price", value, per)


def test_a_range_between_two_amounts_is_one_figure_and_their_midpoint():
    (fig,) = find_figures("a valuation between $3.7 billion and $4 billion")
    assert (fig.value, fig.low, fig.high) == (3.85e9, 3.7e9, 4e9)


@pytest.mark.parametrize("text, low, high", [
    ("an operating loss of between $265 and $285 million", 265e6, 285e6),     # the low end takes the high's scale
    ("between €5 and €6 billion", 5e9, 6e9),
    ("between $900,000 and $1.2 million", 9e5, 1.2e6),                     # a low end written in full keeps its value
])
def test_a_range_whose_low_end_has_no_scale_takes_the_high_ends(text, low, high):
    (fig,) = find_figures(text)
    assert (fig.low, fig.high, fig.value) == (low, high, (low + high) / 2)


@pytest.mark.parametrize("text", ["its stake will be 56%-57%", "a 56 percent to 57 percent stake", "56% – 57% of it"])
def test_two_percentages_joined_as_a_span_are_one_range_never_a_minus(text):
    (fig,) = find_figures(text)
    assert (fig.value, fig.low, fig.high) == (56.5, 56.0, 57.0)


@pytest.mark.parametrize("text, values, previous", [
    ("revenue rose from $3 billion to $5 billion", [3e9, 5e9], [True, False]),
    ("lifted the program by $5 billion to $25 billion", [5e9, 25e9], [False, False]),
    ("the stock climbed from $5 to $7 a share", [5.0, 7.0], [True, False]),
    ("its stake will fall from about 41.4 per cent to 38.6 per cent", [41.4, 38.6], [True, False]),
    ("raised its stake by 2% to 12%", [2.0, 12.0], [False, False]),
])
def test_a_move_from_or_by_one_amount_to_another_is_two_figures_not_a_range(text, values, previous):
    figs = find_figures(text)
    assert ([f.value for f in figs], [f.previous for f in figs], [f.low for f in figs]) == (values, previous, [None, None])
    assert [f.value for f in find_figures("guidance of $3 to $5 billion")] == [4e9]      # a range where nothing moves


def test_the_earlier_value_of_a_move_is_the_one_it_moved_from_never_a_figure_before_it():
    text = "Its $200 million round doubled its valuation from $2.1 billion to $4 billion, up from $3 billion."
    round_, start, new, other = find_figures(text)
    assert previous_of(new, [round_, start, new, other], text) is start
    assert previous_of(round_, [round_, start, new, other], text) is not start    # it moved on to $4 billion


def test_an_accounting_negative_in_parentheses_is_negative_but_a_conversion_is_not():
    assert [f.value for f in find_figures("The annual revenue is ($99.99).")] == [-99.99]
    assert [f.value for f in find_figures("€300 million ($350 million)")] == [300e6, 350e6]


@pytest.mark.parametrize("text, values", [
    ("Vantor will issue three U.S. dollar tranches next week.", []),        # the currency of what follows
    ("A separate 300 billion yen loan will refinance the bonds.", [300e9]),   # a scaled amount before its noun
    ("It sold a 2 billion euro bond.", [2e9]),
])
def test_a_currency_word_before_a_noun_is_an_amount_only_with_a_number_and_scale(text, values):
    assert [f.value for f in find_figures(text) if f.kind == "money"] == values


@pytest.mark.parametrize("text", ["an 8.3-percent stake", "an 8.3\u2011percent stake"])
def test_a_percentage_joined_by_a_hyphen_is_a_percentage(text):
    assert [(f.value, f.unit) for f in find_figures(text)] == [(8.3, "percent")]


@pytest.mark.parametrize("text, value, unit", [
    ("an 85-billion-dollar takeover", 85e9, "USD"),         # a scale joined by hyphens, no range up to "billion"
    ("a 12-million-euro fine", 12e6, "EUR"),
    ("a deal worth $US4.2 billion", 4.2e9, "USD"),          # the Australian way of writing US dollars
    ("a two-hundred-and-forty million dollar bid", 240e6, "USD"),   # "and" between hyphens
])
def test_money_written_with_hyphens_and_dollar_us(text, value, unit):
    assert [(f.value, f.unit) for f in find_figures(text) if f.kind == "money"] == [(pytest.approx(value), unit)]


def test_a_range_still_reads_to_a_number_before_its_scale():
    assert [(f.low, f.high) for f in find_figures("between 5-10 billion dollars")] == [(5e9, 10e9)]


@pytest.mark.parametrize("text", ["through a multi-billion dollar acquisition", "a multi-billion-dollar investment",
                                  "a multi billion dollar plan"])
def test_a_multiple_of_a_scale_is_no_amount(text):
    assert find_figures(text) == []      # "multi-billion": no figure a reader could track; "$3 billion" still is


@pytest.mark.parametrize("text, value", [("shareholders will be paid 1,110p per share", 1110.0), ("an offer of 985p a share", 985.0)])
def test_pence_written_p_are_a_price_per_share(text, value):
    assert [(f.value, f.unit, f.per) for f in find_figures(text)] == [(value, "GBX", "share")]


@pytest.mark.parametrize("text", ["a 1080p screen", "a 1080p video per share", "rose 5p to 320p"])
def test_a_p_after_a_number_is_pence_only_before_a_share(text):
    assert find_figures(text) == []


@pytest.mark.parametrize("text, unit", [
    ("Kestrel Air of Pakistan was sold for Rs135 billion.", "PKR"),
    ("The Indian port operator raised 50 billion rupees through bonds.", "INR"),
    ("Ridge plans to invest 95 billion kronor in Sweden.", "SEK"),
    ("The Danish drugmaker is worth 2 trillion kroner.", "DKK"),
    ("Holders in Dubai will receive 3 dirhams a share.", "AED"),
    ("The deal is worth 5 billion rupees.", "rupee"),                   # no country named: the name stays
    ("Firms in India and Pakistan raised 5 billion rupees.", "rupee"),   # two: still unresolved
    ("It paid Rs 500 crore.", "INR"),                                   # "Rs" alone keeps its Indian reading
])
def test_a_currency_name_several_countries_use_is_the_one_country_s_the_text_names(text, unit):
    (fig,) = find_figures(text)
    assert fig.unit == unit


@pytest.mark.parametrize("text, unit", [
    ("Orrin Bank will raise up to 75 billion rupees ($877 million) from two funds.", "INR"),   # about 85 to the dollar
    ("Halden Air drew a bid of $993 million (135 billion rupees).", "NPR"),                   # about 136
    ("Halden Air drew a bid of $482 million (135 billion rupees).", "rupee"),   # Pakistan's and Sri Lanka's both near 280
    ("Kestrel sold its ferries for 4 billion kroner ($590 million).", "DKK"),
    ("Kestrel sold its ferries for 4 billion kroner (€340 million).", "NOK"),
    ("Marlow paid 500 million riyals ($135 million).", "riyal"),     # Saudi and Qatari riyals: too close to tell
    ("Marlow paid 500 million rupees ($40 million).", "rupee"),      # a rate no rupee has: left unresolved
])
def test_a_currency_name_no_country_settles_is_the_one_the_conversion_beside_it_gives(text, unit):
    (named,) = [f for f in find_figures(text) if not f.text.startswith(("$", "€"))]
    assert named.unit == unit


@pytest.mark.parametrize("text, units", [
    ("Orrin Bank will raise 75 billion rupees ($877 million). Halden will invest 48.76 billion rupees.", ["INR", "INR"]),
    ("Marlow paid 500 million rupees ($40 million). Halden will invest 48.76 billion rupees.", ["rupee", "rupee"]),
])
def test_a_currency_name_a_conversion_settles_once_is_settled_for_the_whole_text(text, units):
    """The conversion beside one figure says which rupee the text speaks of; its other figures in
    rupees are in the same (none settled, none are)."""
    assert [f.unit for f in find_figures(text) if "rupees" in f.text] == units


@pytest.mark.parametrize("text, amount", [
    ("Halden cut its forecast for the year ending March 2026 to 2.66 trillion yen.", ("2.66 trillion yen", 2.66e12)),
    ("Orrin raised its outlook for 2025 to 40 billion kronor.", ("40 billion kronor", 40e9)),
])
def test_a_year_before_to_is_no_low_end_of_a_range(text, amount):
    """A range runs up: "2026 to 2.66 trillion yen" had read as one range of 1,014 trillion yen."""
    assert amount in [(f.text, f.value) for f in find_figures(text)]


@pytest.mark.parametrize("text, low, high", [
    ("The unit is worth roughly 3 trillion to 4 trillion won.", 3e12, 4e12),
    ("Halden expects sales of 2 billion to 3 billion euros.", 2e9, 3e9),
])
def test_a_range_whose_low_end_has_its_own_scale_is_one_range(text, low, high):
    """It had read as "trillion to 4 trillion won", 5e23 won."""
    (fig,) = find_figures(text)
    assert (fig.low, fig.high, fig.value) == (low, high, (low + high) / 2)
