"""The typed claims of one sentence the parse reads: the type the lexicon names for each
figure's frame (lexicon.py), its parties (claim_parties.py), else those of the claim before."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claimtrack.extractors import roles
from claimtrack.extractors.bare_subject import owner_untold
from claimtrack.extractors.capital_spending import builds_or_places
from claimtrack.extractors.choice import Choice, fits
from claimtrack.extractors.claim_context import Context, not_doers, object_of
from claimtrack.extractors.claim_parties import parties_of
from claimtrack.extractors.claim_words import GENERIC_FIRM_NOUNS, PUTTING_VERBS, ROUND_NOUNS, is_org_noun
from claimtrack.extractors.config import ClaimType
from claimtrack.extractors.deal_verb_above import deal_verb_above
from claimtrack.extractors.debt_parties import (SECURITIES, borrowed_by_its_words, borrower_of_lenders, from_lenders,
                                                deal_doer, instrument, issuer_above, lent_for, on_behalf_of)
from claimtrack.extractors.equated_shares import equated_stake
from claimtrack.extractors.figures import Figure
from claimtrack.extractors.frames import figure_span, find_frame, lemma, noun_phrase_lemma
from claimtrack.extractors.joined import each_of_joined, respectively
from claimtrack.extractors.level_of_it import level_of_it
from claimtrack.extractors.lexicon import Lexicon
from claimtrack.extractors.mention import Mention
from claimtrack.extractors.paid_per_share import per_share_beside
from claimtrack.extractors.parenthesised_stakes import held_in_parentheses
from claimtrack.extractors.per_share_received import price_received
from claimtrack.extractors.references import SAYING, Party, References
from claimtrack.extractors.stake_deals import deal_for_stake
from claimtrack.extractors.stake_sales import part_sold, percent_sold, proceeds_of_sold_stake
from claimtrack.extractors.takeover_parties import bid_price_holder, control_bought, paid_price, sale_to, stake_sold_to
from claimtrack.extractors.taken_on import taken_on
from claimtrack.extractors.takeover_price import TAKEOVER_NOUNS, deal_values_described, price_of_takeover, valued_by_deal

_COMPANY_METRICS = {"valuation", "market_cap", "funding_round", "revenue", "profit", "buyback", "debt_issue",
                    "share_price", "stake_value"}
# what only a company has, told of it even where the grammar leaves it out: its market value,
# its share of a market, its buyback (revenue, profit and valuations are also told of units and deals)
_ONLY_ITS_OWN = {"market_cap", "market_share", "buyback"}
_WEAK_INVESTING = {"pledge", "commit", "promise", "earmark", "allocate", "provide", "add", "spend"}
_LOSSES = {"loss", "losses", "deficit", "shortfall"}
_GIVING_INTO = PUTTING_VERBS | {"pledge", "contribute", "provide", "give", "bring", "invest"}   # (not "led to a raise")
_INVESTING_NOUNS = {"investment", "stake", "equity"}
_DEMONSTRATIVE = {"this", "that", "these", "those", "the", "such"}


def _into_the_round(choice: Choice) -> bool:
    """Whether the round the figure was typed by is where the money goes ("putting $2 billion into
    the round", "committing $1 billion to the round"), the verb's doer giving it, not raising it."""
    noun, verb = choice.noun, choice.verb
    return noun is not None and verb is not None and noun.dep_ == "pobj" and noun.head.lower_ in ("into", "to") \
        and noun.head.head.i == verb.i and lemma(verb) in _GIVING_INTO


def _part_of_definite(token: Token | None) -> bool:
    """Whether a noun is a part a definite noun is said to consist of ("the private credit package,
    which consists of a $2.1bn term loan, ...": the loan is the package's, told before)."""
    while token is not None and token.dep_ in ("conj", "appos") and token.head.i < token.i:
        token = token.head                  # ("..., a $300m delayed draw loan and a $250m revolver": each part)
    verb = token.head.head if token is not None and token.dep_ == "pobj" and token.head.lower_ == "of" else None
    return verb is not None and lemma(verb) in ("consist", "comprise", "include") and verb.dep_ == "relcl" and \
        _definite(verb.head)


def _definite(token: Token | None) -> bool:
    return token is not None and any(c.dep_ in ("det", "poss") and c.lower_ in _DEMONSTRATIVE for c in token.children)


def _of_the_round(choice: Choice) -> bool:
    """"... to lead this funding round, which could raise $2.5 billion": the round told before raises it."""
    verb = choice.verb
    which = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in ("which", "that")), None) \
        if choice.noun is None and verb is not None else None
    if which is None:
        return False
    told = verb.head if verb.dep_ == "relcl" else verb.doc[which.i - 2] if which.i > 1 and which.nbor(-1).text == "," else None
    return told is not None and lemma(told) in ROUND_NOUNS and _definite(told)   # (the parse may hang it elsewhere)


