"""The parts a debt told before is made of ("the loan comprises a $2.4 billion tranche and a 67.7
billion yen tranche", "That package is split between $5.5 billion in term loans and"): figures of the debt,
not debts of their own (not_claims.py leaves them to the open claims); and whose a debt listed after
another source of funds is (joined_owner)."""
from __future__ import annotations

from spacy.tokens import Token

from claimtrack.extractors import roles
from claimtrack.extractors.frames import lemma
from claimtrack.extractors.references import Party, References

# (not "includes" or "consists of", after which the corpus reads each part as borrowed as often as not:
# "The package includes a $5 billion revolving credit line and two ... term loans")
_MADE_OF = {"comprise", "compose", "split"}
_WHOLES = {"loan", "package", "debt", "offering", "financing", "facility", "issue", "sale", "bond", "note", "deal",
           "transaction", "borrowing", "raise", "placement"}
_TOLD = {"the", "that", "this", "these", "those"}


def part_of_debt_told(root: Token) -> bool:
    """Whether a figure is a part a debt told before it in the passage is made of: what a verb of
    comprising has as its object, whose whole is a debt noun the text refers back to ("the loan",
    "That package", "The offering ... comprising") or sizes itself ("a €1.5 billion of new debt
    comprising"); "an offering consisting of $2 billion of notes" with no size of its own is no whole."""
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    made_of = next((a for a in list(first.ancestors)[:4] if lemma(a) in _MADE_OF), None)
    if made_of is None:
        return False
    wholes = [c for c in made_of.children if c.dep_ in ("nsubj", "nsubjpass")]
    if made_of.dep_ in ("acl", "advcl", "prep") or made_of.pos_ == "ADP":      # "new debt comprising", "..., comprising"
        head = made_of.head
        wholes += [head] if head.pos_ in ("NOUN", "PROPN") else [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    for whole in wholes:
        if lemma(whole) not in _WHOLES:
            continue
        sized = any(t.like_num and t.i < whole.i for t in whole.subtree) or any(
            t.like_num for t in whole.doc[max(whole.sent.start, whole.i - 8):whole.i])
        if sized or any(c.dep_ == "det" and c.lower_ in _TOLD for c in whole.children):
            return True
    return False


def joined_owner(noun: Token | None, refs: References) -> Party | None:
    """Whose a debt listed after another source of funds is, naming no owner of its own: "funded
    through MakeMyTrip's $3.1 billion share sale and a $1.25 billion notes issuance", "through
    Shift4's cash reserves and a $1.8 billion bridge loan": the list's sources share the owner of its first."""
    if noun is None or noun.dep_ != "conj" or any(c.dep_ == "poss" for c in noun.children):
        return None
    first = noun.head
    if first.pos_ in ("VERB", "AUX"):        # (the parse may hang the second on the verb of the first)
        first = next((g for c in first.children if c.dep_ == "prep" and c.i < noun.i for g in c.children
                      if g.dep_ == "pobj"), first)
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    return roles.owner(first, refs) if first.i < noun.i else None
