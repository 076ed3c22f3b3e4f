"""One party across outlets: the names different articles give one company ("Beacon" and
"Beacon Roofing Supply", "NFL" and "National Football League", "AkzoNobel" and "Akzo Nobel",
"FAW" and "China FAW"), so that a claim's key is the same whichever outlet told it.

Within an article the references step ties "Beacon" to the "Beacon Roofing Supply" named
before it; across articles nothing did, and one quantity sat under as many keys as there were
spellings. Two names are one party when they are written alike:

- the same name once its case, punctuation, legal form and designator are set aside
  (`names.comparable`: "Blue Owl Capital" and "Blue Owl");
- the same letters with the spaces taken out ("AkzoNobel", "Akzo Nobel"), a plural's "s" on a
  word after the first set aside ("Playa Hotel", "Playa Hotels").

A name that may be a short form of another is joined with it only when some claim under each
gives the same figure (metric and value), since the name alone cannot tell "Beacon" for Beacon
Roofing from "Mitsubishi" for Mitsubishi Corp beside Mitsubishi UFJ. Short forms are:

- the first words of longer names that all go on the same way ("Aspen" -> "Aspen Insurance"),
  never when the longer one adds a place or a business unit ("Vodafone Spain", "Google Cloud"),
  never a list ("Microsoft and Nvidia");
- a name's last words after a first name or a prefix ("Zegna" -> "Ermenegildo Zegna", "Schenker"
  -> "DB Schenker"), and the first words of longer names that go on in different ways ("Cipher"
  beside "Cipher Mining" and "Cipher Compute"): these only with the one party among the longer
  names that gives a figure the short form gives, never when two do ("Samsung" beside "Samsung
  Biologics" and "Samsung Heavy");
- capitals that are a name's initials ("NFL" -> "National Football League");
- a name with a country put before it ("China FAW" -> "FAW").
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping
from functools import lru_cache
from itertools import takewhile

from claimtrack.extractors.places import place_words
from claimtrack.extractors.names import comparable

# words after a company's name that make it one of its parts, not the company: "Google Cloud",
# "Samsung Ventures", "Vodafone Spain" (places are added from places.toml)
_PARTS = {"cloud", "ventures", "venture", "capital", "bank", "foundation", "shareholders", "holders", "investors",
          "unit", "division", "arm", "subsidiary", "government", "state", "family", "fund", "funds", "pension",
          "employees", "board", "group", "international", "global", "north", "south", "east", "west", "asia",
          "europe", "americas", "africa", "pacific"}
_LIST = re.compile(r",|\s(?:and|&)\s", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")
_FUNCTION_WORDS = {"of", "and", "&", "the", "for", "de", "du", "des", "di", "la", "le"}


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _FUNCTION_WORDS).upper()


def _singular(word: str) -> str:
    """A name's later word without a plural's "s" ("Hotels"): outlets write a firm's descriptive
    words either way; the first word, the name proper ("Ares"), is kept as written."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


