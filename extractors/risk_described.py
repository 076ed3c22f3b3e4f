"""Speakers named by description: a person by role ("the Nobel laureate", "the Bridgewater
founder"), a body by one word of its name or the part of it that speaks ("the Bank", "the
committee"), the body behind a document or a role ("the head of the SEC", "his reply"), an
official or body with no name ("the banking watchdog"), and the organisation a person speaks for.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from claimtrack.extractors.config import ExtractorConfig
from claimtrack.extractors.mention import Mention
from claimtrack.extractors.references import Party, References
from claimtrack.extractors.risk_clauses import quote_open

_ROLE_BEFORE = re.compile(r"(?:['’]s\s+)?(?:\w+\s+){0,3}?(?:co-CEO|CEO|CFO|chief executive(?: officer)?|chief economist|chief investment "
                          r"officer|chief strategist|founder|co-founder|chair(?:man|woman)?|vice[- ]chair|president|vice president|"
                          r"governor|deputy governor|managing director|head|strategist|economist|partner|boss)\s+$", re.IGNORECASE)
PERSON_NOUNS = {"ceo", "executive", "chief", "chairman", "chair", "chairwoman", "founder", "co-founder", "billionaire",
                "investor", "economist", "strategist", "governor", "president", "boss", "head", "official", "analyst",
                "manager", "banker", "veteran", "legend", "mogul", "entrepreneur", "financier", "tycoon", "seller",
                "trader", "guru", "professor", "adviser", "advisor", "commentator", "forecaster", "minister", "secretary",
                "chancellor", "senator", "lawmaker", "columnist", "pundit", "skeptic", "sceptic", "critic", "bear", "bull",
                "laureate", "bug", "doomsayer", "hawk", "dove", "magnate", "titan", "philanthropist", "professor", "king",
                "queen", "co-chairman", "co-chair", "partner", "director", "governor", "veteran", "investor", "capitalist",
                "officer", "cio", "co-head", "co-ceo", "md",
                # epithets reporters give a person named before ("the former Soros lieutenant", "the stock picker")
                "lieutenant", "protege", "protégé", "picker", "oracle", "sage", "icon", "maven", "doyen", "prophet",
                "contrarian", "speculator", "dealmaker", "academic", "scholar", "expert", "author", "activist",
                "pioneer", "godfather", "spokesman", "spokeswoman", "spokesperson", "insider", "allocator", "owner"}
# bodies and officials a speaker may be named by, with no name ("the banking watchdog", "the finance minister")
OFFICIAL_NOUNS = {"watchdog", "regulator", "supervisor", "agency", "minister", "ministry", "authority", "treasury",
                  "commissioner", "treasurer", "secretary", "chancellor", "governor", "cabinet", "parliament"}
# a body named by one word of its name or by the part of it that speaks ("the Bank" after "the Reserve
# Bank of India", "the Fund" after "the International Monetary Fund", "the committee" after "the
# Swiss National Bank's board")
BODY_WORDS = {"bank", "fund", "committee", "board", "council", "commission", "panel", "authority", "agency", "bureau",
              "office", "institute", "federation", "organisation", "organization", "union", "reserve"}
_PARTS = {"committee", "board", "council", "panel"}


def body_before(token: Token, refs: References, document: bool = False) -> Party | None:
    """The organisation a "the Bank" or "the committee" speaker is: the last one named before it,
    in its sentence or the two before, whose name holds that word (any, for a committee, or for
    a `document` with no owner of its own: "The Fed met on Tuesday. The minutes showed ...")."""
    sents = [s for s in token.doc.sents if s.end <= token.sent.start][-2:]
    start = sents[0].start_char if sents else token.sent.start_char
    word = token.lower_
    for m in reversed(refs.mentions):
        if not start <= m.start < token.idx or m.kind not in ("org", "government", "company") or id(m) in refs.sources:
            continue
        if m.name.lower() != word and (document or word in _PARTS or word in m.name.lower().split()):
            return Party(m.name, m)
    return None


def previous_subject(pronoun: Token, refs: References) -> Party | None:
    """Who "he" or "she" is when no person is named before: the name that is the subject of
    one of the two sentences before ("Grantham didn't mince his words. “This is a bubble,” he
    said"), since the model reads many a surname as an organisation's name."""
    sents = [s for s in pronoun.doc.sents if s.end <= pronoun.sent.start][-2:]
    for sent in reversed(sents):
        subj = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.head.i == sent.root.i), None)
        found = refs.mention_at(subj) if subj is not None and subj.pos_ == "PROPN" else None
        if found is not None and found.kind in ("person", "org") and id(found) not in refs.sources:
            return Party(found.name, found)
    return None


def described_person(token: Token, config: ExtractorConfig) -> bool:
    """'the Nobel laureate', 'the Bridgewater founder', 'the hedge fund manager': one person
    named by a definite description of their role."""
    return token.lemma_.lower() in PERSON_NOUNS and token.tag_ in ("NN", "NNP") and token.lower_ not in config.speaker_groups \
        and any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that") for c in token.children)


