"""Who a claim the parse reads is about: its subject and object from the frame of its figure
(see roles.py); whose shares a share price is of is share_issuer.py's."""
from __future__ import annotations

from spacy.tokens import Token

from claimtrack.extractors import roles
from claimtrack.extractors.choice import Choice
from claimtrack.extractors.claim_words import (ANSWERING, DEAL_NOUNS, HOLDER_NOUNS, OFFERS, RAISING_VERBS, SHARE_NOUNS,
                                              STAKE_NOUNS, TAKING)
from claimtrack.extractors.commitment_parties import buyer_first
from claimtrack.extractors.debt_parties import SECURITIES, own_deal_funded, taken_by_relative
from claimtrack.extractors.debt_parts import joined_owner
from claimtrack.extractors.frames import lemma
from claimtrack.extractors.misparsed import handed_on
from claimtrack.extractors.possessives import BACKING
from claimtrack.extractors.references import Party, References
from claimtrack.extractors.rest_bought import rest_bought
from claimtrack.extractors.round_parties import (backer_with, backers_of, bought_into, dealers_before, priced_company, raiser, round_valuing, value_holder,
                                                 value_named, whose_shares)
from claimtrack.extractors.share_issuer import BUYING_INTO, ISSUE_NOUNS, share_issuer
from claimtrack.extractors.stake_holders import bought_from, held_by, sellers_own, sold_to, stake_beside
from claimtrack.extractors.stake_sales import part_sold, percent_sold
from claimtrack.extractors.takeover_parties import SELLING, TAKEOVERS, acquisition_told, buyer_of_sold, co_doers, company_taken, control_told, taker


