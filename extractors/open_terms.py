"""Whose a deal's terms are, for open claims (issue 17): a debt's coupon is its issuer's ("4.450%
Senior Notes due 2027", "at a 4.75 percent coupon", "issued 10-year bonds at 7.5%", "4.500% due
2028"); a premium or discount is the company whose price it is measured against ("a 28% premium
to the stock's Friday close", "a 31% premium to the current price of Splunk's stock", "33% above
its 90-day average"); shares given "for each" share are the exchanged company's exchange ratio.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from claimtrack.extractors import roles
from claimtrack.extractors.figures import Figure
from claimtrack.extractors.frames import figure_root, governing_verb, lemma
from claimtrack.extractors.open_parties import named_owner, whose
from claimtrack.extractors.references import Party, References
from claimtrack.extractors.takeover_parties import acquisition_told

DEBT = {"note", "bond", "debenture", "sukuk", "eurobond", "paper", "coupon", "loan"}
_SHARES = {"share", "stock"}
# what a price is read at: "the stock's Friday close", "its recent trading average"
_PRICE_NOUNS = {"close", "price", "closing", "average", "level", "value", "valuation", "trading"}
_ISSUERS = ("company", "org", "government")
_DUE = re.compile(r"\s+due\s+(?:in\s+)?(?:19|20)\d\d\b")
_PAYING = {"pay", "offer", "bid", "buy", "acquire", "agree", "propose"}
_RECKONED = {"base", "calculate", "measure", "compare"}      # "a premium, based on X's close"


def debt_of(doc: Doc, fig: Figure, span: Span) -> Token | None:
    """The debt noun a percentage is the rate of: the noun it modifies, past the words that
    describe the debt ("4.450% Senior Notes", "a 6.375 percent coupon", "0.00% convertible
    senior notes"), or the object of the verb it is the rate "at" ("issued 10-year dollar bonds
    at 7.5%", "notes maturing in 2035 at 5.375 percent")."""
    if fig.kind != "percent":
        return None
    if _DUE.match(doc.text, fig.end):
        return figure_root(span)              # "$1,750,000,000 4.500% due 2028": a note told by rate and maturity
    for t in doc[span.end:min(len(doc), span.end + 4)]:
        if _is_debt(t):
            return t
        if t.pos_ not in ("ADJ", "PROPN", "NOUN") or t.is_punct:
            break
    root = figure_root(span)
    if root.dep_ == "pobj" and root.head.lower_ == "at" and root.head.head.pos_ in ("VERB", "AUX"):
        verb = root.head.head
        if lemma(verb) in ("mature", "price", "carry", "pay", "yield") and verb.head.pos_ in ("NOUN", "PROPN") \
                and _is_debt(verb.head):
            return verb.head                      # "notes maturing in 2035 at 5.375 percent"
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "nsubj") and _is_debt(c)), None)
        if obj is not None:
            return obj                            # "issued 10-year dollar bonds at 7.5%"
    return None


def _is_debt(t: Token) -> bool:
    """A noun of debt, also capitalised in an instrument's name ("Senior Notes")."""
    return t.pos_ in ("NOUN", "PROPN") and (lemma(t) in DEBT or t.lower_.rstrip("s") in DEBT)


def issuer(debt: Token, refs: References) -> Party | None:
    """Who owes a debt: its possessor ("Meta's bonds"), who issues or sells it, else the company
    the passage is about (a tranche listed in a bond story is its issuer's)."""
    found = roles.owner(debt, refs)
    if found is None:
        verb = governing_verb(debt)
        found = roles.agent(verb, refs) if verb is not None and debt.dep_ in ("dobj", "pobj", "conj", "appos") \
            else None
    if found is None:
        found = refs.salient(debt, kinds=("company", "org"), topical=True)
    return found if found is not None and found.kind in _ISSUERS else None


