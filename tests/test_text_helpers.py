"""A name's places as a word of its own (extractors/text.py) are found with str.find, and are
the places the regular expression they replace finds: the same starts and ends, in order, on
any text, names with hyphens, underscores, digits and letters of other scripts among them."""
import re

from hypothesis import given, strategies as st

from claimtrack.extractors.text import standing_alone

# the characters that decide a place: word characters of several scripts, hyphens, spaces, stops
ALPHABET = st.sampled_from(list("Aab1_- .é٣ßЖ") + ["A-b", "Ab", "b_"])
TEXTS = st.lists(ALPHABET, max_size=40).map("".join)
NAMES = st.lists(ALPHABET, min_size=1, max_size=4).map("".join)


def by_regex(text: str, name: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(rf"(?<!\w)(?<!\w-){re.escape(name)}(?![\w-])", text)]


@given(TEXTS, NAMES)
def test_a_names_places_are_those_the_regular_expression_finds(text, name):
    assert list(standing_alone(text, name)) == by_regex(text, name)


def test_a_name_inside_a_word_or_after_a_hyphenated_word_is_no_place_of_its_own():
    text = "Acme said; Acmes and re-Acme and -Acme fell, Acme-like Acme_ but (Acme) and Acme. AcmeAcme Acme"
    places = list(standing_alone(text, "Acme"))
    assert places == by_regex(text, "Acme")
    assert [text[s - 1 if s else s:e + 1] for s, e in places] == ["Acme ", "-Acme ", "(Acme)", " Acme.", " Acme"]
    assert list(standing_alone("aa aaa aa", "aa")) == [(0, 2), (7, 9)]
    assert list(standing_alone("Acme", "")) == []
