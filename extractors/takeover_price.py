"""What a takeover's value tells of its price: the value a deal puts on its target, or the
enterprise or equity value a company is bought or sold "for", is also the price its buyer pays
("Google agreed to buy Wiz in a deal valuing it at $32 billion", "agreed to sell a majority
stake in its coatings business to Carlyle for an enterprise value of EUR 7.7 billion")."""
from __future__ import annotations

from spacy.tokens import Span, Token

from claimtrack.extractors import roles
from claimtrack.extractors.bidders import offer_maker
from claimtrack.extractors.claim_context import Context
from claimtrack.extractors.claim_words import ACQUIRING_VERBS, OFFERS, PROCURED, ROUND_NOUNS, STAKE_NOUNS, WHOLE_OF
from claimtrack.extractors.config import ClaimType
from claimtrack.extractors.figures import Figure
from claimtrack.extractors.frames import Frame, figure_root, figure_span, lemma
from claimtrack.extractors.lexicon import Lexicon
from claimtrack.extractors.names import one_company
from claimtrack.extractors.references import References
from claimtrack.extractors.takeover_parties import SELLING, acquisition_told

TAKEOVER_NOUNS = {"deal", "agreement", "transaction", "acquisition", "takeover", "buyout", "merger", "offer", "bid", "term"}
BUYING = ACQUIRING_VERBS
# verbs a takeover's unowned value hangs on: "representing an equity value of $10 billion", and
# the verbs of the takeover itself ("will acquire all of Chart's shares for $210 each, equivalent
# to a total enterprise value of $13.6 billion", "pay $35 a share in a deal with a $6.4 billion
# enterprise value")
PRICE_TELLING = {"represent", "imply", "equal", "pay", "offer"} | BUYING
# verbs by which a deal holds or is given a value: "The deal represents an enterprise value of",
# "The transaction has an enterprise value of", "giving the transaction an enterprise value of"
_IMPLYING = {"represent", "imply", "equal"}
_HOLDING_VALUE = {"represent", "have", "carry", "imply", "give", "assign", "reflect"}


