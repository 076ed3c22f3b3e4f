"""Places and governments: which country's government a place, a nationality, a department
or a bare "the Government" stands for (extractors/data/places.toml).

Apart from the mention finder because references (extractors/references.py) name
governments by the same rules."""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from claimtrack.extractors.mention import Mention
from claimtrack.extractors.names import canonical
from claimtrack.extractors.places import government_lookups, place_sets, places_data

_GOVERNMENT_ORG = re.compile(r"\b(?:Department|Ministry|Pentagon|Treasury|Administration|Government|"
                             r"Commission|Office of)\b")


def government_of(place: str) -> str | None:
    """The name news gives a country's government: "Germany" and "Berlin" -> "German government",
    "the U.S." -> "US government"; None when `place` is no country, capital or nationality."""
    names, capitals, nationalities = government_lookups()
    key = canonical(place).lower()
    key = capitals.get(key, key)
    if key in names:
        return f"{names[key]} government"
    if key in nationalities:                            # a nationality: "German"
        return f"{nationalities[key]} government"
    if key in place_sets()[0]:
        return f"{canonical(place)} government"
    return None


def capital_government(name: str) -> str | None:
    """The government a capital's bare name stands for ("Washington's stake"), else None."""
    return government_of(name) if canonical(name).lower() in government_lookups()[1] else None


@lru_cache(maxsize=1)
def _agencies() -> dict[str, str]:
    data = places_data().get("agencies", {})
    return {alias.lower(): f"{country} government" for country, aliases in data.items() for alias in aliases}


def agency_government(name: str) -> str | None:
    """The government a department or agency acts for: "Department of Defense", "the
    Pentagon" -> "US government"; a body named with its country ("U.S. Department of Energy",
    "Italian Treasury") -> that country's government."""
    text = canonical(name)
    low = text.lower()
    if low in _agencies():
        return _agencies()[low]
    for alias, government in _agencies().items():
        if low.endswith(" " + alias) and government_of(low[:-len(alias)].strip()) == government:
            return government
    words = text.split()
    for n in (2, 1):
        if len(words) > n and _GOVERNMENT_ORG.search(" ".join(words[n:])):
            found = government_of(" ".join(words[:n]))
            if found is not None:
                return found            # "U.S. Department of Energy", "German Finance Ministry"
    return None


def _is_place(text: str) -> bool:
    return canonical(text).lower() in place_sets()[1] or text.lower().strip(" .") in place_sets()[1]


def town_and_state(tokens: list) -> bool:
    """Whether proper nouns the model calls places are one of a "town, state" pair ("the
    Albuquerque, N.M., company", "of Boise, Idaho"): places, however unknown to our lists."""
    if not tokens or any(t.ent_type_ != "GPE" for t in tokens):
        return False
    doc, first, last = tokens[0].doc, tokens[0].i, tokens[-1].i
    if first >= 2 and doc[first - 1].text == "," and doc[first - 2].ent_type_ == "GPE":
        return _a_state(doc[first:last + 1].text)                    # the state after its town
    if last + 2 < len(doc) and doc[last + 1].text == "," and doc[last + 2].ent_type_ == "GPE":
        state = doc[last + 2]
        while state.i + 1 < len(doc) and doc[state.i + 1].ent_type_ == "GPE" and doc[state.i + 1].ent_iob_ == "I":
            state = doc[state.i + 1]
        return _a_state(doc[last + 2:state.i + 1].text)              # a town before its state
    return False


def _a_state(text: str) -> bool:
    """A US state (or its wire abbreviation), a country or a listed place: what a town is told with."""
    t = text.strip()
    return t.lower() in _states() or t.rstrip(".").lower() + "." in _states() or _is_place(t)


@lru_cache(maxsize=1)
def _states() -> frozenset[str]:
    return frozenset(s.lower() for s in places_data().get("states", ()))

BARE_GOVERNMENT = {"government", "the government", "treasury", "the treasury", "administration", "the administration"}


def text_government(doc: Doc, mentions: list[Mention] = ()) -> str | None:
    """The one country's government a text names (by a country, a capital, a nationality or a
    government mention), None when it names none or several."""
    found = {government_of(e.text) for e in doc.ents if e.label_ in ("GPE", "NORP")}
    found |= {m.name for m in mentions if m.kind == "government" and m.name.lower() not in BARE_GOVERNMENT}
    found.discard(None)
    return next(iter(found)) if len(found) == 1 else None


