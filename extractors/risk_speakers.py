"""Who holds a view of a risk: the subject of a verb of saying or thinking, a person described
by role ("the executive", "the Meta CEO"), the body behind a document or a part of it ("the
ECB's Financial Stability Review", "the Bank of England's Financial Policy Committee", "his
reply"), a source cited ("according to the BIS"), or a group ("fund managers"); and the
organisation a person speaks for ("Nvidia CEO Jensen Huang", "Jensen Huang, Nvidia's chief").
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from claimtrack.extractors.config import ExtractorConfig
from claimtrack.extractors.names import canonical
from claimtrack.extractors.references import Party, References
from claimtrack.extractors.risk_described import (BODY_WORDS, MEASURE_NOUNS, OFFICIAL_NOUNS, PERSON_NOUNS, antecedent, body_before,
                                                  described_person, names_a_measure, owner_of, person_before, person_described,
                                                  previous_subject, quoted_title, title_only, works_for_person)

DOCUMENTS = {"report", "review", "survey", "note", "memo", "study", "paper", "minutes", "statement", "letter",
              "outlook", "projection", "projections", "analysis", "research", "update", "bulletin", "assessment",
              # what a person or body says: "his reply", "the governor's remarks", "its warning"
              "reply", "remarks", "remark", "comments", "comment", "speech", "testimony", "answer", "response",
              "interview", "message", "prediction", "warning", "view", "views", "words", "presentation", "commentary",
              # the part of a body that speaks for it: "the Bank of England's Financial Policy Committee"
              "committee", "board", "council", "panel", "team", "staff", "desk", "department", "division",
              # what a person holds or bets: "Burry's latest bet is that ...", "Marks's argument"
              "bet", "wager", "thesis", "argument", "call", "case", "fear", "worry", "concern", "take", "verdict",
              "forecast", "belief", "conclusion", "advice", "position", "stance", "outlook", "index", "gauge", "barometer", "poll"}
_SHARES = {"share", "majority", "minority", "number", "proportion", "percentage", "percent", "%", "third", "half",
           "quarter", "most", "many", "some", "none", "few", "all", "plurality", "handful", "chorus", "group",
           "crowd", "host", "legion", "camp", "string", "list", "raft", "slew", "range", "array", "variety", "dozens", "scores", "hundreds"}
_POLLS = {"poll", "survey"}
_VEHICLES = {"fund", "firm", "company", "hedge", "vehicle", "office", "portfolio", "letter", "note", "memo", "newsletter"}
_MEDIA = {"magazine", "newspaper", "journal", "publication", "newsletter", "blog", "column", "editorial", "podcast"}
_QUANTIFIERS = re.compile(r"^(?:some|many|several|most|a few|few|other|all|top|leading|major|global|big)\s+", re.IGNORECASE)

# verbs of a state of mind whose passive subject holds the view ("is convinced", "is alarmed")
_MINDS = {"convince", "persuade", "concern", "worry", "alarm", "trouble", "unnerve", "scare", "spook", "frighten",
          "disturb", "rattle"}


# the date of a dateline the parse hangs on its place: "New Delhi, November 18: Pichai said ..."
_MONTHS = re.compile(r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?$")


def _dateline(t: Token) -> bool:
    """Whether a subject the parse gives is a dateline's place ("New Delhi, November 18:")."""
    return any(c.dep_ == "npadvmod" and _MONTHS.match(c.text) for c in t.children) and any(c.text in (":", "-", "–", "—") for c in t.children)


# the members of a body named before, speaking as it: "Policymakers noted ...", "Rate-setters said ..."
_MEMBERS = {"policymakers", "policy-makers", "rate-setters", "ratesetters"}


