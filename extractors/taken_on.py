"""Money a party takes on from others is no claim of its own: losses it assumes or covers ("UBS
will ... assume up to $5.4 billion in losses") are a deal's burden, not its result; loans, bonds
and deposits it buys or places ("NYCB acquired about $13 billion in loans", "would each put $5
billion in uninsured deposits into First Republic") are assets it holds, not its borrowing nor an
investment in equity."""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Token

from claimtrack.extractors.frames import lemma

_BEARING = {"assume", "absorb", "cover", "bear", "share", "guarantee", "shoulder", "offset", "backstop", "underwrite",
            "reimburse", "recoup", "recover"}
_HELD_PAPER = {"loan", "loans", "bond", "bonds", "note", "notes", "deposit", "deposits", "debt", "mortgage", "mortgages"}
_PLACING = {"acquire", "buy", "purchase", "put", "place", "deposit", "inject", "park"}


def taken_on(metric: str, noun: Token | None, verb: Token | None, figure: Token, is_subject: Callable[[Token], bool]) -> bool:
    """Whether a figure typed `metric` is money its party takes on rather than owes, earns or invests;
    `is_subject(token)` says whether a token names the claim's subject."""
    if metric == "profit":
        # the loss named by the figure's noun, else by its "in"/"of" ("assume up to $5.4 billion in losses")
        noun = noun if noun is not None else next((g for c in figure.children if c.dep_ == "prep" and c.lower_ in ("in", "of")
                                                   for g in c.children if g.dep_ == "pobj"), None)
        if noun is None or lemma(noun) not in ("loss", "losses"):
            return False
        heads = ([verb] if verb is not None else []) + [t for t in (figure, *figure.ancestors) if t.pos_ == "VERB"][:1]
        return any(lemma(h) in _BEARING for h in heads)
    if metric in ("debt_issue", "investment") and verb is not None and lemma(verb) in _PLACING and \
            any(c.dep_ == "nsubj" and is_subject(c) for c in verb.children):
        # (the buyer is the claim's party: "lenders have acquired $2bn of subordinated debt tied to
        # Blackstone and TPG's buyout" is still the buyout's borrowing)
        # the paper named by the figure's noun or its "in"/"of" ("$13 billion in loans")
        paper = [noun] if noun is not None else []
        paper += [g for c in (*figure.children, *verb.children) if c.dep_ == "prep" and c.lower_ in ("in", "of")
                  for g in c.children if g.dep_ == "pobj"]     # (the parse may hang "in deposits" on the verb)
        return any(lemma(p) in _HELD_PAPER or p.lower_ in _HELD_PAPER for p in paper)
    return False
