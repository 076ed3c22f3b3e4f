"""Whether a figure is reported as so, planned, or forecast: read from the words that govern
it in the parse ("*would* value", "*plans to* raise", "*in talks* to invest", "a *proposed*
$X deal", "*expects* revenue of $X").

A plan or a forecast is not the quantity's value: the tracking tables show it apart and
never make a change of it. What the clause of a figure says is read up its chain of heads
through the verbs that carry it ("agreed to buy ... for $X": buy, then agreed), and no
further than the clause that holds it: a relative clause or a reported statement ends the
climb ("Microsoft, which holds 27%, would ..." keeps the 27 % reported).
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from claimtrack.extractors.claim_words import EQUATING_VERBS, HOLDER_NOUNS, LISTING_NOUNS, OFFERS, TAKEOVERS, TAKING

STATUSES = ("reported", "planned", "forecast")

_MODALS = {"would", "could", "might", "may", "'d", "should"}
# The future and an agreement: an event not yet done ("will buy Wiz for $32 billion", "agreed
# to buy", "is set to raise"), but for a standing figure the terms of the deal as reported
# ("Microsoft will hold about 27%", "will keep access until 2032").
_FUTURE = {"will", "'ll", "wo", "shall"}
_AGREEING = {"agree", "set", "poise", "due", "slate", "schedule"}
# verbs that move a standing figure or hand it over: in the future or agreed ("will double his
# stake to about 30%", "agreed to give the government a 10% stake", "will take an 8% stake") the
# move is not made yet, so the figure is a plan, where "will hold about 27%" states the deal's terms
_MOVING = {"increase", "raise", "double", "triple", "boost", "lift", "cut", "reduce", "trim", "lower",
           "decrease", "halve", "dilute", "grow", "expand", "bring", "up", "fall", "rise", "drop", "decline", "climb",
           "shrink", "dip", "slip", "jump", "surge", "go",
           "take", "acquire", "buy", "purchase", "receive", "get", "gain", "give", "sell", "transfer", "hand",
           # reaching a level, becoming a holder, setting a value: "is set to reach $183 billion",
           # "is poised to become its largest shareholder with 4%", "the IPO is set to value it at"
           "reach", "hit", "top", "exceed", "surpass", "become", "value",
           # an act's outcome for a holder: "will result in Sony owning 10%", "will leave the state with 30%"
           "result", "leave"}
# what a plan is called when it is the subject of "is to ...": "the company's goal is to increase
# its valuation to $1 billion", "the plan is to raise"
_AIM_NOUNS = {"goal", "aim", "ambition", "objective", "intention", "hope", "plan", "target", "mission", "idea"}
# verbs and nouns of a deal not (yet) done
_PLANNING = {"plan", "aim", "seek", "intend", "propose", "offer", "negotiate", "consider", "weigh",
             "explore", "discuss", "hope", "want", "prepare", "eye", "mull", "pursue", "try", "attempt",
             "bid", "talk", "deliberate", "contemplate", "target", "moot", "shop"}
# verbs that plan only with a verb after them: "is looking to sell"
_PLANNING_WITH_VERB = {"look"}
_PLANNING_NOUNS = {"talk", "talks", "negotiation", "proposal", "offer", "bid", "plan", "discussion", "overture",
                   "rumor", "rumour", "rumbling", "speculation"}
# adjectives of a party ready to act: "backers *willing* to value the business at $150bn"
_WILLING = {"willing", "ready", "prepared", "eager", "keen", "open"}
_PLANNED_ADJ = {"proposed", "planned", "potential", "possible", "prospective", "pending", "mooted", "rumored",
                "rumoured", "would-be", "tentative", "hypothetical", "mulled", "contemplated", "intended",
                "unsolicited", "hostile"}
# an agreement, or a regulator's approval, to do something: the act is still ahead
_AGREEMENT_NOUNS = {"agreement", "deal", "approval", "pact", "accord"}
# verbs that seal a takeover without completing it: its price stays a plan until it closes
_SEALING = {"strike", "sign", "reach", "announce", "unveil", "ink"}
# verbs and nouns of a projection
_FORECASTING = {"forecast", "project", "predict", "anticipate", "guide", "expect"}
_FORECAST_NOUNS = {"forecast", "projection", "outlook", "guidance", "target", "expectation", "estimate",
                   "prediction", "consensus"}
# a measure told as projected ("projected revenue of $X", "its expected profit"); a deal's
# "expected" price is left as it reads, and an "estimated" figure may be one already so
_FORECAST_ADJ = {"projected", "forecast", "forecasted", "expected", "anticipated", "predicted"}
# metrics a projection is made of (a deal's price is planned, a company's revenue forecast)
FORECASTABLE = {"revenue", "profit", "market_share", "market_cap", "share_price"}
# climbing stops above these: the figure's statement is the clause below
_CLAUSE_EDGES = {"relcl", "ccomp", "parataxis", "advcl", "csubj", "ROOT"}
# a price the market set, whatever the deal beside it: "closing price", "last price"
_MARKED = {"closing", "close", "previous", "last", "prior", "average", "weighted", "current", "trading"}
# and above a preposition that sets the figure beside another event: "its second largest deal
# *after* the $35 billion takeover of Xilinx" says nothing of that takeover's status
_ASIDE = {"after", "following", "before", "since", "than", "despite", "unlike", "like", "besides", "beyond"}


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def _modal(token: Token, words: set[str] = _MODALS) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in words for c in token.children)


# an agreement or a leave to act, given or got: "signed an agreement to buy", "won approval to raise",
# "received the OK to increase"; the act it is for is still ahead
_LEAVE_NOUNS = _AGREEMENT_NOUNS | {"ok", "okay", "nod", "go-ahead", "clearance", "permission", "consent",
                                   "authorization", "authorisation", "licence", "license", "light"}


def _leave_to(verb: Token) -> bool:
    """Is this to-infinitive the act of an agreement or approval its head verb takes ("signed an
    agreement in October *to buy* a 25% stake", "received the OK *to increase* its holding")?"""
    return verb.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and \
        verb.head.pos_ == "VERB" and any(c.dep_ == "dobj" and _lemma(c) in _LEAVE_NOUNS for c in verb.head.children)


def _agreed(token: Token) -> bool:
    """'will buy', 'agreed to buy', 'is set to raise', 'is selling its unit for $5.4 billion',
    'signed an agreement to buy'."""
    lem = _lemma(token)
    return _modal(token, _FUTURE) or _leave_to(token) or \
        lem in _AGREEING and (lem == "agree" or any(c.dep_ == "xcomp" for c in token.children)) or \
        lem == "be" and any(c.dep_ in ("attr", "acomp") and c.lower_ in ("set", "poised", "due", "likely")
                            for c in token.children) or \
        token.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("is", "are", "'s", "am") for c in token.children)