def price_of_takeover(ct: ClaimType, verb: Token | None, valued: str | None, refs: References,
                      lexicon: Lexicon, fig: Figure, ctx: Context,
                      frame_verb: Token | None = None) -> tuple[ClaimType, str, str | None] | None:
    """"Google agreed to buy Wiz in a deal valuing it at $32 billion", "The buyout values EA at
    $55 billion" after the takeover was told: the value a takeover puts on its target is also
    the price its buyer pays (acquisition_price type, buyer, target if named). So is the equity
    value a takeover's price represents ("agreed to pay $11.45 a share for Walgreens, representing an
    equity value of $10 billion")."""
    if ct.metric in ("valuation", "market_cap") and (held := deal_holds_value(verb or frame_verb, refs, ctx)) is not None:
        price = lexicon.metric("acquisition_price", fig)
        return (price, *held) if price is not None else None
    if ct.metric == "valuation" and verb is not None and lemma(verb) in _IMPLYING and price_told_by_offer(verb, valued, refs):
        price = lexicon.metric("acquisition_price", fig)       # "Permira upped its offer to $46.50 per share, representing a valuation of"
        target = ctx.by_family["deal"][1] if ctx.family_metric.get("deal") == "acquisition_price" else None
        return (price, valued, target) if price is not None else None
    if ct.metric == "valuation" and verb is not None and lemma(verb) in PRICE_TELLING:
        told, price = acquisition_told(verb.sent, refs), lexicon.metric("acquisition_price", fig)
        # (a target valued by a clause "implying" a value is the one bought; bought "for a valuation
        # of" it may be a stake's, the value of the whole)
        if valued is None or lemma(verb) in _IMPLYING and told and one_company(told[1].name, valued):
            return (price, told[0].name, told[1].name) if told and told[0] and price else None
    if ct.metric == "valuation" and verb is None and frame_verb is None:
        verb = _deal_done_at_value(fig, refs)     # "to acquire Bridge in a transaction with an equity value of"
    if ct.metric == "valuation" and verb is not None and lemma(verb) in BUYING | SELLING \
            and paid_as_value(fig, verb):
        # "is buying Colonial for an enterprise value of about $9 billion": the value paid is the price
        told, price = acquisition_told(verb.sent, refs), lexicon.metric("acquisition_price", fig)
        if told is None and price is not None and lemma(verb) in SELLING and \
                (buyer := _buyer_of_control(verb, refs)) is not None:
            return price, buyer, None       # "to sell a majority stake in its coatings business to Carlyle for an enterprise value of"
        # (a business sold: its price, whichever company the value was read of)
        return (price, told[0].name, told[1].name) if told and told[0] and price and \
            (valued in (None, told[1].name) or lemma(verb) in SELLING) else None
    if ct.metric != "valuation" or verb is None or lemma(verb) != "value":
        return None
    valued = valued or _described_target(verb, refs)
    if valued is None:
        return None
    deal = verb.head if verb.dep_ in ("acl", "relcl") else next(
        (c for c in verb.children if c.dep_ == "nsubj" or c.dep_ == "compound" and c.i < verb.i), None)
    if verb.dep_ == "advcl" and (lemma(verb.head) in BUYING | {"pay"} or lemma(verb.head) == "take" and taken_over(verb.head)):
        deal = verb.head        # "agreed to buy Wiz in a deal valuing it at", "will pay $210 a share for EA, valuing it at"
    elif verb.dep_ == "advcl" and deal is None:     # "unveiled an enhanced bid for Assura, valuing the company at"
        deal = next((c for c in verb.head.children if c.dep_ == "dobj" and lemma(c) in TAKEOVER_NOUNS), None)
    elif verb.dep_ == "acl" and (bid := _bid_above(deal)) is not None:
        deal = bid              # "its takeover bid for rival Banco Sabadell, valued at": the bid's value, hung on its target
    if deal is None or lemma(deal) not in TAKEOVER_NOUNS | BUYING | {"pay", "take"}:
        return None
    told = acquisition_told(verb.sent, refs)
    buyer = told[0].name if told is not None and told[0] is not None and one_company(told[1].name, valued) else None
    if buyer is None and ctx.family_metric.get("deal") == "acquisition_price" and one_company(ctx.by_family["deal"][1], valued):
        buyer = ctx.by_family["deal"][0]        # the takeover told in a sentence before
    if buyer is None and lemma(deal) in OFFERS and (maker := offer_maker(deal, refs)) is not None and \
            not one_company(maker.name, valued):
        buyer = maker.name                      # "The Comcast offer values Sky at 29.7 billion pounds": its maker's price
    price = lexicon.metric("acquisition_price", fig)
    return (price, buyer, valued) if buyer is not None and price is not None and not part_bought(verb.sent) else None


def price_told_by_offer(verb: Token, valued: str | None, refs: References) -> bool:
    """Whether the company read as valued by an "implying" clause is the maker of the offer the
    clause hangs on ("Permira upped its offer to $46.50 per share, representing a valuation of
    around $7.2 billion"): a bidder's offer values its target, so the value is the bidder's price."""
    if valued is None or verb.dep_ not in ("advcl", "acl", "conj"):
        return False
    offer = next((c for c in verb.head.children if c.dep_ in ("dobj", "nsubj") and lemma(c) in OFFERS), None)
    if offer is None and lemma(verb.head) in OFFERS:
        offer = verb.head
    maker = offer_maker(offer, refs) if offer is not None else None
    return maker is not None and one_company(maker.name, valued)


