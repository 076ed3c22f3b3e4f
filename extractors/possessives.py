"""Possessives and the verbs around them: whose "its" is ("Wiz wanted to grow its revenue"), who buys
shares a possessor issues ("SoftBank would buy its stock"), what "turn X into Y" says Y of.
Read by references.py, which resolves the parties these return."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

if TYPE_CHECKING:
    from claimtrack.extractors.references import Party, References

RELATIVE = {"which", "who", "that", "whom", "whose"}
IT = {"it", "its", "itself"}
THEY = {"they", "their", "them", "themselves"}
# nouns whose possessor is the subject of the clause: "Wiz wanted to grow its revenue"
_OWN_NOUNS = {"round", "funding", "financing", "fundraising", "raise", "series", "revenue", "revenues", "sale", "sales",
              "valuation", "value", "profit", "earnings", "income", "share", "stock", "ipo", "listing", "debut", "market", "cap", "capitalization", "capitalisation", "worth", "buyback",
              "offering", "bond", "debt", "cash", "business", "unit", "stake", "holding", "investment", "loss"}
# verbs of investors in another party's round: "its" in "Nvidia backing its round" is not Nvidia's
BACKING = {"back", "lead", "co-lead", "join", "fund", "finance", "support", "participate", "invest", "anchor", "bankroll",
           "spearhead", "underwrite"}


def bound_possessive(refs: References, token: Token, exclude: frozenset[str]) -> Party | None:
    """A possessive pronoun bound by the subject of its own clause: in "Wiz wanted to grow
    its revenue" "its" is Wiz's, whatever was named last."""
    cur, hops = token.head, 0
    adviser = next((a for a in token.ancestors if a.pos_ == "VERB"), None)
    pair = next((c for c in adviser.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i), None) \
        if adviser is not None and token.lower_ == "their" else None
    if pair is not None and any(c.dep_ == "conj" for c in pair.children) and \
            (first := refs.party(pair, depth=3, exclude=exclude)) is not None:
        return first        # "Adobe and Figma called off their $20 billion merger": the first named, as the text orders them
    if adviser is not None and adviser.lemma_.lower() in ("represent", "advise") and \
            (client := next((c for c in adviser.children if c.dep_ == "dobj" and c.i < token.i), None)) is not None:
        return refs.party(client, depth=3, exclude=exclude)     # "X advised Meituan on its bond issuance": the client's
    if cur.lemma_.lower() not in _OWN_NOUNS and not any(c.lower_ == "series" for c in cur.children):
        return None                              # "Nvidia backing its round": an investor's object is another's
    while cur.head.i != cur.i and cur.pos_ not in ("VERB", "AUX") and hops < 4:
        cur, hops = cur.head, hops + 1
    if cur.lemma_.lower() in BACKING:
        # "Benchmark first backed Cerebras, leading its Series A", "with Nvidia backing its
        # round": its is the company backed, not the backer
        backer = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        outer, up = cur, 0
        while backer is None and outer.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl") and up < 4:
            outer, up = (outer.head if outer.head.pos_ in ("VERB", "AUX") else outer.head.head), up + 1
            backer = next((c for c in outer.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        backed = refs.party(backer, depth=3) if backer is not None else None
        if backed is None:
            return None
        return refs.salient(token, kinds=("company", "org", "government", "product"),
                            exclude=exclude | {backed.name})
    if cur.lemma_.lower() in ("represent", "advise", "value", "buy", "acquire") and \
            not any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in cur.children):
        return None                              # "buy back its shares": the buyer's own
    while cur.pos_ in ("VERB", "AUX") and hops < 8:
        subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i), None)
        if subj is not None:
            if subj.lower_ in RELATIVE or subj.lower_ in IT | THEY and subj.dep_ == "nsubjpass":
                return None
            # "said it would buy back its shares": "its" is what "it" is
            found = refs.party(subj, depth=3, exclude=exclude)
            return found if found is not None and found.kind != "description" else None
        holder = next((c for c in cur.head.children if c.dep_ == "poss"), None) if cur.dep_ == "acl" else None
        if holder is not None and holder.lower_ not in IT | THEY:
            found = refs.party(holder, depth=3, exclude=exclude)     # "the company's decision to price its shares"
            return found if found is not None and found.kind != "description" else None
        if cur.tag_ == "VBG" and (doer := _gerund_doer(refs, cur)) is not None:
            return doer                          # "resulted in Crusoe more than tripling its valuation"
        if cur.dep_ not in ("xcomp", "advcl", "conj", "pcomp") or cur.head.i == cur.i:
            return None
        # "wanted to focus on growing its revenue": through the preposition to its verb
        cur, hops = (cur.head.head if cur.dep_ == "pcomp" and cur.head.dep_ == "prep" else cur.head), hops + 1
    return None

