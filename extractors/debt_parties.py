"""Who borrows and who lends in a debt figure's sentence, where the parse's roles mislead: lenders
named by a common noun ("Banks are preparing a $38 billion debt package to fund data centers tied
to Oracle": the party it is for borrows), a lender arranging or providing debt for a party ("Morgan
Stanley is marketing $5 billion of loans for Rivian"), notes whose own phrase names no issuer ("IREN
announced the pricing of its offering of $875 million ... notes"), a debt instrument the parse reads
as a name ("Bridge Loan Agreement"), and money "from a consortium of lenders" (borrowed, no round)."""
from __future__ import annotations

from spacy.tokens import Span, Token

from claimtrack.extractors import roles
from claimtrack.extractors.claim_words import SECURITIES
from claimtrack.extractors.frames import lemma
from claimtrack.extractors.references import Party, References

# the heads of a subject that says "lenders", not a party: "banks", "a group of banks", "creditors"
_LENDERS = {"bank", "lender", "creditor", "underwriter", "financier", "arranger"}
_GROUPS = {"group", "consortium", "syndicate", "club", "number", "handful", "set"}


def _lenders(subject: Token) -> bool:
    """Whether a subject names lenders ("Banks", "a consortium of banks", "Bank of America")."""
    if lemma(subject) in _LENDERS and subject.pos_ == "NOUN":
        return True
    if subject.pos_ == "PROPN" and (subject.lower_ == "bank" or any(
            c.dep_ == "compound" and c.lower_ == "bank" for c in subject.children)):
        return True         # a bank by its name: "from Bank of America", "from Deutsche Bank"
    return lemma(subject) in _GROUPS and any(
        lemma(g) in _LENDERS for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children if g.dep_ == "pobj")


def _subject_of(verb: Token) -> Token | None:
    """The subject of `verb`, or of the verb it is the complement of ("are preparing to launch")."""
    for v in (verb, verb.head if verb.dep_ in ("xcomp", "ccomp", "advcl") else None):
        if v is None:
            continue
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
    return None


def borrower_of_lenders(noun: Token | None, verb: Token | None, after: int, refs: References) -> Party | None:
    """The borrower of a debt figure whose verb's subject is lenders named by a common noun: the
    first party named after the figure (token `after`) in the debt noun's phrase or the verb's;
    None when the subject names a party or no party follows."""
    if noun is None or verb is None:
        return None
    subj = _subject_of(verb)
    if subj is None or not _lenders(subj) or refs.party(subj) is not None:
        return None
    lending = {t.i for t in subj.subtree}
    scope = sorted({t.i for t in noun.subtree} | {t.i for t in verb.subtree})
    for i in scope:
        t = noun.doc[i]
        if i < after or i in lending or t.pos_ != "PROPN":
            continue
        party = refs.party(t)
        if party is not None:
            return party
    return None


# last words of a name that make it a debt instrument, not a party: "Bridge Loan Agreement"
_INSTRUMENT_WORDS = {"agreement", "loan", "loans", "notes", "bonds", "debentures", "facility", "facilities", "indenture",
                     "secured", "unsecured", "senior", "convertible"}


def instrument(name: str | None) -> bool:
    """Whether a name the parse took for a party names a debt instrument ("Senior Secured Notes",
    "Leveraged Bridge Loan Agreement")."""
    return bool(name) and name.split()[-1].lower() in _INSTRUMENT_WORDS


# verbs whose doer lends or reports rather than borrows
_NOT_ISSUING = {"commit", "pledge", "provide", "arrange", "extend", "lend", "underwrite", "lead", "syndicate", "buy",
                "purchase", "acquire", "fund", "finance", "back", "invest", "subscribe", "hold", "own"}

_REPORTING = {"say", "report", "write", "note", "tell", "according", "cite", "estimate", "expect", "see", "show"}


def issuer_above(root: Token, refs: References) -> Party | None:
    """The issuer of notes the figure's own phrase leaves unnamed, up the parse: whose offering
    it is ("IREN announced the pricing of *its* offering of $875 million ... notes"), else who
    announced, priced or completed it; None past a verb of lending, buying or reporting."""
    for t in list(root.ancestors)[:6]:
        if t.pos_ in ("NOUN", "PROPN"):
            poss = next((c for c in t.children if c.dep_ == "poss"), None)
            if poss is not None and (party := refs.party(poss)) is not None:
                return party
        elif t.pos_ in ("VERB", "AUX"):
            if lemma(t) in _NOT_ISSUING or lemma(t) in _REPORTING:
                return None
            return roles.agent(t, refs)
    return None


# verbs whose doer arranges or lends debt for someone else: "Morgan Stanley is marketing $5
# billion of loans for the company", "Blackstone led a $7.5 billion loan for Lambda"
_ARRANGING = {"market", "arrange", "structure", "syndicate", "prepare", "lead", "underwrite", "provide", "commit",
              "pledge", "extend", "shop", "raise",      # "Morgan Stanley raised $5 billion of debt for Rivian"
              "release", "disburse", "award", "grant", "approve", "close", "finalize", "finalise"}   # a state lender's
