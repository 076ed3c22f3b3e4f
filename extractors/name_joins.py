"""Names the model cut in two, joined again: an institution's name cut at its "for" or "of"
("Cologne Institute" + "for Economic Research"), a person's name ended on a particle ("von der"
+ "Leyen") or inside a hyphened given name ("Heo Jae" + "-hwan"), and an institution whose own
lowercase name the model left out ("the ifo Institute" read as "Institute"); and names it ran
together, taken apart ("Eutelsat while Bharti Space"); and a name written as a possessive that
possesses nothing ("a bid for Papa John's that would value", read as "Papa")."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from claimtrack.extractors.mention import Mention
from claimtrack.extractors.names import canonical

_INSTITUTIONS = {"institute", "center", "centre", "council", "foundation", "bank", "agency", "office", "fund", "commission",
                 "society", "association", "federation", "forum", "school", "university", "organization", "organisation",
                 "board", "authority", "bureau", "ministry", "department", "committee", "conference", "academy"}


def institutions_joined(mentions: list[Mention], text: str) -> list[Mention]:
    """"Cologne Institute" + "for" + "Economic Research", "Center" + "for" + "Strategic" + "and" +
    "International Studies": an institution's name the model cut at its "for" or "of" (and at the
    "and" inside what follows) is one name, as are two names around "&" ("Samsung Fire & Marine
    Insurance"); in order of start."""
    out: list[Mention] = []
    joining = False
    for m in sorted(mentions, key=lambda m: m.start):
        prev = out[-1] if out else None
        gap = text[prev.end:m.start] if prev is not None else ""
        if prev is not None and m.text[:1].isupper() and prev.kind in ("org", "company") and m.kind in ("org", "company") and (
                gap in (" for ", " of ") and prev.text.split()[-1].lower() in _INSTITUTIONS or gap == " and " and joining
                or gap == " & "):        # "Samsung Fire" + "&" + "Marine Insurance": news joins two firms by "and"
            full = text[prev.start:m.end]
            out[-1] = Mention(prev.start, m.end, full, canonical(full), "org", None, guessed=prev.guessed and m.guessed)
            joining = True
            continue
        joining = False
        out.append(m)
    return out


_PARTICLES = {"von", "van", "der", "den", "de", "di", "da", "del", "du", "la", "le", "bin", "al"}


# the lowercase end of a hyphened given name ("Heo Jae-hwan"), not a word of what the firm is ("Goldman Sachs-backed")
_given_name_end = re.compile(r"-(?!(?:backed|led|owned|based|parent|listed|controlled|funded|run|linked|affiliated|style|era|like|"
                             r"made|born|sized|wide|focused|related|driven|dominated|friendly)\b)[a-z]+\b")


def particle_completed(mentions: list[Mention], text: str) -> list[Mention]:
    """"von der" + "Leyen": a person's name the model ended on a particle goes on to the capitalised
    word after it, which the model read apart (as a place); "Heo Jae" + "-hwan": one it ended inside
    a hyphened given name goes on to the name's end."""
    out = []
    for m in mentions:
        rest = re.match(r" ([A-Z][\w'’-]+)", text[m.end:]) if m.kind == "person" and m.text.split()[-1] in _PARTICLES else \
            _given_name_end.match(text[m.end:]) if (m.kind == "person" or m.guessed) and " " in m.text else None
        if rest is not None:
            full = text[m.start:m.end + rest.end()]
            m = Mention(m.start, m.end + rest.end(), full, canonical(full), m.kind if m.guessed else "person", None, guessed=m.guessed)
        out.append(m)
    return [o for o in out if not any(p is not o and p.start <= o.start and o.end <= p.end and p.end - p.start > o.end - o.start
                                       for p in out)]


# "the ifo Institute": a lowercase word between an article and a bare institution noun is its name
_LOWER_NAME_BEFORE = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+([a-z]{2,8})\s$")


def lowercase_named(mentions: list[Mention], text: str) -> list[Mention]:
    """A name that is only an institution's noun ("Institute") goes back to the lowercase word the
    text sets between it and its article ("the ifo Institute"): alone, the noun names no one."""
    out = []
    for m in mentions:
        before = _LOWER_NAME_BEFORE.search(text, max(0, m.start - 20), m.start) if m.text.lower() in _INSTITUTIONS \
            and m.text[:1].isupper() and m.kind in ("org", "company") else None
        if before is not None:
            full = text[before.start(1):m.end]
            m = Mention(before.start(1), m.end, full, canonical(full), "org", None, guessed=m.guessed)
        out.append(m)
    return out


# words no name holds that the model may run a name across: a clause's conjunction, a title before a person
_RUN_ON = re.compile(r"\s+(?:while|whereas|when|after|before|since|but)\s+(?=[A-Z])")
_TITLE_INSIDE = re.compile(r"\s+(?:Chair(?:man|woman)?|CEO|Chief Executive|Founder|President)\s+(?=[A-Z])")
_DOCUMENT_BEFORE = re.compile(r"^(?:the\s+)?(?:Agreement|Transaction|Merger|Offer|Deal|Scheme|Acquisition|Proposal),\s+(?=[A-Z])",
                              re.IGNORECASE)


def split_run_ons(mentions: list[Mention]) -> list[Mention]:
    """Names the model ran together, taken apart: "Eutelsat while Bharti Space" (two names around
    a conjunction), "SK Group Chair Chey Tae-won" (a firm, then its chair), "the Agreement, Flutter"
    (a document's word before the name)."""
    out = []
    for m in mentions:
        doc_word = _DOCUMENT_BEFORE.match(m.text) if m.kind in ("org", "person", "company") else None
        cut = (_RUN_ON.search(m.text) or _TITLE_INSIDE.search(m.text)) if m.kind in ("org", "person") else None
        if doc_word is not None:
            out.append(_part(m, doc_word.end(), len(m.text), m.kind))
        elif cut is not None:
            out.append(_part(m, 0, cut.start(), "org"))
            out.append(_part(m, cut.end(), len(m.text), "person" if cut.re is _TITLE_INSIDE else m.kind))
        else:
            out.append(m)
    return out


def _part(m: Mention, start: int, end: int, kind: str) -> Mention:
    text = m.text[start:end]
    return Mention(m.start + start, m.start + end, text, canonical(text), kind)


def possessive_names(mentions: list[Mention], doc: Doc) -> list[Mention]:
    """A run of proper nouns ending in "'s" that possesses nothing ("a bid for Papa John's that
    would value", "shares of Papa John's closed"; not "Meta's stake") is a name of its own, "'s"
    and all, where the model took only a part of it ("Papa", a person "Papa John")."""
    out = list(mentions)
    for t in doc:
        head = t.head
        if t.dep_ != "case" or t.lower_ not in ("'s", "’s") or head.i != t.i - 1 or head.pos_ != "PROPN" or \
                head.dep_ == "poss" or head.dep_ == "compound" or t.i + 1 < len(doc) and doc[t.i + 1].pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
            continue
        first = head
        while first.i > 0 and doc[first.i - 1].pos_ == "PROPN" and doc[first.i - 1].head.i == head.i:
            first = doc[first.i - 1]
        start, end = first.idx, t.idx + len(t)
        inside = [m for m in out if start <= m.start < end or start < m.end <= end]
        if first.i == head.i or any(m.start < start or m.end > end or m.kind in ("company", "org", "government")
                                    and m.end == end for m in inside):
            continue        # one word ("Meta's" no possessive name), or a name reaching beyond, or one the model got whole
        text = doc.text[start:end]
        out = [m for m in out if m not in inside] + [Mention(start, end, text, canonical(text), "company")]
    return sorted(out, key=lambda m: m.start)