def person_described(token: Token, refs: References) -> Party | None:
    """The person a role description names: its apposition ("the head of the IMF, Kristalina
    Georgieva"), else the person named last before it, when the body in the description is
    theirs or is no body the text names for sure ("the Nobel laureate" after "Robert Shiller",
    "the Bridgewater founder" after "Ray Dalio"); else nobody (the body's path decides)."""
    named = next((refs.party(c) for c in token.children if c.dep_ == "appos" and refs.party(c) is not None), None)
    if named is not None:
        return named
    person = refs.salient(token, kinds=("person",), own_first=False)
    if person is not None and person.mention is not None and _quoted_before(person.mention, token):
        person = None       # "“... Donald Trump is a winner ...,” the commerce secretary added": the quotation's words name another
    if person is None or person.mention is None or person.mention.kind != "person" or person.mention.start >= token.idx:
        # a name the model guessed may stand nearer ("Bitcoin"): the person named last before, in
        # this sentence or the two before it
        sents = [s for s in token.doc.sents if s.end <= token.sent.start][-2:]
        start = sents[0].start_char if sents else token.sent.start_char
        last = next((m for m in reversed(refs.mentions) if m.kind == "person" and start <= m.start < token.idx
                     and not _quoted_before(m, token)), None)
        if last is None and any(m.kind == "person" and _quoted_before(m, token) for m in refs.mentions):
            # a long quotation names others: its speaker is the one named before it opened (a surname
            # the model may read as an organisation's)
            far = ([s for s in token.doc.sents if s.end <= token.sent.start][-_QUOTE_REACH:] or [token.sent])[0].start_char
            last = next((m for m in reversed(refs.mentions) if (m.kind == "person" or m.kind == "org" and m.guessed) and far <= m.start < start
                         and not quote_open(refs.text[:m.start], {})), None)
        if last is None and not any(m.kind == "person" and m.start < token.idx for m in refs.mentions):
            # no one named yet: the person the next two sentences name ("“We are in a bubble,” the
            # veteran investor said. ... Karl Janssen, who runs ..., made the remarks")
            after = [s for s in token.doc.sents if s.start >= token.sent.end][:2]
            last = next((m for m in refs.mentions if m.kind == "person" and after and after[0].start_char <= m.start < after[-1].end_char
                         and id(m) not in refs.sources), None)
        if last is None:
            return None
        person = Party(last.name, last)
    body = owner_of(token, refs)
    if body is None or body.mention is None:
        return person
    org = org_of_person(person.mention, refs.mentions, refs.text)
    if org == body.name:
        return person
    # a body in the description's own words is the person's firm ("the Doe Capital founder"),
    # unless the text ties the person to another; one in an "of" phrase may be anybody's
    # ("the head of the SEC")
    own = any(c.dep_ in ("compound", "poss", "nmod") and refs.mention_at(c) is body.mention for c in token.children)
    return person if own and (org is None or body.mention.guessed) else None


_QUOTE_REACH = 6        # sentences back a long quotation's speaker may be named


def _quoted_before(m: Mention, token: Token) -> bool:
    """Whether a name stands inside a quotation that closes before `token`, in its sentence or
    the two before: a person the quoted speaker talks about, not the one the narrator describes."""
    doc = token.doc
    sents = [s for s in doc.sents if s.end <= token.sent.start][-2:]
    start = sents[0].start_char if sents else token.sent.start_char
    if not start <= m.start < token.idx:
        return False
    return quote_open(doc.text[:m.start], {}) and not quote_open(doc.text[:token.idx], {})


def owner_of(token: Token, refs: References) -> Party | None:
    for c in token.children:
        if c.dep_ in ("poss", "compound", "nmod") and refs.mention_at(c) is not None:
            return refs.party(c)
        if c.dep_ == "poss" and refs.party(c) is not None and refs.party(c).mention is not None:
            return refs.party(c)            # "his reply", "the central bank's committee"
        if c.dep_ == "poss" and c.lemma_.lower() in PERSON_NOUNS:
            described = person_described(c, refs)      # "the hedge fund billionaire's warning"
            if described is not None:
                return described
    for c in token.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "by", "from"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and refs.party(obj) is not None:
                return refs.party(obj)
    return None


# a post a person no longer holds: "Former Federal Reserve Chairman Alan Greenspan", "ex-IMF chief"
_FORMER = re.compile(r"\b(?:former|ex-)", re.IGNORECASE)


