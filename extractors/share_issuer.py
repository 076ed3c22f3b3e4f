"""Whose shares a price per share is of: the company a share noun, a price noun or the deal
around the figure names, the target of a takeover told before, else the company the text has
named most so far (claim_parties.py asks it for every share_price claim)."""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Span, Token

from claimtrack.extractors import roles
from claimtrack.extractors.bidders import bidders
from claimtrack.extractors.claim_words import TAKING, TRADING_VERBS
from claimtrack.extractors.frames import CHANGE_VERBS, governing_verb, lemma
from claimtrack.extractors.phrase_words import bought_back, taken_private
from claimtrack.extractors.possessives import doer_of_object
from claimtrack.extractors.references import Party, References
from claimtrack.extractors.takeover_parties import acquisition_told, company_taken

# verbs and nouns of buying into a company: whose shares are bought is not the buyer's
BUYING_INTO = {"invest", "investment", "stake", "buy", "acquire", "purchase", "take", "inject", "pour"}
ISSUE_NOUNS = {"share", "stock", "ipo", "offering", "listing", "debut", "float", "unit", "security"}
_BIDDING = {"pay", "offer", "bid", "buy", "acquire", "purchase", "value", "price"}


def share_issuer(figure: Span, refs: References, anchor: Token | None = None,
                  target: str | None = None, holders: set[str] | frozenset[str] = frozenset()) -> Party | None:
    """Whose shares a price is of: the owner of the price noun ("Juniper's closing price"), the
    company a share noun of the sentence names ("Intel shares", "shares of DigitalBridge",
    "shares in the chipmaker", "its IPO"), what is paid for ("pay $40 a share for Juniper"),
    the target of the takeover spoken of before (`target`), else the company the text has
    named most so far (an IPO story's issuer) but for `holders` of stakes in others."""
    inside = range(figure.start, figure.end + 2)       # "$40 a share": the figure's own share noun
    if anchor is not None and anchor.pos_ in ("NOUN", "PROPN") and refs.mention_at(anchor) is None:
        # (a party is no priced thing: "acquired by ... PIF, Silver Lake and Affinity for $210 a share")
        # (whose purchase it is says who buys, not whose shares: "SoftBank's purchase of Intel shares")
        found = (roles.owner(anchor, refs) if lemma(anchor) not in BUYING_INTO | {"acquisition"} else None) or \
            roles.prep_party(anchor, ("of", "for"), refs)
        if found is None:
            name = next((c for c in anchor.children if c.dep_ in ("compound", "nmod") and refs.mention_at(c) is not None), None)
            found = refs.party(name) if name is not None else None
        if found is not None and found.kind in ("company", "org", "product", "description"):
            return found
    quoted = governing_verb(figure.root)
    if quoted is not None and quoted.dep_ in ("acl", "relcl") and lemma(quoted) in CHANGE_VERBS | TRADING_VERBS - \
            {"sell", "offer", "price"} and (host := refs.party(quoted.head, exclude=doer_of_object(refs, quoted.head))) is not None \
            and host.kind in ("company", "org"):   # ("to take over the investment firm, which was trading at": not the taker)
        return host             # "Emerson, currently trading at $118.61, launched a tender offer for AspenTech": Emerson's
    for t in _own_clause_first(figure):     # (and "Skechers shareholders will receive $63 per share")
        if lemma(t) in ("price", "close") and t.pos_ == "NOUN" and t.i not in inside and (priced := roles.owner(t, refs)) is not None \
                and priced.kind in ("company", "org"):
            return priced           # "pay $23 per share, a discount to Intel's closing price" (or "last close"): the stock priced is Intel's
        if lemma(t) not in ISSUE_NOUNS | {"shareholder", "stockholder"} or t.i in inside:
            continue
        named_before = [t.doc[t.i - 1]] if t.i > 0 and refs.mention_at(t.doc[t.i - 1]) is not None else []
        for c in [*t.children, *named_before]:       # "Intel shares"; "$63 per Endeavor share" parsed apart
            if (c.dep_ in ("compound", "nmod") or c.i == t.i - 1) and refs.mention_at(c) is not None:
                named = refs.mention_at(c)
                found = refs.party(c) or Party(named.name, named)
                if found is not None and found.kind in ("company", "org", "product"):
                    return found
        found = roles.owner(t, refs) or roles.prep_party(t, ("of", "in"), refs) or \
            (roles.prep_party(t.head, ("in",), refs) if t.dep_ == "dobj" else None)   # "sold 71 million shares in Airtel"
        capital = next((g for c in t.children if c.dep_ == "prep" and c.lower_ in ("of", "in") for g in c.children
                        if g.dep_ == "pobj" and lemma(g) in ("capital", "equity")), None) if found is None else None
        found = roles.prep_party(capital, ("of",), refs) if capital is not None else found   # "shares in the capital of X"
        if found is not None and found.kind in ("company", "org", "product", "description"):
            return found
    for t in figure.sent:       # "Nvidia will invest $5 billion in Intel, buying shares at $23.28"; "pay $40 a share for Juniper"
        verb = next((a for a in t.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if t.lower_ == "for" and t.dep_ == "prep" and verb is not None and lemma(verb) in _BIDDING:
            obj = next((g for g in t.children if g.dep_ == "pobj"), None)
            found = refs.party(obj) if obj is not None else None
            if found is not None and found.kind in ("company", "org"):
                return found
        if t.lower_ == "for" and t.dep_ == "prep" and t.head.pos_ in ("VERB", "AUX") and t.i > figure.start - 2 and (
                taken := _takeover_of(t.head, refs)) is not None:
            return taken        # "completed its acquisition of Beacon Roofing Supply for $124.35 per share"
        if t.lower_ in ("in", "into") and t.dep_ == "prep" and lemma(t.head) in BUYING_INTO:
            obj = next((g for g in t.children if g.dep_ == "pobj"), None)
            buyer = roles.agent(t.head, refs) if t.head.pos_ in ("VERB", "AUX") else None
            found = refs.party(obj, backed=True, exclude=frozenset({buyer.name}) if buyer else frozenset()) \
                if obj is not None else None
            if found is not None and found.kind in ("company", "org", "product"):
                return found
    taking = next((a for a in figure.root.ancestors if a.pos_ == "VERB" and (
        lemma(a) in TAKING - {"take", "merge"} or taken_private(a))), None)      # ("taken private by ... for $210 a share")
    found = company_taken(taking, refs) if taking is not None else None
    if found is not None:           # "agreed to be acquired by ... for $210 a share"
        return found
    if target is not None and any(lemma(t) in _BIDDING | {"deal", "premium", "takeover", "bid"} for t in figure.sent):
        return Party(target)    # "IBM was looking to offer $35 per share" after its bid for HashiCorp
    told = acquisition_told(figure.sent, refs)
    if told is not None and told[1].kind in ("company", "org"):
        return told[1]          # "closed the acquisition of ALLETE at $67 per share": the company taken, never its buyer
    moving = governing_verb(figure.root)
    if moving is not None and (lemma(moving) in CHANGE_VERBS | TRADING_VERBS - {"sell", "offer", "price"}):
        mover = roles.agent(moving, refs)       # "while Goldman Sachs rose 1.3% to an all-time high of $715.29"
        if mover is not None and mover.kind in ("company", "org") and mover.name not in bidders(figure, refs):
            return mover
    allotting = next((a for a in list(figure.root.ancestors)[:4] if a.pos_ == "VERB" and lemma(a) in _ALLOTTING), None)
    if allotting is not None and not roles.is_passive(allotting):
        issuer = roles.agent(allotting, refs)       # "The bank will issue ... shares worth Rs 1,000 crore at Rs 60 each"
        if issuer is not None and issuer.kind in ("company", "org"):
            return issuer
    # who buys another's shares is not whose they are ("Nvidia will buy $5 billion of the company's
    # stock at $23.28 a share"); a buyback's buyer is
    buying = next((a for a in figure.root.ancestors if a.pos_ == "VERB" and lemma(a) in BUYING_INTO and not bought_back(a)), None)
    buyer = roles.agent(buying, refs) if buying is not None else None
    payers = bidders(figure, refs) | ({buyer.name} if buyer is not None else set())
    payers |= {p.name for p in (roles.patient(allotting, refs),) if p is not None} \
        if allotting is not None and roles.is_passive(allotting) else set()    # "X will be allotted shares at": X buys
    payers |= _venues(refs) | holders     # (nor who holds a stake in another told before: "Trian holds 16.7% of
                                          # Janus Henderson ... the shares will be acquired for $46 each")
    named = Counter(m.name for m in refs.mentions if m.end <= figure.start_char and m.kind in ("company", "org")
                    and id(m) not in refs.sources and m.name not in payers)
    if not named:
        # "Investors bought shares at $600 apiece in a tender offer that values SpaceX at ...":
        # the one company the sentence names after the price
        later = {m.name: m for m in refs.mentions if figure.end_char <= m.start < figure.sent.end_char
                 and m.kind in ("company", "org") and id(m) not in refs.sources and m.name not in payers}
        return Party(*next(iter(later.items()))) if len(later) == 1 else None
    top = max(named.values())
    first = next(m for m in refs.mentions if named.get(m.name) == top)
    return Party(first.name, first)


_CLAUSES = {"advcl", "conj", "ccomp", "relcl", "parataxis", "acl"}


def _own_clause_first(figure: Span) -> list[Token]:
    """The sentence's words, those of the figure's own clause first: in "Aumovio shares debuted
    at €35, while Continental shares closed at €58" the €58 is said of Continental's shares."""
    verb = governing_verb(figure.root)
    if verb is None:
        return list(figure.sent)
    inner = {t.i for c in verb.children if c.dep_ in _CLAUSES and c.pos_ in ("VERB", "AUX") for t in c.subtree}
    own = [t for t in verb.subtree if t.i not in inner]
    return own + [t for t in figure.sent if t.i not in {o.i for o in own}]


_TAKEOVER_NOUNS = {"acquisition", "purchase", "takeover", "buyout"}
_ALLOTTING = {"allot", "issue"}     # who issues or allots shares is whose they are; who is allotted them buys


def _venues(refs: References) -> set[str]:
    """Names the text gives only as where shares trade ("$9.38 per share on the Nasdaq Capital Market",
    "listed on the Australian Securities Exchange"): a market, never the company whose shares they are."""
    doc, where, elsewhere = refs.doc, set(), set()
    for m in refs.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        on = span is not None and span.root.dep_ == "pobj" and span.root.head.lower_ == "on"
        (where if on else elsewhere).add(m.name)
    return where - elsewhere


def _takeover_of(verb: Token, refs: References) -> Party | None:
    """The company a verb's takeover noun is of ("completed its acquisition of Beacon"), when the
    price per share hangs on the verb."""
    deal = next((c for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass") and lemma(c) in _TAKEOVER_NOUNS), None)
    found = roles.prep_party(deal, ("of",), refs) if deal is not None else None
    return found if found is not None and found.kind in ("company", "org") else None