def priced_against(noun: Token, refs: References) -> Party | None:
    """Whose price a premium or discount is measured against: "a 25% premium to Electronic
    Arts' closing price", "a 32% premium over Juniper's close", "to the stock's Friday close"
    (the company spoken of), "to the current price of Splunk's stock"; else the company a
    takeover told just before buys ("HPE will pay $40 a share, which represents a 32% premium
    over Monday's close")."""
    if lemma(noun) not in ("premium", "discount"):
        return None
    found, phrase = _against_price(noun, refs)
    named = found is not None and found.mention is not None and phrase is not None and \
        phrase.left_edge.idx <= found.mention.start < phrase.right_edge.idx + len(phrase.right_edge)
    if not named and not any(c.dep_ == "poss" for c in noun.children):
        # "a 32% premium over Monday's close" after "HPE agreed to buy Juniper"; "to the company's last
        # close" is the company bought, whichever company a description would stand for; "$13.50 per
        # Playa share, a 40% premium to its last close" is Playa's, whoever offers it
        found = takeover_target(noun, refs) or _shares_named(noun.sent, refs) or found
    return found


def price_gap(span: Span, refs: References) -> tuple[str, Party] | None:
    """A percentage above or below a share price with no "premium" said: "33% above its 90-day
    average", "36.8% above the 90-day volume-weighted average share price" (premium, of the
    company whose price it is, as a premium's party is read; the company merely spoken of is no
    fallback here, it gave wrong claims), "12% below Friday's close" (discount)."""
    root = figure_root(span)
    gap = root.head if root.dep_ == "npadvmod" else None
    if gap is None or gap.lower_ not in ("above", "below", "over", "under"):
        return None
    price = next((c for c in gap.children if c.dep_ == "pobj"), None)
    if price is None or not (lemma(price) in _PRICE_NOUNS | {"vwap"} or any(
            lemma(c) in _PRICE_NOUNS for c in price.children if c.dep_ in ("compound", "amod", "nmod"))):
        return None
    party = named_owner(price, refs) or takeover_target(price, refs) or _shares_named(span.sent, refs) or roles.owner(price, refs)
    return ("premium" if gap.lower_ in ("above", "over") else "discount", party) if party is not None else None


def exchange_ratio(counted: Token, refs: References) -> Party | None:
    """Whose a count of shares given "for each" share is: an exchange ratio of the company
    whose shares are exchanged ("0.344 Omnicom shares for each IPG share": Interpublic's), named
    there, else the company bought ("0.960 of Skyworks stock for each share held")."""
    doc, sent = counted.doc, counted.sent
    for t in sent:
        if t.lower_ in ("each", "every", "per") and t.i != counted.i - 1:
            share = next((g for g in doc[t.i + 1:min(sent.end, t.i + 5)] if lemma(g) in _SHARES), None)
            if share is None or share.i == counted.i:
                continue
            return _issuer_named(share, refs, ("compound", "nmod", "poss", "amod"),
                                 lambda c: refs.mention_at(c) is not None) or takeover_target(share, refs)
    return None


def _shares_named(sent: Span, refs: References) -> Party | None:
    """The company whose shares the sentence names: "per Playa share", "for each Comerica share",
    "100% of Aspen's Class A shares"."""
    for t in sent:
        if lemma(t) in _SHARES and t.tag_ in ("NN", "NNS"):
            party = _issuer_named(t, refs, ("compound", "nmod", "poss"), lambda c: c.pos_ == "PROPN")
            if party is not None:
                return party
    return None


def _issuer_named(share: Token, refs: References, deps: tuple[str, ...], named: Callable[[Token], bool]
                  ) -> Party | None:
    """The company a name before a share noun gives ("Playa share", "Aspen's shares")."""
    for c in share.children:
        party = refs.party(c) if c.dep_ in deps and named(c) else None
        if party is not None and party.kind in _ISSUERS:
            return party
    return None


def takeover_target(noun: Token, refs: References) -> Party | None:
    """The company being bought in a takeover told in the noun's sentence or the three before."""
    sent = noun.sent
    for _ in range(4):
        told = acquisition_told(sent, refs)
        if told is not None:
            return told[1]
        if sent.start == 0:
            return None
        sent = noun.doc[sent.start - 1].sent
    return None


