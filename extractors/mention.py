"""A mention: a character span of a text naming a party, with its canonical name and kind.

Its own module because the finder (extractors/mentions.py), the government names
(extractors/governments.py) and the passes over found mentions (extractors/mention_names.py)
all build them."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    start: int          # character offsets in the document
    end: int
    text: str
    name: str           # canonical name
    kind: str           # company | product | outlet | person | org | government
    owner: str | None = None
    guessed: bool = False   # a run of proper nouns the model gave no entity type: a company or a person

    @property
    def party(self) -> str:
        """The name a claim's object should carry: a product's owner, else the name."""
        return self.owner or self.name


def before_aside(mentions: list[Mention], text: str, m: Mention) -> Mention | None:
    """The name a parenthesis holding just `m` follows ("easyJet (London Luton) said": easyJet), or None:
    what a parenthesis after a name holds (its base, ticker, short name) tells of that name."""
    before, after = text[:m.start].rstrip(), text[m.end:].lstrip()
    if not before.endswith("(") or not after.startswith(")"):
        return None
    paren = len(before) - 1
    return next((o for o in mentions if o is not m and 0 <= paren - o.end <= 1), None)


# the words a firm's name and its person's title stand in before the person: "Tesla CEO Elon Musk",
# "Tesla Inc top boss Elon Musk", "Nvidia's chief executive Jensen Huang"
_TITLE = re.compile(r"(?:['’]s)?\s+(?:(?:top|chief|executive|financial|operating|officer|founder|co-founder|cofounder|and|"
                    r"boss|ceo|cfo|coo|chairman|chairwoman|chair|president|head|owner|managing|director)\s+)*"
                    r"(?:boss|ceo|cfo|coo|chairman|chairwoman|chair|president|founder|co-founder|cofounder|owner|"
                    r"executive|officer|director)\s+$", re.IGNORECASE)

_TITLE_NEXT = re.compile(r"(?:['’]s)?\s+(?:and|top|chief|executive|financial|operating|officer|founder|co-founder|cofounder|"
                         r"boss|ceo|cfo|coo|chairman|chairwoman|chair|president|head|owner|managing|director)\b",
                         re.IGNORECASE)


def titled_person(mentions: list[Mention], text: str, m: Mention) -> Mention | None:
    """The person a firm's name titles ("Tesla CEO Elon Musk": Elon Musk), or None: the firm
    names whose officer the person is, and the person is who acts."""
    if m.kind not in ("company", "org") or not _TITLE_NEXT.match(text, m.end):
        return None                         # (read on every party asked: the scan of names only after a title)
    person = next((o for o in mentions if o.start > m.end and o.start - m.end < 45), None)
    return person if person is not None and person.kind == "person" and _TITLE.fullmatch(text, m.end, person.start) \
        else None


def kind_at(token) -> str | None:
    """The kind of the mention the pipeline found covering a token (`doc._.mentions`), if any:
    what the claim rules ask of a name they meet in the parse."""
    return next((m.kind for m in getattr(token.doc._, "mentions", None) or () if m.start <= token.idx < m.end), None)