def frame_claims(doc: Doc, sent_figs: list[Figure], refs: References, lexicon: Lexicon, text: str,
                 ctx: Context, parties: list[Mention]) -> list[tuple[Figure, ClaimType, str | None, str | None, int, int]]:
    """(figure, type, subject, object, where, sign) for the figures of one sentence the parse
    reads; the sign is -1 for a loss given as a profit figure."""
    out: list[tuple[Figure, ClaimType, str | None, str | None, int, int]] = []
    last: tuple[ClaimType, Token | None] | None = None

    def is_party(token: Token) -> bool:
        return token.pos_ in ("PROPN", "PRON", "NOUN") and refs.party(token) is not None

    for fig in sent_figs:
        span = figure_span(doc, fig.start, fig.end)
        if span is None:
            continue
        frame = find_frame(span)
        frame_party = None
        choices: list[Choice] = []
        if frame.how == "gapped":
            frame_party = refs.party(frame.anchor)
            if frame_party is not None and last is not None and fits(last[0], fig):
                choices = [Choice(last[0], frame, None, last[1])]
            elif frame_party is not None and (held := held_in_parentheses(frame, fig, lexicon, ctx)) is not None:
                choices = [Choice(held, frame, None, None)]
        else:
            # "bought 2.5 million shares, representing 0.5% of its stock": the buyer's holding
            choices = equated_stake(frame, lexicon.metric("stake_pct", fig), is_party) or \
                proceeds_of_sold_stake(frame, lexicon.metric("stake_value", fig)) or lexicon.choose(frame, fig, is_party)
            if not choices and (valued := deal_values_described(frame, fig, lexicon)) is not None:
                choices = [Choice(valued, frame, None, frame.verb)]     # "in a deal valuing the property portal at"
            elif not choices and (valued := valued_by_deal(frame, fig, lexicon)) is not None:
                choices = [Choice(valued, frame, frame.anchor, frame.verb)]     # "The deal values the German grid at"
            elif not choices and (received := price_received(frame, fig, lexicon)) is not None:
                choices = [Choice(received, frame, None, frame.anchor)]     # "will receive $24 in cash for each share"
            elif not choices and (above := deal_verb_above(frame)) is not None:
                choices = lexicon.choose(above, fig, is_party)     # "to sell its stake to Flutter for $1.755 billion"
            elif not choices and (again := level_of_it(frame, fig, lexicon, ctx)) is not None:
                choices = [Choice(again[0], frame, again[1], frame.anchor)]     # "In December, it jumped to $350 billion"
        for choice in choices:
            ct = choice.type
            if ct.metric == "?deal":                     # "the $32 billion deal": the deal spoken of last
                kind = deal_for_stake(choice.noun) or ctx.family_metric.get("deal") or choice.fallback or \
                    ("acquisition_price" if per_share_beside(frame, fig, sent_figs) else None)     # "will pay £9.9bn or 612p a share"
                ct = lexicon.metric(kind, fig) if kind and (choice.noun is not None or kind != "debt_issue") else None
                if ct is None:
                    continue
                choice = Choice(ct, choice.frame, choice.noun, choice.verb, choice.subject)
            if (ct.metric == "funding_round" or ct.metric in ("acquisition_price", "purchase_commitment") and
                    (choice.noun is not None or choice.verb is not None and choice.verb.dep_ == "relcl")) and \
                    (sold := sale_to(choice, refs)) is not None and \
                    (bought := lexicon.metric("acquisition_price", fig)) is not None:
                # "Marvell closed the sale of its Ethernet business to Infineon for $2.5 billion": a
                # business sold to a buyer is its purchase, not a round of the seller
                out.append((fig, bought, sold[0].name, sold[1].name if sold[1] else None, fig.start, 1))
                last = (bought, choice.verb)
                continue
            if fig.kind == "money" and ct.metric in ("acquisition_price", "funding_round", "investment", "stake_value") and \
                    (sold := stake_sold_to(choice, refs)) is not None and \
                    (bought := lexicon.metric("acquisition_price" if sold[2] else "investment", fig)) is not None:
                # "agreed to sell its 50% equity position in Profertil to Adecoagro ... for about $600
                # million": the buyer's investment in the company (its takeover when the stake gives control)
                out.append((fig, bought, sold[0].name, sold[1].name if sold[1] else None, fig.start, 1))
                last = (bought, choice.verb)
                continue
            if ct.metric == "investment" and choice.verb is not None and lemma(choice.verb) in ("invest", "pay", "spend") and \
                    control_bought(choice.verb, span.root) is not None and (bought := lexicon.metric("acquisition_price", fig)):
                ct, choice = bought, Choice(bought, choice.frame, choice.noun, choice.verb, choice.subject)
                # "will invest $3.05 billion to buy a majority stake in RBL Bank": the price of control
            if ct.metric == "purchase_commitment" and choice.noun is None and choice.verb is not None and \
                    builds_or_places(choice.verb, span.root, refs) and (invested := lexicon.metric("investment", fig)):
                # "Amazon says it will spend $20 billion on two data center complexes in PA": its own sites
                ct, choice = invested, Choice(invested, choice.frame, None, choice.verb, choice.subject)
            if ct.metric == "investment" and choice.noun is None and _backers(choice.verb):
                # "Investors poured $2 billion into Safe Superintelligence": a round of the company
                backers = frozenset(m.name for c in choice.verb.children if c.dep_ == "nsubj" for t in c.subtree
                                    if (m := refs.mention_at(t)) is not None)     # "Investors including Nvidia put"
                raised = roles.prep_party(choice.verb, ("into", "in"), refs, exclude=backers)
                round_type = lexicon.metric("funding_round", fig)
                if raised is not None and round_type is not None:
                    out.append((fig, round_type, raised.name, None, fig.start, 1))
                    last = (round_type, choice.verb)
                    continue
            if ct.metric == "valuation" and ctx.metric == "stake_value" and _it_again(choice.frame.anchor) and \
                    (held := lexicon.metric("stake_value", fig)) is not None and ctx.by_family.get("stake", (None,))[0]:
                # "the stake was worth nearly $9 billion. As of writing, it was worth $13.4 billion": the stake again
                out.append((fig, held, *ctx.by_family["stake"], fig.start, 1))
                continue
            if ct.metric == "funding_round" and _into_the_round(choice) and \
                    (invested := lexicon.metric("investment", fig)) is not None:
                # "Orrin is putting $2 billion into the round": money that goes into a round is its giver's investment
                ct = invested
                choice = Choice(ct, choice.frame, None, choice.verb, choice.subject)
            if ct.metric == "investment" and choice.noun is not None and lemma(choice.noun) not in _INVESTING_NOUNS and \
                    from_lenders(choice.noun, choice.verb):
                continue                # "financing of $2.5 billion from Bank of America": lent, not invested
            if ct.metric == "funding_round" and (from_lenders(choice.noun, choice.verb) or
                                                 borrowed_by_its_words(choice.noun, choice.verb, refs)) and \
                    (debt := lexicon.metric("debt_issue", fig)) is not None:
                ct = debt               # "secured $3 billion in financing from a consortium of lenders"
                choice = Choice(ct, choice.frame, choice.noun, choice.verb, choice.subject)
            if choice.subject is not None:
                subject, obj = roles.firm_holders(choice.subject, refs) or refs.party(choice.subject), None
                if ct.metric == "debt_issue" and choice.verb is not None:
                    obj = roles.agent(choice.verb, refs)       # the lender
                if ct.metric == "investment":
                    owner = roles.owner(choice.noun, refs) or roles.agent(choice.verb, refs)
                    obj = owner if owner is not None and subject is not None and owner.name != subject.name else None
            else:
                target = ctx.by_family["deal"][1] if ctx.family_metric.get("deal") == "acquisition_price" else None
                # "SoftBank agreed to buy $2 billion of Intel stock. The Japanese conglomerate will pay
                # $23 a share": the price paid is for the shares of the investment told before
                invested = ctx.by_family["stake"][1] if ct.metric == "share_price" and \
                    ctx.family_metric.get("stake") in ("investment", "stake_pct") else None
                subject, obj = parties_of(choice, refs, frame_party, target or invested, ctx.holders, out)
                if ct.metric == "debt_issue" and (lent := lent_for(choice.noun, choice.verb, refs)) is not None:
                    subject, obj = lent      # "Morgan Stanley is marketing $5 billion of loans for Lambda"
                elif ct.metric == "debt_issue" and (issuer := on_behalf_of(choice.verb, refs)) is not None:
                    subject, obj = issuer, None     # "Morgan Stanley sold $27 billion of bonds on behalf of Beignet"
                elif subject is None and ct.metric == "debt_issue":
                    # "Banks are preparing a $38 billion debt package ... for data centers tied to Oracle"
                    subject = borrower_of_lenders(choice.noun, choice.verb, span.end, refs) or \
                        (issuer_above(span.root, refs) if choice.noun is not None and lemma(choice.noun) in SECURITIES else None)
                if ct.metric == "acquisition_price" and target and subject is not None and subject.name == target \
                        and ctx.by_family["deal"][0] and _definite(choice.noun):
                    # "Under the terms of the transaction, valued at $1.1 billion, Statsig shareholders will
                    # receive ...": the company taken over is never the buyer of the deal told before
                    subject, obj = Party(ctx.by_family["deal"][0]), Party(target)
                if ct.metric == "acquisition_price" and target and subject is not None and subject.name == target and \
                        obj is not None and obj.name != target and ctx.by_family["deal"][0] and _referred(choice.verb, refs):
                    # "Wiz wouldn't be Google's first purchase ... In 2022, it bought Mandiant for $5.4 billion":
                    # what the takeover told before buys, by a pronoun or a description, is its buyer's buying
                    subject = Party(ctx.by_family["deal"][0])
                if obj is None and target and subject is not None and ctx.by_family["deal"][0] == subject.name:
                    obj = Party(target)         # the buyer of the takeover told before pays for its target
                if ct.metric in ("stake_pct", "stake_value") and (invested := _investor_told(choice.verb, refs, ctx)):
                    subject, obj = Party(invested[0]), Party(invested[1]) if invested[1] else obj
            if subject is None and (_definite(choice.noun) or _part_of_definite(choice.noun) or _of_the_round(choice)
                                    or choice.noun is not None and choice.noun.pos_ == "PRON"
                                    or ct.metric in _COMPANY_METRICS and owner_untold(choice, parties, fig.end)):
                # "This stake is now valued at ...", "Net profit rose to": the party of the claim before, the sentence naming none
                subject_name, object_name = ctx.referent(ct.metric)
                if ct.metric == "acquisition_price" and obj is not None and object_name is not None and \
                        obj.name not in (object_name, subject_name):
                    # "topping the $45 billion takeover of TXU": a deal of another target is not the one told before
                    subject_name, object_name = None, obj.name
                if ct.metric in _COMPANY_METRICS - {"stake_value"} and _a_person(subject_name, refs):
                    # a holder's stake told before, then "the listing price of $33": the company's, not his
                    subject_name, object_name = (object_name if not _a_person(object_name, refs) else None), None
            else:
                subject_name = subject.name if subject else None
                object_name = obj.name if obj else None
            if subject_name is None and (reporter := _reporter(choice, refs)) is not None:
                subject_name = reporter.name
            if subject_name is None and ct.metric in _ONLY_ITS_OWN and len(named := {m.party for m in parties}) == 1:
                subject_name = next(iter(named))    # "propelling TSMC to a market capitalization of over $1.2 trillion"
            if ct.metric == "share_price" and subject_name is not None and (paid_price(choice) or _received(choice, subject_name, ctx)):
                # "Onsemi's offer of $35.10 per share": a bidder offers a price for its target's shares, never its own
                subject_name, object_name = bid_price_holder(subject_name, choice, refs, ctx), None
            buyer = ctx.by_family["deal"][0] if ctx.family_metric.get("deal") == "acquisition_price" else next(
                (who for f, t, who, *_ in out if t.metric == "acquisition_price" and who), None)   # (or this sentence's)
            if buyer is None and subject_name is None and ct.metric == "debt_issue" and (doer := deal_doer(span.sent, refs)):
                buyer = doer.name       # "Xero structures the acquisition through ... a $400 million credit facility"
            if subject_name is None and ct.metric == "debt_issue" and buyer is not None \
                    and (any((lemma(t) in TAKEOVER_NOUNS or noun_phrase_lemma(t) == "take private") and _definite(t)
                             for t in span.sent) or choice.verb is not None and lemma(choice.verb) in _COMMITTING):
                # "JPMorgan has committed $20 billion of debt financing for the buyout": the buyer
                # of the takeover told before borrows (the corpus's convention), not the lender
                subject_name, object_name = buyer, object_name or (obj.name if obj else None)
            if ct.metric == "debt_issue" and instrument(subject_name):
                # "... involving a $17 billion Bridge Loan Agreement": the loan, read as a name, is no borrower
                other = object_name if not instrument(object_name) else None
                subject_name, object_name = other or object_of(parties, subject_name, fig.start, ctx), None
                subject_name = None if instrument(subject_name) else subject_name
            if ct.object == "none":
                object_name = None
            elif object_name is None and subject_name is not None:
                # the other party of the sentence, else the last claim's: "Microsoft now holds a
                # 27% stake" after a sentence on OpenAI's recapitalisation
                object_name = object_of(not_doers(parties, choice.verb, doc, ct.metric), subject_name, fig.start, ctx, ct.metric)
                if ct.metric == "investment" and _coordinated(span.sent, refs, subject_name, object_name):
                    # "co-led by Fidelity and Lightspeed, which invested $1 billion": not in each other
                    object_name = ctx.by_family.get("round", (None, None))[0]
            if ct.metric == "debt_issue" and instrument(object_name):
                object_name = None
            if ct.metric == "investment" and object_name is None and choice.noun is None and choice.verb is not None \
                    and lemma(choice.verb) in _WEAK_INVESTING and _for_a_purpose(choice.verb, refs) \
                    and not builds_or_places(choice.verb, span.root, refs):
                continue        # "pledged 380 billion yuan for AI development": spending, nobody invested in
            last = (ct, choice.verb)
            price = price_of_takeover(ct, choice.verb, subject_name, refs, lexicon, fig, ctx, choice.frame.verb)
            if price is not None and not any(f is fig and t.metric == price[0].metric for f, t, *_ in out):
                out.append((fig, price[0], price[1], price[2], fig.start, 1))
                if ct.metric == "valuation" and price[1] == subject_name:
                    continue    # the bidder read as valued: its offer's value is its price, not its own worth
            if taken_on(ct.metric, choice.noun, choice.verb, span.root, lambda t: getattr(refs.party(t), "name", 0) == subject_name):
                continue        # "assume up to $5.4 billion in losses", "acquired $13 billion in loans"
            sign = -1 if ct.metric == "profit" and (w := choice.noun if choice.noun is not None else choice.verb) is not None \
                and lemma(w) in _LOSSES | {"lose"} else 1
            out.append((fig, ct, subject_name, object_name, fig.start, sign))
    return _apart_from_coinvestors(each_of_joined(respectively(out, doc, refs), doc, refs), ctx)


