"""Clauses that decide whether a risk named in a sentence is someone's view: a question put or
left open ("asked whether stocks are in a bubble") unless the speaker answers it ("said no"), a
person's record ("Burry, who rose to fame betting against subprime mortgages"), fears an
event stirs ("..., adding to fears of an AI bubble"), which are nobody's in particular, a
scenario a party is said to withstand ("well positioned to weather a severe recession") and a
sum reported ("credit losses amounting to $900 million"); and how a sentence stands to the ones
around it (a quotation still open, one going on with the sentence before, a headline).
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from claimtrack.extractors.references import Party, References


def asked(token: Token, stop: Token | None) -> bool:
    """Whether the topic sits in a question put to someone or left open, not a view: "was asked
    whether stocks are in a bubble", "sidestepped questions about whether", "it's unclear
    whether", "I can't say if we're in a bubble". Who "questioned whether" it can last doubts it."""
    cur, hops = token, 0
    while cur.head.i != cur.i and hops < 10 and (stop is None or cur.i != stop.i):
        marks = {c.lower_ for c in cur.children if c.dep_ == "mark"}
        if "whether" in marks or ("if" in marks and (cur.dep_ in ("ccomp", "pcomp", "dobj", "xcomp", "csubj")
                                                      or cur.head.lemma_ == "ask")):     # "asked if", whatever the parse hangs it by
            return _open_question(cur.head)
        cur, hops = cur.head, hops + 1
    return False


_FEARS = {"fear", "concern", "worry", "anxiety", "jitter", "unease", "talk", "speculation", "alarm", "question", "doubt"}
_STIR = {"fuel", "stoke", "spark", "add", "feed", "heighten", "revive", "reignite", "intensify", "amplify", "trigger",
         "deepen", "raise", "renew", "ease", "calm", "allay", "soothe", "quell"}


def known_for(token: Token, refs: References) -> bool:
    """Whether the topic sits in a clause that describes a person ("Michael Burry, who rose to
    fame betting against subprime mortgages", "Grantham, known for calling past bubbles"): the
    record that makes a speaker worth quoting, not a view stated now."""
    cur, hops = token, 0
    while cur.head.i != cur.i and hops < 10:
        if cur.dep_ in ("relcl", "acl") and cur.pos_ in ("VERB", "AUX"):
            if cur.dep_ == "acl" and token.sent.root.pos_ not in ("VERB", "AUX"):
                return False    # "Jim Chanos, founder of Kynikos, called ... a bubble": the main verb, read as a modifier
            head = cur.head
            found = refs.mention_at(head)
            person = found is not None and (found.kind == "person" or head.ent_type_ == "PERSON" or found.guessed) \
                or head.lemma_.lower() in _PEOPLE and head.tag_ != "NNS"     # "investors exposed to a drawdown": no one's record
            return person and (cur.dep_ == "acl" or (cur.lemma_ or "").lower() not in _VIEWS or _record(cur, token))
        cur, hops = cur.head, hops + 1
    return False


_PEOPLE = {"investor", "manager", "economist", "strategist", "founder", "co-founder", "billionaire", "seller", "veteran",
           "bear", "analyst", "executive", "chief", "professor", "laureate"}
_VIEWS = {"say", "warn", "believe", "think", "argue", "fear", "worry", "see", "expect", "predict", "call", "describe",
          "dismiss", "say", "write", "tell", "caution", "note", "compare", "liken"}


_RECORD = {"famously", "correctly", "presciently", "accurately", "rightly", "once", "previously", "successfully"}


def _record(view: Token, topic: Token) -> bool:
    """Whether a view in a clause on a person is their record, not what they say now: "who
    famously predicted the 2008 housing crash", "who correctly called the dot-com bust"."""
    past_year = any(t.like_num and len(t.text) == 4 and t.text.isdigit() for t in topic.subtree) or \
        any(t.like_num and len(t.text) == 4 and t.text.isdigit() for t in topic.head.children)
    deps = {c.dep_ for c in view.children}       # "who called the dot-com bubble" (one object: not "called bitcoin a bubble")
    called = view.lemma_ in ("call", "predict", "foresee", "spot") and len(deps & {"dobj", "oprd"}) == 1 and not deps & {"ccomp", "xcomp"}
    return view.tag_ == "VBD" and (past_year or called or any(c.dep_ == "advmod" and c.lower_ in _RECORD for c in view.children))


