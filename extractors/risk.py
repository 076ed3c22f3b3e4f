"""Risk warnings: someone's view, in a sentence, that a risk named by a topic is real (warns)
or is not (dismisses), with who holds it.

The topic comes from the topics' patterns, or from a valuation word ("a bubble", "stretched
valuations", "exuberance") read as the topic whose context word stands nearest (AI, housing,
crypto, debt; else the market in general). The holder is the subject of the verb of saying or
thinking above the topic in the parse ("Dalio *warned* that ...", "“...,” Huang *said*"),
resolved like any party ("he", "the ratings agency"), or a group ("fund managers"); with no
parse, the person or organisation named before the topic. The stance is a warning unless the
sentence dismisses the risk ("dismissed fears of", "not a bubble") or negates the view
("I don't believe we are in a bubble").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from claimtrack.extractors.claim import Claim
from claimtrack.extractors.config import ExtractorConfig
from claimtrack.extractors.mention import Mention
from claimtrack.extractors.names import canonical
from claimtrack.extractors.references import Party, References

_ROLE = re.compile(r"^\s+(co-CEO|CEO|CFO|CTO|COO|co-founder|chief executive(?: officer)?|chief financial officer|chief economist|"
                   r"chief investment officer|chief strategist|executives?|analysts?|officials?|founder|chair(?:man|woman)?|"
                   r"vice[- ]chair|president|vice president|governor|deputy governor|managing director|director|head|"
                   r"strategists?|economists?|insiders?|management|boss|leaders?|bosses|partner|portfolio manager)\b",
                   re.IGNORECASE)
_ROLE_BEFORE = re.compile(r"(?:['’]s\s+)?(?:\w+\s+){0,3}?(?:co-CEO|CEO|CFO|chief executive(?: officer)?|chief economist|chief investment "
                          r"officer|chief strategist|founder|co-founder|chair(?:man|woman)?|vice[- ]chair|president|vice president|"
                          r"governor|deputy governor|managing director|head|strategist|economist|partner|boss)\s+$", re.IGNORECASE)
_ACRONYM_ROLES = {"ceo": "CEO", "cfo": "CFO", "cto": "CTO", "coo": "COO", "co-ceo": "co-CEO"}
_DOCUMENTS = {"report", "review", "survey", "note", "memo", "study", "paper", "minutes", "statement", "letter",
              "outlook", "projection", "projections", "analysis", "research", "update", "bulletin", "assessment"}
_PERSON_NOUNS = {"ceo", "executive", "chief", "chairman", "chair", "chairwoman", "founder", "co-founder", "billionaire",
                 "investor", "economist", "strategist", "governor", "president", "boss", "head", "official", "analyst",
                 "manager", "banker", "veteran", "legend", "mogul", "entrepreneur", "financier", "tycoon"}
_QUANTIFIERS = re.compile(r"^(?:some|many|several|most|a few|few|other|all|top|leading|major|global|big)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class RiskFinding:
    topic: str
    at: int                # where the topic is named (document offset)
    end: int


def find_risks(sentence: str, offset: int, config: ExtractorConfig) -> list[RiskFinding]:
    """Every place the sentence names a topic: outright ("housing bubble"), or through a
    valuation word read by its context. Several speakers may warn of one topic in a sentence."""
    if config.risk_words is None or not config.risk_words.search(sentence):
        return []
    found: list[RiskFinding] = []
    for topic in config.risk_topics:
        for p in topic.patterns:
            for m in p.finditer(sentence):
                found.append(RiskFinding(topic.topic, offset + m.start(), offset + m.end()))
    # a topic named inside another's longer name is that one ("a housing crash" is no market crash)
    found = [f for f in found if not any(o is not f and o.topic != f.topic and o.at <= f.at and f.end <= o.end
                                         and (o.end - o.at) > (f.end - f.at) for o in found)]
    covered = [(f.at - offset, f.end - offset) for f in found]
    for words, topics, fallback in ((config.valuation, None, config.valuation_fallback),
                                    (config.falls, config.falls_contexts, config.falls_fallback)):
        for p in words:
            for m in p.finditer(sentence):
                if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in covered):
                    continue
                topic = _topic_by_context(sentence, m.start(), m.end(), config, topics, fallback)
                found.append(RiskFinding(topic, offset + m.start(), offset + m.end()))
                covered.append((m.start(), m.end()))
    return sorted(found, key=lambda f: f.at)


def _topic_by_context(sentence: str, start: int, end: int, config: ExtractorConfig,
                      topics: tuple[str, ...] | None, fallback: str) -> str:
    """The topic (of `topics`, or any) whose context word stands nearest a valuation or fall
    word; `fallback` when none stands near."""
    best: tuple[int, int, str] | None = None
    for order, topic in enumerate(config.risk_topics):
        if not topic.context or (topics is not None and topic.topic not in topics):
            continue
        for p in topic.context:
            for m in p.finditer(sentence):
                distance = start - m.end() if m.end() <= start else (m.start() - end if m.start() >= end else 0)
                if best is None or (distance, order) < (best[0], best[1]):
                    best = (distance, order, topic.topic)
    if best is not None and best[0] <= 120:
        return best[2]
    return fallback


def _negated(token: Token, stop: Token | None) -> bool:
    """Whether the view is negated between the topic and the verb of saying: "I don't believe
    we are in a bubble", "there is no bubble"."""
    count = 0
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        count += 1
    cur, hops = token, 0
    while cur.head is not cur and hops < 8:
        cur, hops = cur.head, hops + 1
        if stop is not None and cur is stop:
            break
        if cur.pos_ in ("VERB", "AUX") and any(c.dep_ == "neg" for c in cur.children):
            count += 1
    return count % 2 == 1