def _apart_from_coinvestors(found: list, ctx: Context) -> list:
    """An investment's other party is never a co-investor of the same sentence: in "A put in
    $1.25 billion; B added $1 billion and C about $100 million" B did not invest in C; the
    company is the one whose round the text told of, if any."""
    holding = ("investment", "stake_pct", "stake_value")
    investors = {subject for _, ct, subject, *_ in found if ct.metric in holding and subject}
    if len(investors) < 2:
        return found
    # "Magnetar owns 11% of the company, while Nvidia holds about 6%": what the others hold in
    held = [obj for _, ct, _, obj, *_ in found if ct.metric in holding and obj and obj not in investors]
    raised = held[0] if held else ctx.by_family.get("round", (None, None))[0]
    return [(fig, ct, subject, raised if ct.metric in holding and (obj in investors or obj is None and held) else obj,
             where, sign) for fig, ct, subject, obj, where, sign in found]


# verbs of a lender's act: the debt "committed by JPMorgan" after a takeover is the buyer's borrowing
_COMMITTING = {"commit", "underwrite", "pledge", "arrange", "provide"}


def _coordinated(sent: Span, refs: References, one: str | None, other: str | None) -> bool:
    """Whether two parties are named as conjuncts of one list in a sentence ("led by A and B")."""
    if not one or not other:
        return False
    heads = {name: [t for t in sent if (m := refs.mention_at(t)) is not None and m.name == name and t.dep_ in ("pobj", "conj", "nsubj")]
             for name in (one, other)}
    return any(a.head.i == b.i or b.head.i == a.i for a in heads[one] for b in heads[other]
               if "conj" in (a.dep_, b.dep_))