def stirred(token: Token) -> bool:
    """Whether the topic is what fears are about that an event stirs or calms, in a clause of its
    own ("..., fuelling fears of an AI bubble", "adding to concerns about private credit"): the
    fears are nobody's in particular, and the doer fears nothing by it."""
    cur, hops = token, 0
    while cur.head.i != cur.i and hops < 5:
        cur, hops = cur.head, hops + 1
        if cur.pos_ == "NOUN" and (cur.lemma_ or cur.text).lower() in (*_FEARS, "warning") and cur.dep_ in ("nsubj", "nsubjpass") \
                and (cur.head.lemma_ or "").lower() in _SWELL and not any(c.dep_ == "poss" for c in cur.children):
            return True     # "as warnings about high valuations become more frequent": whose, it does not say
        if cur.pos_ == "NOUN" and (cur.lemma_ or cur.text).lower() in _FEARS:
            stir = cur.head.head if cur.head.dep_ == "prep" else cur.head      # "adding to fears", "fuelling fears"
            if (stir.lemma_ or stir.text).lower() not in _STIR:
                return False
            if stir.tag_ == "VBG" and stir.dep_ in ("advcl", "xcomp", "acl", "conj"):
                return True
            # "Evergrande's troubles have revived fears of contagion": a thing, not a person, stirs them
            doer = next((c for c in stir.children if c.dep_ == "nsubj"), None)
            return doer is not None and doer.pos_ == "NOUN" and doer.ent_type_ == "" and doer.lemma_.lower() in _HAPPENINGS
        if cur.pos_ in ("VERB", "AUX"):
            return False
    return False


# what fears nobody in particular holds do: they grow, mount, become more frequent
_SWELL = {"grow", "mount", "become", "increase", "rise", "multiply", "intensify", "spread", "swirl", "build", "resurface", "abound"}

# what happens, which stirs fears without holding them
_HAPPENINGS = {"collapse", "failure", "bankruptcy", "default", "fall", "drop", "plunge", "slump", "loss", "trouble", "woe",
               "scandal", "fraud", "rally", "surge", "rise", "jump", "news", "result", "sale", "selloff", "sell-off", "rout",
               "demise", "implosion", "blowup", "crisis", "turmoil", "volatility", "decline", "episode", "move", "deal", "data"}


def answer_to(token: Token, verb: Token | None) -> str | None:
    """A speaker's answer to the question the topic is in: "Asked whether AI was a bubble, Huang
    said no" dismisses it, "... said: “Yes.”" warns; None when the sentence gives no answer."""
    if verb is None or not any(t.i == token.i for t in verb.subtree):
        return None
    question = next((t for t in token.ancestors if t.head.i == verb.i), None)
    for t in verb.subtree:
        if question is not None and t in question.subtree:
            continue
        if t.lower_ in ("no", "nope") and t.dep_ not in ("det",):
            return "dismisses"
        if t.lower_ in ("yes", "absolutely") and (t.head.i == verb.i or any(c.dep_ == "nsubj" and c.lemma_.lower() in _OPINIONS
                                                                              for c in t.head.children)
                                                  or t.dep_ == "intj" and t.head.head.i == verb.i):
            return "warns"          # "said yes", "said: “My opinion is yes.”", "replied: “Some of it, yes.”"
    return None


_OPINIONS = {"opinion", "view", "answer", "guess", "sense", "feeling", "take"}


def _open_question(head: Token) -> bool:
    """Whether the word a "whether" clause hangs on leaves the question open."""
    word = (head.lemma_ or head.text).lower()
    if head.dep_ == "prep" and head.head.i != head.i:     # "questions about whether"
        head = head.head
        word = (head.lemma_ or head.text).lower()
    negated = any(c.dep_ == "neg" for c in head.children)
    words = {word, *((c.lemma_ or c.text).lower() for c in head.children if c.dep_ == "acomp")}   # "it's unclear whether"
    hard = head.dep_ == "xcomp" and bool({(t.lemma_ or "").lower() for t in (head.head, *head.head.children)
                                          if t.i == head.head.i or t.dep_ == "acomp"} & {"hard", "difficult", "impossible", "early"})
    if words & _OPEN_WORDS or ((negated or hard) and words & _UNSURE_WORDS):
        return True             # "it's hard to say whether"
    if word in ("question", "debate", "query") and head.pos_ == "NOUN":
        return (head.head.lemma_ or head.head.text).lower() in _EVADE_WORDS
    if word == "ask" or (head.dep_ == "auxpass" and head.head.lemma_ == "ask"):
        return True
    return False


