"""Which name a description stands for by its words: the text put the noun beside the name
before ("French startup Mistral AI" ... "the startup"), or the noun ends the name ("the
OpenAI Foundation" ... "the foundation"). Part of the coreference step of
extractors/references.py, asked before salience.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from claimtrack.extractors.mention import Mention


def descriptions(mentions: list[Mention], spans: dict[int, Span | None]) -> list[tuple[int, str, Mention]]:
    """(offset, noun, mention) for every noun the text puts beside a name: "French startup
    Mistral AI", "ASML, the Dutch chip equipment maker", "Wiz is a cloud security firm"."""
    out = []
    for m in mentions:
        span = spans[id(m)]
        if span is None:
            continue
        root = span.root
        nouns = [c for c in root.children if c.dep_ in ("appos", "compound") and c.pos_ == "NOUN"]
        nouns += [t for t in root.subtree if t.dep_ == "compound" and t.pos_ == "NOUN" and t.i < root.i]
        if root.dep_ in ("appos", "compound", "nmod") and root.head.pos_ == "NOUN":
            nouns.append(root.head)
        if root.dep_ in ("nsubj",) and root.head.lemma_ == "be":
            nouns += [c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
        for n in nouns:
            out.append((m.start, n.lemma_.lower(), m))
    return out


def described_as(described: list[tuple[int, str, Mention]], token: Token, exclude: frozenset[str],
                 sources: set[int]) -> Mention | None:
    """The name the text last described with this noun ("the startup" -> Mistral AI, called
    "French startup Mistral AI" before)."""
    word = token.lemma_.lower()
    for start, noun, m in reversed(described):
        if start < token.idx and noun == word and m.name not in exclude and id(m) not in sources:
            return m
    return None


def named_by_head(mentions: list[Mention], token: Token) -> Mention | None:
    """A description whose head word ends a name said before: "the foundation" -> the
    OpenAI Foundation, "the fund" -> the Public Investment Fund."""
    word = token.lower_
    for m in reversed([m for m in mentions if m.end <= token.idx]):
        if m.kind in ("company", "org", "government") and m.name.lower().split()[-1:] == [word]:
            return m
    return None
