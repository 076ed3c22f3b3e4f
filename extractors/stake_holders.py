"""Who holds a stake a sentence tells: the holder named by "held by" or a clause's subject, the
buyer a stake is sold to, the seller a whole remaining stake is bought from, and whether the stake
told is the seller's own ("sell its 65 per cent stake"). claim_parties.py asks these for stake_pct
and stake_value claims; holding_told.py for a stake told without a figure."""
from __future__ import annotations

from spacy.tokens import Span, Token

from claimtrack.extractors import roles
from claimtrack.extractors.claim_words import RAISING_VERBS, SALE_NOUNS, STAKE_NOUNS, TAKING
from claimtrack.extractors.frames import lemma
from claimtrack.extractors.governments import country_before
from claimtrack.extractors.phrase_words import to_within
from claimtrack.extractors.references import Party, References
from claimtrack.extractors.takeover_parties import SELLING, managed_by


# money one party puts into another, for which it gets a stake
_MONEY_PUT_IN = {"injection", "investment", "infusion", "contribution", "payment"}


def held_by(noun: Token, refs: References) -> Party | None:
    """"a 9.9% stake in Intel held by the United States": the holder a passive clause on the
    stake names, or the subject of the clause a "with a stake of" phrase hangs on, or the name
    before a stake whose company is named after it ("the US stake in Intel")."""
    if lemma(noun) in STAKE_NOUNS and (state := country_before(noun)) is not None:
        return Party(state)         # "the U.S. stake (in Intel)": a country holds, it is not held
    paid = next((a for a in noun.ancestors if a.pos_ == "VERB"), None) if noun.dep_ == "pobj" and noun.head.lower_ == "for" else None
    if lemma(noun) in STAKE_NOUNS and paid is not None and lemma(paid) in RAISING_VERBS and \
            (giver := roles.prep_party(paid, ("from",), refs)) is not None:
        return giver                # "Ore Corp will receive $35.6 million from the DOE for a 10% stake": the giver holds
    money = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "for" else None
    if lemma(noun) in STAKE_NOUNS and money is not None and money.pos_ == "NOUN" and lemma(money) in _MONEY_PUT_IN and \
            (giver := roles.prep_party(money, ("from", "by"), refs) or roles.owner(money, refs)) is not None:
        return giver                # "a 1.16 billion euro cash injection from Tencent for a 26.32 per cent interest"
    held_in = roles.prep_party(noun, ("in",), refs) if lemma(noun) in STAKE_NOUNS else None
    named = next((c for c in noun.children if c.dep_ == "compound" and c.i < noun.i and refs.mention_at(c) is not None),
                 None) if held_in is not None else None
    if named is not None and (holder := refs.party(named)) is not None and holder.name != held_in.name:
        return holder
    if noun.dep_ == "pobj" and noun.head.lower_ == "with" and lemma(noun) in ("stake", "holding", "shareholding"):
        # "makes Nvidia one of Intel's largest shareholders, with a stake of about 4%": the clause's subject
        head = noun.head.head
        made = [g for c in head.children if c.dep_ in ("ccomp", "xcomp", "oprd") for g in c.children if g.dep_ == "nsubj"]
        # "the sale leaves the government with a stake worth £7bn": whom it leaves holds it
        left = [c for c in head.children if c.dep_ in ("dobj", "dative")] if lemma(head) in ("leave", "give", "hand") else []
        if head.dep_ == "pcomp" and any(c.dep_ == "auxpass" for c in head.children):
            # "resulting in the government being left with an 84% stake": the gerund's subject, read as the "in"'s object
            left += [c for c in head.head.children if c.dep_ == "pobj" and c.i < head.i]
        # ("makes X one of ..."; "the largest shareholder is Oh Jun-ho, ..., with a 17.37% stake": who it is)
        for doer in left + [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "attr")] + made:
            found = refs.party(doer)
            if found is not None and found.kind != "description":
                return found
    if (beside := stake_beside(noun, refs)) is not None:
        return beside[0]
    # ("the 45% stake in Worldpay held by FIS": the parse may hang the participle on the company)
    held = next((c for t in (noun, *(g for p in noun.children if p.dep_ == "prep" and p.lower_ in ("in", "of")
                                     for g in p.children if g.dep_ == "pobj"))
                 for c in t.children if c.dep_ == "acl" and lemma(c) in ("hold", "own") and c.tag_ == "VBN"), None)
    by = next((g for c in held.children if c.lower_ == "by" for g in c.children if g.dep_ == "pobj"), None) \
        if held is not None else None
    return refs.party(by) if by is not None else None


