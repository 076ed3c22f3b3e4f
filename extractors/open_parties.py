"""Whose an open claim's figure is (issue 17): the possessor of what it measures, a name
compounded with it, its "of"/"at"/"for", the doer of the verb it depends on, the party the noun
stands for; a company's board speaks for the company; the one company a sentence is about.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from claimtrack.extractors import roles
from claimtrack.extractors.frames import lemma
from claimtrack.extractors.references import ORGAN_NAME, Party, References
from claimtrack.extractors.reported import reporting_verb, speaker_party

# where shares trade, not whose figures they are: "listed on the London Stock Exchange"
VENUE = re.compile(r"(?:\bexchange|^nasdaq|^nyse)$", re.IGNORECASE)
PARTY_KINDS = ("company", "org", "government", "product", "person", "description")
SHARES = {"share", "stock", "shares", "stocks"}
_OPINING = {"say", "think", "expect", "estimate", "reiterate", "see", "believe", "forecast", "predict", "tell", "write",
            "note", "argue", "warn", "add", "report", "rate", "project"}


def whose(noun: Token, refs: References, verb: Token | None = None) -> Party | None:
    """Whose a measured noun is: its possessor ("Tesla's market value", "its rate"), a name
    compounded with it ("Intel shares"), 'of'/'at'/'for' ("employees at Ford"), the party the
    noun is ("the company's"), else who does the verb it depends on."""
    found = roles.owner(noun, refs) or _owed_by(noun, refs)
    if found is None and verb is not None and noun.dep_ == "dobj" and lemma(verb) not in ("be", "have"):
        found = roles.agent(verb, refs)               # "SoftBank sold 32.1 million Nvidia shares": the seller's
    if found is None:
        name = next((c for c in noun.children if (c.dep_ in ("compound", "nmod") or c.dep_ == "amod" and c.ent_type_ == "ORG")
                     and refs.mention_at(c) is not None), None)     # "Meta shares", Meta parsed as an adjective
        found = refs.party(name) if name is not None else None
    if found is None:
        found = roles.prep_party(noun, ("of", "at", "for", "in") if lemma(noun) in SHARES else ("of", "at", "for"), refs)
    if found is None and noun.dep_ in ("dobj", "attr", "oprd", "nsubjpass") and verb is not None:
        found = roles.agent(verb, refs) or _organ_acting(verb, refs)
    if found is None and noun.dep_ == "pobj" and noun.head.head.pos_ in ("VERB", "AUX"):
        found = roles.agent(noun.head.head, refs)
    if found is None and (saying := reporting_verb(noun)) is not None and not any(c.dep_ == "det" for c in noun.children):
        found = speaker_party(saying, refs)           # "Nebius said capital expenditures jumped to $955.5 million"
    if found is None:
        found = refs.party(noun)                      # "the company's", "the chipmaker"
    if found is None and lemma(noun) in SHARES and (any(c.dep_ == "det" for c in noun.children) or not any(
            c.dep_ in ("prep", "amod", "nmod", "poss", "compound") for c in noun.children) and not _in_a_market(noun)):
        found = refs.salient(noun, kinds=("company", "org"))     # "the stock jumped 25%", "shares dropped 3%
                                                                 # after the company reported": the company spoken of
    return found if found is not None and found.kind in PARTY_KINDS and not VENUE.search(found.name) else None


def named_owner(noun: Token, refs: References) -> Party | None:
    """The noun's owner where the text names it ("Kenvue's adjusted EBITDA"), not through a
    pronoun ("its 90-day average"), whose antecedent a figure's terms often do not share."""
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children):
        return None
    return roles.owner(noun, refs)


def made_by(counted: Token, refs: References) -> bool:
    """Goods counted under their maker's name ("65 Boeing 777-9 aircraft", "Nvidia GPUs"): the
    maker names what they are, whoever orders, holds or deploys them."""
    return any(c.dep_ in ("compound", "nmod") and c.i < counted.i and refs.mention_at(c) is not None
               for c in counted.children)


