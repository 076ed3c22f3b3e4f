"""Money a company says it will spend on building its own sites, or in a place, is an investment
(into that place, as the corpus reads pledges), not a purchase from a seller: "Amazon says it will
spend $20 billion on two data center complexes in PA", "said it will spend $23 billion in the US
on expanding existing and building new facilities". Spending on what a named party sells ("on
Microsoft's Azure cloud", "on Scale AI's services") stays a purchase commitment."""
from __future__ import annotations

from spacy.tokens import Token

from claimtrack.extractors.frames import lemma
from claimtrack.extractors.references import References

# what a company builds and owns: sites, plants, their construction
_ASSETS = {"facility", "plant", "factory", "complex", "campus", "center", "centre", "site", "mill", "fab", "refinery",
           "hub", "warehouse", "manufacturing", "construction", "expansion", "footprint", "operation"}
_BUILDING = {"build", "expand", "construct", "develop", "upgrade", "modernize", "modernise", "open"}
_WHERE = ("on", "in", "into", "across", "toward", "towards")


def _spent_on(verb: Token, figure: Token) -> list[Token]:
    """What the spending goes on or where: the objects of the verb's and the figure's "on"/"in"
    phrases, with their conjuncts ("on expanding existing and building new facilities")."""
    heads = [g for t in (verb, figure) for c in t.children if c.dep_ == "prep" and c.lower_ in _WHERE
             for g in c.children if g.dep_ in ("pobj", "pcomp")]
    return heads + [c for h in heads for c in h.conjuncts]


def builds_or_places(verb: Token, figure: Token, refs: References) -> bool:
    """Whether money a verb of spending spends goes into a place it names, on the spender's own
    sites or the place itself, with no seller named: "spend $20 billion on two data center complexes in PA"."""
    if lemma(verb) != "spend":
        return False
    spent = _spent_on(verb, figure)
    # a seller's goods: a party's name in the phrase, or the phrase's owner ("Microsoft's Azure cloud")
    if any(refs.party(t) is not None and refs.party(t).kind in ("company", "org", "product")
           for s in spent for t in s.subtree if t.pos_ == "PROPN" or t.dep_ == "poss"):
        return False
    placed = any(t.ent_type_ in ("GPE", "LOC") for s in spent for t in s.subtree)
    return placed and any(s.ent_type_ in ("GPE", "LOC") or lemma(s) in _ASSETS or s.tag_ == "VBG" and lemma(s) in _BUILDING
                          or any(c.dep_ == "dobj" and lemma(c) in _ASSETS for c in s.children) for s in spent)