_OPEN_WORDS = {"ask", "wonder", "unclear", "uncertain", "unsure", "debate", "decide", "determine", "unknown", "too"}
_UNSURE_WORDS = {"know", "say", "tell", "sure", "certain", "clear", "predict"}
_EVADE_WORDS = {"sidestep", "dodge", "deflect", "avoid", "evade", "field", "answer", "face", "decline", "refuse", "ask",
                "skirt", "duck", "take", "get"}


_WEATHER = {"weather", "withstand", "survive", "absorb", "endure", "ride", "brave", "defy"}


def weathered(token: Token) -> bool:
    """Whether the topic is a scenario someone is said to withstand ("banks are well positioned
    to weather a severe recession", "could survive a 40% fall"): a test's result, not a view
    that the risk is real."""
    head = token.head
    if head.lower_ in ("out", "through") and head.head.i != head.i:
        head = head.head            # "ride out a downturn", "survive through a recession"
    return token.dep_ in ("dobj", "pobj") and (head.lemma_ or head.text).lower() in _WEATHER


def counted(token: Token) -> bool:
    """Whether the words of the topic come with a sum ("expected credit losses amounting to $900
    million", "loan losses of $2 billion", "$40 billion in liabilities"): a figure reported, not a warning."""
    summed = token.dep_ == "pobj" and token.head.lower_ == "in" and token.head.head.ent_type_ == "MONEY"
    return token.pos_ == "NOUN" and (summed or any(t.ent_type_ == "MONEY" for t in token.subtree if t.i > token.i))


def contrasted(token: Token) -> bool:
    """Whether the topic sits in a phrase set against what the sentence says ("Unlike the dot-com
    boom, where valuations ran far ahead of revenues, today's leaders post record profits"): the
    past it is unlike, nobody's warning."""
    return any(t.lower_ == "unlike" and t.dep_ == "prep" for t in (token, *token.ancestors))


# what research on bubbles is called: "the GMO bubble definition", "our updated bubble work"
_STUDIES = {"definition", "work", "model", "framework", "methodology", "study", "research", "analysis", "indicator", "checklist"}


def studied(token: Token) -> bool:
    """Whether the risk word names a kind of study ("the GMO bubble definition", "our bubble
    work does not point to an end of the bull market"), not the risk."""
    return token.dep_ == "compound" and token.head.lemma_.lower() in _STUDIES


def describes_company(token: Token) -> bool:
    """Whether the risk's words describe what a named company is ("subprime lender Tricolor",
    "private credit firm Blue Owl", "Tricolor, a subprime auto lender,"): its business, not a view."""
    cur, hops = token, 0
    while cur.dep_ in ("compound", "amod", "nmod") and cur.head.pos_ == "NOUN" and hops < 4:
        cur, hops = cur.head, hops + 1
    if cur.i == token.i or cur.pos_ != "NOUN":
        return False
    return cur.dep_ in ("compound", "appos") and cur.head.pos_ == "PROPN" and cur.head.ent_type_ in ("ORG", "PERSON", "GPE", "")


# a company's trouble that spreads beyond it: "Evergrande's debt crisis" is a crisis, more than its finances
_SPREADING = {"crisis", "contagion", "spillover", "meltdown"}


def companys_own(token: Token, refs: References) -> bool:
    """Whether the risk's words are one named company's ("Oracle's leverage", "WBD's $38 billion
    debt burden", "its debt load" of a company, a "Leveraged Bridge Loan Agreement"): its finances
    or a name, not a market's credit risk."""
    if token.pos_ == "PROPN" and token.head.pos_ == "PROPN" and token.dep_ == "compound":
        return True         # a word of a proper name
    if token.lemma_.lower() in _SPREADING:
        return False
    for c in token.children:
        if c.dep_ in ("poss", "compound") and (c.pos_ == "PROPN" or c.lower_ == "its"):
            owner = refs.party(c)
            if owner is not None and owner.mention is not None and owner.mention.kind in ("company", "org"):
                return True
    return False


# verbs of a company's fall: "Tricolor collapsed"
_FELL = {"collapse", "crash", "implode", "plunge", "plummet", "tumble", "slump", "sink", "fail", "fold"}