def org_of_person(person: Mention, ments: list[Mention], text: str) -> str | None:
    """The organisation a person speaks for: "Nvidia CEO Jensen Huang", "Jensen Huang, Nvidia's
    chief", "Goldman's David Solomon", "Alibaba Group chairman Joe Tsai"; none for a post the
    person held before ("Former Federal Reserve Chairman Alan Greenspan" speaks for himself)."""
    for m in reversed([m for m in ments if m.end <= person.start and m.kind in ("company", "org", "government")]):
        between = text[m.end:person.start]
        if m.name.lower() in _TITLE_WORDS:        # "Hedge fund boss Ray Dalio": a headline's capital, no firm
            break
        if re.fullmatch(r"\s*['’]s\s*", between) or (len(between) <= 45 and _ROLE_BEFORE.search(between + " ")):
            return None if _FORMER.search(text[max(0, m.start - 20):m.start] + between) else m.name
        break
    for m in [m for m in ments if m.start >= person.end and m.kind in ("company", "org", "government")][:1]:
        between = text[person.end:m.start]
        if len(between) <= 40 and re.search(r"(?:,|\bof|\bat)\s+(?:the\s+)?(?:\w+\s+){0,3}$", between) and \
                re.search(r"\b(CEO|chief|chair|founder|president|governor|head|economist|strategist|director|partner)", between, re.I) \
                and not _FORMER.search(between):
            return m.name


# words a headline sets before a name with capitals of their own ("Billionaire Ray Dalio warns ...")
_TITLE_WORDS = PERSON_NOUNS | {"hedge", "fund", "famed", "legendary", "star", "short", "top", "former", "veteran", "big"}


def untitled(name: str) -> str:
    """A person's name without the role a headline writes into it ("Billionaire Ray Dalio",
    "Hedge Fund Manager David Tepper" -> the name); a name that is only such words is kept."""
    words = name.split()
    lead = 0
    while lead < len(words) - 1 and words[lead].lower().strip(",") in _TITLE_WORDS and words[lead][:1].isupper():
        lead += 1
    rest = words[lead:]
    return " ".join(rest) if lead and all(w[:1].isupper() for w in rest) else name


def antecedent(relative: Token) -> Token | None:
    """The noun a relative clause hangs on ("Goldman Sachs, whose strategists see ...")."""
    clause = next((t for t in relative.ancestors if t.dep_ == "relcl"), None)
    return clause.head if clause is not None else None


_RANKS = {"deputy", "managing", "first", "former", "senior", "vice", "general", "acting", "assistant", "associate", "principal", "executive",
          "ranking", "member", "minority", "majority"}


# whom a person has working for them ("Trump's adviser"); a firm's economist or head is the firm's
_STAFF = {"adviser", "advisor", "aide", "spokesman", "spokeswoman", "spokesperson", "lieutenant", "protege", "protégé",
          "deputy", "assistant", "lawyer", "attorney", "confidant", "ally"}


def works_for_person(token: Token, refs: References) -> bool:
    """Whether `token` names someone by their role under a person: "Trump's top adviser", "one
    of his aides" (who speaks is not the person whose adviser they are)."""
    if token.lower_ in ("one", "some", "several", "many", "two", "three"):
        token = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                      if g.dep_ == "pobj"), token)
    if token.lemma_.lower() not in _STAFF:
        return False
    boss = next((refs.party(c) for c in token.children if c.dep_ == "poss"), None)
    return boss is not None and boss.mention is not None and boss.mention.kind == "person"


def title_only(name: str) -> bool:
    """A name that is only a job title ("Deputy Managing Director"): a role the model took for a person."""
    words = [w.lower().strip(",.") for w in name.split()]
    return bool(words) and all(w in PERSON_NOUNS or w in _RANKS for w in words)


def quoted_title(m: Mention, text: str) -> bool:
    """A name set in quotation marks of its own (a show, a book: 'on CNBC's "Squawk Box"'): no person."""
    return m.start > 0 and text[m.start - 1] in "\"“‘'" and text[m.end:m.end + 1] in ("\"", "”", "’", "'")


def person_before(token: Token, refs: References) -> Party | None:
    """The last person named before `token`, in its sentence or the two before, whose name is no title."""
    sents = [s for s in token.doc.sents if s.end <= token.sent.start][-2:]
    start = sents[0].start_char if sents else token.sent.start_char
    found = next((m for m in reversed(refs.mentions) if start <= m.start < token.idx and m.kind == "person"
                  and not title_only(m.name) and not quoted_title(m, refs.text) and id(m) not in refs.sources), None)
    return Party(found.name, found) if found is not None else None



# nouns of a measure a person's name may be given to ("the Buffett indicator", "the Shiller ratio")
MEASURE_NOUNS = {"indicator", "ratio", "rule", "gauge", "measure", "metric", "model", "curve", "multiple", "cape", "index"}


def names_a_measure(m: Mention, doc: Doc) -> bool:
    """Whether a person's name (or a surname the model read as a firm's) is only the name of a
    measure ("the Shiller ratio is near a record", "the Buffett indicator"): no one holding a view."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not (m.kind == "person" or m.kind in ("org", "company") and len(span) == 1):
        return False
    cur, hops = span.root, 0
    while cur.dep_ in ("compound", "nmod", "amod") and cur.head.i != cur.i and hops < 6:
        cur, hops = cur.head, hops + 1
        if cur.lemma_.lower() in MEASURE_NOUNS:
            return True
    return False
