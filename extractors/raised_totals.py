"""A total a company has raised so far, no round of its own ("has raised $3.9 billion since its
inception", "pushed its total funding beyond $1 billion", "across six funding rounds"):
not_claims.py asks it of every figure."""
from __future__ import annotations

import re

from spacy.tokens import Token

from claimtrack.extractors.frames import lemma

_CUMULATIVE = re.compile(r"\b(?:since (?:its |the )?(?:\d{4} )?(?:inception|founding|launch|creation)|to date|so far|"
                         r"since (?:it|the (?:company|startup|firm)) was (?:founded|established|launched|set up)|"
                         r"cumulative(?:ly)?|over the years|all told)\b", re.IGNORECASE)
_FOUNDED = re.compile(r"\b(?:founded|established|launched|started) in (?:\d{4}|the \d{4}s)\b", re.IGNORECASE)
_ROUNDS = {"round", "series", "raise", "financing", "fundraise", "fundraising", "ipo", "offering", "placement"}
_BRINGING = {"bring", "take", "lift", "push", "boost", "raise"}
_RAISED = {"raise", "funding", "capital", "fundraising", "financing", "investment"}


def raised_to_date(root: Token, verb: Token | None, window: str) -> bool:
    """A company's total raised so far, no round: "brings its total raised capital to €1.37
    billion"; "Founded in 2022, Saronic has raised more than $850 million" (no round named);
    "has raised $3.9 billion since its inception" (`window`: the figure's clause)."""
    if any(lemma(t) in ("raise", "secure", "attract") for t in list(root.ancestors)[:2]) and _CUMULATIVE.search(window):
        return True
    bringer = root.head.head if root.head.lower_ == "to" else None
    if bringer is not None and bringer.dep_ == "acl" and bringer.head.dep_ == "dobj":
        bringer = bringer.head.head     # "brings the company's total funding raised to $1B": "to" on "raised"
    if bringer is not None and bringer.pos_ == "VERB" and lemma(bringer) in _BRINGING and any(
            c.dep_ == "dobj" and (lemma(c) == "total" or any(g.lower_ == "total" for g in c.children)) and
            any(lemma(t) in _RAISED for t in c.subtree) for c in bringer.children):
        return True             # (not "lifting the total contract value to $3.1 billion")
    if _total_funding(verb):
        return True             # "pushed its total funding beyond $1 billion", "raised total capital exceeding $300 million"
    if verb is not None and lemma(verb) == "raise" and any(_over_rounds(p) for p in verb.children):
        return True             # "had raised $410 million across six funding rounds"
    if verb is None or lemma(verb) != "raise" or not any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in verb.children):
        return False
    named_round = any(lemma(t) in _ROUNDS for t in verb.subtree if t.i != verb.i)
    return not named_round and _FOUNDED.search(verb.sent.text) is not None


_TOTALLED = {"funding", "capital", "fundraising", "financing"}      # (not "total investment": one investor's, a claim)


def _total_funding(verb: Token | None) -> bool:
    """Whether the verb a figure hangs on says how far a company's total funding got ("pushed
    total funding beyond $1 billion", "with total funding nearing", "raised total capital
    exceeding $300 million"): a sum of rounds, none of its own."""
    if verb is None:
        return False
    said = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")] + ([verb.head] if verb.dep_ == "acl" else [])
    return any(lemma(n) in _TOTALLED and any(c.dep_ == "amod" and c.lower_ in ("total", "cumulative", "overall")
                                             for c in n.children) for n in said)


def _over_rounds(prep: Token) -> bool:
    """"across six funding rounds", "in two rounds": money summed over several rounds (the parse
    may hang "rounds" apart, so the words right after the preposition are read)."""
    if prep.dep_ != "prep" or prep.lower_ not in ("across", "over", "in", "through"):
        return False
    words = prep.doc[prep.i + 1:prep.i + 5]
    counted = next((t for t in words if t.tag_ == "CD" and t.nbor(-1).tag_ != "$"), None)
    return counted is not None and any(t.tag_ == "NNS" and lemma(t) in _ROUNDS for t in words if t.i > counted.i)
