"""Who bids for a company's shares, so that the price per share they pay or offer is never read as
their own shares' price ("Halden said it will pay $12.25 per share to acquire Orrin")."""
from __future__ import annotations

from spacy.tokens import Span, Token

from claimtrack.extractors import roles
from claimtrack.extractors.claim_words import ANSWERING, OFFERS, TAKING
from claimtrack.extractors.frames import lemma
from claimtrack.extractors.phrase_words import bought_back
from claimtrack.extractors.references import Party, References


# verbs of paying for another's shares: their doer bids, its own shares are not priced
# ("X said it will pay $12.25 per share to acquire Y"); not "offer" or "sell", which an issuer does too
_PAYING_FOR = TAKING - {"merge", "take"} | {"pay", "bid"}


def bidders(figure: Span, refs: References) -> set[str]:
    """Who bids or pays the price per share the figure is, whose own shares it is not: the doer of
    a paying verb above it, of a verb whose object is an offer ("made an initial approach at 115
    pence per share", "raised its offer to $60 per share"), the owner of an offer told so far
    ("Advent's offer ... has raised its offer to 40 pounds per share", "a bid from KKR"); none for a buyback."""
    ancestors = list(figure.root.ancestors)[:4]
    if any(a.pos_ == "VERB" and bought_back(a) for a in ancestors):
        return set()            # "a proposal to buy back equity shares ... at a price of 1,800 per share"
    found = {p.name for s in refs.sentences() if s.start <= figure.sent.start for t in s     # (or "a new bid from KKR")
             if t.i < figure.start and t.pos_ == "NOUN" and lemma(t) in OFFERS and (p := _maker(t, refs)) is not None}
    for a in ancestors:         # (not who receives or rejects it: "Guess had received a $13-per-share offer")
        if a.pos_ == "NOUN" and lemma(a) in OFFERS:
            maker = offer_maker(a, refs)
            found |= ({maker.name} if maker is not None else set()) | \
                (_doer(a.head, refs) if a.dep_ == "dobj" and lemma(a.head) not in ANSWERING else set())
        elif a.pos_ == "VERB" and lemma(a) not in ANSWERING and (lemma(a) in _PAYING_FOR or any(
                c.dep_ == "dobj" and lemma(c) in OFFERS for c in a.children)):
            found |= _doer(a, refs)
    return found


def _doer(verb: Token, refs: References) -> set[str]:
    """The named doer of a verb; "they" is left out (investors as often as the company: "they
    disclosed that they paid $84.57 per share")."""
    if any(c.dep_ == "nsubj" and c.lower_ in ("they", "we") for c in verb.children):
        return set()
    doer = roles.agent(verb, refs)
    return {doer.name} if doer is not None else set()


def _maker(offer: Token, refs: References) -> Party | None:
    """Who makes an offer by its name or a pronoun ("Advent's offer", "its bid", "a bid from KKR"),
    not by a description, which may resolve to the company bid for ("the consortium's approach")."""
    by = next((g for c in offer.children if c.dep_ == "prep" and c.lower_ in ("from", "by") for g in c.children
               if g.dep_ == "pobj"), None)
    maker = next((c for c in offer.children if c.dep_ == "poss"), by)
    return refs.party(maker) if maker is not None and maker.pos_ in ("PROPN", "PRON") else None


def offer_maker(offer: Token, refs: References) -> Party | None:
    """Who makes an offer the figure sizes: its possessor ("PPF's offer"), its "from"/"by" phrase,
    or the "by" of a participle on it ("a $13.25-a-share proposal made by New Mountain")."""
    return roles.owner(offer, refs) or roles.prep_party(offer, ("from", "by"), refs) or next(
        (refs.party(g) for c in offer.children if c.dep_ == "acl" for b in c.children
         if b.dep_ in ("agent", "prep") and b.lower_ == "by" for g in b.children if g.dep_ == "pobj"), None)