def _against_price(noun: Token, refs: References) -> tuple[Party | None, Token | None]:
    """The owner of the price a premium's "to"/"over" phrase names, and that phrase's preposition."""
    preps = list(noun.children)
    if noun.dep_ == "dobj":               # "represents a 31% premium to ...": the phrase hung on the verb
        preps += [c for c in noun.head.children if c.i > noun.i]
    preps += [g for c in noun.children if c.dep_ == "acl" and lemma(c) in _RECKONED for g in c.children]
    for c in preps:                       # ("based on De Grey's closing share price")
        if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "over", "above", "below", "on", "from"):
            price = next((g for g in c.children if g.dep_ == "pobj"), None)
            if price is None:
                continue
            found = roles.owner(price, refs)
            if found is not None:
                return found, c
            held = [g for g in price.children if g.dep_ == "poss" and lemma(g) in _SHARES]
            held += [p for g in price.children if g.dep_ == "prep" and g.lower_ == "of"
                     for p in g.children if p.dep_ == "pobj" and lemma(p) in _SHARES | _PRICE_NOUNS]
            for shares in held:
                found = roles.owner(shares, refs) or (_listed(shares, refs) if any(
                    c.dep_ == "det" for c in shares.children) else whose(shares, refs))
                if found is not None:
                    return found, c
    return None, None


def not_payer(party: Party | None, noun: Token, refs: References) -> Party | None:
    """A premium's or discount's party unless it is who pays it ("Vista will pay $60 per share,
    a premium of 8% to the stock's closing price" is not Vista's premium); other measures' as they are."""
    if party is None or lemma(noun) not in ("premium", "discount"):
        return party
    root = noun.sent.root
    payer = roles.agent(root, refs) if lemma(root) in _PAYING else None
    return None if payer is not None and payer.name == party.name else party


def _listed(shares: Token, refs: References) -> Party | None:
    """Whose "the stock" is that a premium is measured against: the company spoken of, other
    than the one paying it ("Sycamore will pay $11.45 per share, a premium of 8% to the stock's
    closing price" is Walgreens's stock, not Sycamore's)."""
    root = shares.sent.root
    payer = roles.agent(root, refs) if lemma(root) in _PAYING else None
    return refs.salient(shares, kinds=("company", "org"), exclude=frozenset({payer.name}) if payer else frozenset(),
                        topical=True)


_PENALISING = {"fine", "penalize", "penalise", "sanction"}
_FINED = re.compile(r"^fin(?:e|ed|es|ing)$")       # the model's lemma of "fined" is "fin"


def fined(verb: Token, refs: References) -> Party | None:
    """Who pays a fine: the party a penalising verb is imposed on ("the Commission fined Alphabet
    2.4 billion euros": its indirect object; "Meta was fined 1.2 billion euros": its passive
    subject), never the regulator that fines."""
    if lemma(verb) not in _PENALISING and not _FINED.match(verb.lower_):
        return None
    for c in verb.children:
        if c.dep_ in ("dative", "nsubjpass", "dobj"):
            party = refs.party(c)
            if party is not None and party.kind in _ISSUERS + ("person", "description"):
                return party
    return None


FINES = {"fine", "penalty"}


def fine_payer(noun: Token, refs: References) -> Party | None:
    """Who pays a fine a regulator imposes: its "on"/"against" ("imposed a 500 million euro
    fine on Apple"), or the object of the verb it comes "with" ("hit Alphabet with a 2.95
    billion euro fine"); none when the sentence only says who imposed it."""
    verb = governing_verb(noun)
    heads = [noun] + ([verb] if verb is not None else [])
    for head in heads:
        found = roles.prep_party(head, ("on", "against"), refs)
        if found is not None:
            return found
    if verb is not None and noun.dep_ == "pobj" and noun.head.lower_ == "with":
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
        return refs.party(obj) if obj is not None else None
    return None


def cost_to(verb: Token, refs: References) -> tuple[str, Party] | None:
    """What something costs whom: "the tariffs would cost Ford $1.1 billion" is a cost of Ford's,
    named by what costs ("tariff cost"); its indirect object bears it, not its subject."""
    if lemma(verb) != "cost":
        return None
    bearer = next((c for c in verb.children if c.dep_ == "dative"), None)
    party = refs.party(bearer) if bearer is not None else None
    if party is None or party.kind not in _ISSUERS:
        return None
    cause = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
    return (f"{lemma(cause)} cost" if cause is not None else "cost"), party


def verb_words(verb: Token) -> str:
    """A verb's lemma with its particle, as the metric lexicon holds it ("lay off", "buy back")."""
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    return f"{lemma(verb)} {particle}" if particle else lemma(verb)
