"""A holder selling a stake: what it raises is the worth of the stake sold, no round of its own,
and the part sold is nobody's holding. "Exor raised about €3 billion after selling a roughly 4%
stake in Ferrari": Exor's own shares were not sold, the €3 billion is the stake's value, and Exor
does not hold 4% of Ferrari (tests/corpus/news/README.md rules both)."""
from __future__ import annotations

from spacy.tokens import Token

from claimtrack.extractors.choice import Choice
from claimtrack.extractors.claim_words import SALE_NOUNS, STAKE_NOUNS
from claimtrack.extractors.config import ClaimType
from claimtrack.extractors.frames import Frame, lemma
from claimtrack.extractors.mention import kind_at
from claimtrack.extractors.takeover_parties import SELLING

_SOLD_BY = SELLING | {"unload", "place"}       # a holder placing or unloading its shares sells them too
_SOLD_STAKES = STAKE_NOUNS - {"equity", "position", "share"}     # (a firm selling its own shares raises a round)


def part_sold(noun: Token) -> bool:
    """A stake a selling verb has as its object, told with "a" or no word before it ("sold a 5%
    stake in X", "sold about 0.8 per cent stake in X"): a part sold, which nobody named holds ("its
    10% stake", what the seller holds, is no part)."""
    return noun.dep_ == "dobj" and lemma(noun) in _SOLD_STAKES and lemma(noun.head) in _SOLD_BY \
        and (any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)
             or not any(c.dep_ in ("det", "poss") for c in noun.children))


_PERCENT_WORDS = {"%", "percent", "cent"}


def percent_sold(figure: Token) -> bool:
    """A part sold told otherwise than "sold a 5% stake" (part_sold), to no buyer named: "plans to
    divest up to 4.83%", "sold around 1.2% of its stake", "is selling 1.1 million shares or 2.8 per
    cent stake", "will offload 18 million shares, representing a 1.95% stake" ("its 30%", "the
    remaining 30%" are what the seller holds)."""
    held = figure
    while held.dep_ in ("nummod", "compound", "pobj", "nmod") and held.head.i != held.i and \
            (lemma(held.head) in _PERCENT_WORDS | _SOLD_STAKES or held.head.lower_ == "per"):
        held = held.head
    if lemma(held) not in _PERCENT_WORDS | _SOLD_STAKES or any(c.dep_ == "poss" for c in held.children) or \
            any(c.dep_ == "det" and c.lower_ not in ("a", "an") for c in held.children):
        return False
    if held.dep_ == "conj" and held.head.dep_ == "dobj" and lemma(held.head) in ("share", "stock"):
        held = held.head            # "1.1 million shares or 2.8 per cent stake"
    elif held.dep_ == "dobj" and lemma(held.head) in ("represent", "equal") and held.head.dep_ in ("advcl", "acl", "relcl"):
        held = held.head.head if held.head.head.dep_ == "dobj" else held.head     # ", representing a 1.95% stake"
    verb = held.head
    if lemma(held) in _SOLD_STAKES and held.dep_ == "dobj":
        return False            # "sold a 5% stake in X (to Y)": part_sold's and the buyer's (stake_holders.sold_to)
    # (a buyer anywhere after it, however parsed: "to sell 20 per cent of Plenitude, its unit, to Ares")
    return held.dep_ in ("dobj", "advcl") and lemma(verb) in _SOLD_BY and not any(
        t.dep_ in ("prep", "dative") and t.lower_ == "to" and t.head.lower_ != "according" and any(g.dep_ == "pobj" and g.pos_ in ("PROPN", "NOUN")
                                                                  for g in t.children)
        for t in held.doc[held.i:held.sent.end])


def stake_sold_beside(verb: Token) -> Token | None:
    """The stake sold in a clause joined to a verb of raising: "raised €3 billion after selling
    a 4% stake in X", "sold its stake in X, raising $1 billion"."""
    near = [c for c in verb.children if c.dep_ in ("advcl", "xcomp", "conj", "pcomp", "csubj")]   # ("Selling X would raise")
    near += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pcomp"]
    if verb.dep_ in ("advcl", "conj", "xcomp"):
        near.append(verb.head)
    for v in near:
        if lemma(v) in _SOLD_BY:
            stake = next((c for c in v.children if c.dep_ == "dobj" and lemma(c) in _SOLD_STAKES), None)
            if stake is not None:
                return stake
        if (stake := _stake_of_sale(v)) is not None:
            return stake
    return None


