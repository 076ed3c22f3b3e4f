"""The currency table the figure finder reads (extractors/data/currencies.toml): symbols,
ISO codes, names in words, coin sub-units, as regular-expression alternations and lookups."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class SubUnit:
    unit: str
    per_main: int


@dataclass(frozen=True)
class Currencies:
    symbols: dict[str, str]          # lower-cased, spaces removed -> unit
    codes: frozenset[str]
    words: dict[str, str]            # lower-cased singular name -> unit
    subunits: dict[str, SubUnit]
    needs_scale: frozenset[str]
    weighed_goods: frozenset[str]     # what "pounds of ..." weighs: no money
    compound_main: tuple[str, ...]
    compound_tenths: tuple[str, ...]
    compound_hundredths: tuple[str, ...]
    compound_unit: str
    by_country: dict[str, dict[str, tuple[str, ...]]]   # shared name -> code -> words naming its country
    per_dollar: dict[str, float] = field(default_factory=dict)   # code -> about how many one US dollar buys

    def symbol_unit(self, text: str) -> str:
        key = re.sub(r"\s+", "", text.lower())
        return self.symbols.get(key) or key.upper()

    def word_unit(self, text: str) -> tuple[str, str] | None:
        """(unit, singular name) of a currency named in words ("australian dollars"); None
        when the words name no currency we know."""
        key = re.sub(r"\s+", " ", text.lower()).strip()
        for singular in _singulars(key):
            if singular in self.words:
                return self.words[singular], singular
        return None

    def subunit(self, text: str) -> SubUnit | None:
        key = text.lower()
        for singular in _singulars(key):
            if singular in self.subunits:
                return self.subunits[singular]
        return None


def _singulars(key: str) -> list[str]:
    """'dollars' -> ['dollars', 'dollar'], 'pence' -> ['pence'], 'kroner' stays itself."""
    out = [key]
    if key.endswith("ies"):
        out.append(key[:-3] + "y")
    if key.endswith("es"):
        out.append(key[:-2])
    if key.endswith("s"):
        out.append(key[:-1])
    return out


def _alternation(items) -> str:
    """A regex alternation, longest first, each item escaped, its spaces optional/flexible."""
    parts = []
    for item in sorted(set(items), key=len, reverse=True):
        escaped = re.escape(item).replace(r"\ ", r"\s?")
        if (len(item) > 2 or item == "C$") and item.endswith("$") and not escaped.endswith(r"\s?\$"):
            escaped = escaped[:-2] + r"\s?\$"          # "HK $", "c $" (tokenised newswire); not "a $5"
        parts.append(escaped)
    return "|".join(parts)


@cache
def currencies() -> Currencies:
    data = tomllib.loads(resources.files("claimtrack.extractors").joinpath("data", "currencies.toml").read_text("utf-8"))
    comp = data.get("compound", {})
    return Currencies(
        symbols={re.sub(r"\s+", "", k.lower()): v for k, v in data["symbols"].items()}
        | {k.lower(): v for k, v in data.get("symbols_tight", {}).items()}
        | {f"{w.lower()}{s}": data["words"][w] for w in data.get("words_before", []) for s in ("", "s")},
        codes=frozenset(data["codes"]),
        words={k.lower(): v for k, v in data["words"].items()},
        subunits={k.lower(): SubUnit(v["unit"], int(v["per_main"])) for k, v in data["subunits"].items()},
        needs_scale=frozenset(w.lower() for w in data.get("needs_scale", [])),
        weighed_goods=frozenset(w.lower() for w in data.get("weighed_goods", [])),
        compound_main=tuple(comp.get("main", [])), compound_tenths=tuple(comp.get("tenths", [])),
        compound_hundredths=tuple(comp.get("hundredths", [])), compound_unit=comp.get("unit", ""),
        by_country={name: {code: tuple(words) for code, words in codes.items()} for name, codes in data.get("by_country", {}).items()},
        per_dollar={code: float(rate) for code, rate in data.get("per_dollar", {}).items()},
    )


@cache
def patterns() -> dict[str, str]:
    """Alternations for the figure finder: symbols before a number (`pre`), symbols that may
    follow it (`post`), ISO codes, currency words (with plural endings), coin names."""
    c = currencies()
    raw = tomllib.loads(resources.files("claimtrack.extractors").joinpath("data", "currencies.toml").read_text("utf-8"))
    symbols = list(raw["symbols"])
    letters = [s for s in symbols if re.match(r"[A-Za-z]", s)]      # "US$", "Rs", "RMB"
    signs = [s for s in symbols if s not in letters]                 # "$", "€", "ரூ"
    tight = [rf"(?-i:\b{re.escape(s)})(?=\d[\d,.]*(?:bn|tn|m)?(?![\w%]))" for s in raw.get("symbols_tight", {})]
    # a name before the number: not a year's ("Euro 2024"), nor a percentage's ("euro 0.4% higher")
    before = [rf"\b{re.escape(w)}s?(?=\s(?!(?:19|20)\d\d\b)(?![\d,.]+\s?(?:%|per\s?cent|percent))\d)"
              for w in sorted(raw.get("words_before", []), key=len, reverse=True)]
    pre = "(?:" + "|".join([rf"\b(?:{_alternation(letters)})", *tight, *before, _alternation(signs)]) + ")"
    # after the number only when attached to it and no number follows ("100元", "5 €"), not the
    # "$" of "its 2024 $6.6 billion round"
    post = rf"(?:{_alternation([s for s in signs if s != '$'])})(?!\s?\d)"
    codes = _alternation(c.codes)
    word_forms = []
    for w in c.words:
        word_forms.append(re.escape(w).replace(r"\ ", r"\s+") + r"(?:s|es)?")
    words = "|".join(sorted(word_forms, key=len, reverse=True))
    subunits = "|".join(sorted((re.escape(s) + r"(?:s)?" for s in c.subunits), key=len, reverse=True))
    subunits += "|pennies"
    return {"pre": pre, "post": post, "codes": codes, "words": words, "subunits": subunits}
