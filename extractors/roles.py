"""The parties of a figure's frame, from the parse: who did the verb (the agent: "*Meta* is
paying", "led by *Iconiq*"), what it was done to (the patient: "valuing *the startup* at",
"*Wiz* was acquired"), whose the noun is ("*Meta's* stake", "an investment *by SoftBank*"),
and the other party of a prepositional phrase ("a stake *in Intel*").

Agents and patients follow the verb up through to-infinitives ("agreed to buy"), participle
clauses (", giving it a 10% stake"), conjunctions and relative clauses ("Iconiq, which put
in"), so that the clause that names the party lends it to the clause that does not.
"""
from __future__ import annotations

from spacy.tokens import Token

from claimtrack.extractors.claim_words import EQUATING_VERBS, HOLDER_NOUNS, STAKE_NOUNS, is_org_noun
from claimtrack.extractors.frames import lemma
from claimtrack.extractors.misparsed import stranded_object, subject_under_conjunction
from claimtrack.extractors.references import Party, References

_SUBJECT = ("nsubj", "nsubjpass", "csubj")
_GRANTED = {"approval", "permission", "clearance", "blessing", "nod", "go-ahead", "consent", "authorization",
            "authorisation", "license", "licence", "support"}     # "China's approval to buy": not China's purchase
_OWNED_THINGS = {"round", "funding", "financing", "ipo", "offering", "business", "unit", "subsidiary", "venture",
                 "stock", "share", "shares", "equity", "capital", "arm", "division", "project"}
_MONEY_INTO = {"value", "acquire", "buy", "back", "fund", "finance"}
_GIVING = {"give", "hand", "grant", "award", "leave", "offer", "sell"}
# verbs that measure one thing against another: their subject did not do what their object names
_COMPARING = {"surpass", "top", "eclipse", "dwarf", "exceed", "beat", "overtake", "rival", "outstrip", "overshadow",
              "outpace", "trail", "match"}


