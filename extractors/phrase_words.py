"""What a noun's or verb's own words point at, read off the parse: the particle of "buy back",
the "of"/"from" phrase of a noun, "take X private", the noun a verb of level measures. Shared by
the noun and verb readings of the lexicon and the party finders."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from claimtrack.extractors.claim_words import SALE_NOUNS, SHARE_NOUNS, STAKE_NOUNS, WHOLE_OF
from claimtrack.extractors.frames import lemma


def figure_word(token: Token) -> bool:
    """Whether a token is a figure's own word ("cent" of "68 per cent", "%", "billion")."""
    return token.like_num or token.ent_type_ in ("PERCENT", "MONEY") or token.lower_ in ("%", "percent", "cent")


def bought_back(verb: Token) -> bool:
    """"buy back", "bought back": the verb and its particle; "buy back and cancel shares" too (not
    "bought back $15 billion of stock and paid $2.5 billion in dividends": a verb with its own object)."""
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB" and verb.head.i != verb.i and bought_back(verb.head) and \
            not any(c.dep_ == "dobj" for c in verb.head.children):
        return True
    if lemma(verb) in ("buy", "purchase", "acquire") and _own_shares(verb):
        return True         # "has acquired around $2 billion of its own shares": the company buys itself back
    # the particle as the parse gives it, or the word after the verb ("buy back equity shares", "back"
    # read as the shares' adjective); "buying" read as a noun too
    after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return (lemma(verb) in ("buy", "purchase") or verb.lower_ in ("buying", "purchasing")) and (any(
        c.lower_ == "back" and c.dep_ in ("prt", "advmod") for c in verb.children) or after is not None and after.lower_ == "back")


def _own_shares(verb: Token) -> bool:
    """Whether what a verb buys is the buyer's own stock: "its own shares", "its own titles"."""
    bought = [c for c in verb.children if c.dep_ == "dobj"] + \
        [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    bought += [g for b in bought for c in b.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
               if g.dep_ == "pobj"]             # "$2 billion of its own shares"
    return any(lemma(b) in ("share", "stock", "title", "equity") and any(c.lower_ == "own" for c in b.children)
               for b in bought)


def of_object(noun: Token) -> Token | None:
    """What an "of" phrase on `noun` names: "a purchase *of Intel shares*"."""
    return next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                 if g.dep_ == "pobj"), None)


def past_rate(token: Token | None) -> Token | None:
    """The noun an "of" phrase names past a rate the parse took for its object: "amount of
    4.450% Senior Notes" hangs "Notes" on the "%"."""
    if token is None or token.text != "%":
        return token
    return next((c for c in token.children if c.dep_ in ("appos", "conj") and c.pos_ in ("NOUN", "PROPN")), token)


def with_modifiers(noun: Token, deps: tuple[str, ...]) -> str:
    """A noun with the modifiers of these kinds before it, as written: "private credit",
    "buyback authorization" (noun_phrase_lemma takes compounds only, lemmatised)."""
    return " ".join([*(c.lower_ for c in noun.children if c.dep_ in deps and c.i < noun.i), noun.lower_])


def of_party(noun: Token, is_party) -> Token | None:
    """The named party of an "of" phrase on `noun`: "its purchase *of Ampere Computing*"."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            # (or a name the tagger took for a common noun: "purchase of VMware parent EMC")
            if obj is not None and is_party(obj) and (obj.pos_ == "PROPN" or obj.ent_type_ == "ORG" and obj.text[:1].isupper()):
                return obj
    return None


def from_party(noun: Token, is_party, after: int = -1) -> Token | None:
    """The party of a "from" (or "by") phrase on `noun`; the first after token `after` when given
    ("received $2 billion from SoftBank and $5.7 billion from the government")."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("from", "by") and c.i > after:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and is_party(obj):
                return obj
    return None


def taken_private(verb: Token) -> bool:
    """"take X private", "go private": the parse may hang "private" on the company taken ("take
    the struggling drugstore chain private", "private" an adjective of "chain")."""
    if lemma(verb) not in ("take", "go"):
        return False
    return any(c.lower_ == "private" for c in verb.children) or any(
        g.lower_ == "private" and g.i > c.i for c in verb.children if c.dep_ == "dobj" for g in c.children)


RELATIVE_WORDS = {"which", "that"}


def level_measured(verb: Token) -> Token | None:
    """What a verb of level measures ("revenue rose to $X", "lifted its valuation to $X"): its
    object, else its subject; the noun the parse hangs the verb on when it gives it no subject
    ("X's market value climbed by $30 billion to $210 billion", "its market capitalization,
    which rose to $210 billion")."""
    # (not the change the parse made the object: "soared as much as 68 per cent to $108")
    measured = next((c for c in verb.children if c.dep_ == "dobj" and not figure_word(c)), None) or \
        next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ == "NOUN" and \
            (measured is None or measured.lower_ in RELATIVE_WORDS and verb.dep_ == "relcl"):
        return verb.head
    return measured


def to_party(verb: Token, is_party) -> Token | None:
    """Whom a verb of selling sells to: "sold a 10% stake to the U.S. government" (the parse may
    hang "to" on what is sold)."""
    sold = [c for c in verb.children if c.dep_ == "dobj"]
    return next((g for c in (*verb.children, *(d for s in sold for d in s.children)) if c.dep_ in ("prep", "dative")
                 and c.lower_ == "to" for g in c.children if g.dep_ == "pobj" and is_party(g)), None) or \
        next((g for s in sold if (g := to_within(s)) is not None and is_party(g)), None)