_DEALS = {"deal", "sale", "merger", "takeover", "acquisition", "bid", "offer", "talks", "transaction", "agreement", "ipo", "listing"}


def befell_company(token: Token) -> bool:
    """Whether a fall is one a named company met ("the collapses of auto parts maker First Brands
    and Tricolor", "Tricolor collapsed") or a deal that fell through: news, no market's fall."""
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    named = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    if token.lemma_ in _FELL and token.pos_ == "VERB" and any(c.dep_ == "nsubj" and c.lemma_.lower() in _DEALS and (
            c.tag_ != "NNS" or c.lower_ == "talks") for c in token.children):
        return True     # "SoftBank's $66 bln sale of Arm to Nvidia has collapsed": a deal fell through (not "home sales slump")
    if token.lemma_ in _FELL and token.tag_ == "VBD" and not any(c.dep_ == "aux" for c in token.children):
        named = next((c for c in token.children if c.dep_ == "nsubj"), None)     # "First Brands collapsed": what it met
        return named is not None and named.pos_ == "PROPN" and named.ent_type_ in ("ORG", "PERSON", "")
    return token.pos_ == "NOUN" and named is not None and named.pos_ == "PROPN" and named.ent_type_ in ("ORG", "PERSON", "")


# a company's own failure, and the verbs by which it comes to it or is told of it
_FAILURES = {"bankruptcy", "default", "insolvency", "liquidation", "receivership"}
_MEETING = {"file", "enter", "declare", "seek", "issue", "go", "slip", "tip", "fall", "send", "push", "force"}
_MAYBE = {"could", "may", "might", "would", "will", "can"}


def failure_told(span: Span) -> bool:
    """Whether the risk's words tell that a named company has failed ("Celsius Network, one of the
    largest cryptocurrency lenders, has filed for bankruptcy protection", "Voyager issued a notice
    of default"): news of the company, no one's view of a risk; a failure that may come is a view."""
    for t in span:
        if t.pos_ != "NOUN" or t.lemma_.lower() not in _FAILURES:
            continue
        verb = next((a for a in t.ancestors if a.pos_ == "VERB"), None)
        if verb is None or verb.lemma_.lower() not in _MEETING or any(c.lower_ in _MAYBE for c in verb.children):
            continue
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.pos_ == "PROPN" and subj.ent_type_ not in ("GPE", "NORP", "LOC"):
            return True     # (a country's default is a view's matter: sovereign credit)
    return False


def continues(sent: Span) -> bool:
    """A sentence that goes on with the one before: a quotation, "This"/"It" as subject, or a
    subject that points back ("These risks include ...", "Similar worries apply to ...")."""
    first = sent.text.lstrip()[:1]
    if first in "“\"‘'":
        return True
    subj = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and (subj.lower_ in ("this", "it", "that") or subj.i - sent.start <= 2 and any(
        c.dep_ in ("det", "amod") and c.lower_ in ("these", "those", "such", "similar", "same") for c in subj.children))


def opening_clause(token: Token, root: Token, subj: Token) -> bool:
    """Whether the topic sits in a clause that opens the sentence before its subject ("To
    underscore the risk of a correction, he invokes 1987")."""
    cur = token
    while cur.head.i != cur.i and cur.head.i != root.i:
        cur = cur.head
    return cur.head.i == root.i and cur.i != root.i and cur.dep_ == "advcl" and cur.i < subj.i


def headline(sent: Span) -> bool:
    """A headline the model parses badly: no stop at its end ("Oracle chief brushes off AI bubble fears")."""
    return not sent.text.rstrip().rstrip("”\"’')").endswith((".", "!", "?"))


def quote_open(sentence: str, state: dict) -> bool:
    """Whether a quotation is still open at the end of the sentence (its speaker may come after)."""
    opened = state.get("in_quote", False)
    for ch in sentence:
        if ch == "“":
            opened = True
        elif ch == "”":
            opened = False
        elif ch == '"':         # a straight quotation mark opens what is closed, and closes what is open
            opened = not opened
    return opened


# a sentence that says whose view the one before it was: "That's according to X", "So says X",
# "That was the warning from X", "The comments came from X"
_ATTRIBUTING = re.compile(r"^\W*(?:(?:That|This|Such)(?:['’]s| is| was)\s+(?:(?:the|a|his|her|their|its)\s+(?:\w+\s+)?(?:view|warning|verdict|"
                          r"message|conclusion|prediction|take|assessment|forecast|call)\s+(?:of|from)|according to)|So\s+(?:says|said)|"
                          r"(?:The|Those|These)\s+(?:\w+\s+)?(?:warnings?|comments?|remarks?|views?|verdict|predictions?|message|calls?|words)"
                          r"\s+(?:came|come|comes|were|was|are|is)\s+from)\b")