def is_passive(verb: Token) -> bool:
    """Whether a verb is in the passive ("was acquired", "be taken private", "is 38% owned by",
    "..., followed by Lightspeed at $500 million")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") or c.dep_ == "agent" and verb.dep_ in ("acomp", "advcl") and verb.tag_ == "VBN" for c in verb.children)


def _by_agent(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def agent(verb: Token | None, refs: References, hops: int = 0) -> Party | None:
    """Who does `verb`: its subject, the 'by' phrase of a passive, or the subject lent by the
    clause it depends on."""
    if verb is None or hops > 5:
        return None
    if is_passive(verb):
        by = _by_agent(verb)
        if by is not None:
            return _party_or_owner(by, refs)
        if verb.dep_ in ("acl", "relcl"):
            return None
    else:
        if (sized := _sized_by_relative(verb, refs, hops)) is not None:
            return sized
        subjects = sorted((c for c in verb.children if c.dep_ in ("nsubj", "csubj")
                           and not (c.lower_ in ("each", "both", "all") and verb.dep_ == "relcl")),
                          key=lambda c: refs.mention_at(c) is None)      # a name before a description
        # ("Lightspeed and Nvidia, which each put in $300 million": "each" floats; the antecedent does it)
        if not subjects:
            # "Geely has acquired a 26.4% stake": a name the tagger read as an adverb stands where the subject would
            subjects = [c for c in verb.children if c.dep_ == "advmod" and c.pos_ == "ADV" and c.i < verb.i
                        and refs.mention_at(c) is not None]
        if not subjects and verb.tag_ == "VBG" and verb.i > 0 and (named := verb.nbor(-1)).dep_ == "pobj" and \
                named.head.lower_ in ("in", "with") and refs.mention_at(named) is not None:
            subjects = [named]      # "culminated in Tencent acquiring a 26.32% stake": the name the parse left to the "in"
        if not subjects and verb.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass", "appos"):
            # "around IBM's plan to acquire HashiCorp", "plan" tagged a verb in a noun's place: its possessor
            subjects = [c for c in verb.children if c.dep_ == "poss"]
        if subjects:
            # "Cambridge-based startup Suno has raised" parsed with two subjects: the one naming a party
            # ("Swedish entrepreneur and billionaire Daniel Ek ... has invested", parsed as a pair: the named one)
            return next((p for p in map(lambda s: _party_or_owner(s, refs), [*subjects, *(c for s in subjects for c in s.conjuncts)])
                         if p is not None), None)
        if verb.dep_ in ("acl",) and verb.head.pos_ in ("NOUN", "PROPN"):
            # "a company owning 10%"; "StubHub's ambitions to go public at ..."; "Mistral is in
            # talks to raise": the clause the noun stands in
            # ("Mistral's largest shareholder, holding 11%": a holder is not the company it holds)
            found = refs.party(verb.head) or (owner(verb.head, refs) if lemma(verb.head) not in _GRANTED | HOLDER_NOUNS else None)
            if found is None and hops < 4:
                outer = verb.head.head
                while outer.pos_ not in ("VERB", "AUX") and outer.head.i != outer.i:
                    outer = outer.head
                if outer.pos_ in ("VERB", "AUX"):
                    found = agent(outer, refs, hops + 1)
            return found
    if verb.dep_ == "relcl":
        found = refs.party(verb.head)
        if found is None and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and hops < 4:
            # "signed a deal to acquire Core Scientific": who signed the deal acquires
            outer = next((a for a in verb.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
            found = agent(outer, refs, hops + 1) if outer is not None else None
        return found
    if verb.dep_ == "prep" and verb.tag_ == "VBG":      # "..., including a 9.9% stake in Intel": the clause above
        outer = next((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX")), None)
        return agent(outer, refs, hops + 1) if outer is not None else None
    if verb.dep_ in ("xcomp", "advcl", "conj", "ccomp", "pcomp") and verb.head.i != verb.i:
        head = verb.head
        if head.pos_ == "ADJ" and head.head.pos_ in ("VERB", "AUX"):
            head = head.head                    # "is willing to invest", "is set to raise"
        if head.pos_ in ("VERB", "AUX"):
            if (under := subject_under_conjunction(verb)) is not None:
                return _party_or_owner(under, refs)     # "come as SoftBank, which ..., is preparing to"
            if verb.dep_ in ("xcomp", "advcl", "conj") and (done_to := _passive_subject(head)) is not None:
                # "Anthropic is expected to raise $3bn", "X was founded in 2021 and raised $1bn": the
                # passive's subject does it
                return _party_or_owner(done_to, refs)
            return agent(head, refs, hops + 1)
        if head.dep_ == "prep":                 # "..., after raising $13 billion", "four months after raising"
            outer = head.head
            while outer.pos_ not in ("VERB", "AUX") and outer.head.i != outer.i:
                outer = outer.head
            if (done_to := _passive_subject(outer)) is not None:
                return _party_or_owner(done_to, refs)   # "was valued at $32 billion after raising $2 billion"
            return agent(outer, refs, hops + 1)
    if verb.dep_ == "pcomp":
        return agent(verb.head.head, refs, hops + 1)
    return None


def _sized_by_relative(verb: Token, refs: References, hops: int) -> Party | None:
    """"buying 166 million new shares, which corresponds to a 2.9% stake": a relative clause of
    equating sizes what the clause above did, so its doer is who did that (or whose the noun it
    hangs on is: "Elliott's stake, which equates to 5%"), never the name it follows."""
    if verb.dep_ != "relcl" or lemma(verb) not in EQUATING_VERBS or hops > 4 or not any(
            c.dep_ == "nsubj" and c.lower_ in ("which", "that") for c in verb.children):
        return None
    held = owner(verb.head, refs)
    if held is not None:
        return held
    outer = next((a for a in verb.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return agent(outer, refs, hops + 1) if outer is not None else None


def firm_holders(token: Token | None, refs: References) -> Party | None:
    """"Fifth Third shareholders", "Spirit's investors": a firm's holders, a party of their own."""
    if token is None or token.tag_ != "NNS" or token.lemma_.lower() not in _HOLDERS_OF:
        return None
    firm = next((refs.party(c) for c in token.children if c.dep_ in ("compound", "amod", "poss") and refs.mention_at(c) is not None), None)
    return Party(f"{firm.name} shareholders") if firm is not None else None