def _bid_above(target: Token) -> Token | None:
    """The takeover noun a target's phrase hangs on: "bid for rival Banco Sabadell", "bid for the
    entirety of Warner Bros. Discovery"."""
    cur = target
    for _ in range(2):
        if cur.dep_ != "pobj" or cur.head.lower_ not in ("for", "of"):
            return None
        cur = cur.head.head
        if lemma(cur) in TAKEOVER_NOUNS:
            return cur
        if lemma(cur) not in WHOLE_OF:
            return None
    return None


def taken_over(take: Token) -> bool:
    """Whether "take" is a takeover: "taken over by Advent" (not "taken private by a group of
    investors including X", whose valuing clause is no one member's price)."""
    return any(c.lower_ == "over" and c.dep_ == "prt" for c in take.children)


def part_bought(sent: Span) -> bool:
    """Whether a sentence tells a part of the company bought ("this transaction values the club
    at €2.5bn, with Apollo planning to purchase about 55% of shares"): the value is of the whole,
    not the price of the part."""
    for t in sent:
        if t.pos_ == "VERB" and lemma(t) in BUYING:
            bought = next((c for c in t.children if c.dep_ == "dobj"), None)
            if bought is not None and (lemma(bought) in ("%", "percent") or lemma(bought) in STAKE_NOUNS and not any(
                    c.lower_ in ("entire", "full", "whole") for c in bought.children)):
                share = next((c for c in bought.subtree if c.like_num), None)
                if share is None or share.text != "100":      # (not "100% of the shares": the whole)
                    return True
    return False


def paid_as_value(fig: Figure, verb: Token) -> bool:
    """Whether `fig` is the enterprise or equity value a deal is done "for": "buying X for an
    enterprise value of $9 billion", "to sell X to Y for an equity value of £1.8 billion", "for an
    initial transaction value of $311 million"."""
    span = figure_span(verb.doc, fig.start, fig.end)
    if span is None:
        return False
    of = figure_root(span).head
    noun = of.head if of.lower_ == "of" else None
    # ("purchase the Celtics for a valuation of $6.1 billion" may be a stake's: the value of the whole)
    return noun is not None and noun.lemma_ == "value" and noun.dep_ == "pobj" and noun.head.lower_ in ("for", "at", "with") \
        and (done := _done_at(noun)) is not None and done.i == verb.i and any(c.lower_ in ("enterprise", "equity", "transaction", "deal") for c in noun.children)


def _done_at(value: Token) -> Token | None:
    """The verb a deal is done by at the value it has: "buy X for (or at) an enterprise value of",
    "acquire X in a transaction with an equity value of"."""
    by = value.head
    if by.lower_ == "with" and lemma(by.head) in TAKEOVER_NOUNS and by.head.dep_ == "pobj" and by.head.head.lower_ == "in":
        by = by.head.head        # the "in" of "in a transaction with"
    return by.head if by.lower_ in ("for", "at", "in", "with") and by.head.pos_ == "VERB" else None


def _deal_done_at_value(fig: Figure, refs: References) -> Token | None:
    """The buying verb of a value noun the figure sizes, if the deal is done at it ("will acquire the
    whisky business at an enterprise value of 412.6 million euros")."""
    span = figure_span(refs.doc, fig.start, fig.end)
    if span is None:
        return None
    of = figure_root(span).head
    return _done_at(of.head) if of.lower_ == "of" and of.head.dep_ == "pobj" else None


def _buyer_of_control(sell: Token, refs: References) -> str | None:
    """Whom a seller sells a business, or control of one, to ("sell its fibers business to Arclin",
    "sell a majority stake in its coatings unit to Carlyle"); None for a minority stake, which
    is the buyer's investment, not a takeover."""
    sold = next((c for c in sell.children if c.dep_ == "dobj"), None)
    if sold is None or lemma(sold) in STAKE_NOUNS and not any(lemma(c) in ("majority", "controlling") for c in sold.children):
        return None
    buyer = roles.prep_party(sell, ("to",), refs) or roles.prep_party(sold, ("to",), refs)
    return buyer.name if buyer is not None and buyer.kind in ("company", "org", "government", "person") else None