def attributed_after(after: Span, refs: References) -> Party | None:
    """The speaker a sentence gives for the view stated in the one before it ("AI stocks are
    in a bubble. That's according to Jeremy Grantham."); None for any other sentence."""
    if not _ATTRIBUTING.match(after.text):
        return None
    who = next((m for m in refs.mentions if after.start_char <= m.start < after.end_char and m.kind in ("person", "org", "government", "company")
                and id(m) not in refs.sources), None)
    return Party(who.name, who) if who is not None else None


def asked_whom(token: Token) -> Token | None:
    """Who is asked the question the topic is in ("Lisa Su was asked if the industry is in a
    bubble": Su), when the sentence names them as the one asked; else None."""
    ask = next((t for t in token.ancestors if t.lemma_ == "ask"), None)
    if ask is None:
        return None
    return next((c for c in ask.children if c.dep_ in ("nsubjpass", "dobj")), None)


# a sentence that answers the question the one before put to someone: "Her response was an
# emphatic 'no'", "His answer: yes", "She replied: “No.”"
_REPLY = re.compile(r"^\W*(?:(?:Her|His|Their|The)\s+(?:\w+\s+)?(?:response|answer|reply|verdict)\s*(?:was|is|:)|"
                    r"(?:She|He|They)\s+(?:said|replied|answered|responded))\W+(?:(?:an?|a\s+flat|a\s+firm)\s+)?"
                    r"(?:(?:emphatic|flat|firm|resounding|simple|clear|short|blunt|unequivocal|categorical)\s+)?\W*(yes|no)\b",
                    re.IGNORECASE)


def reply_to_question(sent: Span) -> str | None:
    """The stance a sentence gives when it answers the question put in the one before ("Her
    response was an emphatic “no,”" dismisses); None when it answers nothing."""
    m = _REPLY.match(sent.text)
    if m is None:
        return None
    return "warns" if m.group(1).lower() == "yes" else "dismisses"


def contrast_aside(token: Token, speaker_verbs: frozenset[str] | set[str], others: list[int]) -> bool:
    """Whether the topic sits in a clause set against the rest by "while" or "whereas", with a
    subject of its own that is no pronoun and no verb of saying, while the rest names no risk
    (at `others`, offsets of the sentence's other topics): "Powell said the labour market was
    cooling, while AI valuations remain stretched" is the reporter's aside, not the speaker's view;
    "said stocks are in a bubble, while private credit poses risks" lists two of the speaker's."""
    cur, hops = token, 0
    while cur.head.i != cur.i and hops < 10:
        if cur.pos_ in ("VERB", "AUX") and (cur.lemma_ or cur.text).lower() in speaker_verbs:
            return False
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in cur.children):
            subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            said = (cur.head.lemma_ or cur.head.text).lower() in speaker_verbs
            # set after what it is against, or before the verb of saying itself; one before a clause
            # of what is said concedes it ("finding that while conditions are frothy, there is no sign ...")
            first, last = cur.left_edge.idx, cur.right_edge.idx
            return subj is not None and subj.pos_ in ("NOUN", "PROPN") and (cur.i > cur.head.i or said) \
                and not any(not first <= at <= last for at in others)
        cur, hops = cur.head, hops + 1
    return False


# what is written or said to someone: "a letter to", "wrote to", "sent ... to"
_ADDRESSED = re.compile(r"\b(?:letters?|wrote|writing|written|writes|sent|sending|sends|addressed|addressing)\b[^.;:“”\"]*\bto\b[^.;:“”\"]*$",
                        re.IGNORECASE)


def addressed(subject: Token) -> bool:
    """Whether the parse's subject of a verb of saying is whom a letter was sent to ("sending a
    letter to Labor Secretary X and SEC Chairman Y raising concerns"), which the model may read as
    the subject of the participle: the addressee holds no view by it."""
    sent = subject.sent
    first = subject.left_edge
    return subject.pos_ == "PROPN" and subject.head.tag_ == "VBG" and subject.i > sent.root.i \
        and bool(_ADDRESSED.search(sent.doc.text[sent.start_char:first.idx]))