def _agreed_act(verb: Token) -> bool:
    """Is this verb's act still ahead: it, or the verb whose act it is part of, in the future or
    agreed ("agreed to *give* the government a stake", "will support the project by *taking* an
    8% stake")?"""
    cur = verb
    for _ in range(6):
        if _agreed(cur):
            return True
        if cur.dep_ in ("xcomp", "pcomp", "conj") or _same_act(cur) or cur.dep_ == "prep" and cur.lower_ == "by" or \
                _undergone(cur):
            cur = cur.head
        else:
            return False
    return False


def _undergone(verb: Token) -> bool:
    """A participle of what a party sees done to it: "will *see* its stake *reduced* to 39%",
    "will *have* its holding *diluted* to 12%" (the act is the participle's, its time the head's)."""
    return verb.dep_ in ("ccomp", "xcomp") and verb.tag_ == "VBN" and _lemma(verb.head) in ("see", "have", "get")


def _says(token: Token, metric: str, event: bool, via: Token | None = None) -> str | None:
    """What this one word says of the figure below it (reached through its child `via`), if
    anything."""
    lem = _lemma(token)
    if token.pos_ in ("VERB", "AUX"):
        if event and _agreed(token):
            return "planned"
        if lem in _MOVING and (via is None or via.dep_ != "nsubj") and _agreed_act(token):   # not the mover's own figure
            return "planned"
        if token.dep_ in ("ccomp", "xcomp") and _lemma(token.head) in _FORECASTING and \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            # "analysts expect its market value to reach $6 trillion", "bankers expect the listing to value it at"
            return "forecast" if metric in FORECASTABLE else "planned"
        if _got_for(via) and _agreed_act(token):
            return "planned"                     # "will invest $330 million for a 15% stake", "in exchange for"
        if lem in _HOLDING and _held_after(token):
            return "planned"                     # "will still own about 90% of Arm after the listing": once it is done
        if lem == "be" and via is not None and via.dep_ in ("xcomp", "ccomp") and \
                any(c.dep_ == "nsubj" and _lemma(c) in _AIM_NOUNS for c in token.children):
            return "planned"
        if metric == "acquisition_price" and lem in _SEALING:
            return "planned"                     # "struck an $85 billion deal for Norfolk Southern": agreed, not done
        if lem in _FORECASTING or via is not None and via.dep_ == "prep" and via.lower_ in ("to", "by", "from") and \
                any(c.dep_ == "dobj" and _lemma(c) in _FORECAST_NOUNS for c in token.children):
            # ("raised its revenue forecast to $X", "cut its profit forecast by ¥600 billion to ¥3.2 trillion")
            return "forecast" if metric in FORECASTABLE else "planned"
        if lem in _PLANNING or lem in _PLANNING_WITH_VERB and any(
                c.dep_ == "xcomp" or c.dep_ == "prep" and c.lower_ == "for" for c in token.children):
            return "planned"                     # ("is looking to sell", "is looking for a valuation of")
        if _modal(token):
            return "forecast" if metric in FORECASTABLE else "planned"
        if any(c.dep_ == "prep" and any(g.dep_ == "pobj" and _lemma(g) in _PLANNING_NOUNS for g in c.children)
               for c in token.children):
            return "planned"                     # "is in talks to invest", "are in discussions over"
        if any(_near_a_deal(c) for c in token.children):
            return "planned"                     # "is near a deal to raise", "is close to an agreement"
        if _into_a_deal_ahead(token):
            return "planned"                     # "pledges up to $5 billion in Anthropic's *next* funding round"
    elif token.pos_ in ("NOUN", "PROPN"):
        if lem in _AGREEMENT_NOUNS and via is not None and via.pos_ in ("VERB", "AUX") and \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in via.children):
            return "planned"                     # "an agreement to acquire Kenvue", "approval to buy out Ansys for $35 billion"
        if lem in _FORECAST_NOUNS:
            return "forecast" if metric in FORECASTABLE else "planned"
        if lem in _TERMS_NOUNS and any(c.dep_ in ("compound", "amod", "nmod") and _lemma(c) in _OFFERS | _TAKEOVERS
                                       for c in token.children) and not _told_closed(token) and not _a_listing(token):
            return "planned"                     # "the $24 offer price", "the purchase price of $40 a share"
        if lem in _PLANNING_NOUNS:
            return "planned"
    if any(c.dep_ == "amod" and c.lower_ in _PLANNED_ADJ for c in token.children):
        return "planned"
    if metric in FORECASTABLE and any(c.dep_ == "amod" and c.lower_ in _FORECAST_ADJ for c in token.children):
        return "forecast"                        # "projected operating income of 3.8 trillion yen"
    if token.pos_ == "ADJ" and token.lower_ in _WILLING:
        return "planned"
    if token.lower_ == "track" and token.head.lower_ == "on":     # "chips on track to generate $500bn"
        return "forecast" if metric in FORECASTABLE else "planned"
    return None