@lru_cache(maxsize=2)
def _candidates(names: tuple[str, ...]) -> tuple[list[tuple[str, str]], list[tuple[str, str]],
                                                 list[tuple[str, tuple[str, ...]]]]:
    """(pairs one by their written form, pairs one name may be a short form of the other, short
    forms with the longer names of which only one may be theirs), by the rules of the module doc.
    Kept for the last names asked: the store's side asks for the short forms (whose figures to
    read) and then for the spellings, over the same names."""
    same: list[tuple[str, str]] = []
    maybe: list[tuple[str, str]] = []
    choices: list[tuple[str, tuple[str, ...]]] = []
    key = {n: comparable(n) for n in names}
    by_key: dict[str, list[str]] = {}
    for n in names:
        if key[n]:
            by_key.setdefault(key[n], []).append(n)
    for members in by_key.values():                 # "Blue Owl Capital", "Blue Owl"
        same += [(n, members[0]) for n in members[1:]]
    squashed: dict[str, str] = {}
    for k, members in by_key.items():               # "AkzoNobel", "Akzo Nobel"; "Playa Hotel", "Playa Hotels"
        flat = "".join(k.split()[:1] + [_singular(w) for w in k.split()[1:]])
        if flat in squashed:
            same.append((members[0], by_key[squashed[flat]][0]))
        else:
            squashed[flat] = k
    places = place_words()
    single = sorted(k for k in by_key if not _LIST.search(k))
    ends: dict[str, list[str]] = {}                  # "zegna" -> ["ermenegildo zegna"]
    for k in single:
        words = k.split()
        for n in range(1, len(words)):
            ends.setdefault(" ".join(words[n:]), []).append(k)
    placed: dict[str, list[str]] = {}                # "faw" -> ["china faw"]
    for k in single:
        words = k.split()
        for n in (1, 2):
            if len(words) > n and " ".join(words[:n]) in places:
                placed.setdefault(" ".join(words[n:]), []).append(k)
    for short in single:
        words = short.split()
        if len(words) == 1 and (words[0] in places or len(words[0]) < 3):
            continue
        at = bisect_left(single, short + " ")
        longer = list(takewhile(lambda k: k.startswith(short + " "), single[at:]))
        nexts = {k.split()[len(words)] for k in longer}
        if len(nexts) == 1 and not (nexts & (_PARTS | places)):
            maybe += [(by_key[short][0], by_key[k][0]) for k in longer]
            continue
        if not longer and short not in _PARTS and len(placed.get(short, ())) == 1:
            maybe.append((by_key[placed[short][0]][0], by_key[short][0]))   # "China FAW", "FAW"
            continue
        ones = [k for k in longer if k.split()[len(words)] not in _PARTS | places]      # "Cipher Mining"
        if short in _PARTS or not by_key[short][0][:1].isupper():
            continue
        ones += [k for k in ends.get(short, ()) if k not in placed.get(short, ())]     # "Ermenegildo Zegna"
        if ones:
            choices.append((by_key[short][0], tuple(by_key[k][0] for k in ones)))
    initials: dict[str, list[str]] = {}
    for m in names:
        if not _LIST.search(m) and len(key[m].split()) > 1 and not any(_ACRONYM.match(w) for w in m.split()):
            initials.setdefault(_initials(m), []).append(m)
    maybe += [(n, m) for n in names if _ACRONYM.match(n) for m in initials.get(n, ())]   # "NFL"
    return same, maybe, choices


def short_forms(names: list[str]) -> list[tuple[str, str]]:
    """The pairs of these names one of which may be a short form of the other: the names whose
    figures `party_spellings` needs."""
    _, maybe, choices = _candidates(tuple(sorted(set(names))))
    return maybe + [(short, one) for short, ones in choices for one in ones]


def _share_a_figure(a: set[tuple[str, float]], b: set[tuple[str, float]]) -> bool:
    return any(ma == mb and abs(va - vb) <= 0.005 * max(abs(va), abs(vb)) for ma, va in a for mb, vb in b)


def party_spellings(reports: Mapping[str, int], stored: Mapping[str, int] | None = None,
                    figures: Mapping[str, set[tuple[str, float]]] | None = None) -> dict[str, str]:
    """For each name in `reports` (name -> how many claims use it), the spelling of the party it
    names. Names one by their written form are joined; a short form and a longer name only when
    some claim under each gives one figure (`figures`: name -> {(metric, value)}), so that
    "Mitsubishi" and "Mitsubishi UFJ", two firms, stay apart. Of the names joined, the one the
    store uses most (`stored`, so stored keys stay as they are), else the one these claims use
    most, else the longest."""
    stored, figures = stored or {}, figures or {}
    names = sorted(set(reports) | set(stored))
    root = {n: n for n in names}

    def find(n: str) -> str:
        while root[n] != n:
            root[n] = root[root[n]]
            n = root[n]
        return n

    def join(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            root[ra] = rb

    same, maybe, choices = _candidates(tuple(names))
    for a, b in same:
        join(a, b)
    told: dict[str, set[tuple[str, float]]] = {}
    for n in names:
        told.setdefault(find(n), set()).update(figures.get(n, ()))
    for a, b in maybe:
        if _share_a_figure(told[find(a)], told[find(b)]):
            join(a, b)
    for short, ones in choices:
        theirs = {find(n) for n in ones if _share_a_figure(told[find(short)], told[find(n)])} - {find(short)}
        if len(theirs) == 1:
            join(short, theirs.pop())
    groups: dict[str, list[str]] = {}
    for n in names:
        groups.setdefault(find(n), []).append(n)
    out: dict[str, str] = {}
    for members in groups.values():
        best = min(members, key=lambda m: (-stored.get(m, 0), -reports.get(m, 0), -len(m), m))
        for m in members:
            if m in reports:
                out[m] = best
    return out
