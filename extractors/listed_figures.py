"""Amounts listed after a typed one: "the issuance of $600 million in 4.5% notes due 2031,
$800 million in 5.125% notes due 2035 and RMB 2.08 billion in 2.55% notes due 2030" states three
bond sales, though the parse hangs the later amounts anywhere (an apposition, a date's modifier).

An amount takes the type and parties of the typed amount before it in the same sentence when
only a list's joints stand between them: each item is the amount and words about it ("in 5.125%
notes due 2035"), with no verb, no party named and no other amount or percentage of its own
before it, and the items are separated by a comma or "and". Lists whose items name their own
parties ("$10 billion from Nvidia and $5 billion from Microsoft") or verbs ("Nvidia committing
$10 billion and Microsoft pledging $5 billion") are left to the parse.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from claimtrack.extractors.figures import Figure
from claimtrack.extractors.mention import Mention

_JOINT = re.compile(r"\s*(?:,\s*(?:and\s+)?|;\s*|\s+and\s+)$")     # never "or": "€10 billion, or $10.3 billion" converts
_ITEM_WORDS = frozenset({"in", "of", "due", "maturing", "notes", "note", "bonds", "bond", "debentures", "loans",
                         "loan", "tranche", "tranches", "senior", "unsecured", "secured", "subordinated",
                         "convertible", "fixed", "floating", "rate", "term", "perpetual", "green", "dollar",
                         "euro", "yen", "sterling", "year", "years", "-", "–", "the", "a", "an", "for"})


def listed_after(doc: Doc, found: list[tuple], current: list[Figure], mentions: list[Mention]) -> list[tuple]:
    """Entries like `found`'s (figure, type, subject, object, trigger, sign) for the amounts of
    `current` no entry gives a party that are listed after an entry's typed amount (module
    docstring); the caller drops the party-less entries these replace."""
    text = doc.text
    typed = sorted((f for f in found if f[2] is not None and f[0].kind == "money"), key=lambda f: f[0].start)
    taken = {id(f[0]) for f in found if f[2] is not None}      # a type the parse read but found no party for may be filled
    figures = sorted(current, key=lambda f: f.start)
    out: list[tuple] = []
    for entry in typed:
        last = entry[0]
        for fig in figures:
            if fig.start <= last.end or id(fig) in taken:
                continue
            if fig.kind in ("percent", "year"):
                continue                  # an item's own terms: "in 5.125% notes due 2035"
            if fig.kind != "money" or not _listed(doc, text, last, fig, figures, mentions):
                break
            out.append((fig, *entry[1:]))
            taken.add(id(fig))
            last = fig
    return out


def _listed(doc: Doc, text: str, last: Figure, fig: Figure, figures: list[Figure], mentions: list[Mention]) -> bool:
    """Whether `fig` is the next item of a list whose item before is `last`'s: within one
    sentence, between them a list's joint and words about `last`'s terms only (no verb, no party,
    no figure but a percentage or a year), and words about `fig`'s own terms after it."""
    between = text[last.end:fig.start]
    joint = _JOINT.search(between)
    if joint is None or re.search(r"\.(?:\s|$)", between) or len(between) > 80:
        return False
    if any(last.end <= m.start < fig.start for m in mentions):
        return False
    if any(last.end <= f.start < fig.start and f.kind not in ("percent", "year") for f in figures):
        return False
    first = doc.char_span(last.start, last.end, alignment_mode="expand")
    second = doc.char_span(fig.start, fig.end, alignment_mode="expand")
    if first is None or second is None or first.sent.start != second.sent.start:
        return False
    if any(fig.end <= m.start < _item_end(text, fig) for m in mentions):
        return False                      # "..., $400 million to BlackRock": the item's own party
    if any(t.lower_ == "respectively" for t in first.sent):
        return False                      # amounts of parties named in order (open_lists.respectively)
    own = [t for t in doc if last.end <= t.idx and t.idx + len(t) <= last.end + joint.start()]
    after = [t for t in doc if fig.end <= t.idx and t.idx + len(t) <= _item_end(text, fig)]
    # both items only an amount and words about its terms: "$33.00, one dollar above the range" is no list
    return all(_term_word(t) for t in (*own, *after))


def _term_word(t) -> bool:
    """Whether a token can stand in a list item beside its amount: a number, a percentage, a
    word of a bond's or a loan's terms."""
    return t.like_num or t.is_punct or t.text == "%" or t.lower_ in _ITEM_WORDS or t.ent_type_ in ("DATE", "TIME") \
        or (t.lower_ == "on" and any(c.ent_type_ == "DATE" for c in t.children))


_ITEM_END = re.compile(r",|;|\band\b|\bor\b|\.(?:\s|$)")


def _item_end(text: str, fig: Figure) -> int:
    """Where the list item that `fig` opens ends: the next joint, or the sentence's end."""
    found = _ITEM_END.search(text, fig.end)
    return found.start() if found else len(text)