def _it_again(anchor: Token | None) -> bool:
    """Whether a value's thing is a bare "it" subject, which goes on with what the sentence
    before was about."""
    return anchor is not None and anchor.lower_ == "it" and anchor.dep_ in ("nsubj", "nsubjpass")


def _investor_told(verb: Token | None, refs: References, ctx: Context) -> tuple[str, str | None] | None:
    """"This gives the company a 49% stake", "The investment gives the Japanese group 2%": when
    what gives is the investment told before and the one given is named by no name, its investor
    (and the company it invested in)."""
    if verb is None or lemma(verb) not in ("give", "hand") or ctx.family_metric.get("stake") != "investment":
        return None
    giver = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    taker = next((c for c in verb.children if c.dep_ == "dative"), None)
    if giver is None or taker is None or refs.mention_at(taker) is not None or not (
            giver.lower_ in ("this", "that", "it") or _definite(giver) and lemma(giver) in ("investment", "deal", "transaction")):
        return None
    investor, company = ctx.by_family["stake"]
    return (investor, company) if investor else None


def _reporter(choice: Choice, refs: References) -> Party | None:
    """"The company spent $94.9 billion on buybacks in fiscal 2024, Apple said": a description
    nothing before resolves is the company the sentence's reporting clause names (not the seller
    of a part sold: "Singtel said it had sold a 0.8% stake in Airtel" is nobody's holding)."""
    if choice.type.metric == "stake_pct" and (choice.noun is not None and part_sold(choice.noun) or percent_sold(choice.frame.figure.root)):
        return None
    verb = choice.verb
    doer = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    if doer is None or doer.pos_ not in ("NOUN", "PRON") or refs.mention_at(doer) is not None:
        return None
    if doer.pos_ == "NOUN" and is_org_noun(lemma(doer)) and lemma(doer) not in GENERIC_FIRM_NOUNS:
        return None         # "The Elon Musk-led startup raised $10 billion, Morgan Stanley said": not the bank
    head = verb
    while head.dep_ in ("ccomp", "conj") and head.head.i != head.i:
        head = head.head
    if head.i == verb.i or lemma(head) not in SAYING:
        return None
    sayer = next((refs.mention_at(c) for c in head.children if c.dep_ == "nsubj" and refs.mention_at(c) is not None), None)
    return Party(sayer.name, sayer) if sayer is not None and sayer.kind in ("company", "org") else None