def stance_of(sentence: str, offset: int, finding: RiskFinding, token: Token | None, verb: Token | None,
              config: ExtractorConfig) -> str:
    """'dismisses' when the clause of the view denies the risk ("not a bubble"), or dismisses
    it ("dismissed fears") without a negation ("can't rule out" warns), or negates it ("I
    don't believe we are in a bubble"); else 'warns'."""
    if verb is not None:      # from the verb of saying to a little after the topic: that clause's words
        lo = min(verb.idx, finding.at) - offset
        hi = max(verb.idx + len(verb), finding.end) - offset + 40
        near = sentence[max(0, lo - 40):hi]
    else:
        near = sentence[max(0, finding.at - offset - 90):finding.end - offset + 60]
    if any(p.search(near) for p in config.denials):
        return "dismisses"
    dismissed = any(p.search(near) for p in config.dismiss)
    negated = token is not None and _negated(token, verb)
    return "dismisses" if dismissed != negated else "warns"


def _speaker_verb(token: Token, config: ExtractorConfig) -> Token | None:
    """The nearest verb of saying or thinking above the topic in the parse."""
    cur, hops = token, 0
    while hops < 12:
        if cur.pos_ in ("VERB", "AUX") and (cur.lemma_ or cur.text).lower() in config.speaker_verbs:
            return cur
        if cur.head is cur:
            return None
        cur, hops = cur.head, hops + 1
    return None


def _subject_of(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:       # "ratings agency Moody's has issued": the model may give two; the name first
        return next((c for c in subjects if c.pos_ == "PROPN"), subjects[0])
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    if verb.dep_ in ("xcomp", "advcl", "conj") and verb.head is not verb and verb.head.pos_ in ("VERB", "AUX"):
        return _subject_of(verb.head)
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):   # "the ratings agency warning that"
        return verb.head
    return None


def _group(token: Token, config: ExtractorConfig) -> str | None:
    """'fund managers', 'some analysts' -> a group speaker, named by its words."""
    words = [t for t in token.subtree if t.i <= token.i and t.dep_ in ("compound", "amod", "det", "nummod") or t is token]
    phrase = " ".join(t.text for t in words if (t.dep_ != "det" or t.lower_ not in ("the", "a", "an", "these", "those"))
                      and t.pos_ != "NUM")
    bare = _QUANTIFIERS.sub("", phrase).strip()
    if token.lower_ in config.speaker_groups or bare.lower() in config.speaker_groups:
        return phrase or token.text
    return None