def parties_of(choice: Choice, refs: References, frame_party: Party | None, target: str | None = None,
               holders: set[str] | frozenset[str] = frozenset(), told: list | tuple = ()
               ) -> tuple[Party | None, Party | None]:
    """Subject and object of a claim from its frame (see roles.py); `holders` hold stakes in
    others told before (never whose shares a price is of by mere count of names); `told`, the
    claims read so far as (figure, type, subject, ...)."""
    ct, frame = choice.type, choice.frame
    noun, verb = choice.noun, choice.verb
    subject: Party | None = None
    obj: Party | None = None
    root = frame.figure.root
    if frame.how == "valued":
        if ct.metric in ("valuation", "market_cap"):
            if frame.anchor is not None:
                valuing = verb if verb is not None else frame.anchor.head if frame.anchor.head.pos_ == "VERB" else None
                # "Meta has invested $14.3 billion ..., valuing the data-labelling startup at": not Meta
                doer = roles.agent(valuing, refs) if valuing is not None and frame.anchor.dep_ in ("dobj",) and not (
                    valuing.dep_ in ("relcl", "acl") and lemma(valuing.head) in DEAL_NOUNS) else None
                # ("Wiz, a deal that valued", "in a deal valuing the property firm": the deal values, no party)
                if doer is not None and valuing.dep_ == "advcl" and lemma(valuing.head) in RAISING_VERBS | ANSWERING and \
                        refs.mention_at(frame.anchor) is None:
                    subject = doer      # "Mistral raised €1.7 billion in a round led by ASML, valuing the startup at"
                else:
                    # "a round, backed by Nvidia and Amazon, that had valued the company at": not a backer
                    others = {doer.name} | co_doers(valuing, refs) if doer else set()
                    if valuing is not None:
                        others |= backers_of(valuing.head if valuing.dep_ in ("relcl", "acl") else valuing, refs)
                        if valuing.dep_ == "relcl" and lemma(valuing.head) in DEAL_NOUNS and frame.anchor.pos_ == "NOUN":
                            others |= dealers_before(valuing.head, refs)   # "X and Y will invest ... in a deal that values the company at"
                    dealers, unit = _unit_dealt(frame.anchor, valuing, refs)
                    others |= dealers
                    moved = whose_shares(valuing, refs) if valuing is not None and refs.mention_at(frame.anchor) is None \
                        and frame.anchor.pos_ in ("NOUN", "PRON") else None   # "ASML shares rose 1%, valuing the company at"
                    subject = moved or unit or priced_company(frame.anchor, valuing, told, refs) or \
                        refs.party(frame.anchor, exclude=frozenset(others), backed=True)
                subject = _equity_owner(frame.anchor, valuing, refs) or subject   # "valuing the miner's equity at"
            if subject is None and frame.anchor is None and verb is not None:
                subject = roles.patient(verb, refs)
                if subject is None and lemma(verb) in _HAVING:      # "Reddit has a market value of $5.4 billion"
                    subject = roles.agent(verb, refs)
                if subject is None:                                   # "giving the company a market value of $10 billion"
                    subject = whose_shares(verb, refs) or roles.recipient(verb, refs)
            if subject is None and verb is not None and lemma(verb) in ("imply", "represent", "put", "give"):
                deal = next((c for c in verb.children if c.dep_ == "nsubj"), None)   # "The EA deal implies an
                named = next((c for c in deal.children if c.dep_ in ("compound", "poss")    # enterprise value of"
                              and refs.mention_at(c) is not None), None) if deal is not None else None
                subject = refs.party(named) if named is not None else None
                if subject is None and lemma(verb) == "imply" and verb.dep_ == "advcl" and lemma(verb.head) in TAKING | {"pay", "offer"} and any(
                        c.dep_ == "dobj" and any(m.lower_ in ("enterprise", "equity") for m in c.children) for c in verb.children):
                    # "IBM will pay $31 per share for Confluent, implying an enterprise value of": the company
                    # bought (an "overall value", or one the price "represents", is the deal's price)
                    subject = company_taken(verb.head, refs) or next(
                        (found for t in verb.head.subtree if t.i < verb.i and t.dep_ == "prep" and t.lower_ == "for"
                         and (found := roles.prep_party(t.head, ("for",), refs)) is not None), None)   # ("in cash for X")
            sized = noun if noun is not None else root.head.head if root.head.lower_ == "of" else \
                root.head if root.dep_ in ("compound", "nmod", "amod", "nummod") and lemma(root.head) in ("value", "valuation") else None
            if subject is None and sized is not None:      # ("with a market value of $X": the noun of the "of")
                subject = value_holder(sized, refs) or value_named(sized, root, refs) or \
                    (roles.noun_agent(noun, refs) if noun is not None else None)
        else:
            subject = (held_by(noun, refs) if noun is not None else None) or roles.noun_agent(noun, refs) or \
                (roles.agent(verb, refs) if noun is None and ct.metric == "purchase_commitment" else None)  # "signed for 8 jets worth"
            obj = roles.prep_party(noun, ("in", "of", "for", "with"), refs) or (
                beside[1] if noun is not None and (beside := stake_beside(noun, refs)) else None)
            told = (acquisition_told(frame.figure.sent, refs) or control_told(frame.figure.sent, refs)) \
                if ct.metric == "acquisition_price" else None
            if told is not None and (subject is None or told[0] is not None and subject.name == told[1].name
                                     or noun is not None and noun.dep_ == "appos"):     # ("RBL Bank, a deal valued at")
                # "would take the chain private in a transaction valued at $10 billion"; "Squarespace agreed
                # to go private by Permira in a transaction valued at": the company taken is not the buyer
                subject, obj = told
    elif noun is not None and lemma(noun) in HOLDER_NOUNS:
        # "ASML becomes Mistral's largest shareholder": who becomes it holds, the possessor is held
        governing = next((t for t in noun.ancestors if t.pos_ in ("VERB", "AUX")), None)
        made = next((c for c in noun.children if c.dep_ in ("nsubj", "appos")), None)   # "makes the Pentagon the largest shareholder", "X's 12% owner, Y,"
        subject = refs.party(noun.head) if noun.dep_ == "appos" else refs.party(made) if made is not None else \
            roles.agent(governing, refs) if governing is not None else None   # ("Pessina, Walgreens' largest shareholder")
        obj = roles.owner(noun, refs)
    elif noun is not None:
        if ct.metric == "valuation" and frame.how in ("noun", "level") and \
                (raised_by := raiser(noun, refs) or bought_into(noun, refs)) is not None:
            subject = raised_by
        elif ct.metric in ("valuation", "market_cap") and (frame.how == "noun" and frame.prep != "of" or frame.how == "level"):
            # ("the round pushes the value of Saronic to $4 billion": the level its value reached)
            subject = roles.owner(noun, refs) or roles.prep_party(noun, ("for", "of"), refs) or \
                value_holder(noun, refs) or roles.noun_agent(noun, refs) or roles.firm_before(noun, refs)   # "Microsoft market cap hit"
        elif ct.metric == "investment" and verb is not None and lemma(noun) in SHARE_NOUNS and lemma(verb) in BUYING_INTO:
            # "SoftBank would buy $2 billion of its common stock": the buyer invests in the
            # company whose stock it is
            subject = roles.agent(verb, refs)
            obj = roles.owner(noun, refs) or roles.prep_party(noun, ("of", "in"), refs)
        elif ct.metric == "acquisition_price" and frame.how in ("object", "prep") and verb is not None:
            subject = roles.agent(verb, refs)
            obj = refs.party(noun)
        elif ct.metric in ("funding_round", "revenue", "profit", "buyback", "debt_issue", "market_share"):
            # the company's own figure: whose it is ("a round *for* Crusoe", "the offering *by*
            # Amer Sports"), not who it came from ("a round from Nvidia") nor who led it
            subject = roles.owner(noun, refs) or (roles.owner(root, refs) if frame.how == "noun" else None) or \
                roles.firm_before(noun, refs) or (joined_owner(noun, refs) or taken_by_relative(noun, refs) if ct.metric == "debt_issue" else None)
            doer = roles.agent(verb, refs) if subject is not None and verb is not None and lemma(verb) in _BACKING_VERBS else None
            if doer is not None and doer.name == subject.name:     # "ASML is investing €1.3bn in the startup's round"
                poss = next((c for c in noun.children if c.dep_ == "poss"), None)
                subject = refs.party(poss, exclude=frozenset({doer.name}), backed=True) if poss is not None else None
            if subject is None:             # ("the $713-million Astera Labs Inc. offering")
                preps = ("for", "in", "into", "at", "by") if lemma(noun) in ISSUE_NOUNS | _ISSUES else ("for", "in", "into", "at")
                if ct.metric == "debt_issue" and lemma(noun) in _OFFERED:
                    preps += ("from",)      # "a $4bn high-yield bond offering from Citrix": who offers its bonds
                # "a round of at least $300 million in Tenstorrent": the parse may hang the
                # phrase on the figure rather than the noun
                subject = roles.prep_party(noun, preps, refs) or roles.prep_party(root, ("for", "in", "into"), refs) or \
                    (roles.prep_party(noun.head, preps, refs) if noun.dep_ == "compound" else None) or \
                    _valued_by(noun, refs) or (roles.prep_party(verb, ("for",), refs) if ct.metric == "funding_round" and verb
                                               is not None and roles.agent(verb, refs) is None else None)
                # "a funding round into X"; "a round that valued X at"; "The transaction will generate $675 million in financing for X"
            if ct.metric == "debt_issue" and verb is not None and lemma(verb) in _LENDING and subject is None \
                    and not (lemma(verb) == "offer" and lemma(noun) in SECURITIES):    # the issuer offers its notes
                # "JPMorgan has committed $20 billion of debt financing for the buyout", "the
                # Pentagon will provide a $150 million loan to MP Materials": the agent lends;
                # the borrower is whom it is for
                lender = roles.prep_party(verb, ("from",), refs) or roles.prep_party(noun, ("from",), refs)
                # "financing its data center with $27 billion of credit from Blue Owl": the financer borrows
                if lender is not None:
                    subject, obj = roles.agent(verb, refs), lender
                elif (buyer := own_deal_funded(verb, refs)) is not None:
                    subject = buyer     # "Harmony will fund the transaction via a $1.25 billion bridge facility"
                else:
                    obj = roles.agent(verb, refs)
                    subject = roles.prep_party(verb, ("for", "to"), refs) or roles.prep_party(noun, ("to",), refs)
            elif ct.metric == "debt_issue" and subject is None and verb is not None and lemma(verb) in ("buy", "purchase") \
                    and (issuer := roles.prep_party(verb, ("from",), refs) or roles.prep_party(noun, ("from",), refs)):
                subject = issuer        # "investors bought $5 billion of bonds from Oracle": Oracle borrows
            elif subject is None and verb is not None and verb.lower_ in ("values", "valuing"):
                valued = next((t for t in verb.doc[verb.i + 1:verb.i + 5] if t.pos_ in ("PROPN", "NOUN", "PRON")), None)
                subject = refs.party(valued)        # "The $4.45 billion IPO values Lineage at": Lineage's IPO
            elif subject is None and (valued := round_valuing(noun, refs)) is not None:
                subject = valued            # "The $600 million round pushes the value of Saronic to $4 billion"
            elif subject is None and verb is not None and lemma(verb) not in _BACKING_VERBS:
                subject = roles.agent(verb, refs)
        else:
            subject = held_by(noun, refs) or sold_to(noun, refs) or (bought_from(noun, refs) if ct.metric == "stake_pct" else None) \
                or (value_holder(noun, refs) if ct.metric == "valuation" and (noun.head.lower_ == "with" and lemma(noun.head.head)
                    in TAKING or noun.head.lower_ == "at") else None)     # "X will be acquired by Y ..., with an equity valuation of", "list X at a valuation of"
            if subject is None and not (ct.metric == "stake_pct" and part_sold(noun)):     # (a part sold: nobody's)
                subject = roles.noun_agent(noun, refs) or (roles.owner(root, refs) if frame.how == "noun" else None)
        if ct.metric == "acquisition_price" and subject is not None and _bought_out(noun) and \
                any(c.dep_ == "poss" for c in noun.children) and roles.prep_party(noun, ("of", "for"), refs) is None:
            subject, obj = None, subject        # "to fund its US$16.5bn leveraged buyout": the company bought out
        if ct.metric == "investment" and subject is not None and (backer := backer_with(noun, refs)) is not None \
                and backer.name != subject.name:
            subject, obj = backer, subject      # "Acme secured an investment deal with Temasek": Temasek invests
        if obj is None:     # (a part bought "from" someone is in another company: "acquire a 13.19% stake from SBI")
            bought = ct.metric in ("stake_pct", "investment") and noun.dep_ == "dobj" and lemma(noun.head) in TAKING
            obj = roles.prep_party(noun, ("in", "into", "of", "for", "with") + (() if bought else ("from",)), refs)
        if obj is None and ct.metric == "acquisition_price":
            governing = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if governing is not None and roles.is_passive(governing):      # "it would be taken private ... in a $55 billion deal"
                obj = roles.patient(governing, refs)
            elif governing is not None and noun.head.head == governing and lemma(governing) in TAKING:
                taken = company_taken(governing, refs)     # "X and Y will buy Z in a $55 billion deal": Z, not Y
                obj = taken if taken is not None and (subject is None or taken.name != subject.name) else None
    elif verb is not None:
        if ct.subject == "patient":
            subject = roles.patient(verb, refs)
            if subject is None and lemma(verb) not in _VALUING:
                subject = roles.agent(verb, refs)       # "Thinking Machines is in talks to raise funds at $50 billion"
        elif ct.metric == "acquisition_price" and lemma(verb) in SELLING - {"transfer"}:     # ("divesting its unit to X for")
            sold = next((c for c in verb.children if c.dep_ == "dobj" and lemma(c) in STAKE_NOUNS), None)
            subject = roles.prep_party(verb, ("to",), refs) or (roles.prep_party(sold, ("to",), refs) if sold is not None else None)
            # "sold a 51% stake in Altera to Silver Lake": what is bought is the company of the stake
            obj = (roles.prep_party(sold, ("in", "of"), refs) if sold is not None else None) or \
                roles.patient(verb, refs) or roles.agent(verb, refs)
        elif ct.metric in ("investment", "stake_pct") and (gap := roles.gapped(refs.doc[root.i], verb, refs)) is not None:
            subject, obj = gap
        else:
            subject = taker(verb, refs) if ct.metric == "acquisition_price" else roles.agent(verb, refs)
            if roles.is_passive(verb) and (own_by := roles.prep_party(refs.doc[root.i], ("by",), refs)):
                subject = own_by        # "owned 50.1% by the family and 49.9% by Liverpool": each figure's own "by"
            if ct.metric in ("stake_pct",) and (subject is None or lemma(verb) in ("give", "hand", "grant", "leave")):
                subject = roles.recipient(verb, refs) or subject      # "will give it about 4% of the company"
            if ct.metric == "stake_pct" and not sellers_own(noun) and \
                    (buyer := buyer_of_sold(verb, refs.doc[root.i], refs)) is not None:
                subject = buyer         # "to sell 20 per cent of Plenitude to Ares": the buyer's, no more the seller's
            if ct.metric == "stake_pct" and (seller := bought_from(refs.doc[root.i], refs)) is not None:
                subject = seller        # "agreed to buy the remaining 25% from its Vision Fund": the seller's holding
        if obj is None:
            obj = roles.prep_party(refs.doc[root.i], ("of", "in"), refs) or \
                roles.prep_party(verb, ("in", "into", "of", "for", "from", "to"), refs)
            if obj is None and ct.subject != "patient" and ct.metric not in ("funding_round",):
                obj = roles.patient(verb, refs)
    if ct.metric == "share_price":
        valued = refs.party(frame.anchor) if frame.how == "valued" and frame.anchor is not None and \
            lemma(frame.anchor) not in ISSUE_NOUNS else None
        if valued is not None and valued.kind in ("company", "org", "description"):
            subject, obj = valued, None          # "valuing the bitcoin miner at $20.40 a share"
        else:
            subject, obj = share_issuer(frame.figure, refs, noun, target, holders), None
    if ct.metric == "purchase_commitment" and obj is None and noun is not None:
        seller = next((refs.mention_at(t) for t in noun.subtree if refs.mention_at(t) is not None
                       and refs.mention_at(t).kind == "product" and refs.mention_at(t).owner), None)
        obj = Party(seller.owner, seller) if seller is not None else None     # "$250 billion in Azure services"
    if ct.metric == "acquisition_price" and noun is not None and (buyer := _bidder(noun, refs)):
        # "its $10 billion takeover by Sycamore"; "Skechers attracted a $9.4 billion offer from
        # 3G Capital": the offer's maker buys, whoever receives it is bought
        receiver = roles.agent(noun.head, refs) if lemma(noun) in OFFERS and noun.dep_ == "dobj" else None
        target = roles.owner(noun, refs) or (receiver if receiver is not None and receiver.name != buyer.name else None)
        subject, obj = buyer, target or (obj if obj is None or obj.name != buyer.name else None)
    elif ct.metric == "acquisition_price" and noun is not None and subject is not None and lemma(noun) in OFFERS and \
            noun.dep_ == "dobj" and lemma(noun.head) in ANSWERING | _RULING and \
            not any(c.dep_ == "poss" and c.pos_ != "PRON" for c in noun.children) and \
            (answerer := roles.agent(noun.head, refs)) is not None and answerer.name == subject.name:
        # "Circle rejected the $4 billion offer", "Trump approved its $14.9 billion bid": who answers
        # an offer never makes it (one a name's possessive makes is that name's: "rejected Paramount's offer")
        bidder = roles.owner(noun, refs)
        subject, obj = (bidder if bidder is not None and bidder.name != answerer.name else None), answerer
    elif ct.metric == "acquisition_price" and noun is not None and lemma(noun) in TAKEOVERS and (
            any(c.dep_ in ("prep", "agent") and c.lower_ == "by" for c in noun.children) or _agreed_to(noun)):
        subject, obj = None, subject    # "EA agrees to a $55bn buyout (by a Saudi-led consortium)": EA is bought
    elif ct.metric == "acquisition_price" and noun is not None and lemma(noun) in OFFERS and noun.dep_ == "dobj" and \
            lemma(noun.head) in ANSWERING and (answering := roles.agent(noun.head, refs)) is not None and \
            subject is not None and subject.name == answering.name:
        subject, obj = roles.owner(noun, refs), answering   # "Circle rejected the $4 billion offer": Circle is bid for
    if ct.metric == "purchase_commitment":
        subject, obj = buyer_first(noun, verb, subject, obj, refs)
    if ct.metric == "stake_pct" and (holder_on := _held_by_on(refs.doc[root.i], refs)) is not None:
        subject = holder_on     # "with the remaining 28% held by Swiss Life": the share's own holder
    if ct.metric == "stake_pct" and subject is not None and _own_shares(refs.doc[root.i], refs) == subject.name:
        return None, None       # "it could buy up to 3.93% of its shares": a company buying back its own holds no stake
    if frame_party is not None:
        subject = frame_party
    if ct.metric == "acquisition_price" and subject is not None and \
            (told := acquisition_told(frame.figure.sent, refs)) is not None and told[0] is not None and \
            told[1].name == subject.name:
        subject, obj = told     # "Charter offered to acquire Cox, a $34.5 billion merger": Cox is bought, never the buyer
    if ct.metric == "stake_pct" and (rest := rest_bought(refs.doc[root.i], noun, refs))[0]:
        subject = rest[1]       # "acquire the remaining 5% stake in X from Y": Y's, never the buyer's
        if subject is None:
            return None, None
    if ct.metric == "stake_pct" and percent_sold(refs.doc[root.i]):
        return None, None       # "plans to divest up to 4.83% in X": a part sold, nobody's holding
    if obj is not None and subject is not None and obj.name == subject.name:
        # "PIF, which owns 9.9% of the video game maker": the holder is not what it holds
        held = noun if noun is not None else refs.doc[root.i]
        obj = roles.prep_party(held, ("in", "into", "of"), refs, exclude=frozenset({subject.name}))
        obj = obj if obj is not None and obj.name != subject.name else None
    return subject, obj