_BACKERS = {"investor", "backer", "fund", "shareholder", "venture capitalist", "vc", "financier", "lender"}


def _backers(verb: Token | None) -> bool:
    """Whether the subject of an investing verb is investors in general, no party of their own."""
    if verb is None:
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.tag_ in ("NNS", "NNPS") and subj.lemma_.lower() in _BACKERS


def _for_a_purpose(verb: Token, refs: References) -> bool:
    """"pledged $X for AI development", "committed $X to its own data centres": what the money
    goes to is no party."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("for", "to", "on", "toward", "towards"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and refs.party(obj) is None:
                return True
    return False


def _a_person(name: str | None, refs: References) -> bool:
    """Whether the text names `name` as a person."""
    return name is not None and any(m.name == name and m.kind == "person" for m in refs.mentions)


def _received(choice: Choice, subject: str, ctx: Context) -> bool:
    """"Kestrel agreed to buy Orrin. Each share will receive $25 in cash": a price per share the
    buyer of the takeover told before was read for is what it pays, for its target's shares."""
    return choice.verb is not None and lemma(choice.verb) in ("receive", "get") and \
        ctx.family_metric.get("deal") == "acquisition_price" and ctx.by_family["deal"][0] == subject


def _referred(verb: Token | None, refs: References) -> bool:
    """Whether a verb's doer is told by a pronoun or a description ("it", "The Chinese group"), not by name."""
    doer = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    return doer is not None and doer.pos_ in ("PRON", "NOUN") and refs.mention_at(doer) is None