# a holding the future gives once an event is done ("will own 90% after the offering", "once the
# deal closes, it will hold 27%"): a plan until then, where "will hold about 27%" alone states terms
_HOLDING = {"own", "hold", "control", "have", "keep", "retain"}
_THEN = {"after", "following", "upon", "once"}


def _held_after(verb: Token) -> bool:
    if not _held_ahead(verb):
        return False
    # (not an event told as done: "will own 27% after it completed its restructuring")
    return any(c.dep_ == "prep" and c.lower_ in _THEN or c.dep_ == "advcl" and c.tag_ != "VBD" and any(
        m.dep_ in ("mark", "advmod") and m.lower_ in _THEN for m in c.children) for c in verb.children)


def _act_of_a_deal(verb: Token) -> bool:
    """The act an agreement is for, parsed as its relative clause: "a $2.6 billion deal *to
    acquire* a 75% stake" (the deal, not the act, says whether it is done)."""
    return verb.dep_ in ("relcl", "acl") and _lemma(verb.head) in _LEAVE_NOUNS and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _got_for(prep: Token | None) -> bool:
    """What an act gets in return: "(invest $330 million) *for* a 15% stake", "*in exchange for*",
    "*in return for*"."""
    return prep is not None and prep.dep_ == "prep" and (prep.lower_ == "for" or prep.lower_ == "in" and any(
        g.dep_ == "pobj" and g.lower_ in ("exchange", "return") for g in prep.children))


