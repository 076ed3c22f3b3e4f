"""An order for goods a sentence tells without its price ("Riyadh Air placed a firm order for 25
A350-1000 aircraft", "Saudi Arabia's new airline ordered 25 A350-1000s", "Siemens Mobility has
received an order by SBB for 116 trains"), so that "The deal would be worth more than $9
billion" after it is the buyer's purchase commitment."""
from __future__ import annotations

from spacy.tokens import Span

from claimtrack.extractors import roles
from claimtrack.extractors.claim_words import WINNING
from claimtrack.extractors.frames import lemma
from claimtrack.extractors.not_claims import purchase_order
from claimtrack.extractors.references import Party, References

_PLACING = {"place", "sign", "finalize", "finalise", "firm", "book", "make", "confirm"}     # a buyer's acts on its order (a seller's: WINNING)


def order_told(sent: Span, refs: References) -> tuple[Party, Party | None] | None:
    """(buyer, seller if named) of an order a sentence tells, or None."""
    for t in sent:
        if t.pos_ == "VERB" and lemma(t) == "order" and not roles.is_passive(t):
            buyer = roles.agent(t, refs)          # "the airline ordered 25 A350-1000s"
            seller = roles.prep_party(t, ("from",), refs)
        elif t.pos_ == "NOUN" and purchase_order(t) and t.dep_ == "dobj" and lemma(t.head) in _PLACING:
            buyer = roles.agent(t.head, refs)     # "placed a firm order for 25 aircraft (with Airbus)"
            seller = roles.prep_party(t, ("with", "from"), refs) or roles.prep_party(t.head, ("with",), refs)
        elif t.pos_ == "NOUN" and purchase_order(t) and t.dep_ == "dobj" and lemma(t.head) in WINNING:
            buyer = roles.prep_party(t, ("from", "by"), refs) or roles.prep_party(t.head, ("from", "by"), refs)
            seller = roles.agent(t.head, refs)    # "has received an order by SBB for 116 trains"
        else:
            continue
        if buyer is not None and (seller is None or seller.name != buyer.name):
            return buyer, seller
    return None
