"""One party across outlets (extractors/same_party.py): names written alike are one party; a
short form joins a longer name only when a figure is told under both."""
from claimtrack.extractors.same_party import party_spellings, short_forms


def _spell(reports: dict[str, int], figures: dict[str, set] | None = None, stored: dict[str, int] | None = None):
    return party_spellings(reports, stored, figures)


def test_names_written_alike_are_one_party_spelled_as_most_claims_spell_it():
    got = _spell({"AkzoNobel": 1, "Akzo Nobel": 3, "Blue Owl": 1, "Blue Owl Capital": 2, "UniCredit": 1, "Unicredit": 1})
    assert got["AkzoNobel"] == got["Akzo Nobel"] == "Akzo Nobel"
    assert got["Blue Owl"] == "Blue Owl Capital"
    assert got["Unicredit"] == got["UniCredit"] == "UniCredit"       # a tie: code-point order


def test_a_later_word_written_singular_or_plural_is_one_name_the_first_word_is_not():
    got = _spell({"Marriott Hotels": 2, "Marriott Hotel": 1, "Ares": 1, "Are": 1})
    assert got["Marriott Hotel"] == got["Marriott Hotels"] == "Marriott Hotels"
    assert got["Ares"] == "Ares" and got["Are"] == "Are"


def test_a_short_form_joins_a_longer_name_only_when_one_figure_is_told_under_both():
    names = {"Beacon": 2, "Beacon Roofing Supply": 1, "Mitsubishi": 2, "Mitsubishi UFJ": 1}
    figures = {"Beacon": {("valuation", 11e9)}, "Beacon Roofing Supply": {("valuation", 11.02e9), ("share_price", 124.25)},
               "Mitsubishi": {("stake_pct", 9.74)}, "Mitsubishi UFJ": {("stake_pct", 10.23)}}
    got = _spell(names, figures)
    assert got["Beacon"] == got["Beacon Roofing Supply"]
    assert got["Mitsubishi"] == "Mitsubishi" and got["Mitsubishi UFJ"] == "Mitsubishi UFJ"


def test_short_forms_go_one_way_and_never_to_a_unit_a_place_or_a_list():
    pairs = set(short_forms(["Samsung", "Samsung Biologics", "Samsung Heavy", "Google", "Google Cloud", "Vodafone",
                             "Vodafone Spain", "Microsoft", "Microsoft and Nvidia", "Aspen", "Aspen Insurance",
                             "NFL", "National Football League", "AIA", "AXA IM Alts", "FAW", "China FAW",
                             "government", "German government", "Indian government"]))
    assert pairs == {("Aspen", "Aspen Insurance"), ("NFL", "National Football League"), ("China FAW", "FAW"),
                     ("Samsung", "Samsung Biologics"), ("Samsung", "Samsung Heavy")}   # one of them at most


def test_a_short_form_joins_the_one_longer_name_that_tells_its_figure_never_two():
    names = {"Zegna": 2, "Ermenegildo Zegna": 1, "Schenker": 1, "DB Schenker": 1, "Cipher": 2, "Cipher Mining": 1,
             "Cipher Compute": 1, "Samsung": 2, "Samsung Biologics": 1, "Samsung Heavy": 1, "Kering": 1}
    figures = {"Zegna": {("stake_pct", 10.0)}, "Ermenegildo Zegna": {("stake_pct", 10.0)},
               "Schenker": {("acquisition_price", 14.3e9)}, "DB Schenker": {("acquisition_price", 14.3e9)},
               "Cipher": {("revenue", 72e6)}, "Cipher Mining": {("revenue", 72e6)}, "Cipher Compute": {("capex", 1e9)},
               "Samsung": {("stake_pct", 20.0)}, "Samsung Biologics": {("stake_pct", 20.0)},
               "Samsung Heavy": {("stake_pct", 20.0)}}
    got = _spell(names, figures)
    assert got["Zegna"] == got["Ermenegildo Zegna"] and got["Schenker"] == got["DB Schenker"]
    assert got["Cipher"] == got["Cipher Mining"] != got["Cipher Compute"]
    assert len({got["Samsung"], got["Samsung Biologics"], got["Samsung Heavy"]}) == 3     # which of the two?


def test_the_store_spelling_wins_so_stored_keys_stay_as_they_are():
    got = _spell({"Beacon": 3}, {"Beacon": {("valuation", 11e9)}, "Beacon Roofing": {("valuation", 11e9)}},
                 stored={"Beacon Roofing": 1})
    assert got == {"Beacon": "Beacon Roofing"}