_DEAL_NOUNS = {"deal", "agreement", "pact", "accord", "transaction"}
# a round or deal still to come
_AHEAD = {"next", "upcoming", "forthcoming", "coming", "future"}
_ROUNDS = {"round", "funding", "financing", "deal", "tranche", "offering", "raise", "fundraise", "fundraising",
           "sale", "listing", "ipo"}


def _a_deal_ahead(noun: Token) -> bool:
    """'the next funding round', 'an upcoming deal', 'the proposed share sale': a round or deal
    still to come."""
    words = [noun, *(c for c in noun.children if c.dep_ == "compound")]
    return _lemma(noun) in _ROUNDS and any(a.dep_ == "amod" and a.lower_ in _AHEAD | _PLANNED_ADJ
                                           for w in words for a in w.children)


def _into_a_deal_ahead(token: Token) -> bool:
    """A figure or its verb put 'in the next funding round' (not in a past tense: 'invested $5
    billion in the next round' tells what was done)."""
    if token.tag_ == "VBD" or token.head.tag_ == "VBD":
        return False
    nouns = [n for c in token.children
             for n in ([c] if c.dep_ == "dobj" else [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else [])]
    return any(_a_deal_ahead(n) for n in nouns)


def _near_a_deal(token: Token) -> bool:
    """'near a deal', 'nearing an agreement', 'close to a deal': a deal not yet made."""
    if token.dep_ == "prep" and token.lower_ in ("near", "nearer", "nearing") or \
            token.dep_ in ("acomp", "advmod") and token.lower_ in ("close", "closer", "near"):
        preps = [token] if token.dep_ == "prep" else [c for c in token.children if c.dep_ == "prep" and c.lower_ == "to"]
        return any(g.dep_ == "pobj" and _lemma(g) in _DEAL_NOUNS for p in preps for g in p.children)
    return False


# a clause describing a deal's price tells the deal's terms: "near a deal to raise $2 billion at
# a price *that values the company at $60 billion*" is as planned as the deal
_TERMS = {"price", "term", "terms"}


def _tells_terms(verb: Token) -> bool:
    return verb.dep_ == "relcl" and _lemma(verb.head) in _TERMS


def _same_act(verb: Token) -> bool:
    """An adverbial clause without a conjunction of its own is part of its head's act ("will
    invest $8.9 billion, *acquiring* a 9.9% stake", "is seeking $10 billion *to raise* its
    valuation"); one with "when", "after", "as" is another event."""
    return verb.dep_ == "advcl" and not any(c.dep_ == "mark" for c in verb.children) and \
        (verb.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)) or \
        verb.dep_ == "relcl" and _lemma(verb) in EQUATING_VERBS and \
        any(c.dep_ == "nsubj" and c.lower_ in ("which", "that") for c in verb.children)   # "..., which corresponds to"


