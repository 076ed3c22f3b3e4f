"""Who takes part in a takeover: the buyer and the company a sentence tells taken over (with or
without its price), the company whose shares are all bought, every party of the group a deal's
act is done by, the buyer of a business sold, and the company a bidder bids for."""
from __future__ import annotations

from spacy.tokens import Span, Token

from claimtrack.extractors import roles
from claimtrack.extractors.bidders import bidders, offer_maker
from claimtrack.extractors.claim_words import (ANSWERING, BUSINESS_NOUNS, DEAL_NOUNS, OFFERS, SALE_NOUNS, SHARE_NOUNS,
                                              STAKE_NOUNS, TAKEOVERS, TAKING, WHOLE_OF)
from claimtrack.extractors.choice import Choice
from claimtrack.extractors.claim_context import Context
from claimtrack.extractors.frames import governing_verb, lemma
from claimtrack.extractors.listed_prices import listing_price
from claimtrack.extractors.phrase_words import bought_back, taken_private, to_within
from claimtrack.extractors.references import Party, References
from claimtrack.extractors.taken_whole import all_shares_of

SELLING = {"sell", "divest", "offload", "dispose", "transfer", "hand", "cede"}    # verbs of selling (handing over) a stake or a business


def co_doers(verb: Token, refs: References) -> set[str]:
    """Every party of the subject a verb's act is done by, up its chain of clauses ("PIF, Silver
    Lake and Affinity will pay $210 a share for EA, valuing the company at": none of the three is
    the company valued)."""
    cur = verb
    for _ in range(4):
        subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.dep_ == "nsubjpass":
            # "Arcadia will be acquired by Silver Lake ..., valuing the company at": the doers are
            # the "by" phrase's, the subject is the one the act is done to
            by = next((c for c in cur.children if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "by"), None)
            return {p.name for t in by.subtree if refs.mention_at(t) is not None and (p := refs.party(t)) is not None} \
                if by is not None else set()
        if subj is not None:
            return {p.name for t in subj.subtree if refs.mention_at(t) is not None and (p := refs.party(t)) is not None}
        if cur.dep_ not in ("advcl", "xcomp", "conj") or cur.head.i == cur.i:
            return set()
        cur = cur.head
    return set()


# the words of a price paid or offered for shares in a takeover, not their market price
_PAID_NOUNS = OFFERS | {"price", "consideration", "buyout", "deal", "takeover", "acquisition", "transaction"}
_DEALING_ACTS = {"agree", "complete", "announce", "launch", "make", "close", "raise", "sweeten", "submit", "table", "unveil"}
_PAYING = TAKING - {"merge"} | {"pay", "offer", "bid", "propose", "table"}   # (not "receive": the seller's)