def stake_beside(noun: Token, refs: References) -> tuple[Party, Party] | None:
    """"Microsoft owns 27% of OpenAI, a stake worth $135 billion": a stake set beside the company a
    share is of is that share, held by whoever holds it; (holder, company) or None."""
    of = noun.head
    if noun.dep_ != "appos" or lemma(noun) not in STAKE_NOUNS or of.dep_ != "pobj" or of.head.lower_ not in ("of", "in"):
        return None
    company = refs.party(of)
    holding = next((a for a in of.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
    holder = roles.agent(holding, refs) if holding is not None else None
    if company is None or holder is None or holder.name == company.name:
        return None
    return holder, company


def bought_from(held: Token, refs: References) -> Party | None:
    """"acquire the remaining 5% stake in FanDuel from Boyd", "buy the remaining 25% from its Vision
    Fund": a holding bought whole, told with "the", from a named seller is the seller's (a part bought
    from one, "a 15% stake from X", is no one's)."""
    verb = held.head
    if held.dep_ != "dobj" or lemma(verb) not in TAKING or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in held.children):
        return None
    seller = next((g for t in (held, verb) for c in t.children if c.dep_ == "prep" and c.lower_ == "from"
                   for g in c.children if g.dep_ == "pobj"), None)
    if seller is None or not any(refs.mention_at(t) is not None for t in seller.subtree):
        return None             # (a seller by name only: "from its own fund" may be a description of anyone)
    found = refs.party(seller)
    return found if found is not None and found.kind in ("company", "org", "person", "government") else None


def sold_to(noun: Token, refs: References) -> Party | None:
    """"Intel sold a 51% stake in Altera to Silver Lake" (or "to funds managed by" it), "the sale of a
    30% stake in Fiberpass to AXA": who holds a stake sold is its buyer."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and lemma(noun.head.head) in SALE_NOUNS and \
            lemma(noun) in STAKE_NOUNS - {"equity", "position"} and not sellers_own(noun):
        sale = noun.head.head
        found = roles.prep_party(sale, ("to",), refs) or (refs.party(to) if (to := to_within(noun)) is not None else None)
        return found if found is not None and found.kind in ("company", "org", "person", "government") else None
    if noun.dep_ != "dobj" or lemma(noun) not in STAKE_NOUNS - {"equity", "position"} or \
            lemma(noun.head) not in SELLING or sellers_own(noun):
        return None
    return roles.prep_party(noun.head, ("to",), refs) or roles.prep_party(noun, ("to",), refs) or managed_by(noun.head, refs) \
        or (refs.party(to) if (to := to_within(noun)) is not None else None)


def stake_told(sent: Span, refs: References) -> tuple[Party, Party] | None:
    """(holder, company) of a stake a sentence tells without a percentage or value ("the
    administration took a 433 million-share stake in Intel"), so that "the stake was worth $9
    billion" after it is the holder's."""
    for noun in sent:
        if noun.pos_ != "NOUN" or lemma(noun) not in STAKE_NOUNS - {"equity", "position"}:
            continue
        company = roles.prep_party(noun, ("in", "of"), refs)
        holder = held_by(noun, refs) or roles.noun_agent(noun, refs)
        if company is not None and holder is not None and holder.name != company.name:
            return holder, company
    return None


def sellers_own(noun: Token | None) -> bool:
    """"sell its 65 per cent stake in EABL to Asahi": the holding told is the seller's (the
    corpus's rule), where "sell 20 per cent of Plenitude to Ares" tells the buyer's."""
    return noun is not None and any(c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her") for c in noun.children)
