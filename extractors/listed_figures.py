"""Amounts listed after a typed one: "the issuance of $600 million in 4.5% notes due 2031,
$800 million in 5.125% notes due 2035 and RMB 2.08 billion in 2.55% notes due 2030" states three
bond sales, though the parse hangs the later amounts anywhere (an apposition, a date's modifier).

An amount takes the type and parties of the typed amount before it in the same sentence when
only a list's joints stand between them: each item is the amount and words about its terms ("in
5.125% notes due 2035": a percentage or a year of its terms, no other amount), with no verb and
no party named, and the items are separated by a comma or "and". Lists whose items name their own
parties ("$10 billion from Nvidia and $5 billion from Microsoft") or verbs ("Nvidia committing
$10 billion and Microsoft pledging $5 billion") are left to the parse.

A clause with its verb left out ("AkzoNobel shareholders will own 55% of the combined company
and Axalta shareholders 45%") states the same kind of claim for the party named right before
its figure: gapped_after.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from claimtrack.extractors.figures import Figure
from claimtrack.extractors.mention import Mention
from claimtrack.extractors.references import References
from claimtrack.extractors.text import doc_text

_JOINT = re.compile(r"\s*(?:,\s*(?:and\s+)?|;\s*|\s+and\s+)$")     # never "or": "€10 billion, or $10.3 billion" converts
_ITEM_WORDS = frozenset({"in", "of", "due", "maturing", "notes", "note", "bonds", "bond", "debentures", "loans",
                         "loan", "tranche", "tranches", "senior", "unsecured", "secured", "subordinated",
                         "convertible", "fixed", "floating", "rate", "term", "perpetual", "green", "dollar",
                         "euro", "yen", "sterling", "year", "years", "-", "–", "the", "a", "an", "for",
                         # a tranche's price: "$1.25 billion maturing in 2035 at a 5.375 percent coupon"
                         "at", "with", "coupon", "percent", "per", "cent", "yield", "yielding", "priced", "bearing", "interest",
                         "aggregate", "principal", "amount"})     # ("$3.25 billion in aggregate principal amount of")


def listed_after(doc: Doc, found: list[tuple], current: list[Figure], mentions: list[Mention]) -> list[tuple]:
    """Entries like `found`'s (figure, type, subject, object, trigger, sign) for the amounts of
    `current` no entry gives a party that are listed after an entry's typed amount (module
    docstring); the caller drops the party-less entries these replace."""
    text = doc_text(doc)
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
    own = _tokens(doc, last.end, last.end + joint.start())
    after = _tokens(doc, fig.end, _item_end(text, fig))
    # both items only an amount and words about its terms: "$33.00, one dollar above the range" is no list
    return all(_term_word(t) for t in (*own, *after))


def _term_word(t) -> bool:
    """Whether a token can stand in a list item beside its amount: a number, a percentage, a
    word of a bond's or a loan's terms."""
    return t.like_num or t.is_punct or t.text == "%" or t.lower_ in _ITEM_WORDS or t.ent_type_ in ("DATE", "TIME") \
        or (t.lower_ == "on" and any(c.ent_type_ == "DATE" for c in t.children))


def _tokens(doc: Doc, start: int, end: int) -> list:
    """The tokens wholly inside the characters [start, end) (a span's tokens, without walking the doc)."""
    span = doc.char_span(start, end, alignment_mode="contract") if end > start else None
    return list(span) if span is not None else []


_ITEM_END = re.compile(r",|;|\band\b|\bor\b|\.(?:\s|$)")


def _item_end(text: str, fig: Figure) -> int:
    """Where the list item that `fig` opens ends: the next joint, or the sentence's end."""
    found = _ITEM_END.search(text, fig.end)
    return found.start() if found else len(text)


_ABOUT = frozenset({"about", "around", "roughly", "approximately", "nearly", "some", "almost", "just", "over", "under"})


def gapped_after(doc: Doc, found: list[tuple], current: list[Figure], refs: References) -> list[tuple]:
    """Entries for the figures of `current` no entry gives a party that stand in a clause whose
    verb is left out, after a typed figure of the same kind: "A will own 55% of the group and B
    45%" gives B's 45% the type of A's 55%, with B as its party."""
    text = doc_text(doc)
    given = {id(f[0]): f[2] for f in found if f[2] is not None}
    out: list[tuple] = []
    for entry in sorted((f for f in found if f[2] is not None), key=lambda f: f[0].start):
        first = entry[0]
        after = [f for f in current if f.start >= first.end and f.kind not in ("year",)]
        fig = min(after, key=lambda f: f.start, default=None)
        # a figure the parse gave the first one's party too may be the gapped clause's ("A invested
        # $2 billion in the startup and B $500 million", B read as a second thing A invested in)
        if fig is None or given.get(id(fig), entry[2]) != entry[2] or fig.kind != first.kind:
            continue
        party = _gapped_party(doc, text, first, fig, refs)
        if party is None or party == entry[2]:
            continue
        out.append((fig, entry[1], party, entry[3] if entry[3] != party else None, *entry[4:]))
        given[id(fig)] = party
    return out


def _gapped_party(doc: Doc, text: str, first: Figure, fig: Figure, refs: References) -> str | None:
    """The name of the party named between a list's joint and `fig`, when the words from `first`
    to the joint hold no verb of their own and those after it only that party's name and a word
    of size."""
    between = text[first.end:fig.start]
    joint = max((m for m in re.finditer(r",\s*and\s+|,\s*|\s+and\s+|;\s*", between)), key=lambda m: m.start(), default=None)
    if joint is None or len(between) > 80 or re.search(r"\.(?:\s|$)", between):
        return None
    head_words = _tokens(doc, first.end, first.end + joint.start())
    tail = _tokens(doc, first.end + joint.end(), fig.start)
    if not tail or any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in head_words) or \
            any(t.lower_ == "respectively" for t in tail[0].sent):
        return None
    named = [t for t in tail if t.lower_ not in _ABOUT and t.pos_ in ("PROPN", "NOUN")]
    if not named or any(t.pos_ not in ("PROPN", "NOUN", "DET", "ADV", "PUNCT", "PART") and t.lower_ not in _ABOUT
                        for t in tail):
        return None
    firm = next((refs.party(t) for t in named if refs.mention_at(t) is not None), None)
    if named[-1].lemma_.lower() in _HOLDERS and firm is not None:
        return f"{firm.name} shareholders"      # "... and Axalta shareholders 45%", as the owning verb names them
    party = refs.party(named[-1])
    return party.name if party is not None and (party.mention is not None or firm is not None) else None


_HOLDERS = frozenset({"shareholder", "stockholder", "holder", "investor"})