# what a takeover's terms are told by: an offer's values are its terms, whatever the tense ("an
# earlier offer valued the company at $16 billion"); a deal's, while it is not told as closed
_OFFERS = OFFERS | {"overture"}
_TAKEOVERS = TAKEOVERS | {"merger"} | _DEAL_NOUNS
_VALUING = {"value", "imply", "give", "assign", "put", "peg"}
_A_TAKEOVER = TAKING - {"take"} | {"takeover", "buyout", "merger", "take-private"}
_CLOSED = {"complete", "close", "finalize", "finalise", "conclude"}


# what tells a deal's price for each share: "the consideration implies $39.77 per share", "this values"
_PER_SHARE_TELLERS = {"consideration", "this", "that", "exchange", "swap", "terms"}
# what a takeover's terms are called: "offer price", "purchase price", "deal value"
_TERMS_NOUNS = {"price", "consideration", "value", "valuation"}


def _told_closed(token: Token) -> bool:
    """Is the takeover of the sentence told as done ("completed", "closed", "is now complete"),
    not a market's close?"""
    return any(_done(t) for t in token.sent)


# a market's close, not a deal's: "its closing price", "shares closed at $41"
_MARKET_MOVES = {"at", "up", "down", "higher", "lower", "flat"}


def _done(word: Token) -> bool:
    """A word that tells a deal done ("completed", "has closed", "is now complete"), not one
    still ahead ("expected to close in the third quarter", "will complete") nor a market's close."""
    if _lemma(word) not in _CLOSED or word.pos_ not in ("VERB", "ADJ") or word.dep_ in ("amod", "compound"):
        return False
    if word.pos_ == "VERB" and (word.tag_ not in ("VBD", "VBN") or
                                any(c.dep_ == "aux" and c.lower_ in _FUTURE | _MODALS | {"to"} for c in word.children)):
        return False
    return not any(c.dep_ in ("prep", "advmod", "prt") and c.lower_ in _MARKET_MOVES for c in word.children)


# a listing's offer, whose price is set once the shares are sold ("opened at HK$57, up from its
# offer price of HK$44.05")
_LISTINGS = LISTING_NOUNS | {"debut", "float", "offering"}


def _a_listing(token: Token) -> bool:
    """Does the sentence tell a listing (an IPO, a debut, shares that opened)?"""
    return any(_lemma(t) in _LISTINGS or _lemma(t) == "open" and t.pos_ == "VERB" for t in token.sent)


def _terms_of_a_takeover(verb: Token, metric: str = "valuation") -> bool:
    """"The deal values Castrol at $10.1 billion", "an offer that valued the company at $16
    billion", "in a deal valuing it at $2.7 billion" (a takeover told in the sentence, not a
    funding round's deal): the price a takeover sets is its plan until the takeover closes."""
    if _lemma(verb) not in _VALUING:
        return False
    teller = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb.dep_ not in ("acl", "relcl") \
        else verb.head
    if teller is not None and teller.dep_ == "nsubj" and teller.lower_ in ("which", "that") and verb.head.pos_ == "NOUN":
        teller = verb.head                 # "an offer that values ..."
    if teller is None or _lemma(teller) not in _OFFERS | _TAKEOVERS | (_PER_SHARE_TELLERS if metric == "share_price" else set()):
        return False
    words = {_lemma(t) for t in verb.sent}
    if _lemma(teller) in _OFFERS - {"offer"} or _lemma(teller) == "offer" and (words & _A_TAKEOVER or any(
            _lemma(c) in _A_TAKEOVER | {"hostile", "cash", "all-cash"} for c in teller.children)):
        return True             # (an offer of shares or a tender offer to staff is no takeover: "raised $694
        #                         million in a tender offer that values Stripe at $91.5 billion")
    if metric == "share_price" and not _a_listing(verb):
        # a price a deal sets on each share is a takeover's, not a round's: "the deal values TXNM at
        # $61.25 per share", "this values Comerica shares at $82.88 each"
        return verb.tag_ != "VBD" and not _told_closed(verb)
    return verb.tag_ != "VBD" and not _told_closed(verb) and bool(words & _A_TAKEOVER or _lemma(teller) in _A_TAKEOVER)


