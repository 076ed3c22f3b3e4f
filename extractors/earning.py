"""What a business takes in or loses, told by a verb and no revenue or loss noun: a yearly rate
("the startup now makes over $540 million per year"), an amount a business generated over a
period ("The aramids division generated $1.3 billion in 2024"), or lost over one ("Coinbase lost
$1.1bn, or $4.98 a share, in the second quarter": a loss, its result for the period); and what a
company raises selling its own shares in its listing."""
from __future__ import annotations

import re

from spacy.tokens import Token

from claimtrack.extractors.claim_words import BUSINESS_NOUNS, LISTED_NOUNS, SHARE_NOUNS
from claimtrack.extractors.figures import Figure
from claimtrack.extractors.frames import Frame, lemma
from claimtrack.extractors.text import doc_text

_EARNING = {"make", "generate", "bring", "rake", "pull", "hit", "reach", "top", "surpass", "exceed", "do", "book"}
_YEARLY = re.compile(r"\s*(?:in\s+\w+\s+)?(?:a|per|each)\s+(?:year|annum)\b|\s*(?:annually|yearly)\b", re.IGNORECASE)
_EARNERS = BUSINESS_NOUNS | LISTED_NOUNS | {"which", "that"}


def takes_in(frame: Frame, fig: Figure) -> str | None:
    """The metric of a money figure a verb takes as its object when it is what a business took in
    ("revenue": at a yearly rate, or "generated" over a time told on the verb by a business or
    company; not "generated $2 billion in savings": a thing named after the amount is what was
    generated) or lost over a time so told ("profit", a loss; not "lost $5 billion on the bet")."""
    verb = frame.anchor
    if frame.how != "object" or fig.kind != "money" or verb is None or lemma(verb) not in _EARNING | {"lose"}:
        return None
    if lemma(verb) != "lose" and _YEARLY.match(doc_text(frame.figure.doc), frame.figure.end_char):
        return "revenue"
    if lemma(verb) not in ("generate", "lose"):
        return None
    doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if doer is None or not (doer.pos_ == "PROPN" or lemma(doer) in _EARNERS):
        return None
    above = [verb.head] if lemma(verb) == "lose" and verb.dep_ == "ccomp" else []   # ("X lost $1bn, ..., in Q2, it said")
    told = [g for t in (verb, frame.figure.root, *above) for c in t.children if c.dep_ == "prep" and c.lower_ != "since"
            for g in c.children if g.dep_ == "pobj"]        # (a period, not a span: "Since 2020, it has lost $2.5 billion")
    dated = any(g.ent_type_ == "DATE" for g in told) and not any(g.ent_type_ != "DATE" for g in told)
    return None if not dated else "profit" if lemma(verb) == "lose" else "revenue"


# a company's first sale of its own shares to the public
LISTING = re.compile(r"\b(?:IPO|initial public offering|went public|go(?:es|ing)? public|(?:market|trading) debut|listing)\b", re.IGNORECASE)
_RESALE = re.compile(r"\b(?:secondary|block|stake|holding|its own shares)\b", re.IGNORECASE)


def sold_in_listing(sell: Token) -> bool:
    """Whether a sale of shares is a company's listing ("The ride-hailing giant sold shares in the IPO
    at $45 each, raising $8.1 billion"): what it raises is its round, not a holder's stake sold."""
    text = sell.sent.text
    return bool(LISTING.search(text)) and not _RESALE.search(text)


_SOMEONES = {"the", "its", "their", "his", "her", "those", "these", "some", "part", "all"}


def own_shares_sold(sell: Token) -> bool:
    """Whether a company sold new shares of its own ("the company sold 5 million shares to raise
    $1.13 billion", "GameStop sold 3.5 million shares, raising $551 million"): a count of shares
    nobody is named the owner of, sold by a company and not a person, with no stake or block
    told, raises its round. "sold its shares", "sold the resulting shares", "sold 10 million
    T-Mobile shares", "Musk sold 9 million shares" stay a holder's sale."""
    shares = next((c for c in sell.children if c.dep_ in ("dobj", "nsubjpass") and lemma(c) in SHARE_NOUNS), None)
    seller = next((c for c in sell.children if c.dep_ == "nsubj"), None)
    if shares is None or seller is None or seller.ent_type_ == "PERSON" or seller.lower_ in ("he", "she", "i", "we"):
        return False
    counted = any(c.dep_ == "nummod" or c.like_num for c in shares.subtree if c.i < shares.i)
    owned = any(c.dep_ in ("poss", "det", "predet") and c.lower_ in _SOMEONES or c.pos_ == "PROPN" or c.ent_type_ == "ORG"
                or c.dep_ == "prep" and c.lower_ in ("of", "in") for c in shares.children)
    return counted and not owned and not _RESALE.search(sell.sent.text)