def acquisition_told(sent: Span, refs: References) -> tuple[Party | None, Party] | None:
    """(buyer, target) of a takeover a sentence tells without a price ("EA agreed to be
    acquired by a group of investors including PIF", "Google agreed to buy Wiz"), so that
    "The deal, valued at $55 billion" later is read as its price."""
    for verb in sent:
        if verb.pos_ == "VERB" and lemma(verb) in ("pay", "offer"):      # "agreed to pay $11.45 a share for Walgreens"
            target = next((refs.party(g) for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"
                           for g in c.children if g.dep_ == "pobj"), None)
            if target is not None and target.kind in ("company", "org"):
                buyer = roles.agent(verb, refs)
                return (buyer if buyer is not None and buyer.name != target.name else None), target
        if verb.pos_ == "VERB" and lemma(verb) == "go" and taken_private(verb):
            target = roles.agent(verb, refs)        # "agreed to go private by Permira": who goes is bought
            if target is not None and target.kind in ("company", "org"):
                buyer = roles.prep_party(verb, ("by",), refs)
                return (buyer if buyer is not None and buyer.name != target.name else None), target
        if verb.pos_ != "VERB" or lemma(verb) not in TAKING:
            continue
        if lemma(verb) == "take" and not (taken_private(verb) or any(c.lower_ == "over" for c in verb.children)):
            continue
        target = company_taken(verb, refs)
        if target is None:
            continue
        buyer = taker(verb, refs)
        return (buyer if buyer is not None and buyer.name != target.name else None), target
    for noun in sent:               # "Thoma Bravo's buyout of Dayforce", "agreed to a takeover of X by Y"
        if noun.pos_ != "NOUN" or lemma(noun) not in TAKEOVERS | OFFERS:
            continue
        # (a bid is for its target: "made a takeover bid for Assura", "its hostile bid for rival Sabadell")
        target = roles.prep_party(noun, ("for",) if lemma(noun) in OFFERS else ("of",), refs)
        by = roles.prep_party(noun, ("by",), refs)
        if target is None and by is not None and (owned := roles.owner(noun, refs)) is not None and owned.name != by.name:
            target = owned          # "seven years after its acquisition by SoftBank": the possessor is bought
        if target is None and noun.dep_ == "attr" and lemma(noun.head) == "be":
            target = roles.agent(noun.head, refs)   # "Wiz wouldn't be Google's first purchase": Wiz is the one bought
        if target is None or target.kind not in ("company", "org"):
            continue
        # the act of agreeing or announcing it, past a word the parse took for a verb ("announced the
        # acquisition of Urban Logistics REIT in a deal", "REIT" read as a verb)
        governing = next((a for a in noun.ancestors if a.pos_ == "VERB" and lemma(a) in _DEALING_ACTS), None)
        buyer = by if by is not None and by.name != target.name and roles.prep_party(noun, ("of",), refs) is None else None
        buyer = buyer or roles.owner(noun, refs) or by or \
            (roles.agent(governing, refs) if governing is not None else None)
        return (buyer if buyer is not None and buyer.name != target.name else None), target
    return sale_told(sent, refs)