def government_before(doc: Doc, mentions: list[Mention], token: Token) -> str | None:
    """Whose "the government" is: a country (or a nationality) named before it ("German
    government"), else the one country's government the whole text names."""
    places = [e for e in doc.ents if e.label_ in ("GPE", "NORP") and e.end_char <= token.idx + 200]
    # the nearest before it ("The Latvian state ..., while Danish investor X": Latvia's), else after it
    for ent in [*reversed([e for e in places if e.end_char <= token.idx]), *[e for e in places if e.end_char > token.idx]]:
        if (government := government_of(ent.text)) is not None:
            return government
    return text_government(doc, mentions)


def central_bank(token: Token) -> str | None:
    """The central bank a phrase headed by "bank" names: "China's central bank", "the Japanese
    central bank", "the country's central bank" (the country named last before it)."""
    if token.lower_ != "bank" or not any(c.lower_ == "central" for c in token.children):
        return None
    mods = [c for c in token.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
    told = any(c.dep_ == "poss" and c.lower_ in ("country", "nation") for c in token.children)
    return _of_country(token, mods, told, "central_banks")


def _of_country(token: Token, mods: list[Token], told_before: bool, table: str) -> str | None:
    """The `table` entry (places.toml) of the country a phrase names: by a place among its
    modifiers, else, when `told_before` ("the country's"), by the country named last before it."""
    place = next((c for c in mods if c.ent_type_ in ("GPE", "NORP")), None)
    if place is not None:
        ent = next(e for e in token.doc.ents if e.start <= place.i < e.end)
        government = government_of(ent.text)
    elif told_before:
        government = next((g for e in reversed(token.doc.ents[:]) if e.label_ in ("GPE", "NORP") and e.end <= token.i
                           and (g := government_of(e.text)) is not None), None)
    else:
        return None
    return places_data().get(table, {}).get(government.removesuffix(" government")) if government else None


_WEALTH_WORDS = {"wealth", "sovereign", "state", "state-owned", "investment"}


def wealth_fund(token: Token) -> str | None:
    """The sovereign wealth fund a phrase headed by "fund" names by its country, where the
    country has one main one: "Saudi Arabia's sovereign wealth fund", "the Saudi fund", "the
    kingdom's wealth fund" (the country named last before it)."""
    if token.lower_ != "fund":
        return None
    mods = [c for c in token.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
    told = any(c.dep_ == "poss" and c.lower_ in ("kingdom", "country", "nation", "emirate") for c in mods) and \
        any(c.lower_ in _WEALTH_WORDS for c in mods)
    return _of_country(token, mods, told, "wealth_funds")


def is_venue(span: Span | None) -> bool:
    """Whether a name is where shares trade, not a party: "cease trading on the New York Stock
    Exchange", "listed on Nasdaq"."""
    if span is None or span.root.dep_ != "pobj" or span.root.head.lower_ not in ("on", "onto"):
        return False
    verb = span.root.head.head
    return verb.lemma_.lower() in ("trade", "list", "trading", "debut", "float", "delist", "open", "close", "begin", "start", "move")


def _bare_governments(mentions: list[Mention], doc: Doc) -> list[Mention]:
    """"the Government", "the Treasury" with no country before them are the government of the
    one country the text names ("the Government acquired an 84 percent stake in RBS" in a story
    on the UK Treasury): one name for the party, whatever the sentence calls it."""
    bare = [m for m in mentions if m.kind == "government" and m.name.lower() in BARE_GOVERNMENT]
    if not bare:
        return mentions
    country = text_government(doc, mentions)
    if country is None:
        return mentions
    return [Mention(m.start, m.end, m.text, country, "government", None) if m in bare else m for m in mentions]


def country_before(noun: Token) -> str | None:
    """The government of a country named before a noun as its modifier ("the U.S. stake", "the
    German holding"), else None."""
    country = next((c for c in noun.children if c.dep_ == "compound" and c.i < noun.i and c.ent_type_ in ("GPE", "NORP")),
                   None)
    return government_of(country.text) if country is not None else None