def subject_of(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj") and not _dateline(c)]
    if subjects:       # "ratings agency Moody's has issued": the model may give two; the name first
        return next((c for c in subjects if c.pos_ == "PROPN"), subjects[0])
    if (verb.lemma_ or verb.text).lower() in _MINDS:       # "Grantham is convinced ...", "is concerned about"
        held = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if held is not None:
            return held
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    if verb.dep_ in ("xcomp", "advcl", "conj") and verb.head is not verb and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head)
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):   # "the ratings agency warning that"
        polled = _polled_group(verb.head)
        return polled if polled is not None else verb.head
    return None


_POLLED = {"survey", "poll", "question", "interview", "canvass", "sample"}


def _polled_group(noun: Token) -> Token | None:
    """Who was polled when the parse hangs the verb on the pollster ("Fund managers surveyed by
    the bank named an AI bubble ...": the managers name it, not the bank)."""
    agent = noun.head if noun.dep_ == "pobj" else None
    polled = agent.head if agent is not None and agent.dep_ == "agent" else None
    if polled is not None and polled.dep_ == "acl" and polled.lemma_ in _POLLED and polled.head.pos_ in ("NOUN", "PROPN"):
        return polled.head
    return None


def _group(token: Token, config: ExtractorConfig) -> str | None:
    """'fund managers', 'some analysts' -> a group speaker, named by its words."""
    words = [t for t in token.subtree if t.i <= token.i and t.dep_ in ("compound", "amod", "det", "nummod") or t is token]
    if any(t.dep_ in ("cc", "conj") for t in token.subtree if t.i < token.i):
        words = [t for t in words if t.dep_ == "det" or t is token]     # "private-sector and international forecasters": forecasters
    phrase = " ".join(t.text for t in words if (t.dep_ != "det" or t.lower_ not in ("the", "a", "an", "these", "those"))
                      and t.pos_ != "NUM")
    bare = _QUANTIFIERS.sub("", phrase).strip()
    if token.lower_ in config.speaker_groups or bare.lower() in config.speaker_groups:
        return phrase or token.text
    return None


def _bound_speaker(pronoun: Token, refs: References, config: ExtractorConfig) -> Party | None:
    """Who "he", "she" or "they" is when it is the subject of what a speaker said or thought:
    the speaker ("Jeremy Siegel, the Wharton professor, said he did not think ...")."""
    clause = pronoun.head
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ not in ("ccomp", "xcomp") or clause.head.i == clause.i:
        return None
    outer = clause.head
    if (outer.lemma_ or outer.text).lower() not in config.speaker_verbs:
        return None
    subj = subject_of(outer)
    if subj is None or subj.i == pronoun.i or subj.lower_ in _PRONOUNS:
        return None
    found = speaker_party(subj, refs, config)
    if found is None or found.mention is None:
        return None
    person = found.mention.kind == "person" or found.mention.guessed
    return found if person == (pronoun.lower_ in ("he", "she")) or pronoun.lower_ == "they" else None


_PRONOUNS = {"he", "she", "they", "i", "we", "it", "this", "that", "which", "who"}