def to_within(sold: Token) -> Token | None:
    """The party a "to" phrase inside what is sold names, where the parse hangs it on the last
    noun of that phrase ("sell a 49.9% stake in Terrion LP and its general partner to La Caisse"):
    the buyer, when no verb stands between."""
    for t in sold.subtree:
        if t.dep_ != "prep" or t.lower_ != "to" or t.i < sold.i:
            continue
        path = [a for a in t.ancestors if a.i != sold.i and sold.i in {b.i for b in a.ancestors}]
        if any(a.pos_ in ("VERB", "AUX") for a in path):
            continue
        return next((g for g in t.children if g.dep_ == "pobj"), None)
    return None


def into_stake(verb: Token | None) -> bool:
    """"converted $8.9 billion of grants into a 9.9% stake": money turned into equity is invested."""
    return verb is not None and lemma(verb) in ("convert", "swap", "exchange", "turn") and any(
        c.dep_ == "prep" and c.lower_ == "into" and any(lemma(g) in STAKE_NOUNS | SHARE_NOUNS for g in c.children)
        for c in verb.children)


def raised_by(verb: Token) -> Token | None:
    """What a verb of raising raises by, when its own phrase does not say: the thing its subject
    names ("the bond sale raised $25 billion", "the notes, which ..., raised $2 billion"), else the
    object of the act whose clause it completes ("sold bonds on Thursday, raising $30 billion",
    "last sold bonds in 2017, when it raised $17 billion", "returned to the bond market to raise")."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.pos_ != "PRON":
        return subject if subject.pos_ == "NOUN" else None
    cur = verb
    for _ in range(3):
        if cur.dep_ not in ("advcl", "relcl", "conj", "pobj", "prep", "xcomp") or cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ == "VERB":
            return next((c for c in cur.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None) or next(
                (g for c in cur.children if c.dep_ == "prep" and c.lower_ in ("to", "into") for g in c.children
                 if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
    return None


# nouns of a part of a programme or an issue: "the third tranche of $1.3 billion of the buy-back programme"
PIECES = {"tranche", "portion", "installment", "instalment", "phase", "leg"}


def piece_of(noun: Token) -> Token | None:
    """The whole a piece is of, past the figure that sizes the piece: "the third tranche of up to
    USD 1,265 million of the share buy-back programme" -> programme."""
    cur = noun
    for _ in range(3):
        of = next((g for c in cur.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                   if g.dep_ == "pobj"), None)
        if of is None:
            return None
        if not (of.like_num or of.ent_type_ in ("MONEY", "PERCENT")):
            return of
        cur = of
    return None


def in_pieces(noun: Token) -> bool:
    """Whether an "in" phrase counts the pieces money comes in, naming no kind: "will invest $1.7
    billion in two tranches" (not "$2.5 billion in two tranches of bonds")."""
    return lemma(noun) in PIECES | {"part", "stage"} and noun.tag_ == "NNS" and noun.head.lower_ == "in" and \
        any(c.dep_ == "nummod" for c in noun.children) and not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)


def phrase_of(noun: Token) -> str:
    """A noun's phrase as a claim type's nouns spell it: "the share buy-back programme" ->
    "share buyback programme"."""
    words = noun.doc[noun.left_edge.i:noun.i + 1]
    text = " ".join(t.lower_ for t in words if t.dep_ != "det" and not t.like_num).replace(" - ", "-")
    return re.sub(r"\bbuy[- ]?back", "buyback", text)


def whole_bought(target: Token) -> Token:
    """What a buyer takes the whole of, control of, or most of the assets of: "to buy all of
    Schroders", "to take control of Thames Water" (the parse may hang "of" on the verb), "for most
    of the assets of First Republic"; else `target` itself."""
    if target.lower_ in WHOLE_OF | {"most", "bulk", "majority"} or lemma(target) == "control":
        target = next((g for c in (*target.children, *target.head.children) if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj"), target)
    if lemma(target) == "asset":        # "for most of the assets of the San Francisco-based bank": the bank's
        return next((g for c in target.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"), None) or \
            next((c for c in target.children if c.dep_ == "poss"), target)
    return target


def past_percent(token: Token) -> Token:
    """The noun a percentage is of ("sold around 1.2% of its direct stake": the stake); else `token`."""
    return (of_object(token) or token) if token.text == "%" else token


def business_sold_to(noun: Token, is_party) -> bool:
    """"completed the sale of its Rwandan operations to Paradigm for $274.5 million", "a $4.05
    billion divestiture to Apollo": a sale to a named buyer, of no shares or notes (a round or a
    debt), prices the buyer's purchase."""
    on = [*noun.children, *(noun.head.children if noun.dep_ == "dobj" else ())]    # ("to" hung on "completed")
    return lemma(noun) in SALE_NOUNS and any(
        c.dep_ == "prep" and c.lower_ == "to" and any(g.dep_ == "pobj" and is_party(g) for g in c.children)
        for c in on) and not any(lemma(t) in SHARE_NOUNS | {"note", "bond", "stake"} for t in noun.subtree)


_BUYING_HOLDINGS = {"buy", "acquire", "purchase", "pick", "snap", "subscribe"}


def holding_worth(thing: Token, figure: Span) -> str:
    """The type of the money a holding is "worth": the price of a purchase when a verb of buying takes
    the holding and the worth follows it straight ("had acquired a stake worth Rs 1,074 crore in X",
    "acquiring shares worth $223 million": an investment), else the holding's value ("a stake in X
    worth $4bn", "shares now worth $9bn", "holds shares worth")."""
    if thing.dep_ != "dobj" or lemma(thing.head) not in _BUYING_HOLDINGS or thing.i > figure.start:
        return "stake_value"
    between = thing.doc[thing.i + 1:figure.start]
    told_apart = any(t.dep_ == "prep" and t.head.i == thing.i or t.lower_ in ("now", "currently", "today") for t in between)
    return "stake_value" if told_apart else "investment"