_RULING = {"approve", "block", "clear", "bless"}      # what a regulator or a government does with a bid


_SUBMITTING = {"agree", "consent", "submit", "succumb"}


def _agreed_to(noun: Token) -> bool:
    """"Walgreens agreed to a $10 billion buyout": a takeover its company agrees or submits to,
    naming neither buyer nor bought ("of", "for"), is of the one that agrees."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "to" and lemma(noun.head.head) in _SUBMITTING and not any(
        c.dep_ == "prep" and c.lower_ in ("of", "for") for c in noun.children)


def _own_shares(figure: Token, refs: References) -> str | None:
    """Whose own shares a percentage is "of" ("3.93% of its shares"): their owner's name."""
    shares = next((g for c in figure.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                   if g.dep_ == "pobj" and lemma(g) in SHARE_NOUNS | {"capital", "share capital"}), None)
    if shares is None or not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in shares.children):
        return None             # (a description's coreference may be wrong: "16.7% of the firm's stock")
    owner = roles.owner(shares, refs)
    return owner.name if owner is not None else None


def _bidder(noun: Token, refs: References) -> Party | None:
    """Who makes a takeover or an offer: "takeover by X", "an offer from X" (the parse may hang
    "from X" on the verb that has the offer: "received an offer from X")."""
    if lemma(noun) not in OFFERS:
        found = roles.prep_party(noun, ("by",), refs) or _by_after(noun, refs)
        governing = next((a for a in noun.ancestors if a.pos_ == "VERB"), None)
        taken = roles.agent(governing, refs) if found is not None and governing is not None else None
        # "EA agrees to a buyout by a Saudi-led consortium": whoever the consortium is, not EA
        return None if taken is not None and found is not None and taken.name == found.name else found
    return roles.prep_party(noun, ("by", "from"), refs) or (
        roles.prep_party(noun.head, ("from",), refs) if noun.dep_ == "dobj" else None)