def _passive_subject(verb: Token) -> Token | None:
    """The subject of a passive verb that names no doer ("X was valued at"), else None."""
    if not is_passive(verb) or _by_agent(verb) is not None:
        return None
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def _party_or_owner(token: Token, refs: References) -> Party | None:
    """The party a phrase names, or for a thing, its owner: "Nvidia's Blackwell processor is
    expected to generate ...", "Splunk shares were trading at ..." are Nvidia's and Splunk's."""
    if _owns(token.head) and (holders := firm_holders(token, refs)) is not None:
        return holders          # "Fifth Third shareholders will own 73%": the holders, not the firm ("Aviva" read as an adjective too)
    if token.pos_ == "NOUN" and token.lemma_.lower() in _PARTS_OF_FIRMS and \
            (whole := prep_party(token, ("of",), refs) or owner(token, refs)) is not None:
        return whole            # "the infrastructure unit of Blackstone", "Blackstone's unit": the firm it is part of
    found = refs.party(token)
    if found is None and token.tag_ == "NNS":       # "Big Tech peers such as Apple and Microsoft have crossed": the ones named
        found = prep_party(token, ("as", "like"), refs)
    if found is None and token.pos_ == "NOUN" and lemma(token) in _KIN:
        return None             # "while his wife owns 2.9%": a person of her own, never the one she is kin to
    if found is None and token.pos_ == "NOUN":
        found = owner(token, refs)
        if found is not None and is_org_noun(token.lower_) and (found.kind == "person" or any(
                c.dep_ == "poss" and c.ent_type_ == "GPE" for c in token.children)):
            return None         # "Mark Zuckerberg's company", "China's largest company": a firm the text does not name
        if found is None:
            name = next((c for c in token.children if c.dep_ in ("compound", "nmod") and refs.mention_at(c) is not None), None)
            found = refs.party(name) if name is not None else None
    return found


def patient(verb: Token | None, refs: References) -> Party | None:
    """What `verb` is done to: its object, the subject of a passive, the noun a participle
    describes ("Wiz, valued at"), or the recipient of "giving it"."""
    if verb is None:
        return None
    doer = agent(verb, refs)
    exclude = frozenset({doer.name}) if doer is not None else frozenset()
    backed = lemma(verb) in _MONEY_INTO        # "It is now valued at": "it" is whom money went into
    for c in verb.children:
        if c.dep_ == "dobj":
            return refs.party(c, exclude=exclude, backed=backed)
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            return refs.party(c, exclude=exclude, backed=backed)
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return refs.party(verb.head, exclude=exclude)
    if verb.dep_ == "acomp" and is_passive(verb):      # "The bank is 38% owned by the Treasury"
        subj = next((c for c in verb.head.children if c.dep_ in _SUBJECT), None)
        return refs.party(subj, exclude=exclude) if subj is not None else None
    if verb.dep_ == "conj" and is_passive(verb) and verb.head.pos_ in ("VERB", "AUX"):
        # "Scale has dozens of backers ... and was last valued at $14 billion": the first verb's subject
        subj = next((c for c in verb.head.children if c.dep_ in _SUBJECT), None)
        return refs.party(subj, exclude=exclude) if subj is not None else None
    return None


def recipient(verb: Token | None, refs: References) -> Party | None:
    """The dative of "giving it a 10% stake", "handing SoftBank a 2% stake"; the object of "leaving
    GIC with 13.2%"."""
    if verb is None or lemma(verb) not in _GIVING:
        return None
    for c in verb.children:
        if c.dep_ in ("dative", "iobj") and c.lower_ != "to" or c.dep_ == "dobj" and (
                lemma(verb) == "leave" or any(d.dep_ == "dobj" and d.i > c.i for d in verb.children)):
            # ("leaving GIC with the remaining 13.2%": whom it leaves with a share holds it; of two
            # objects the parse gives "grants Tencent a 26.3% interest", the first is the dative)
            if c.pos_ == "PRON" and verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
                # "made an investment ..., giving it a 10% stake": "it" is who made it ("X shareholders
                # will receive ..., giving them a 27% stake": the holders, not their firm)
                lent = next((h for s in verb.head.children if s.dep_ == "nsubj" and (h := firm_holders(s, refs))), None) \
                    if c.lower_ == "them" else None
                lent = lent or agent(verb.head, refs)
                if lent is not None:
                    return lent
            if (held := firm_holders(c, refs) or refs.party(c)) is not None:
                return held         # "offered Spirit shareholders a 19% stake"
    for c in verb.children:
        # "the deal gives Geely a 26.4 percent stake": the parse hung the dative on the object, before its article
        det = next((d for d in c.children if d.dep_ == "det" and d.lower_ in ("a", "an")), None) if c.dep_ == "dobj" else None
        if det is not None and (party := next((p for d in c.children if verb.i < d.i < det.i
                                               and (p := refs.party(d)) is not None), None)) is not None:
            return party
    return None