def _speaker_party(token: Token, refs: References, config: ExtractorConfig) -> Party | None:
    """Who a speaker phrase names: a party, a person described by role ("the executive"), the
    body behind a document ("the ECB's Financial Stability Review"), or a group."""
    for c in token.children:                        # "some, such as Torsten Slok, have warned"
        if c.dep_ == "prep" and c.lower_ in ("as", "including"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and refs.party(obj) is not None:
                return refs.party(obj)
        if c.dep_ == "appos" and token.pos_ == "PRON" and refs.party(c) is not None:
            return refs.party(c)
    found = refs.party(token)
    if found is not None and found.kind != "description":
        mention = found.mention
        if mention is not None and mention.kind == "org" and mention.name.split()[-1].lower() in _DOCUMENTS:
            owner = _owner_of(token, refs)
            return owner or found
        return found
    low = token.lower_
    if low in _DOCUMENTS or token.lemma_.lower() in _DOCUMENTS:
        return _owner_of(token, refs)
    if token.lemma_.lower() in _PERSON_NOUNS and token.tag_ in ("NN", "NNP"):
        person = refs.salient(token, kinds=("person",), own_first=False)     # "the executive", "the Meta CEO"
        if person is not None:
            return person
        inside = next((refs.mention_at(c) for c in token.children if refs.mention_at(c) is not None), None)
        return Party(inside.name, inside) if inside is not None else None
    group = _group(token, config)
    if group is not None:
        inside = next((refs.mention_at(t) for t in token.subtree if t.i < token.i and refs.mention_at(t) is not None
                       and refs.mention_at(t).kind in ("company", "org", "government")), None) or \
            next((refs.mention_at(g) for c in token.children if c.dep_ == "prep" and c.lower_ in ("at", "from", "with", "of")
                  for g in c.children if g.dep_ == "pobj" and refs.mention_at(g) is not None
                  and refs.mention_at(g).kind in ("company", "org", "government")), None)   # "economists at Capital Economics"
        return Party(group, inside) if inside is not None else Party(group)    # "Microsoft executives"
    return found


def _owner_of(token: Token, refs: References) -> Party | None:
    for c in token.children:
        if c.dep_ in ("poss", "compound", "nmod") and refs.mention_at(c) is not None:
            return refs.party(c)
    for c in token.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "by", "from"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and refs.party(obj) is not None:
                return refs.party(obj)
    return None


def _org_of_person(person: Mention, ments: list[Mention], text: str) -> str | None:
    """The organisation a person speaks for: "Nvidia CEO Jensen Huang", "Jensen Huang, Nvidia's
    chief", "Goldman's David Solomon", "Alibaba Group chairman Joe Tsai"."""
    for m in reversed([m for m in ments if m.end <= person.start and m.kind in ("company", "org", "government")]):
        between = text[m.end:person.start]
        if re.fullmatch(r"\s*['’]s\s*", between) or (len(between) <= 45 and _ROLE_BEFORE.search(between + " ")):
            return m.name
        break
    for m in [m for m in ments if m.start >= person.end and m.kind in ("company", "org", "government")][:1]:
        between = text[person.end:m.start]
        if len(between) <= 40 and re.search(r"(?:,|\bof|\bat)\s+(?:the\s+)?(?:\w+\s+){0,3}$", between) and \
                re.search(r"\b(CEO|chief|chair|founder|president|governor|head|economist|strategist|director|partner)", between, re.I):
            return m.name
    return None


def speaker_phrase(text: str, mention: Mention, mentions: list[Mention]) -> str:
    """'Microsoft executives', 'Oracle CEO', or the person named right after the role or the
    possessive ("Oracle co-CEO Clay Magouyrk", "Nvidia's Jensen Huang") — for text with no parse."""
    person = next((p for p in mentions if p.kind == "person" and p.start > mention.end
                   and re.fullmatch(r"\s*['’]s\s*", text[mention.end:p.start])), None)
    if person:
        return person.name
    m = _ROLE.match(text[mention.end:mention.end + 40])
    if not m:
        return mention.name
    after = mention.end + m.end()
    person = next((p for p in mentions if p.kind == "person" and 0 <= p.start - after <= 2), None)
    if person:
        return person.name
    role = m.group(1)
    role = _ACRONYM_ROLES.get(role.lower(), role.lower())
    return f"{mention.name} {role}"


def _who(party: Party, ments: list[Mention], text: str) -> tuple[str, str]:
    """(speaker, subject) of a warning: a person speaks for their organisation when the text
    says which; an organisation or a group speaks for itself."""
    if party.mention is not None and party.mention.kind == "person":
        return party.name, _org_of_person(party.mention, ments, text) or party.name
    if party.mention is not None and party.name != party.mention.name:
        return party.name, party.mention.name              # a group of an organisation
    if party.mention is not None:
        return speaker_phrase(text, party.mention, ments), party.name
    return party.name, party.name


def _sentence_speaker(sent: Span, refs: References, config: ExtractorConfig) -> Party | None:
    """Who speaks in a sentence: the subject of its first verb of saying."""
    for token in sent:
        if token.pos_ in ("VERB", "AUX") and (token.lemma_ or token.text).lower() in config.speaker_verbs:
            subj = _subject_of(token)
            if subj is not None and subj.lower_ not in ("it", "this", "that", "which"):
                party = _speaker_party(subj, refs, config)
                if party is not None:
                    return party
    return None


def _continues(sent: Span) -> bool:
    """A sentence that goes on with the one before: a quotation, or "This"/"It" as subject."""
    first = sent.text.lstrip()[:1]
    if first in "“\"‘'":
        return True
    subj = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and subj.lower_ in ("this", "it", "that")


def find_warnings(sent: Span, start: int, end: int, sentence: str, ments: list[Mention], attr,
                  refs: References, config: ExtractorConfig, state: dict | None = None) -> list[Claim]:
    """The risk warnings of one sentence, as claims. `state` carries the sentence before, whose
    speaker holds the view of one that goes on with it (a quotation, "This introduces fragility")."""
    doc = sent.doc
    text = refs.text
    out = []
    parsed = doc.has_annotation("DEP")
    state = {} if state is None else state
    before = state.get("sentence")          # its speaker is found only when this sentence goes on with it
    state["sentence"] = sent if parsed else None
    parties = [m for m in ments if m.kind in ("company", "product", "org", "government") and m not in attr.sources]
    seen: set[tuple[str, str]] = set()
    for finding in find_risks(sentence, start, config):
        span = doc.char_span(finding.at, finding.end, alignment_mode="expand")
        token = span.root if span is not None else None
        verb = _speaker_verb(token, config) if parsed and token is not None else None
        party, held_by = None, None
        if verb is not None:
            subj = _subject_of(verb)
            party = _speaker_party(subj, refs, config) if subj is not None else None
            held_by = subj if party is not None else None
        if party is None and parsed and token is not None:
            root = token.sent.root
            subj = _subject_of(root) if root.pos_ in ("VERB", "AUX") else None
            saying = (root.lemma_ or root.text).lower() in config.speaker_verbs and subj is not None and subj.i > root.i
            if subj is not None and (subj.i < (span.start if span is not None else token.i) or saying):
                # the subject before the topic, or a quotation's "..., says Robert Norton"
                candidate = _speaker_party(subj, refs, config)
                if candidate is not None and candidate.mention is not None and \
                        candidate.mention.kind in ("person", "government", "org", "company"):
                    party, held_by = candidate, subj
        if party is None and before is not None and parsed and _continues(sent):
            party = _sentence_speaker(before, refs, config)
        if party is None and attr.attributed_to:
            source = next((m for m in ments if m.name == attr.attributed_to), None)
            party = Party(attr.speaker or attr.attributed_to, source)
        cue = any(p.search(sentence) for p in (*config.warn, *config.dismiss, *config.denials))
        if party is None and (not parsed or cue or verb is not None):
            # no parse, one the model got wrong (a headline: "Oracle chief brushes off AI bubble
            # fears"), or a report as speaker ("another showed ChatGPT's growth may have peaked"):
            # a warning word or a verb of saying, and the party named before the topic
            candidates = [m for m in ments if m not in attr.sources and m.kind != "outlet"]
            who = next((m for m in candidates if m.start < finding.at), candidates[0] if candidates else None)
            party = Party(who.name, who) if who else None
        if party is None:
            continue        # a topic named with nobody holding a view of it
        stance = stance_of(sentence, start, finding, token, verb, config)
        # "Commonwealth Bank, ANZ and Westpac expect ...": each of the joined speakers holds the view
        joined = []
        if held_by is not None:
            listed = [c for c in held_by.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                      and any(g.dep_ == "cc" for g in c.children)]       # a list the model read as an apposition
            joined = [refs.party(c) for t in [held_by, *listed] for c in (*t.conjuncts, t) if c is not held_by]
        for holder in [party, *[p for p in joined if p is not None and p.mention is not None]]:
            speaker, subject = _who(holder, ments, text)
            if holder.mention is None:
                subject = None          # a group ("Some investors") speaks for no party
            key = (canonical(speaker).lower(), finding.topic)
            if key in seen:
                continue
            seen.add(key)
            obj = next((m.party for m in parties if m.party != subject), None)
            out.append(Claim(canonical(subject) if subject else None, obj, "risk_warning", None, None, None, None,
                             finding.topic, stance, attr.attributed_to, canonical(speaker), sentence, start, end))
    return out