def _by_after(noun: Token, refs: References) -> Party | None:
    """"voted against the $9 billion takeover by CoreWeave": the parse hangs "by X" on an active
    verb, which has no agent to take; it is the noun's just before it."""
    nxt = noun.right_edge.i + 1
    after = noun.doc[nxt] if nxt < len(noun.doc) else None
    if after is None or after.lower_ != "by" or after.head.pos_ not in ("VERB", "AUX") or roles.is_passive(after.head):
        return None
    pobj = next((c for c in after.children if c.dep_ == "pobj"), None)
    return refs.party(pobj) if pobj is not None else None


# verbs whose subject is an investor in someone else's figure: "Mubadala led a $1.4 billion round"
_BACKING_VERBS = BACKING | {"arrange", "provide", "contribute", "subscribe", "value"}
_LENDING = {"commit", "pledge", "provide", "arrange", "extend", "offer", "lend", "underwrite", "supply", "give", "grant",
            "advance", "loan", "fund", "finance", "back", "lead", "syndicate", "structure"}
_ISSUES = {"issuance", "issue", "sale", "raise", "placement", "bond", "note", "notes", "debt", "loan"}
_OFFERED = {"offering", "issuance", "issue", "sale", "deal"}     # what an issuer sells: never lent "from" someone


_VALUING = {"value", "peg", "put", "set", "price", "mark", "assess", "appraise"}     # whose object is what is valued
_HAVING = {"have", "carry", "command", "boast", "enjoy", "reach", "hit", "achieve", "attain", "top", "surpass",
           "exceed", "cross", "retain", "maintain", "keep", "regain", "notch"}