def sale_told(sent: Span, refs: References) -> tuple[Party | None, Party] | None:
    """(buyer, what is bought) of a business or a controlling stake a sentence tells sold to a named
    buyer ("agreed to sell majority ownership of the Lakers to Mark Walter", "completed the sale of
    its tower unit to Paradigm"), so that "The deal is valued at $10 billion" after it is the
    buyer's price; the seller stands for a business of its own the sentence does not name."""
    for word in sent:
        selling = word.pos_ == "VERB" and lemma(word) in SELLING
        if not selling and not (word.pos_ == "NOUN" and lemma(word) in SALE_NOUNS) or word.dep_ == "relcl":
            continue            # (not history told of a party in passing: "Luckey, who sold Oculus to Facebook")
        sold = next((c for c in word.children if c.dep_ in ("dobj", "nsubjpass")), None) if selling else \
            next((g for c in word.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
        if sold is None or lemma(sold) in STAKE_NOUNS and not controls(sold) or \
                lemma(sold) not in STAKE_NOUNS and any(lemma(t) in ("share", "stock", "note", "bond", "stake") for t in sold.subtree):
            continue            # (a minority stake, shares or notes sold: an investment, a round, a debt)
        target = refs.party(sold) or roles.prep_party(sold, ("of", "in"), refs)
        if target is None and lemma(sold) in BUSINESS_NOUNS:
            target = roles.owner(sold, refs) or (roles.agent(word, refs) if selling else roles.owner(word, refs))
        buyer = roles.prep_party(sold, ("to",), refs) or roles.prep_party(word, ("to",), refs) or \
            (buyer_of_sold(word, sold, refs) if selling else
             roles.prep_party(word.head, ("to",), refs) if word.dep_ == "dobj" else None)   # ("completed the sale of X to Y")
        if target is not None and buyer is not None and buyer.name != target.name and \
                buyer.kind in ("company", "org", "person", "government") and target.kind in ("company", "org"):
            return buyer, target
    return None


def taker(verb: Token, refs: References) -> Party | None:
    """Who takes over: the verb's doer, or the party a deal is made with when the deal is what
    takes ("near a deal with Sycamore Partners that would take the chain private")."""
    if roles.is_passive(verb) and verb.dep_ == "xcomp" and roles.prep_party(verb, ("by",), refs) is None:
        return None             # "Electronic Arts agreed to be taken private": the one taken, not who takes
    offer = verb.head if verb.dep_ == "acl" and lemma(verb.head) in OFFERS else next(
        (c for c in verb.head.children if c.dep_ == "dobj" and lemma(c) in OFFERS), None) \
        if verb.dep_ in ("advcl", "xcomp") and lemma(verb.head) in ANSWERING else None
    if offer is not None and not any(c.dep_ == "nsubj" for c in verb.children):
        # "it received a proposal from DoorDash to buy all of its shares for": the offer's maker, never its receiver
        maker = roles.owner(offer, refs) or roles.prep_party(offer, ("from", "by"), refs) or (
            roles.prep_party(offer.head, ("from",), refs) if offer.dep_ == "dobj" else None)
        if maker is not None or offer.dep_ == "dobj" and lemma(offer.head) in ANSWERING:
            return maker
    found = roles.agent(verb, refs)
    subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None) if verb.dep_ == "xcomp" else \
        next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if found is not None and subj is not None and subj.pos_ == "NOUN" and refs.mention_at(subj) is None and \
            (taken := company_taken(verb, refs)) is not None and taken.name == found.name:
        # "The second-largest U.S. oil producer agreed to buy Hess": a description of the buyer is not the one bought
        found = refs.party(subj, exclude=frozenset({taken.name}))
    if found is None and verb.dep_ == "relcl" and lemma(verb.head) in DEAL_NOUNS:
        found = roles.prep_party(verb.head, ("with", "by"), refs) or (
            roles.prep_party(verb.head.head, ("with",), refs) if verb.head.dep_ == "dobj" else None)
    return found


def company_taken(verb: Token, refs: References) -> Party | None:
    """The company a verb of taking over takes: its object, or the subject of "X agreed to be
    acquired"; None for a buyback or a thing bought."""
    if bought_back(verb):
        return None
    target = roles.patient(verb, refs)
    if target is None and verb.dep_ == "xcomp" and roles.is_passive(verb):
        target = roles.agent(verb.head, refs)
    if target is None:
        target = all_shares_of(verb, refs)
    return target if target is not None and target.kind in ("company", "org") else None


def sale_to(choice: Choice, refs: References) -> tuple[Party, Party | None] | None:
    """(buyer, seller) when the figure prices a sale to a buyer ("closed the sale of its unit to
    Infineon for $2.5 billion", "is divesting its plants to Sanmina in a transaction valued at");
    None when it sells to no one the sentence names, or sells shares or notes (a round, a debt)."""
    noun = choice.noun
    # ("SoftBank's $66 bln sale of Arm to Nvidia has collapsed": the sale the figure sizes, whatever it does)
    own = [(None, noun)] if noun is not None and lemma(noun) in SALE_NOUNS else []
    for verb, sold in own + [(v, next((c for c in v.children if c.dep_ in ("dobj", "nsubjpass")), None) if v is not None else None)
                             for v in (choice.verb, governing_verb(noun) if noun is not None else None, _sale_above(choice.verb))]:
        if sold is None or lemma(sold) not in SALE_NOUNS and lemma(verb) not in SELLING or \
                any(lemma(t) in ("share", "stock", "equity", "note", "bond", "stake") for t in sold.subtree):
            continue
        thing = next((g for c in sold.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                      if g.dep_ == "pobj"), None) if lemma(sold) in SALE_NOUNS else sold
        if (thing is None and lemma(sold) not in SALE_NOUNS - {"sale"}) or \
                thing is not None and lemma(thing) not in BUSINESS_NOUNS and refs.party(thing) is None:
            continue                # "sold capacity to Meta": a supply deal, not a business bought ("a divestiture to X" is)
        buyer = roles.prep_party(sold, ("to",), refs) or (roles.prep_party(verb, ("to",), refs) if verb is not None else None) or next(
            (p for t in sold.doc[sold.i:choice.frame.figure.start] if t.dep_ == "prep" and t.lower_ == "to"
             and (p := roles.prep_party(t.head, ("to",), refs)) is not None), None)
        # (hung on either, or on a clause between: "the sale of the portfolio it acquired from Playa to Tortuga for $2 billion")
        if buyer is not None:
            return buyer, roles.agent(verb, refs) if verb is not None else roles.owner(sold, refs)
    return None


def _sale_above(verb: Token | None) -> Token | None:
    """The verb of the sale whose thing a relative clause took the price from: "closed the sale of
    the portfolio it acquired from Playa to Tortuga for $2 billion" ("for" hung on "acquired")."""
    thing = verb.head if verb is not None and verb.dep_ == "relcl" else None
    if thing is None or thing.dep_ != "pobj" or thing.head.lower_ != "of" or lemma(thing.head.head) not in SALE_NOUNS:
        return None
    return governing_verb(thing.head.head)


def stake_sold_to(choice: Choice, refs: References) -> tuple[Party, Party | None, bool] | None:
    """(buyer, company, control) when the figure prices a stake sold to a named buyer ("agreed to
    sell its 50% equity position in Profertil to Adecoagro ... for about $600 million"): the
    buyer's investment, or its takeover when the stake is a majority or a controlling one."""
    deal = choice.noun
    figure = choice.frame.figure
    before = figure.doc[max(figure.sent.start, figure.start - 4):figure.start]
    if any(lemma(t) in ("valuation", "value") and t.pos_ == "NOUN" for t in [*([deal] if deal is not None else []), *before]):
        return None             # "sold a 3% stake to Sixth Street at a valuation north of $9 billion": the whole's value
    for verb in (choice.verb, governing_verb(deal) if deal is not None else None,     # ("an agreement to sell")
                 next((c for c in deal.children if c.dep_ in ("acl", "relcl") and lemma(c) in SELLING), None)
                 if deal is not None else None):
        if verb is None or lemma(verb) not in SELLING:
            continue
        sold = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if sold is None or lemma(sold) not in STAKE_NOUNS:
            continue
        buyer = roles.prep_party(sold, ("to",), refs) or roles.prep_party(verb, ("to",), refs) or \
            (roles.prep_party(deal, ("to",), refs) if deal is not None else None) or \
            buyer_of_sold(verb, figure.root, refs) or \
            (refs.party(to) if (to := to_within(sold)) is not None else None)   # ("a stake in X and Y to Z")
        if buyer is None or buyer.kind not in ("company", "org", "government", "person"):
            return None
        return buyer, roles.prep_party(sold, ("in", "of"), refs), controls(sold)
    return None


def controls(stake: Token, at_least: float = 50.001) -> bool:
    """Whether a stake gives control: "a majority stake", "a controlling stake", "a 60% stake"
    (a buyer's half counts where `at_least` says so)."""
    return any(c.lower_ in ("majority", "controlling") for c in stake.children) or any(
        (t.ent_type_ == "PERCENT" or t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ in ("%", "percent", "per", "pct"))
        and t.like_num and float(t.text.replace(",", "")) >= at_least for t in stake.subtree
        if t.text.replace(",", "").replace(".", "", 1).isdigit())       # ("its 65 per cent stake": no PERCENT entity)


def control_bought(verb: Token | None, figure: Token | None = None) -> Token | None:
    """The controlling stake money is put in to buy ("will invest $3.05 billion to buy a majority
    stake in RBL Bank", "to invest Rs 26,850 crore for a controlling stake", the figure's own
    "for": "pay $2.35 billion for X and $646 million for a majority stake in Y"): its price is a
    takeover's, not an investment's."""
    if verb is None:
        return None
    held = [g for t in (verb, figure) if t is not None for c in t.children if c.dep_ == "prep" and c.lower_ in ("for", "in")
            and (t is verb or c.lower_ == "for") for g in c.children if g.dep_ == "pobj"]
    held += [g for c in verb.children if c.dep_ in ("xcomp", "advcl") and lemma(c) in ("buy", "acquire", "take", "purchase")
             for g in c.children if g.dep_ == "dobj"]
    return next((t for t in held if lemma(t) in STAKE_NOUNS and controls(t)), None)


def control_told(sent: Span, refs: References) -> tuple[Party | None, Party] | None:
    """(buyer, company) of a controlling stake a sentence tells bought ("plans to acquire a
    controlling 60% stake in RBL Bank, a deal valued at ..."): a takeover, told as a stake."""
    for verb in sent:
        if verb.pos_ != "VERB" or lemma(verb) not in ("buy", "acquire", "purchase", "take"):
            continue
        stake = next((c for c in verb.children if c.dep_ == "dobj" and lemma(c) in STAKE_NOUNS and controls(c)), None)
        target = roles.prep_party(stake, ("in", "of"), refs) if stake is not None else None
        if target is not None and target.kind in ("company", "org"):
            buyer = roles.agent(verb, refs)
            return (buyer if buyer is not None and buyer.name != target.name else None), target
    return None


def _bid_noun(choice: Choice) -> Token | None:
    """The offer a price per share belongs to: the choice's own noun, the offer noun the figure
    sizes inside a larger phrase ("a revision to its $30 per share ... bid"), or the offer the verb
    makes ("launched a tender offer for X at $30 per share")."""
    if choice.noun is not None and lemma(choice.noun) in _PAID_NOUNS:
        return choice.noun
    root = choice.frame.figure.root
    head = next((c for c in root.children if c.dep_ == "appos" and lemma(c) in OFFERS), root.head)
    for _ in range(3):          # (the parse may set the offer beside the figure: "its $30 per share ... bid")
        if head.pos_ == "NOUN" and lemma(head) in OFFERS:
            return head
        head = head.head
    verbs = [t for t in (choice.noun, choice.verb) if t is not None and t.pos_ == "VERB"]
    return next((c for v in verbs for c in v.children if c.dep_ == "dobj" and lemma(c) in OFFERS), None)


def paid_price(choice: Choice) -> bool:
    """Whether a price per share is one paid or offered ("an all-cash bid of $7.75 per share",
    "will purchase the remaining shares at $14.30 each"), not where the shares trade."""
    if listing_price(choice.noun):
        return False
    return any(t is not None and lemma(t) in _PAID_NOUNS | _PAYING for t in (choice.noun, choice.verb, _bid_noun(choice)))


def bid_price_holder(subject: str, choice: Choice, refs: References, ctx: Context) -> str | None:
    """Whose shares a price paid or offered per share is of, given the party read for it: a
    bidder's target (bid_target); no one when that party bids and its target is not told ("PPF's
    offer of 7 euros per share", "a $13.25-a-share proposal made by New Mountain": a bidder's own
    shares are not what it offers for); else the party read. A pronoun's offer ("raised its
    offer to 40 pounds") names no maker here: "its" may resolve to the company bid for."""
    target = bid_target(subject, choice, refs, ctx)
    bid = _bid_noun(choice)
    maker = offer_maker(bid, refs) if bid is not None and lemma(bid) in OFFERS and not any(
        c.dep_ == "poss" and c.pos_ == "PRON" for c in bid.children) else None    # ("its offer": whose, the text may not say)
    return target or (None if maker is not None and maker.name == subject else subject)


def bid_target(bidder: str, choice: Choice, refs: References, ctx: Context) -> str | None:
    """The company a bidder is buying: of the takeover told before, else of this sentence's, else
    the one its bid is for ("a bid of $7.75 per share for Darktrace", "for the whole of X"), else
    the one that receives or rejects it ("X rejected Paramount's offer of $20 per share"); never
    one who pays the price (a description of the target misread as its bidder)."""
    target = _bid_target(bidder, choice, refs, ctx)
    return target if target is None or target not in bidders(choice.frame.figure, refs) else None


def _bid_target(bidder: str, choice: Choice, refs: References, ctx: Context) -> str | None:
    """bid_target's reading, before its payers are ruled out."""
    if ctx.family_metric.get("deal") == "acquisition_price" and ctx.by_family["deal"][0] == bidder:
        return ctx.by_family["deal"][1]
    told = acquisition_told(choice.frame.figure.sent, refs)
    if told is not None and told[0] is not None:
        return told[1].name if told[0].name == bidder else None
    bid = _bid_noun(choice)
    for t, preps in ((bid, ("for", "of")), (choice.noun, ("for", "of")), (choice.verb, ("for",))):
        found = roles.prep_party(t, preps, refs, exclude=frozenset({bidder})) if t is not None else None
        whole = next((g for c in t.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children
                      if g.dep_ == "pobj" and (g.lower_ in WHOLE_OF | {"cent", "percent", "%"} or lemma(g) in SHARE_NOUNS)),
                     None) if t is not None and found is None else None     # "for the remaining 34.3 per cent of the company"
        found = roles.prep_party(whole, ("of",), refs, exclude=frozenset({bidder})) if whole is not None else found
        if found is not None and found.name != bidder:
            return found.name
    if bid is not None and lemma(bid) in OFFERS and bid.dep_ == "dobj" and lemma(bid.head) in ANSWERING:
        receiver = roles.agent(bid.head, refs)
        if receiver is not None and receiver.name != bidder and receiver.kind in ("company", "org"):
            return receiver.name
    # (only a bidder's own act or offer: "US Steel's closing price of $22.72" is no bid of US Steel's)
    bidding = [p for p in (roles.agent(choice.verb, refs) if choice.verb is not None and lemma(choice.verb) not in ANSWERING else None,
                           roles.owner(bid, refs) if bid is not None and lemma(bid) in OFFERS else None) if p is not None]
    return _bid_told_before(choice, refs, bidder) if any(p.name == bidder for p in bidding) else None


def _bid_told_before(choice: Choice, refs: References, bidder: str) -> str | None:
    """The company a bid is for when its own phrase does not say: the one its shares are named
    ("51.7 pence per Assura share"), else the latest a bid, an offer or a valuing told in the
    passage so far is for ("Blackstone had offered 113.40 pence for Warehouse ... announced a higher
    offer for 113.4p per share"); never the bidder itself, whose own shares a price it offers is not."""
    figure = choice.frame.figure
    sent, doc = figure.sent, figure.doc
    if figure.end + 2 < len(doc) and doc[figure.end].lower_ == "per":        # "51.7 pence per Assura share"
        named = next((m for t in doc[figure.end + 1:figure.end + 4] if (m := refs.mention_at(t)) is not None), None)
        if named is not None and named.name != bidder and named.kind in ("company", "org"):
            return named.name
    for s in reversed([s for s in refs.sentences() if s.start <= sent.start]):
        for t in reversed(s):
            if t.pos_ == "VERB" and lemma(t) == "value":          # "an approach at 115p, valuing Warehouse REIT at"
                valued = next((m for w in doc[t.i + 1:min(t.i + 5, s.end)] if (m := refs.mention_at(w)) is not None), None)
                if valued is not None and valued.kind in ("company", "org") and valued.name != bidder:
                    return valued.name
            if t.pos_ == "NOUN" and lemma(t) in OFFERS | TAKEOVERS or t.pos_ == "VERB" and lemma(t) in _PAYING:
                found = roles.prep_party(t, ("for", "of") if t.pos_ == "NOUN" else ("for",), refs, exclude=frozenset({bidder}))
                if found is not None and found.kind in ("company", "org") and found.name != bidder:
                    return found.name
        told = acquisition_told(s, refs)
        if told is not None and told[1].name != bidder:
            return told[1].name
    return None


def buyer_of_sold(verb: Token, figure: Token, refs: References) -> Party | None:
    """Who a share sold goes to ("talks to sell 20 per cent of Plenitude, its power business, to Ares
    Management"): the party of the first "to" after the figure before another finite verb, wherever
    the parse hangs it; the seller holds it no more."""
    if lemma(verb) not in SELLING:
        return None
    for t in figure.doc[figure.i + 1:figure.sent.end]:
        if t.tag_ in ("VBD", "VBZ", "VBP", "MD") and not (t.head.i == verb.i and t.dep_ in ("aux", "auxpass")):
            return None         # (the selling verb's own "were": "4% of its shares were sold to X")
        if t.dep_ == "prep" and t.lower_ == "to":
            found = roles.prep_party(t.head, ("to",), refs) or managed_by(t.head, refs)
            return found if found is not None and found.kind in ("company", "org", "person", "government") else None
    return None


_MANAGING = {"manage", "run", "advise", "control", "own", "lead", "back", "affiliate"}


def managed_by(holder: Token, refs: References) -> Party | None:
    """The firm behind the funds a share goes to, on the word the "to" phrase hangs on: "sold a
    45% stake to private equity funds managed by GTCR"."""
    prep = next((c for c in holder.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"), None)
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    clause = next((c for c in obj.children if c.dep_ == "acl" and lemma(c) in _MANAGING), None) if obj is not None else None
    return roles.prep_party(clause, ("by",), refs) if clause is not None else None