def _gerund_doer(refs: References, verb: Token) -> Party | None:
    """The name written right before a gerund with no subject of its own, a few adverbs apart
    ("which resulted in Crusoe more than tripling its valuation"): who does it."""
    before = verb.i - 1
    while before > 0 and verb.i - before <= 3 and verb.doc[before].lower_ in ("more", "than", "nearly", "almost", "roughly", "about"):
        before -= 1
    named = verb.doc[before] if before >= 0 else None
    if named is None or named.pos_ != "PROPN" or refs.mention_at(named) is None or named.dep_ not in ("pobj", "dobj"):
        return None
    found = refs.party(named)
    return found if found is not None and found.kind in ("company", "org") else None


def predicated_of(token: Token) -> Token | None:
    """The object a noun is said of: "turn X into Y", "make X Y" -> X."""
    verb = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "into" else \
        token.head if token.dep_ in ("oprd", "ccomp", "xcomp") else None
    if verb is None or verb.lemma_.lower() not in ("turn", "make", "transform", "convert", "render"):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and c.i < token.i), None)

def buyer_of(refs: References, token: Token) -> Party | None:
    """The subject of the buying verb a possessive's noun is the object of ("X would buy
    its shares"), unless it buys back (then "its" is the buyer's own)."""
    cur, hops = token.head, 0
    while cur.head.i != cur.i and cur.pos_ not in ("VERB", "AUX") and hops < 4:
        cur, hops = cur.head, hops + 1
    if cur.lemma_.lower() not in ("buy", "acquire", "purchase") or \
            any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in cur.children):
        return None
    subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ in IT | THEY | RELATIVE:
        return None
    return refs.party(subj, depth=3)


def doer_of_object(refs: References, noun: Token) -> frozenset[str]:
    """The doer of the verb a described object hangs on, up its chain of clauses: "JPMorgan is
    paying $2 a share to take over the investment firm, which ..." - the firm is not JPMorgan."""
    if noun.dep_ != "dobj" or noun.pos_ != "NOUN":
        return frozenset()
    verb = noun.head
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            found = refs.party(subj, depth=3) if subj.lower_ not in RELATIVE else None
            return frozenset({found.name}) if found is not None else frozenset()
        if verb.dep_ not in ("xcomp", "advcl", "conj") or verb.head.i == verb.i:
            break
        verb = verb.head
    return frozenset()


# verbs whose object does what their "to" clause tells: "seeking to force Michael Dell to sweeten his offer"
_OBJECT_CONTROL = {"force", "push", "press", "pressure", "urge", "persuade", "convince", "ask", "compel", "prompt", "get"}


def controller(refs: References, token: Token) -> Party | None:
    """The person a "his" or "her" in a "to" clause is bound to when a verb of making someone act
    governs the clause: in "seeking to force Michael Dell to sweeten his $24.4 billion buyout offer"
    "his" is Michael Dell's, not the one doing the forcing."""
    if token.dep_ != "poss":
        return None
    verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.dep_ not in ("xcomp", "ccomp") or verb.head.lemma_.lower() not in _OBJECT_CONTROL \
            or any(c.dep_ == "nsubj" for c in verb.children):
        return None
    obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    found = refs.party(obj, depth=3) if obj is not None else None
    return found if found is not None and found.kind == "person" else None
