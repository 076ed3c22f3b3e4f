"""A holding a sentence tells without a figure a claim type takes ("Berkshire bought around
5 million shares of UnitedHealth last quarter", "took a 433 million-share stake in Intel"), so
that "The stake was valued at $1.6 billion" in the next sentence is that holder's stake in that
company."""
from __future__ import annotations

from spacy.tokens import Span

from claimtrack.extractors import roles
from claimtrack.extractors.stake_holders import stake_told
from claimtrack.extractors.claim_words import SHARE_NOUNS, STAKE_NOUNS
from claimtrack.extractors.frames import lemma
from claimtrack.extractors.references import Party, References

# verbs by which a holder comes to hold (or holds) shares of a company
_HOLDING_VERBS = {"buy", "acquire", "purchase", "take", "build", "amass", "accumulate", "own", "hold", "raise",
                  "increase", "lift", "boost", "disclose", "reveal"}
_HELD_NOUNS = (SHARE_NOUNS | STAKE_NOUNS | {"shares"}) - {"equity", "interest", "position", "piece"}


def holding_told(sent: Span, refs: References) -> tuple[Party, Party] | None:
    """(holder, company) of the shares or stake a sentence's verb of buying or holding takes:
    "X bought 5 million shares of Y", "X has acquired 5 million shares in Y", "X bought 4
    million Y shares", "X raised its holding in Y"; else the holder and company of a stake noun
    (`stake_told`); None when the sentence tells none, or the company is not named."""
    for verb in sent:
        if verb.pos_ != "VERB" or lemma(verb) not in _HOLDING_VERBS or roles.is_passive(verb):
            continue
        held = next((c for c in verb.children if c.dep_ == "dobj" and lemma(c) in _HELD_NOUNS), None)
        if held is None:
            continue
        named = next((c for c in held.children if c.dep_ == "compound" and refs.mention_at(c) is not None), None)
        company = roles.prep_party(held, ("of", "in"), refs) or roles.prep_party(verb, ("in",), refs) or \
            (refs.party(named) if named is not None else None)      # "bought 4 million Halden shares"
        holder = roles.agent(verb, refs)
        if company is None or holder is None or holder.name == company.name or \
                company.kind not in ("company", "org"):
            continue
        return holder, company
    return stake_told(sent, refs)       # "the administration took a 433 million-share stake in Intel"