def _in_a_market(noun: Token) -> bool:
    """"shares fell 2% in Tokyo": a market's shares, no company's."""
    return any(c.dep_ == "prep" and c.lower_ in ("in", "across", "on") and
               any(g.ent_type_ in ("GPE", "LOC") for g in c.subtree) for c in noun.head.children)


def _owed_by(noun: Token, refs: References) -> Party | None:
    """Who owes what a noun names: "a $351 million termination fee payable by Dayforce"."""
    for c in noun.children:
        if c.dep_ in ("amod", "acl") and c.lower_ in ("payable", "owed", "due"):
            return roles.prep_party(c, ("by",), refs)
    return None


# a company's organs, which act for it: "the Board intends to authorize a special dividend"
_ORGAN_NOUNS = {"board", "director", "management", "directors"}


def _organ_acting(verb: Token, refs: References) -> Party | None:
    """The company whose board does `verb` when no name says whose ("Intel said the board
    raised the dividend to $0.80"): the company the passage is about, up to that word."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or lemma(subj) not in _ORGAN_NOUNS or refs.party(subj) is not None:
        return None
    return refs.salient(subj, kinds=("company", "org"), topical=True)


def for_organ(party: Party, at: Token, refs: References) -> Party:
    """The company whose board or management a party is ("The company's Board of Directors
    declared a quarterly cash dividend"), else the party itself."""
    if not ORGAN_NAME.match(party.name):
        return party
    return refs.salient(at, kinds=("company", "org"), exclude=frozenset({party.name}), topical=True) or party


def sole_party(token: Token, refs: References) -> Party | None:
    """The one company its sentence names, for a measure no phrase ties to a party ("Free cash
    flow of $36.2 billion in 2024" in a sentence on ExxonMobil); none when it names several."""
    sent = token.sent
    named = {m.party: m for m in refs.mentions if sent.start_char <= m.start and m.end <= sent.end_char
             and m.kind in ("company", "org") and id(m) not in refs.sources and not VENUE.search(m.party)}
    if len(named) != 1:
        return None
    (name, mention), = named.items()
    root = sent.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or lemma(root) in _OPINING or not \
            subject.left_edge.idx <= mention.start < subject.right_edge.idx + len(subject.right_edge):
        return None                                   # only the party the sentence is about, not one it cites
    return Party(name, mention)


def only_party(token: Token, refs: References) -> Party | None:
    """The one party its sentence names at all, a company, where the parse gives the verb no
    subject ("Aramco last tapped debt markets in September, raising $3bn", parsed with no
    clause for "Aramco"); none when it names anyone else too."""
    sent = token.sent
    named = {m.party: m for m in refs.mentions if sent.start_char <= m.start and m.end <= sent.end_char
             and id(m) not in refs.sources and not VENUE.search(m.party)}
    if len(named) != 1:
        return None
    (name, mention), = named.items()
    return Party(name, mention) if mention.kind in ("company", "org") else None


def spoken_of(token: Token, refs: References) -> Party | None:
    """The company a passage is about, for a measure in a sentence that names no party at all
    ("Free cash flow of $36.2 billion in 2024 covered $36 billion in shareholder
    distributions", after sentences on ExxonMobil); none when the sentence names anyone."""
    sent = token.sent
    if any(sent.start_char <= m.start and m.end <= sent.end_char for m in refs.mentions):
        return None
    return refs.salient(token, kinds=("company", "org"), topical=True)


def moved_to(verb: Token, refs: References) -> Party | None:
    """The company whose shares moved to a price ("Intel gained about 2% to $24.80"): the verb's
    subject, when it is a company (an amount in millions a company "grew to" is no price)."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    party = refs.party(subj) if subj is not None else None
    return party if party is not None and party.kind in ("company", "org", "description") else None
