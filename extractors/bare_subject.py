"""A company's figure told with no owner, before any party of its sentence: in "Net profit
rose to €1.01 billion, helped by a €91 million gain from its ITA Airways stake" the profit is
that of the company the text is about, not of the party named later in an aside."""
from __future__ import annotations

from spacy.tokens import Token

from claimtrack.extractors.choice import Choice
from claimtrack.extractors.mention import Mention

# what can own a noun or make it new: a possessive, a name or a noun before it, an article
_OWNING = ("poss", "compound", "nmod", "det")


def owner_untold(choice: Choice, parties: list[Mention], figure_end: int) -> bool:
    """Whether the sentence names no party of the claim: it names none, or the claim's noun is its
    clause's subject, bare of any owner or article ("Net profit", "Revenue"), and every party of
    the sentence comes after the figure."""
    if not parties:
        return True
    noun: Token | None = choice.noun
    if noun is None or noun.dep_ not in ("nsubj", "nsubjpass") or noun.head.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ in _OWNING and c.i < noun.i for c in noun.children):
        return False        # "its profit", "Airbus revenue", "a loan": an owner told, or something new
    return all(m.start >= figure_end for m in parties)
