"""The places extractors/data/places.toml lists (countries, towns, nationalities and the names
their governments go by), read once; apart from governments.py so that code that never parses
a text (the store's party names, extractors/same_party.py) reads them without spaCy."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def places_data() -> dict:
    """places.toml as it is."""
    return tomllib.loads(resources.files("claimtrack.extractors").joinpath("data", "places.toml").read_text("utf-8"))


@lru_cache(maxsize=1)
def place_sets() -> tuple[frozenset[str], frozenset[str]]:
    """(countries, every place), in lower case."""
    data = places_data()
    countries = frozenset(p.lower() for p in data["countries"])
    return countries, countries | frozenset(p.lower() for p in data["places"])


@lru_cache(maxsize=1)
def government_lookups() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Lower-cased lookups, built once: country -> government name, capital -> country,
    nationality -> government name."""
    data = places_data()
    names = {k.lower(): v for k, v in data["government_names"].items()}
    capitals = {k.lower(): v.lower() for k, v in data["capitals"].items()}
    return names, capitals, {v.lower(): v for v in names.values()}


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Every country, place and nationality places.toml knows, in lower case ("china", "spain",
    "chinese"): words that make a name another party's ("Vodafone Spain")."""
    names, _, nationalities = government_lookups()
    return place_sets()[1] | frozenset(names) | frozenset(nationalities)