# nouns of a holder selling: "completed the sale of its 7.3% stake", "its reduction in X ownership"
_SELLING_NOUNS = SALE_NOUNS | {"reduction", "placement"}


def _stake_of_sale(verb: Token) -> Token | None:
    """The stake a sale the verb has as its object sells, also through what the sale is for ("completed
    the sale of its 7.3% stake in X", "completed a bookbuild for the sale of 19 million shares in X",
    "completed its reduction in X ownership"); shares only of another company ("shares in X")."""
    sale = next((c for c in verb.children if c.dep_ == "dobj"), None)
    for _ in range(3):
        if sale is None or lemma(sale) in _SELLING_NOUNS:
            break
        sale = next((g for c in sale.children if c.dep_ == "prep" and c.lower_ in ("for", "of") for g in c.children
                     if g.dep_ == "pobj"), None)          # ("the completion of a bookbuild for the sale of")
    if sale is None or lemma(sale) not in _SELLING_NOUNS:
        return None
    sold = next((g for c in sale.children if c.dep_ == "prep" and c.lower_ in ("of", "in") for g in c.children
                 if g.dep_ == "pobj"), None)
    if sold is None:
        return None
    if lemma(sold) in _SOLD_STAKES | {"ownership"}:
        return sold
    in_other = any(c.dep_ == "prep" and c.lower_ in ("in", "of") for c in sold.children)
    return sold if lemma(sold) in ("share", "stock") and in_other else None


# verbs that tell what a sale brings in: "which will generate around €652 million"
_YIELDING = {"raise", "net", "fetch", "bring", "generate", "yield", "realise", "realize"}


def _sold_by_relative(verb: Token) -> Token | None:
    """The stake a relative clause of yielding is about: "sold a 5% stake in AIB, which will
    generate around 652 million euro" (the clause may hang on the company's name)."""
    if verb.dep_ != "relcl" or not any(c.dep_ == "nsubj" and c.lower_ in ("which", "that") for c in verb.children):
        return None
    noun = verb.head
    if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "of"):
        noun = noun.head.head
    return noun if noun.dep_ == "dobj" and lemma(noun) in _SOLD_STAKES and lemma(noun.head) in _SOLD_BY else None


def proceeds_of_stake(found: list[Choice], stake_value: ClaimType | None, frame=None) -> list[Choice]:
    """Choices of `found`, a round raised by selling a stake read as that stake's worth; with none,
    money a verb of yielding brings in from a stake sold beside it is that worth too."""
    if stake_value is None:
        return found
    anchor = frame.anchor if frame is not None and frame.how == "object" else None
    if not found and anchor is not None and lemma(anchor) in _YIELDING and \
            (sold := stake_sold_beside(anchor) or _sold_by_relative(anchor)) is not None:
        return [Choice(stake_value, frame, sold, sold.head)]
    out = []
    for c in found:
        sold = stake_sold_beside(c.verb) if c.type.metric == "funding_round" and c.verb is not None \
            and (c.noun is None or c.noun.lower_ == "proceeds") else None       # ("generating gross proceeds of")
        if c.type.metric == "funding_round" and person_selling(c.verb):
            out.append(Choice(stake_value, c.frame, c.noun, c.verb))    # "Elon Musk sold $8.5 billion worth of shares"
            continue
        out.append(Choice(stake_value, c.frame, sold, sold.head) if sold is not None else c)
    return out


def person_selling(verb: Token | None) -> bool:
    """Whether a selling verb's subject is a person: a person sells shares held, never a round
    of their own ("Co-founders Vlad Tenev and Baiju Bhatt each sold about $50 million worth of stock")."""
    if verb is None or lemma(verb) not in _SOLD_BY:
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    return kind_at(subj) == "person"


def proceeds_of_sold_stake(frame: Frame, stake_value: ClaimType | None) -> list[Choice]:
    """Money a verb of yielding brings in beside a stake sold ("completed the sale of its 7.3% stake
    in X, generating about £2.55 billion in proceeds"): the worth of the stake sold, read before the
    lexicon, which takes the proceeds of a sale for a deal's terms and makes no claim of them."""
    anchor = frame.anchor if frame.how == "object" else None
    if stake_value is None or anchor is None or lemma(anchor) not in _YIELDING:
        return []
    sold = stake_sold_beside(anchor) or _sold_by_relative(anchor)
    return [Choice(stake_value, frame, sold, anchor)] if sold is not None else []
