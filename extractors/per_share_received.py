"""The price a holder gets for each share in a takeover, told by what the holder or the share
receives ("investors will receive £11.40 for each share they own", "each Class B share will
receive $0.50 in cash"): the lexicon lists "receive" under no type, since money received is
mostly a seller's, but so much for each share is the price of the target's shares."""
from __future__ import annotations

import re

from claimtrack.extractors.claim_words import SCALED, SHARE_NOUNS
from claimtrack.extractors.config import ClaimType
from claimtrack.extractors.figures import Figure
from claimtrack.extractors.frames import Frame, lemma
from claimtrack.extractors.lexicon import Lexicon

_RECEIVING = {"receive", "get"}
# "for each share", "for each of their shares", "for every share they own"
_EACH_SHARE = re.compile(r"^\W*(?:in (?:cash|stock)\W*)?(?:for|per) (?:each|every)(?: (?:of )?(?:their|its|your|his|her))? (?:\w+ )?shares?\b",
                         re.IGNORECASE)


def price_received(frame: Frame, fig: Figure, lexicon: Lexicon) -> ClaimType | None:
    """The share price `fig` is when it is what a holder receives for each share ("will receive
    $24 in cash for each of their shares") or what each share receives ("each outstanding share
    will receive $25.00 in cash"); None otherwise (a sum received by a seller)."""
    verb = frame.anchor
    if frame.how != "object" or verb is None or lemma(verb) not in _RECEIVING or fig.kind not in ("money", "price") \
            or SCALED.search(fig.text) or abs(fig.value) >= 10_000:
        return None
    doc, span = verb.doc, frame.figure
    after = doc[span.end:min(span.end + 10, span.sent.end)].text
    holder = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if holder is None and verb.dep_ in ("acl", "xcomp"):       # "converted into the right to receive $25.00"
        owner = next((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX")), None)
        holder = next((c for c in owner.children if c.dep_ in ("nsubj", "nsubjpass")), None) if owner is not None else None
    each = holder is not None and lemma(holder) in SHARE_NOUNS and any(c.lower_ in ("each", "every") for c in holder.children)
    return lexicon.metric("share_price", fig) if each or _EACH_SHARE.search(after) else None