_GIVING = {"provide", "supply", "furnish", "award", "grant"}


def lent_for(noun: Token | None, verb: Token | None, refs: References) -> tuple[Party, Party | None] | None:
    """(borrower, lender) when the sentence says whom a lender's debt is for: the party "for" or
    "to" whom the arranging verb or the debt noun goes, or the party a lender "provided with" it;
    None when it names none."""
    if verb is None or lemma(verb) not in _ARRANGING:
        return None
    lender = roles.agent(verb, refs)
    borrower = roles.prep_party(verb, ("for", "to"), refs) or roles.prep_party(noun, ("for", "to"), refs) or \
        _funded(verb, refs) or _funded(noun, refs)
    if borrower is None and lemma(verb) in _GIVING:       # "Lenders provided Lambda with $2.3 billion of debt"
        given = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.pos_ in ("PROPN", "NOUN")), None)
        borrower = refs.party(given) if given is not None else None
    if borrower is None or lender is not None and lender.name == borrower.name:
        return None
    return borrower, lender


_PURPOSES = {"fund", "finance", "back", "support", "pay"}


def _funded(head: Token | None, refs: References) -> Party | None:
    """The party a lender's debt goes "to fund" or "to back": named as the object ("to back
    Lambda"), as the owner of what is funded ("to back Blackstone and TPG's buyout of Hologic"),
    or as whom it is for ("to fund data centers for Oracle")."""
    for c in head.children if head is not None else ():
        if c.dep_ not in ("advcl", "xcomp", "acl", "relcl") or lemma(c) not in _PURPOSES or \
                not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            continue
        for obj in (g for g in c.children if g.dep_ == "dobj"):
            if (party := refs.party(obj) if obj.pos_ == "PROPN" else
                    roles.owner(obj, refs) or roles.prep_party(obj, ("for",), refs)) is not None:
                return party
    return None


def from_lenders(noun: Token | None, verb: Token | None) -> bool:
    """Whether money comes "from" lenders named by a common noun ("secured $3 billion in financing
    from a consortium of lenders"): borrowed, not raised from investors."""
    for t in (noun, verb):
        if t is None:
            continue
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "from" and any(
                    _lenders(g) and all(_lenders(k) for k in g.conjuncts) for g in c.children if g.dep_ == "pobj"):
                return True
    return False


# participles that say money is lent against something: "backed by its GPUs", "secured by", "GPU-backed"
_PLEDGED = {"back", "secure", "collateralize", "collateralise", "underpin"}
_OFFERED = {"offering", "sale", "placement", "issuance", "issue", "deal"}
_DEBT_NOUNS = SECURITIES | {"debt", "loan", "notes", "bonds", "debentures", "securities"}


_BATCHES = {"series", "tranche", "set", "pair", "batch", "strip", "type", "kind", "class", "form", "mix"}


def _offered_things(offering: Token) -> list[Token]:
    """What an offering offers, through the batches it comes in ("an offering of senior notes",
    "the issuance of two series of senior notes")."""
    found = []
    for c in offering.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj":
                    found.append(g)
                    if lemma(g) in _BATCHES:
                        found += _offered_things(g)
    return found


