"""Figures in a claim type's frame that no reader takes as its claim: a counterfactual or an
order book, an amount per share that is no share price, what an option would give, a share of
something other than a company, a part of a value told before it. The lexicon (lexicon.py) chooses no type for them."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from claimtrack.extractors.claim_words import ACQUIRING_VERBS, CHANGE_NOUNS, OTHER_MEASURES, SCALED, SECURITIES, SHARE_NOUNS
from claimtrack.extractors.debt_parts import part_of_debt_told
from claimtrack.extractors.frames import Frame, find_frame, lemma
from claimtrack.extractors.raised_totals import raised_to_date

if TYPE_CHECKING:
    from claimtrack.extractors.figures import Figure

_OPTIONS = {"warrant", "option", "right", "call", "put"}
_OWNED = {"share", "stock", "equity", "company", "firm", "business", "capital", "stake", "ownership", "unit", "venture",
          "startup", "subsidiary", "arm", "operation", "entity", "group", "interest", "holding", "lab", "maker"}
_NOT_CLAIMED = {"order", "orderbook", "demand", "subscription", "asset", "aum", "liability", "liabilities"}
_DEMAND = {"order", "demand", "subscription"}


def not_a_fact(figure) -> bool:
    """A figure no reader takes as a claim: a counterfactual or assumption ("could have been
    priced at $52", "the assumed IPO price of $25"), an order book ("orders of $114 billion"),
    assets managed ("a $145bn-in-assets firm"), a total raised to date ("has raised $3.9 billion
    since its inception"), a debt carried rather than taken on ("$95 billion of debt outstanding")."""
    root = figure.root
    verb = next((t for t in root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    clause = figure.doc[min(t.i for t in verb.subtree):max(t.i for t in verb.subtree) + 1] if verb is not None else figure.sent
    if len(clause) > 40:
        clause = figure.doc[max(clause.start, figure.start - 15):min(clause.end, figure.end + 15)]
    window = clause.text
    if verb is not None and {"could", "would", "might"} & {c.lower_ for c in verb.children if c.dep_ == "aux"} \
            and any(c.lower_ == "have" for c in verb.children if c.dep_ == "aux"):
        return True             # "could have been priced at $52"
    head = root.head
    if any(c.lower_ in ("assumed", "hypothetical") for c in [*head.children, *root.children]):
        return True             # "the assumed initial public offering price of $25.00"
    if re.search(r"\bwould need\b|\bearn-?out\b|\bcould further\b", window, re.IGNORECASE):
        return True
    moved = figure.doc[figure.start - 1] if figure.start > 0 else None
    if moved is not None and moved.lower_ in ("up", "down") and (moved.dep_ != "prt" or lemma(moved.head) in _QUOTED):
        return True             # "closed up $2.88 at $162.88": a move, no level (not "up to $5", "built up $2 billion")
    after = figure.doc[figure.end:figure.end + 4].text.lower()      # "-in-assets" is four tokens
    if re.match(r"-?\s*in[- ]assets|of assets|in aum|under management", after):
        return True
    for t in list(root.ancestors)[:3]:
        if lemma(t) in _NOT_CLAIMED and t.pos_ == "NOUN" and not purchase_order(t):
            return True
    said_of = [root] + ([root.head] if root.dep_ in ("dobj", "attr") else [])
    if any(c.dep_ == "prep" and c.lower_ in ("in", "of") and lemma(g) in _DEMAND for t in said_of for c in t.children
           for g in c.children if g.dep_ == "pobj"):
        return True             # "drew more than $20 billion in orders": what buyers asked for, not what was sold
    if raised_to_date(root, verb, window) or cash_part(figure, verb):
        return True
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    comprising = first.head if first.dep_ == "dobj" else first.head.head if first.dep_ == "pobj" and \
        first.head.lower_ == "of" else None
    if comprising is not None and lemma(comprising) in _COMPRISING and any(
            c.dep_ == "nsubj" and lemma(c) in _PRICES for c in comprising.children):
        return True             # "The enterprise value comprises $6.4bn in cash, $2.8bn in stock, ...": its parts
                                # (not "an offering consisting of $2 billion of notes": each is borrowed)
    return debt_held(root) or debt_paid_off(root) or part_of_debt_told(root) or sale_proceeds(figure) or option_price(figure)


def purchase_order(noun: Token) -> bool:
    """"a $38 billion order for 65 jets", "an order worth $3.4 billion": an order placed with a
    seller, what the buyer commits to pay; "orders of $114 billion" for a bond is its book."""
    if lemma(noun) != "order" or fixed_order(noun):
        return False
    return noun.tag_ == "NN" or any(c.dep_ == "prep" and c.lower_ == "for" and any(
        g.dep_ == "nummod" and g.head.dep_ == "pobj" and g.ent_type_ != "MONEY" for g in c.subtree) for c in noun.children)


def fixed_order(noun: Token) -> bool:
    """"in order to finance": no order at all."""
    return noun.lower_ == "order" and noun.i > 0 and noun.doc[noun.i - 1].lower_ == "in" and \
        noun.i + 1 < len(noun.doc) and noun.doc[noun.i + 1].lower_ in ("to", "for")


_SOLD = re.compile(r"\b(?:sell|sells|sold|selling|sale|divest\w*|disposal|dispose|deal|transaction|close|closes|closing)\b", re.IGNORECASE)
_ISSUED = re.compile(r"\b(?:ipo|offering|listing|float|notes|bonds?|placement|issu\w+|raise[ds]?|round)\b", re.IGNORECASE)


def sale_proceeds(figure) -> bool:
    """The cash a seller gets for what it sells ("BASF will receive about EUR 5.8 billion in
    pre-tax cash proceeds when the deal closes"): part of a deal's terms, no round raised; the
    proceeds of an offering or a listing stay the round's. Net proceeds, what fees leave of
    either, are no claim: the deal's or the offering's size is."""
    root = figure.root
    if root.ent_type_ != "MONEY":
        return False
    verb = next((t for t in root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    told = [*list(root.ancestors)[:3], *(g for t in [root] + ([verb] if verb is not None else [])
                                         for c in t.children if c.dep_ == "prep" for g in c.children),
            *(c for c in (verb.children if verb is not None else ()) if c.dep_ == "nsubj")]
    if not any(t.lower_ == "proceeds" for t in told):
        return False            # ("proceeds of $X", "receive $X in cash proceeds", "proceeds amounted to $X")
    if any(t.lower_ == "proceeds" and any(c.lower_ == "net" for c in t.children) for t in told):
        return True             # "net proceeds from the offering were $2,720 million": what fees leave of it
    return bool(_SOLD.search(figure.sent.text)) and not _ISSUED.search(figure.sent.text)


_COMPRISING = {"comprise", "consist", "compose"}
_PRICES = {"value", "price", "consideration", "valuation", "cost"}
_OTHER_PARTS = {"stock", "share", "equity", "balance", "premium", "earnout", "earn-out", "debt"}


def cash_part(figure: Span, verb: Token | None) -> bool:
    """The cash part of a price paid partly in other things ("will pay $4.5 billion in cash, with the
    balance of the transaction in company stock"): no price of its own."""
    root = figure.root
    if verb is None or lemma(verb) != "pay" or re.match(r"\s*(?:a|per|each)\s+share", figure.doc.text[figure.end_char:]):
        return False
    cash = next((g for c in root.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children
                 if g.dep_ == "pobj" and g.lower_ == "cash"), None)
    if cash is None or any(c.dep_ == "conj" for c in cash.children):
        return False            # ("$10 billion in cash and stock": the whole price)
    return any(lemma(t) in _OTHER_PARTS for t in verb.sent if not (figure.start <= t.i < figure.end))


# verbs that pay a debt off: the notes "repurchased", "redeemed", "repaid" are not borrowed anew, nor
# those a new debt "replaces" ("the new notes will replace the existing $993 million senior notes")
_PAYING_OFF = {"repurchase", "redeem", "repay", "retire", "prepay", "extinguish", "replace"}


def debt_paid_off(root: Token) -> bool:
    """Debt bought back or paid off ("to repurchase $227 million of its notes due 2030", "redeemed
    $1 billion of bonds"): no debt taken on (and no share buyback)."""
    verb = next((t for t in root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or not (lemma(verb) in _PAYING_OFF or lemma(verb) in ("buy", "pay") and any(
            c.dep_ == "prt" and c.lower_ in ("back", "off", "down") for c in verb.children)):
        return False
    said = [g for c in root.children if c.dep_ == "prep" and c.lower_ in ("of", "in") for g in c.children
            if g.dep_ == "pobj"] + [c for c in verb.children if c.dep_ == "dobj" and c.i != root.i and not any(
                k.dep_ in ("relcl", "acl") for k in c.children)]    # (not "repay a bridge loan that was secured in June")
    said += [g for t in said if lemma(t) in _PORTIONS for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
             for g in c.children if g.dep_ == "pobj"]          # "repay the $500 million principal amount of its notes"
    return any(lemma(t) in _DEBTS | _LINES for t in said)


_DEBTS = {"debt", "borrowing", "liability", "note", "bond", "loan", "obligation"}
_LINES = {"facility", "line"}       # ("its existing $725 million credit facility": held, unless grown: "upsized its existing")
_GROWN = {"upsize", "increase", "expand", "extend", "raise", "boost", "amend", "refinance"}
_ASSUMING = {"assume", "inherit"}
_PORTIONS = {"amount", "principal", "portion", "balance", "tranche", "part"}
_HELD = {"outstanding", "total", "net", "existing", "gross"}
_LOADS = {"load", "burden", "pile", "stack", "mountain", "overhang", "pile-up"}


def debt_held(root: Token) -> bool:
    """A debt a party carries, not one it takes on: "$95 billion of debt outstanding", "total
    debt of $38 billion", "its $38 billion debt burden", "owes $4 billion"; an issue or a loan
    is money newly borrowed."""
    near = [root] + [g for c in root.children if c.dep_ == "prep" and c.lower_ in ("of", "in")
                     for g in c.children if g.dep_ == "pobj"]
    if root.dep_ == "pobj" and root.head.lower_ in ("of", "at") and root.head.head.pos_ == "NOUN":
        near.append(root.head.head)             # "total debt of $38 billion"
    if root.dep_ in ("compound", "nmod", "nummod", "amod"):
        near.append(root.head)                  # "its $38 billion debt burden"
    if root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.pos_ == "VERB":
        near += [c for c in root.head.head.children if c.dep_ == "dobj"]     # "bringing its total debt to $60 billion"
    for t in near:
        if (lemma(t) in _DEBTS or lemma(t) in _LINES and lemma(t.head) not in _GROWN) and (any(c.lower_ in _HELD for c in t.children)
                                   or t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "outstanding"):
            return True
        if lemma(t) in _STOCKS and t.i != root.i and any(c.dep_ == "poss" for c in t.children) and \
                root.head.lower_ == "of" and root.head.head.i == t.i:
            return True                         # "its long-term debt of $41.62 billion": what it owes
        if lemma(t) in _LOADS and any(lemma(c) == "debt" for c in t.children if c.dep_ in ("compound", "nmod", "amod")):
            return True
    verb = next((t for t in root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    if lemma(verb) == "owe" or lemma(verb) in _ASSUMING and any(lemma(t) in _DEBTS for t in near):
        return True             # "will also assume $12.7 billion in Calpine debt": a buyer takes on a debt carried
    if lemma(verb) in _CARRYING and any(lemma(t) in _STOCKS and not any(c.dep_ == "compound" for c in t.children)
                                        for t in near[1:]):
        return True             # "has about $4.5 billion of cash and $5 billion of debt"
    # "Oracle's debt has swelled to more than $100 billion": the level of a debt, not a debt raised
    # (and "Kering's net debt, which stood at 9.5 billion euros": the relative's antecedent)
    subjects = [verb.head if c.lower_ in ("which", "that") and verb.dep_ == "relcl" else c
                for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return lemma(verb) in _LEVELS and any(lemma(c) in _STOCKS and c.pos_ == "NOUN" and not any(
        g.dep_ == "compound" for g in c.children) for c in subjects)


_STOCKS = {"debt", "borrowing", "liability", "obligation"}     # what a party owes, not an instrument it issued
_CARRYING = {"have", "carry", "hold", "shoulder", "sit"}
_LEVELS = {"swell", "rise", "grow", "climb", "reach", "balloon", "stand", "total", "top", "increase", "jump", "soar",
           "fall", "drop", "decline", "hit", "surge", "be"}


_PER_SHARE_OTHER = {"earn", "dividend", "earnings", "eps", "payout", "distribution", "profit", "loss", "income", "revenue",
                    "cash", "flow", "coupon", "fee", "book", "ebitda", "buyback"}
_OPTION_PRICES = {"conversion", "exercise", "strike", "face", "par"}     # a note's or an option's price, a share's face value
# what a note or a warrant may become ("convertible at $16.03"); money converted at a price buys shares at it
_CONVERTIBLE = {"convertible", "exchangeable", "exercisable"}


def option_price(figure: Span) -> bool:
    """A note's conversion or cap price, a warrant's exercise price, a note's face amount ("a
    $19.94 conversion price", "convertible at an initial price of $16.03 per share", "a cap price
    of $4.80", "each $1,000 note"): no price the shares traded or were sold at."""
    if SCALED.search(figure.text) or re.search(r"%|per\s?cent", figure.text, re.IGNORECASE):
        return False                # ("$2 billion of convertible notes": the notes' size; "converted into a 9.9% stake")
    root = figure.root
    up = list(root.ancestors)[:4]
    if any(c.lower_ in _OPTION_PRICES | {"cap"} for t in [root, *up[:2]] for c in t.children if c.dep_ in ("compound", "amod")):
        return True
    if any(lemma(t) in _CONVERTIBLE or t.pos_ in ("AUX", "VERB") and any(
            c.dep_ == "acomp" and lemma(c) in _CONVERTIBLE for c in t.children) for t in up):
        return True                 # ("The notes are convertible into shares at an initial price of $3.00")
    return root.dep_ in ("nummod", "compound", "quantmod") and lemma(root.head) in SECURITIES


_CHANGED = CHANGE_NOUNS | {"raise"}      # "a dividend raise"
_QUOTED = {"close", "end", "finish", "trade", "open", "settle", "be"}     # how a stock's day is told


def per_share_other(frame: Frame) -> bool:
    """Whether a per-share amount is something other than the share's price: a dividend,
    earnings or a loss per share ("lifted its dividend to 21 cents a share")."""
    root = frame.figure.root
    near = [frame.anchor] if frame.anchor is not None else []
    near += list(root.ancestors)[:3]
    for t in list(near):
        if t.pos_ in ("VERB", "AUX"):
            near += [c for c in t.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
    near += [c for t in near if t is not None and lemma(t) in _CHANGED for c in t.children
             if c.dep_ == "compound"]        # "a dividend increase of 8% to $0.28 per share"
    near += [t.head.head for t in near if t is not None and lemma(t) == "share" and t.head.lower_ == "per"]   # "earnings per share of"
    pers = [t.head for t in near if t is not None and lemma(t) == "share" and t.head.lower_ == "per"]
    pers += [c for c in root.children if c.lower_ == "per"]        # "its quarterly $0.25 per share dividends"
    near += [t for p in pers for t in (root.doc[p.i - 1], *p.children, *(c for g in (p.head, *p.children)
             for c in g.children if c.dep_ == "compound"))]       # "earnings per share of"; "book value per share of"
    return any(t is not None and (lemma(t) in _PER_SHARE_OTHER or t.lower_ in _PER_SHARE_OTHER) for t in near) or \
        _contingent(frame) or beside_shares(frame) or _result_per_share(root) or \
        any(c.lower_ in _OPTION_PRICES for t in near if t is not None for c in t.children if c.dep_ in ("compound", "amod"))
        # ("earnings": the model's lemma is "earning"; "a conversion price of $30.98 per share": a note's, no share's price)


def _result_per_share(root: Token) -> bool:
    """"Coinbase lost $1.1bn, or $4.98 a share": the amount a share of a result told by a verb comes to."""
    whole = root.head if root.dep_ in ("conj", "appos") and root.head.ent_type_ == "MONEY" else None
    return whole is not None and whole.dep_ == "dobj" and lemma(whole.head) in ("lose", "earn", "make", "post", "report", "book")


def unhung_price(frame: Frame, fig: Figure) -> bool:
    """A price per share the parse hangs on nothing ("a public offer ... for all shares in the
    capital of X of 20.30 euros in cash per share"): a share's price, unless its sentence speaks of
    a per-share amount of another kind (a dividend, earnings, money returned to shareholders)."""
    return frame.how == "unknown" and fig.kind == "price" and not any(lemma(t) in _OTHER_IN_SENTENCE
                                                                      for t in frame.figure.sent)


_OTHER_IN_SENTENCE = (_PER_SHARE_OTHER - {"cash", "flow"}) | {"return", "distribute"}
_CONTINGENT = re.compile(r"\bcontingent\s+(?:value\s+)?(?:rights?|payments?)\b|\bCVRs?\b", re.IGNORECASE)


_MORE = re.compile(r"\b(?:another|additional|extra)\s*$", re.IGNORECASE)


def _contingent(frame: Frame) -> bool:
    """"a contingent value right of up to $24 per share", "up to another $3 a share down the
    road": paid only if milestones are met, or on top of the price, no price."""
    root = frame.figure.root
    before = root.doc[max(root.sent.start, frame.figure.start - 8):frame.figure.start].text
    return bool(_CONTINGENT.search(before) or _MORE.search(before))


def beside_shares(frame: Frame) -> bool:
    """The cash part of a cash-and-stock offer ("one Union Pacific share and $88.82 in cash for
    each Norfolk share", "$3.50 and 0.14625 shares of Kimberly-Clark stock for each Kenvue
    share"): an amount paid beside a number of shares, not what a share is priced at."""
    root = frame.figure.root
    if not re.search(r"\bcash\b|\bfor (?:each|every)\b", root.sent.text, re.IGNORECASE):
        return False
    others = [c for c in root.children if c.dep_ == "conj"] + ([root.head] if root.dep_ == "conj" else [])
    for t in others:
        if lemma(t) in SHARE_NOUNS and any(c.like_num for c in t.children if c.dep_ == "nummod" and c.i != root.i):
            return True     # "one share and $88.82"
        if t.like_num and root.dep_ == "nummod" and lemma(root.head) in SHARE_NOUNS:
            return True     # "$3.50 and 0.14625 shares"
    return False


# "considering its options", "exploring strategic options": choices weighed, not options granted
_WEIGHING = {"consider", "weigh", "explore", "review", "evaluate", "assess", "study", "examine", "discuss", "keep"}


# "... and warrants for another 5%", "options to buy a further 2%" (what the parse may hang elsewhere)
_OPTION_BEFORE = re.compile(r"\b(?:warrants?|options?)\s+(?:for|to\s+(?:buy|purchase|acquire))\s*$", re.IGNORECASE)


def optional(token: Token) -> bool:
    """Whether a figure is what an option or warrant would give ("a warrant to purchase 5%",
    "receives warrants to buy 5%", "could own 10% if it exercises the warrant")."""
    start = min(t.i for t in token.subtree)
    if _OPTION_BEFORE.search(token.doc[max(token.sent.start, start - 6):start].text):
        return True
    for t in list(token.ancestors)[:6]:
        if t.pos_ in ("VERB", "AUX") and any(c.dep_ == "advcl" and any(g.lower_ == "if" for g in c.children) and any(
                lemma(x) in _OPTIONS and x.pos_ == "NOUN" for x in c.subtree) for c in t.children):
            return True         # "could own up to 10% of Orrin if it exercises the warrant in full"
        if lemma(t) in _OPTIONS and t.pos_ == "NOUN":
            return True
        if t.pos_ in ("VERB", "AUX") and lemma(t) not in _WEIGHING and any(
                lemma(c) in _OPTIONS and c.dep_ in ("dobj", "nsubj", "nsubjpass") for c in t.children):
            return True
        if t.pos_ == "VERB" and t.i >= 2 and t.doc[t.i - 1].lower_ == "to" and lemma(t.doc[t.i - 2]) in _OPTIONS:
            return True         # "along with warrants to buy another 7.5%", the infinitive hung on the main verb
        if t.dep_ == "relcl":
            break               # "Oracle, which owns 29% of Ampere, may use options to ...": the clause says what is held
    return False


def share_of_something_else(root: Token, is_party) -> bool:
    """"95% of the voting power", "27% of sales": a share of no company."""
    for c in root.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "NOUN" and lemma(obj) not in _OWNED and not is_party(obj):
                return True
    return False


_PART_OF = {"including", "includes", "plus", "less", "excluding"}
_PRICED = {"acquisition", "merger", "takeover", "buyout", "value", "valuation", "price", "cost"}   # ("a total cost of")


def part_of_value(figure: Span) -> bool:
    """Whether an amount is told as a part of a value before it ("valued X at $33 billion,
    including $12 billion of debt", "a transaction that valued X at ..., including"): the debt
    the company carries into the deal, no claim of its own (no debt issued, no second price)."""
    prep = figure.root.head
    if figure.root.dep_ != "pobj" or prep.lower_ not in _PART_OF:
        return False
    whole = prep.head
    if whole.like_num or whole.ent_type_ == "MONEY":
        frame = find_frame(whole.doc[whole.i:whole.i + 1])
        # "agreed to acquire Playa for about $2.6 billion, including about $900 million of debt": a price's part
        return frame.how == "valued" or frame.how == "prep" and frame.prep == "for" and frame.anchor is not None \
            and lemma(frame.anchor) in ACQUIRING_VERBS
    return lemma(whole) in _PRICED or any(c.dep_ in ("relcl", "acl") and lemma(c) in ("value", "price") for c in whole.children)


def worth_of_other_measure(figure: Span) -> bool:
    """Whether a figure is the worth of a measure no type takes ("has a net worth of $195
    billion": a person's wealth or a book value, OTHER_MEASURES), no company's valuation."""
    root = figure.root
    return root.dep_ == "pobj" and root.head.lower_ == "of" and measure_not_typed(root.head.head)


def measure_not_typed(noun: Token | None) -> bool:
    """Whether a noun, with the modifiers before it, names a measure no type takes
    (OTHER_MEASURES): "net worth"; "net proceeds", what an offering leaves after its fees, is
    not the size of the round; a per-share amount of another measure ("earnings per share of")."""
    if noun is not None and lemma(noun) == "share" and noun.head.lower_ == "per":      # "earnings per share of $2.10",
        per = noun.head                                                               # "book value per share of $28.59"
        return any(lemma(t) in _PER_SHARE_OTHER or t.lower_ in _PER_SHARE_OTHER for t in (
            noun.doc[per.i - 1], per.head, *(c for c in per.head.children if c.dep_ == "compound")))
    words = [c.lower_ for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i] + [lemma(noun)] \
        if noun is not None else []
    return " ".join(words) in OTHER_MEASURES