def deal_holds_value(verb: Token | None, refs: References, ctx: Context) -> tuple[str, str] | None:
    """(buyer, target) when a takeover noun holds the value the verb tells ("The deal represents an
    enterprise value of around $3.1 billion", "The transaction has an enterprise value of", "giving
    the transaction an enterprise value of") and the takeover is told, in this sentence or before."""
    if verb is None or lemma(verb) not in _HOLDING_VALUE or not any(
            c.dep_ in ("nsubj", "dative") and lemma(c) in TAKEOVER_NOUNS for c in verb.children):
        return None
    told = acquisition_told(verb.sent, refs)
    if told is not None:
        return (told[0].name, told[1].name) if told[0] is not None else None
    if ctx.family_metric.get("deal") == "acquisition_price" and all(ctx.by_family["deal"]):
        return ctx.by_family["deal"][0], ctx.by_family["deal"][1]
    return None


_NOT_THE_TARGET = {"combined", "merged", "enlarged", "new"}       # "valuing the combined company at": not what is bought


def _described_target(verb: Token, refs: References) -> str | None:
    """The company a takeover's deal values under a description no list knows ("offered to buy Domain in
    a deal valuing the property portal at A$2.65 billion"): the one the sentence tells taken over."""
    valued = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if valued is None or valued.pos_ != "NOUN" or lemma(valued) in STAKE_NOUNS or refs.party(valued) is not None \
            or any(c.lower_ in _NOT_THE_TARGET for c in valued.children):
        return None
    told = acquisition_told(verb.sent, refs)
    return told[1].name if told is not None and told[0] is not None else None


def deal_values_described(frame: Frame, fig: Figure, lexicon: Lexicon) -> ClaimType | None:
    """The valuation a takeover's deal puts on a thing described by no word the lexicon knows ("offered
    to buy Domain in a deal valuing the property portal at A$2.65 billion"), its target."""
    verb, thing = frame.verb, frame.anchor
    if frame.how != "valued" or verb is None or thing is None or lemma(verb) != "value" or thing.dep_ != "dobj" \
            or thing.pos_ != "NOUN" or lemma(thing) in STAKE_NOUNS:
        return None
    if not (verb.dep_ in ("acl", "relcl") and lemma(verb.head) in TAKEOVER_NOUNS
            or verb.dep_ == "advcl" and lemma(verb.head) in BUYING):
        return None
    return lexicon.metric("valuation", fig)


# what a deal or a round is, when it values something: "The round values the startup at"
_VALUERS = TAKEOVER_NOUNS | ROUND_NOUNS | {"sale", "purchase"}


def valued_by_deal(frame: Frame, fig: Figure, lexicon: Lexicon) -> ClaimType | None:
    """"The deal values the TenneT German grid at 40 billion euros", "The round values the AI
    startup at $1.5 billion": a deal or round told as the doer values the company it is about,
    told by a description ("the" and a noun no type lists), not its assets or goods."""
    verb, thing = frame.verb, frame.anchor
    if frame.how != "valued" or verb is None or thing is None or lemma(verb) != "value" or thing.dep_ != "dobj" \
            or thing.pos_ != "NOUN" or lemma(thing) in STAKE_NOUNS | PROCURED | _NOT_COMPANIES:
        return None
    doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if doer is None or lemma(doer) not in _VALUERS or not any(c.dep_ == "det" and c.lower_ == "the" for c in thing.children):
        return None
    return lexicon.metric("valuation", fig)


# things a deal values that are no company: "values its assets at", "valued the portfolio at"
_NOT_COMPANIES = {"asset", "inventory", "property", "portfolio", "land", "building", "loan", "debt", "contract",
                  "order", "goods", "collection", "share", "stock", "equity", "deal", "transaction"}