def prep_party(token: Token | None, preps: tuple[str, ...], refs: References,
               exclude: frozenset[str] | None = None) -> Party | None:
    """The party in a prepositional phrase on `token`: 'in Intel' of 'a stake in Intel'; a
    description there never stands for a party in `exclude`."""
    if token is None:
        return None
    for c in token.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is None and c.n_lefts + c.n_rights == 0:
                obj = stranded_object(c, refs)     # "sale of Arm to U.S. chipmaker Nvidia Corp has": parsed apart
            if exclude is None:
                # "SoftBank will invest $2 billion in the chipmaker": a description on a verb's
                # phrase is never the verb's own doer
                doer = agent(token, refs) if token.pos_ in ("VERB", "AUX") and c.dep_ == "prep" else None
                exclude = frozenset({doer.name}) if doer is not None else frozenset()
            found = refs.party(obj, exclude=exclude) if obj is not None else None
            if found is None and obj is not None and lemma(obj) in _OWNED_THINGS:
                found = owner(obj, refs)        # "in Anthropic's next funding round"
            if found is not None:
                return found
    return None


def owner(noun: Token | None, refs: References) -> Party | None:
    """Whose the noun is: "Meta's stake", "its valuation", "the Intel stake" is not (a
    compound names what the stake is in, not who holds it)."""
    cur = noun
    for _ in range(4):
        if cur is None:
            break
        for c in cur.children:
            # a possessor, also where the parse labels "Lambda's" in "Lambda's $1.5 billion raise" a subject
            if c.dep_ == "poss" or c.i < cur.i and c.dep_ in ("nsubj", "compound") and any(
                    g.dep_ == "case" and g.lower_ in _POSSESSIVE for g in c.children):
                return refs.party(c)
        # "Crusoe's USD 350 mn series C round": the possessor of the noun a compound is part of
        cur = cur.head if cur.dep_ in ("compound", "nmod") and cur.head.i > cur.i and cur.head.pos_ in ("NOUN", "PROPN") \
            else None
    return _possessor_before(noun, refs) if noun is not None else None


def _possessor_before(noun: Token, refs: References) -> Party | None:
    """A possessor the parse hung elsewhere: in "to back Blackstone and TPG's $18.3 billion buyout"
    "TPG's" is read as a conjunct of the verb's object, yet it owns the noun phrase it ends before."""
    if noun.left_edge.i < 2 or noun.pos_ != "NOUN":
        return None
    marker = noun.doc[noun.left_edge.i - 1]
    named = marker.head
    if marker.dep_ != "case" or marker.lower_ not in _POSSESSIVE or named.i != marker.i - 1 or \
            named.dep_ == "poss" or named.pos_ != "PROPN" or noun.i in (t.i for t in named.subtree):
        return None
    return refs.party(named)


_POSSESSIVE = {"'s", "’s", "'", "’"}
_HOLDERS_OF = {"shareholder", "stockholder", "holder", "investor"}
_OWNING = {"own", "hold", "control", "retain", "keep"}


def _owns(verb: Token) -> bool:
    """Whether a holders' verb is one of owning, or one that raises its subject to such a verb
    ("are set to hold 55%", "are expected to own about 39.2%") or shares it with one ("will
    receive 0.65 X shares and will own 45%")."""
    return verb.lemma_.lower() in _OWNING or any(c.dep_ in ("xcomp", "conj") and c.lemma_.lower() in _OWNING
                                                 for c in verb.children)
_PARTS_OF_FIRMS = {"unit", "arm", "subsidiary", "division", "affiliate", "branch"}
_KIN = {"wife", "husband", "son", "daughter", "brother", "sister", "father", "mother", "widow", "widower", "spouse",
        "nephew", "niece", "cousin", "heir", "child", "children", "sibling"}
# what a relative clause on a holding or a deal says its subject did to it
_DONE_TO_HOLDING = {"take", "buy", "acquire", "purchase", "hold", "own", "build", "amass", "make", "receive", "get"}
_RELATIVES = {"that", "which", "who", "whom", "whose"}


def _relative_doer(noun: Token, refs: References) -> Party | None:
    """"The stake the government took in Halden", "the investment that Vell made": the subject of
    a relative clause whose object is the noun (no other object of its own) stands behind it."""
    for clause in noun.children:
        # ("took in Halden Minerals" parsed as a particle verb: its object is the company held)
        glued = any(g.dep_ == "prt" and g.lower_ in ("in", "into") for g in clause.children)
        if clause.dep_ != "relcl" or lemma(clause) not in _DONE_TO_HOLDING or not glued and any(
                g.dep_ == "dobj" and g.lower_ not in _RELATIVES for g in clause.children):
            continue
        doer = next((g for g in clause.children if g.dep_ == "nsubj" and g.lower_ not in _RELATIVES), None)
        found = _party_or_owner(doer, refs) if doer is not None else None
        if found is not None:
            return found
    return None