def borrowed_by_its_words(noun: Token | None, verb: Token | None, refs: References) -> bool:
    """Whether money typed as raised is told as debt by its own words: lent against a thing, not
    backed by a party ("a $3 billion financing backed by its Nvidia chips", "GPU-backed
    financing"), raised by an offering of notes ("raised $2 billion in an offering of senior
    notes"), or found by a buyer to pay for its deal ("secured $4 billion in financing for the deal")."""
    # the noun's phrase and the verb's own objects, not the clauses joined to it
    scope = {t.i: t for t in (noun.subtree if noun is not None else ())}
    scope.update({t.i: t for c in (verb.children if verb is not None else ()) if c.dep_ in ("dobj", "prep", "agent")
                  for t in c.subtree})
    for t in scope.values():
        if t.tag_ == "VBN" and lemma(t) in _PLEDGED and t.dep_ in ("acl", "amod"):
            pledged = [g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"] + \
                [c for c in t.children if c.dep_ in ("npadvmod", "compound") and c.i == t.i - 2]   # "GPU-backed"
            if pledged and all(refs.party(g) is None and g.pos_ in ("NOUN", "PROPN") for g in pledged):
                return True
        if lemma(t) in _OFFERED and t.pos_ == "NOUN" and any(
                lemma(g) in _DEBT_NOUNS or g.lower_ in _DEBT_NOUNS for g in _offered_things(t)):
            return True
    # "have secured $12.1 billion in financing for the deal": money a buyer finds to pay for a deal is lent
    if any(lemma(t) == "financing" and not any(c.lower_ in ("equity", "stock") for c in t.children) for t in scope.values()) \
            and any(t.dep_ == "pobj" and t.head.lower_ == "for" and lemma(t) in _BOUGHT for t in scope.values()):
        return True
    # "raised ₹5,000 crore via a 15-year Non-Convertible Debenture", "through two subordinated loans"
    return verb is not None and any(c.dep_ == "prep" and c.lower_ in ("via", "through") and any(
        g.dep_ == "pobj" and (lemma(g) in _DEBT_NOUNS or g.lower_.removesuffix("s") in _DEBT_NOUNS) for g in c.children)
        for c in verb.children)


# verbs of a law firm or a bank serving a client: "Cleary Gottlieb represented Alphabet in its offering"
_ADVISING = {"represent", "advise", "counsel", "assist"}


def on_behalf_of(verb: Token | None, refs: References) -> Party | None:
    """The party a debt is sold or raised "on behalf of" ("Morgan Stanley sold $27 billion of bonds
    on behalf of Beignet Investor"), or the client an adviser represents in it ("Cleary Gottlieb
    represented Alphabet in its offering of $17.5 billion of notes"): the issuer, whoever does the
    selling or the advising (an adviser is no borrower)."""
    if verb is not None and lemma(verb) in _ADVISING:
        client = next((c for c in verb.children if c.dep_ == "dobj"), None)
        return refs.party(client) if client is not None else None
    for c in verb.children if verb is not None else ():
        behalf = next((g for g in c.children if g.dep_ == "pobj" and g.lower_ == "behalf"), None) \
            if c.dep_ == "prep" and c.lower_ in ("on", "in") else None
        if behalf is not None and (found := roles.prep_party(behalf, ("of",), refs)) is not None:
            return found
    return None


_FUNDING = {"fund", "finance", "arrange", "secure", "line", "obtain"}
_PAYING = {"pay", "buy", "acquire", "purchase"}     # what a buyer does, its payment financed by debt
_BOUGHT = {"deal", "transaction", "acquisition", "purchase", "takeover", "buyout", "merger", "bid", "offer"}


def own_deal_funded(verb: Token, refs: References) -> Party | None:
    """Who borrows to pay for its own deal: "Harmony will fund the transaction via a $1.25 billion
    bridge facility", "To finance the purchase, Capgemini has arranged a €4 billion bridge
    facility", "Prada's acquisition will be funded by €1.5 billion of new debt". The funder
    of a deal is its buyer (a lender funds a borrower, "for" or "to" someone)."""
    if lemma(verb) not in _FUNDING:
        return None
    if any(c.dep_ in ("prep", "dative") and c.lower_ in ("for", "to") and any(
            g.dep_ == "pobj" and refs.party(g) is not None for g in c.children) for c in verb.children):
        return None             # "JPMorgan arranged a $5 billion loan for Skechers"
    deal = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and lemma(c) in _BOUGHT), None)
    if deal is None:            # "to finance the purchase, X has arranged": the purpose told beside it
        deal = next((d for c in verb.children if c.dep_ == "advcl" and lemma(c) in _FUNDING
                     for d in c.children if d.dep_ == "dobj" and lemma(d) in _BOUGHT), None)
    if deal is None and verb.tag_ == "VBN" and verb.dep_ == "advcl" and lemma(verb.head) in _PAYING:
        return roles.agent(verb.head, refs)     # "Tritax will pay £632 million in cash, financed by a £650 million facility"
    if deal is None:
        return None
    if deal.dep_ == "nsubjpass":
        return roles.owner(deal, refs)
    return roles.agent(verb, refs)


_NOT_DOING = _FUNDING | _ARRANGING | {"back", "support", "advise", "finance", "fund"}


def deal_doer(sent: Span, refs: References) -> Party | None:
    """Who does the deal a sentence's debt pays for: the possessor of "the acquisition" ("Prada's
    acquisition will be funded by €1.5 billion of new debt") or the doer of the verb it is the object
    of ("Xero structures the acquisition through ... a $400 million credit facility"), not of a
    lender's verb ("JPMorgan will finance the deal"); None when the sentence tells neither."""
    for t in sent:
        if t.pos_ != "NOUN" or lemma(t) not in _BOUGHT:
            continue
        if (found := roles.owner(t, refs)) is not None:
            return found
        if t.dep_ == "dobj" and lemma(t.head) not in _NOT_DOING and (found := roles.agent(t.head, refs)) is not None:
            return found
    return None


_TAKING_ON = {"enter", "take", "sign", "secure", "arrange", "obtain", "raise", "draw", "get", "receive", "have", "line",
              "put", "land", "win", "clinch", "strike", "ink"}


def taken_by_relative(noun: Token | None, refs: References) -> Party | None:
    """The borrower a relative clause on the debt names: "a $32 billion bridge loan that Broadcom
    entered into last year", "the $5 billion facility it signed in May"."""
    if noun is None:
        return None
    for clause in noun.children:
        if clause.dep_ == "relcl" and lemma(clause) in _TAKING_ON:
            doer = next((c for c in clause.children if c.dep_ == "nsubj" and c.lower_ not in ("that", "which", "who")), None)
            if doer is not None and (party := refs.party(doer)) is not None:
                return party
    return None