def status_of(doc: Doc, start: int, end: int, metric: str, event: bool) -> str:
    """'planned', 'forecast' or 'reported' for the figure at text[start:end] of a parsed doc
    (always 'reported' without a parse: nothing is known of its clause). `event`: the metric is
    an event (a round, a deal), which the future and an agreement make a plan of."""
    if not doc.has_annotation("DEP"):
        return "reported"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return "reported"
    inside = {t.i for t in span}
    if any(c.dep_ == "amod" and c.lower_ in _PLANNED_ADJ for t in span for c in t.children):
        return "planned"
    cur = next((t for t in span if t.head.i not in inside or t.head.i == t.i), span.root)
    if _into_a_deal_ahead(cur):
        return "planned"
    if any(t.dep_ == "pobj" and t.head.lower_ == "per" and _lemma(t) in _OFFERS for t in cur.subtree) and \
            not _a_listing(cur):
        return "planned"        # "the $55 per share offer", the parse hanging the offer under the figure
    hops = 0
    while cur.head.i != cur.i and hops < 10:
        via, cur, hops = cur, cur.head, hops + 1
        if cur.lower_ in _ASIDE and cur.dep_ in ("prep", "acl", "advcl"):
            break
        if cur.dep_ == "appos" and _lemma(cur) in HOLDER_NOUNS:
            break           # "Brennock, a 5.7% shareholder, wants two seats": a holder described in passing holds now
        if _lemma(cur) in ("price", "close") and cur.pos_ == "NOUN" and (
                _lemma(cur) == "close" or any(c.dep_ in ("amod", "compound") and c.lower_ in _MARKED for c in cur.children)):
            break           # "a discount to Intel's closing price of $23.66": a price the market set, not the deal's
        said = "planned" if metric in ("valuation", "share_price") and cur.pos_ == "VERB" and \
            _terms_of_a_takeover(cur, metric) else _says(cur, metric, event, via)
        if said is not None:
            return said
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ in _CLAUSE_EDGES and not _same_act(cur) and not _tells_terms(cur) \
                and not _act_of_a_deal(cur):
            break
    return "reported"


def _held_ahead(verb: Token) -> bool:
    """'will own', 'are set to hold', 'is expected to retain' (not after an event told as done)."""
    return (_modal(verb, _FUTURE) or verb.dep_ == "xcomp" and _lemma(verb.head) in _AGREEING | {"expect"}) and \
        not any(c.dep_ == "advcl" and c.tag_ == "VBD" for c in verb.children)


def held_ahead(doc: Doc, start: int, end: int) -> bool:
    """Is the figure at text[start:end] a holding the future gives ("will own 62.4% of the
    combined company"), not one kept ("will retain *its* 26.4% stake")? A pending deal's terms."""
    span = doc.char_span(start, end, alignment_mode="expand") if doc.has_annotation("DEP") else None
    cur = span.root if span is not None and len(span) else None
    for _ in range(5):
        if cur is None or cur.pos_ in ("VERB", "AUX") or any(c.dep_ == "poss" for c in cur.children):
            break
        cur = cur.head if cur.head.i != cur.i else None
    return cur is not None and cur.pos_ in ("VERB", "AUX") and _lemma(cur) in _HOLDING | {"maintain"} and _held_ahead(cur)