def _held_by_on(figure: Token, refs: References) -> Party | None:
    """The holder a participle on a share names: "the remaining 28% held by Swiss Life", "a
    cumulative 16 percent transferred to the PIF" (whom a share goes to holds it)."""
    held = next((c for c in figure.children if c.dep_ == "acl" and lemma(c) in ("hold", "own", "control")), None)
    if held is not None:
        return roles.prep_party(held, ("by",), refs)
    moved = handed_on(figure)
    return roles.prep_party(moved, ("to",), refs) if moved is not None else None


def _equity_owner(noun: Token, valuing: Token | None, refs: References) -> Party | None:
    """Whose equity a valuing verb values: the company its possessive names ("valuing the
    Australian miner's equity at A$3.7bn", "in a deal valuing its equity at"), never who values
    it or the buyer of the deal it is told in; None when the equity has no possessive."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None) if lemma(noun) == "equity" else None
    if owner is None or valuing is None:
        return None
    acting = {p.name for p in (roles.agent(valuing, refs),) if p is not None}
    buying = next((t for t in valuing.ancestors if t.pos_ == "VERB"), None)    # "will acquire X in a deal valuing"
    acting |= {p.name for p in (roles.agent(buying, refs),) if p is not None}
    return refs.party(owner, exclude=frozenset(acting), backed=True)


_UNIT_NOUNS = {"business", "unit", "division", "operation", "arm", "subsidiary", "segment"}


def _unit_dealt(noun: Token, valuing: Token | None, refs: References) -> tuple[set[str], Party | None]:
    """Who buys or sells the unit a deal values ("to offload its China operations to Boyu, valuing
    the unit at", "Zayo will acquire Crown Castle's fibre business in a deal valuing the business
    at"): a business changing hands is neither its buyer nor its seller; and the unit, named by
    its owner and its description ("Crown Castle's fibre business")."""
    if valuing is None or lemma(noun) not in _UNIT_NOUNS:
        return set(), None
    dealing = next((t for t in valuing.ancestors if t.pos_ == "VERB" and lemma(t) in TAKING | SELLING), None) or next(
        (t for t in reversed(valuing.doc[valuing.sent.start:valuing.i]) if t.pos_ == "VERB" and lemma(t) in TAKING | SELLING), None)
    sold = next((c for c in dealing.children if c.dep_ == "dobj"), None) if dealing is not None else None
    if sold is None:
        return set(), None
    found = [roles.agent(dealing, refs), roles.prep_party(dealing, ("to",), refs)] + [
        refs.party(t.head if t.dep_ == "case" else t) for t in sold.subtree if t.dep_ in ("poss", "case")] + [
        roles.prep_party(t.head, ("to",), refs) for t in sold.subtree if t.dep_ == "prep" and t.lower_ == "to"]
    unit = sold if lemma(sold) in _UNIT_NOUNS else next((g for c in sold.children if c.dep_ == "prep" and c.lower_ in ("in", "of")
                                                         for g in c.children if g.dep_ == "pobj" and lemma(g) in _UNIT_NOUNS), None)
    owner = next((c for c in unit.children if c.dep_ == "poss"), None) if unit is not None else None
    owned = refs.party(owner) if owner is not None else None
    words = [t.text for t in unit.lefts if t.dep_ in ("amod", "compound")] + [unit.text] if unit is not None else []
    named = Party(" ".join([owned.name] + words)) if owned is not None and words else None
    return {p.name for p in found if p is not None} | co_doers(dealing, refs), named


def _valued_by(noun: Token, refs: References) -> Party | None:
    """The company a round's own clause values ("led a $676 million round that valued SambaNova
    at $5 billion", "a round that gave Manus a valuation of"): the round is that company's."""
    for c in noun.children:
        if c.dep_ == "relcl" and lemma(c) in ("value", "give"):
            valued = next((g for g in c.children if g.dep_ == ("dobj" if lemma(c) == "value" else "dative")), None)
            if valued is not None and (party := refs.party(valued)) is not None:
                return party
    return None


def _bought_out(noun: Token) -> bool:
    """A leveraged buyout or take-private, whose possessor with no "of" is the company taken
    ("its US$16.5bn leveraged buyout"; "Thoma Bravo's buyout" may be the buyer's, so a bare
    buyout is not one)."""
    return lemma(noun) in ("lbo", "take-private") or lemma(noun) in ("buyout", "buy-out") and \
        any(c.lower_ == "leveraged" for c in noun.children if c.dep_ in ("amod", "compound"))