def speaker_party(token: Token, refs: References, config: ExtractorConfig) -> Party | None:
    """Who a speaker phrase names: a party, a person described by role ("the executive"), the
    body behind a document ("the ECB's Financial Stability Review"), or a group."""
    if token.lower_ in ("who", "that", "which") and token.head.dep_ == "relcl" and token.head.head.dep_ in ("nsubj", "nsubjpass", "ROOT"):
        return speaker_party(token.head.head, refs, config)    # "Investors who fear a bubble ...": the investors
    if token.lower_ in ("he", "she", "they"):
        bound = _bound_speaker(token, refs, config)
        if bound is not None:
            return bound
    if token.lower_ in ("he", "she"):
        resolved = refs.party(token)
        if resolved is None:
            return previous_subject(token, refs)
        if resolved.mention is not None and (title_only(resolved.name) or quoted_title(resolved.mention, refs.text)):
            return previous_subject(token, refs) or person_before(token, refs)   # "Jane Roe, a former Deputy Managing Director of the Fund, ... She warned"
        if resolved.mention is not None and resolved.mention.kind != "person" and resolved.mention.guessed:
            # a name the model guessed ("The Big Short investor") is no "he": a person subject before is
            return previous_subject(token, refs) or resolved
    if token.lemma_.lower() in MEASURE_NOUNS and any(refs.mention_at(c) is not None and names_a_measure(refs.mention_at(c), token.doc)
                                                     for c in token.children):
        return None         # "the Buffett indicator", "the Shiller ratio": a measure named after someone is nobody's view
    named = next((refs.party(c) for c in token.children if c.dep_ == "appos" and refs.mention_at(c) is not None
                  and refs.mention_at(c).kind == "person"), None)
    if named is not None and (refs.mention_at(token) is None or refs.mention_at(token).kind != "person"):
        return named            # "The Oracle of Omaha, Warren Buffett, has warned"
    for c in token.children:                        # "some, such as Torsten Slok, have warned"
        if c.dep_ == "prep" and c.lower_ in ("as", "including", "from"):       # "investors, from Dalio to Singer"
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and refs.party(obj) is not None:
                return refs.party(obj)
        if c.dep_ == "appos" and token.pos_ == "PRON" and refs.party(c) is not None:
            return refs.party(c)
    if token.lemma_.lower() in _VEHICLES and token.pos_ == "NOUN":       # "his fund disclosed put options": his
        owner = next((refs.party(c) for c in token.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
        if owner is not None and owner.mention is not None and owner.mention.kind == "person":
            return owner
    if token.lemma_.lower() in _SHARES:      # "a record share of fund managers", "most of the economists"
        of = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                   if g.dep_ == "pobj"), None)
        if of is None:          # "A poll of property analysts found that most expect ...": the group polled
            of = next((g for t in token.sent if t.lemma_.lower() in _POLLS and t.i < token.i for c in t.children
                       if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
        if of is not None:
            return speaker_party(of, refs, config)
    if described_person(token, config):
        described = person_described(token, refs)
        if described is not None:
            return described
    if token.lower_ in DOCUMENTS and token.pos_ == "PROPN":       # "UBS's Global Real Estate Bubble Index"
        owner = owner_of(token, refs)
        if owner is not None:
            return owner
    if token.lower_ in _MEMBERS and not any(c.dep_ in ("compound", "amod", "poss", "det", "prep") for c in token.children):
        named = body_before(token, refs, document=True)     # "The Bank's committee warned ... Policymakers noted ...": its members
        if named is not None and named.mention is not None and named.mention.kind in ("org", "government"):
            return named
    found = refs.party(token)
    if found is not None and found.mention is not None and found.mention.start >= token.sent.end_char:
        found = None        # "..., the central bank said. Its holdings are in Alphabet, ...": a later name is no antecedent
    if token.lemma_.lower() in PERSON_NOUNS and (found is None or found.mention is None or found.mention.kind != "person"):
        inner = next((refs.mention_at(t) for t in token.subtree if t.i > token.i and refs.mention_at(t) is not None
                      and refs.mention_at(t).kind == "person"), None)
        if inner is not None:
            return Party(inner.name, inner)     # "Fed Vice Chair for Supervision Michael Barr": the person the title runs into
    if token.lower_ in BODY_WORDS and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        named = body_before(token, refs)           # "the Bank said", "the Fund warned", "the committee said"
        if named is not None and (found is None or found.mention is None or found.name.lower() == token.lower_
                                  or token.lower_ in named.name.lower().split() and token.lower_ not in found.name.lower().split()):
            return named        # "the central bank" is the bank named before, not a government or a firm nearer by
    if found is not None and found.kind != "description":
        mention = found.mention
        if mention is not None and mention.kind == "org" and mention.name.split()[-1].lower() in DOCUMENTS:
            owner = owner_of(token, refs)
            return owner or found
        return found
    low = token.lower_
    if low in DOCUMENTS or token.lemma_.lower() in DOCUMENTS:
        owner = owner_of(token, refs)
        if owner is None:       # "a note from Barclays strategists": the group the document is by
            by = ("from", "by", "of") if token.lemma_.lower() in _POLLS else ("from", "by")    # "a poll of economists": the polled
            owner = next((speaker_party(g, refs, config) for c in token.children if c.dep_ == "prep" and c.lower_ in by
                          for g in c.children if g.dep_ == "pobj"), None)
        if owner is None and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            owner = body_before(token, refs, document=True)     # "The minutes showed ...": the body named before
        return owner
    if token.lemma_.lower() in PERSON_NOUNS and token.tag_ in ("NN", "NNP"):
        named = next((refs.party(c) for c in token.children if c.dep_ == "appos" and refs.party(c) is not None), None)
        if named is not None:
            return named                    # "the head of the IMF, Kristalina Georgieva"
        if works_for_person(token, refs):
            return None         # "Trump's top adviser", "his aide": someone who works for that person, not the person
        body = owner_of(token, refs)       # "the head of the SEC", "the central bank's governor"
        if body is not None and body.mention is not None and body.mention.kind in ("org", "government", "company"):
            return body
        person = refs.salient(token, kinds=("person",), own_first=False)     # "the executive", "the Meta CEO"
        if person is not None:
            return person
        inside = next((refs.mention_at(c) for c in token.children if refs.mention_at(c) is not None), None)
        if inside is not None or token.lemma_.lower() not in OFFICIAL_NOUNS:
            return Party(inside.name, inside) if inside is not None else None
    group = _group(token, config)
    if group is not None and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) and token.tag_ == "NNS":
        named = _group_before(token, refs, config)     # "The strategists used ..." after "strategists led by Adam Pickett wrote"
        if named is not None:
            return named
    if group is not None:
        inside = next((refs.mention_at(t) for t in token.subtree if t.i < token.i and refs.mention_at(t) is not None
                       and refs.mention_at(t).kind in ("company", "org", "government")), None) or \
            next((refs.mention_at(g) for c in token.children if c.dep_ == "prep" and c.lower_ in ("at", "from", "with", "of")
                  for g in c.children if g.dep_ == "pobj" and refs.mention_at(g) is not None
                  and refs.mention_at(g).kind in ("company", "org", "government")), None)   # "economists at Capital Economics"
        if inside is None:          # "the bank's strategists", "strategists at the bank": the body a description names
            owner = next((refs.party(c) for c in token.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")), None) or \
                next((refs.party(antecedent(c)) for c in token.children if c.dep_ == "poss" and c.lower_ == "whose"), None) or \
                next((refs.party(g) for c in token.children if c.dep_ == "prep" and c.lower_ in ("at", "from", "with", "of")
                      for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
            if owner is not None and owner.mention is not None and owner.mention.kind in ("company", "org", "government"):
                inside = owner.mention
        return Party(group, inside) if inside is not None else Party(group)    # "Microsoft executives"
    if found is None and token.lemma_.lower() in _MEDIA:      # "The Economist magazine"
        inside = next((refs.mention_at(c) for c in token.children if c.dep_ in ("compound", "poss", "nmod")
                       and refs.mention_at(c) is not None), None)
        return Party(inside.name, inside) if inside is not None else None
    if found is None and (token.lemma_.lower() in OFFICIAL_NOUNS or token.lower_ == "bank" and any(c.lower_ == "central" for c in token.children)) \
            and token.pos_ == "NOUN" and token.dep_ in ("nsubj", "nsubjpass") \
            and token.i - token.left_edge.i <= 5 and any(c.dep_ in ("compound", "amod", "poss") for c in token.children):
        # a body or official the text names only by description ("the euro zone's banking
        # watchdog", "Japan's finance minister"): the description as written, or as written in full
        # before ("the Dutch central bank said ... the central bank said")
        return _description(token, _fuller_before(token) or token)
    if found is None and token.pos_ == "PROPN" and token.ent_type_ in ("ORG", "PERSON"):
        # a name the model knows but no mention holds ("S&P said", "UBS warned"): the name as written
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        if ent is not None and ent.root.i == token.i and not any(refs.mention_at(t) is not None for t in ent):
            return Party(canonical(ent.text))          # (a mention there is an outlet or a source: no speaker)
    return found


def _description(token: Token, written: Token) -> Party:
    """A body named only by description, as written up to its head noun and the place it is of
    ("the central bank of Ireland")."""
    doc = token.doc
    last = next((c.right_edge.i for c in written.children if c.dep_ == "prep" and c.lower_ == "of"
                 and any(g.dep_ == "pobj" and g.pos_ == "PROPN" and g.ent_type_ in ("GPE", "LOC", "NORP") for g in c.children)), written.i)
    return Party(canonical("".join(t.text_with_ws for t in doc[written.left_edge.i:last + 1] if t.dep_ != "det").strip()))


def _fuller_before(token: Token) -> Token | None:
    """The same description with more words in one of the two sentences before ("the Dutch central
    bank" for "the central bank")."""
    words = {c.lower_ for c in token.children if c.dep_ in ("compound", "amod")}
    sents = [s for s in token.doc.sents if s.end <= token.sent.start][-2:]
    return next((t for s in reversed(sents) for t in s if t.lower_ == token.lower_ and t.pos_ == "NOUN"
                 and words < {c.lower_ for c in t.children if c.dep_ in ("compound", "amod", "poss")}), None)


def _group_before(token: Token, refs: References, config: ExtractorConfig) -> Party | None:
    """Who "the strategists" are: the speaker the sentence before named by the same word, when
    it names a person or a body ("strategists led by Adam Pickett wrote", "Citi strategists said")."""
    sents = [s for s in token.doc.sents if s.end <= token.sent.start][-1:]
    for sent in sents:
        for t in sent:
            if t.lower_ == token.lower_ and t.dep_ in ("nsubj", "nsubjpass") and not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children) \
                    and (t.head.lemma_ or t.head.text).lower() in config.speaker_verbs:
                party = speaker_party(t, refs, config)
                if party is None or party.mention is None:      # "strategists led by Adam Pickett"
                    party = next((refs.party(g) for c in t.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"
                                  for g in a.children if g.dep_ == "pobj" and refs.party(g) is not None), party)
                if party is not None and party.mention is not None:
                    return party
    return None


def sentence_speaker(sent: Span, refs: References, config: ExtractorConfig) -> Party | None:
    """Who speaks in a sentence: the subject of its first verb of saying."""
    for token in sent:
        if token.pos_ in ("VERB", "AUX") and (token.lemma_ or token.text).lower() in config.speaker_verbs:
            subj = subject_of(token)
            if subj is not None and subj.lower_ not in ("it", "this", "that", "which"):
                party = speaker_party(subj, refs, config)
                if party is not None:
                    return party
    return None


def cited_speaker(token: Token, refs: References, config: ExtractorConfig) -> Party | None:
    """The body or person a clause cites for its view: "according to the BIS, ...", "in the
    view of Moody's, ..."; an outlet cited so is the reporter's source, not a speaker."""
    opening = token.sent[0]
    if opening.lower_ in ("for", "to", "per") and opening.dep_ == "prep" and any(t.text == "," for t in token.sent[1:8]):
        # "For Michael Burry, the AI boom is a bubble": whose view the sentence states
        obj = next((g for g in opening.children if g.dep_ == "pobj"), None)
        party = refs.party(obj) if obj is not None else None
        if party is not None and party.mention is not None and (party.mention.kind == "person" or opening.lower_ == "per"
                                                                and party.mention.kind != "outlet"):
            return party        # ("Per Goldman Sachs, the odds of a recession are 30%": any body but an outlet)
    colon = next((t for t in token.sent if t.text == ":" and t.i < token.i), None)
    if colon is not None:
        # "Burry's message was clear: the AI trade is a bubble", "Grantham's verdict: ...": what
        # comes before the colon says whose words follow
        for t in token.sent.doc[token.sent.start:colon.i]:
            if t.dep_ in ("nsubj", "nsubjpass", "ROOT") and t.pos_ in ("NOUN", "PROPN"):
                party = speaker_party(t, refs, config)
                if party is not None and party.mention is not None and party.mention.kind in ("person", "org", "government"):
                    return party
    for t in token.sent:
        if t.lower_ == "according" or (t.lower_ == "view" and t.head.lower_ == "in"):
            prep = next((c for c in t.children if c.dep_ == "prep" and c.lower_ in ("to", "of")), None)
            obj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
            party = speaker_party(obj, refs, config) if obj is not None else None
            if party is not None and (party.mention is None or party.mention.kind != "outlet"):
                return party
    return None


def quote_speaker(first_person: Token, refs: References, config: ExtractorConfig) -> Party | None:
    """Who "I" or "we" is in a quotation: the subject of the verb of saying nearest the quotation
    marks, outside them ("Bankman-Fried believes ...: “I don't believe ...”", "“We ...,” he said")."""
    sent = first_person.sent
    marks = [t.i for t in sent if t.text in ("“", "”", '"')]
    opened = max((i for i in marks if i < first_person.i), default=None)
    if opened is None:
        return None
    closed = min((i for i in marks if i > first_person.i), default=sent.end)
    best: tuple[int, Party] | None = None
    for t in sent:
        if opened <= t.i <= closed or t.pos_ not in ("VERB", "AUX") or (t.lemma_ or t.text).lower() not in config.speaker_verbs:
            continue
        subj = subject_of(t)
        if subj is None or subj.lower_ in ("i", "we", "it", "this", "that", "which"):
            continue
        party = speaker_party(subj, refs, config)
        distance = opened - t.i if t.i < opened else t.i - closed
        if party is not None and party.mention is not None and (best is None or distance < best[0]):
            best = (distance, party)
    return best[1] if best else None


def inverted_speaker(token: Token, refs: References, config: ExtractorConfig) -> Party | None:
    """The speaker of a view put first and attributed after it, the verb before its speaker
    ("Bitcoin could be headed for another crypto winter, warned analysts at JPMorgan"), which
    the model may read as a second clause with the speaker as its object."""
    for t in token.sent:
        if t.i <= token.i or t.i == 0 or t.nbor(-1).text not in (",", "”", '"', "’") or t.pos_ != "VERB" \
                or (t.lemma_ or t.text).lower() not in config.speaker_verbs:
            continue
        who = next((c for c in t.children if c.dep_ in ("nsubj", "dobj") and c.i > t.i), None)
        party = speaker_party(who, refs, config) if who is not None else None
        if party is not None and party.mention is None:     # "warned analysts at JPMorgan": the model hangs "at" on the verb
            at = next((refs.mention_at(g) for c in t.children if c.dep_ == "prep" and c.lower_ in ("at", "from")
                       for g in c.children if g.dep_ == "pobj" and refs.mention_at(g) is not None), None)
            party = Party(party.name, at) if at is not None else party
        if party is not None:
            return party
    return None


# what a person says, announced in a sentence of its own ("Her message was blunt.")
_ANNOUNCED = {"message", "warning", "verdict", "point", "takeaway", "conclusion", "advice", "argument", "stance", "view"}


def announced_by(before: Span, refs: References) -> Party | None:
    """Whose words a sentence is when the short one before announces them ("Her message was
    blunt.", "The governor's verdict was stark."): the possessor of the message."""
    root = before.root
    subj = subject_of(root) if root.lemma_ == "be" and len(before) <= 10 else None
    if subj is None or subj.lemma_.lower() not in _ANNOUNCED:
        return None
    poss = next((c for c in subj.children if c.dep_ == "poss"), None)
    if poss is None:
        return None
    found = refs.party(poss)
    if found is None and poss.lower_ in ("his", "her"):
        found = previous_subject(poss, refs)
    return found if found is not None and found.mention is not None else None