def noun_agent(noun: Token | None, refs: References) -> Party | None:
    """Who stands behind a noun: its possessor, 'by'/'from' ("an investment from SoftBank"),
    else the agent of the verb it is the object of (or the recipient, for "giving it a stake")."""
    if noun is None:
        return None
    # ("acquired a 15% stake in WestJet from the Onex Group": a stake bought from X is no longer X's)
    bought = lemma(noun) in STAKE_NOUNS and noun.dep_ == "dobj" and lemma(noun.head) in ("buy", "acquire", "purchase", "take")
    found = owner(noun, refs) or prep_party(noun, ("by",) if bought else ("by", "from"), refs)
    if found is not None and lemma(noun) in STAKE_NOUNS and (held := prep_party(noun, ("in",), refs)) is not None \
            and held.name == found.name:
        return None         # "the fund's stake in Halden": a description never stands for the company held
    if found is not None:
        return found
    for c in noun.children:                     # "a stake held by the United States"
        if c.dep_ == "acl" and lemma(c) in ("hold", "own", "make", "lead", "provide", "back", "control", "offer",
                                            "propose", "submit", "table", "launch", "issue", "arrange", "sell",
                                            "commit", "pledge", "promise", "extend", "announce"):
            by = _by_agent(c)
            if by is not None and refs.party(by) is not None:
                return refs.party(by)
    if (doer := _relative_doer(noun, refs)) is not None:
        return doer
    cur, hops, listed = noun, 0, False
    while hops < 5 and cur.head.i != cur.i:
        head = cur.head
        if head.pos_ in ("VERB", "AUX"):
            if lemma(head) in _COMPARING and cur.dep_ == "dobj":
                return None                     # "It would top the 2007 buyout of TXU": the buyout is no doing of "it"
            if cur.dep_ in ("dobj", "attr", "oprd") and recipient(head, refs) is not None:
                return recipient(head, refs)
            if cur.dep_ in ("nsubj", "nsubjpass") and cur.i == noun.i:
                return None                     # "the investment gives ...": the noun acts itself
            if lemma(head) in ("include", "comprise") and head.dep_ == "relcl" and head.head.dep_ == "pobj" \
                    and head.head.head.head.pos_ == "VERB":
                # "agreed to invest $2bn in Anthropic, which included a $500m infusion": "which" is the
                # investment, read as hung on its last noun; its parts are the investor's
                return agent(head.head.head.head, refs)
            if cur.dep_ == "prep" and cur.lower_ == "with" and head.dep_ == "acl" and (by := _by_agent(head)) is not None:
                return refs.party(by)           # "a round led by X with a $1 billion investment": X's money
            return agent(head, refs)
        if (head.dep_ in ("appos",) or cur.dep_ == "appos") and not (head.like_num or head.ent_type_ in ("MONEY", "PERCENT")):
            # "will receive $1.2 billion in cash, a promise of $300 million, and a 17.5% stake": a
            # list's items the parse read as appositions are things got, no party; the list goes on up
            listed = listed or cur.dep_ == "conj" and head.dep_ == "appos"
            if not listed:
                return refs.party(head)     # (not "an $8.9 billion, 9.9% stake": a figure is no party)
        cur, hops = head, hops + 1
    return None


def gapped(figure: Token, verb: Token | None, refs: References) -> tuple[Party | None, Party | None] | None:
    """"Microsoft will invest up to $5 billion and Nvidia up to $10 billion in Anthropic": a verb
    told once for two doers, each with its own figure (the second doer parsed as the verb's
    conjunct). (doer, object) of the figure, the object from whichever figure the phrase hangs on;
    None when the verb is not gapped."""
    if verb is None or figure.head != verb or figure.dep_ != "dobj":
        return None
    amounts = [c for c in verb.children if c.dep_ == "dobj"]
    doers = [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")
             and refs.mention_at(c) is not None and amounts[0].i < c.i < amounts[-1].i]
    if len(amounts) < 2 or not doers:
        return None
    before = [d for d in doers if d.i < figure.i]
    doer = refs.party(before[-1]) if before else agent(verb, refs)
    preps = ("in", "into", "of")
    obj = prep_party(figure, preps, refs) or next(
        (found for a in amounts if (found := prep_party(a, preps, refs)) is not None), None) or prep_party(verb, preps, refs)
    return doer, obj


def firm_before(noun: Token, refs: References) -> Party | None:
    """A company named in the noun's own phrase before it: "the $713-million Astera Labs Inc.
    offering", "Microsoft market cap" (a company's own measure, not a stake in it)."""
    return next((refs.party(c) for c in noun.children if c.dep_ in ("compound", "nmod") and c.i < noun.i
                 and refs.mention_at(c) is not None and refs.mention_at(c).kind in ("company", "org")), None)
