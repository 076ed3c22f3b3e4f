"""Risk warnings: someone's view, in a sentence, that a risk named by a topic is real (warns)
or is not (dismisses), with who holds it.

The topic comes from the topics' patterns, or from a valuation word ("a bubble", "stretched
valuations", "exuberance") read as the topic whose context word stands nearest (AI, housing,
crypto, debt; else the market in general), within the clause that warns when that clause names
its market ("stocks look expensive and credit spreads are too tight": the stocks' froth). The
holder is the subject of the verb of saying or thinking above the topic in the parse ("Dalio *warned* that ...", "“...,” Huang *said*"),
resolved like any party ("he", "the ratings agency"), or a group ("fund managers"); with no
parse, the person or organisation named before the topic. The stance is a warning unless the
sentence dismisses the risk ("dismissed fears of", "not a bubble") or negates the view
("I don't believe we are in a bubble").
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from claimtrack.extractors.claim import Claim
from claimtrack.extractors.config import ExtractorConfig
from claimtrack.extractors.mention import Mention
from claimtrack.extractors.names import canonical
from claimtrack.extractors.references import Party, References
from claimtrack.extractors.risk_answers import answered_by, echo_of_view
from claimtrack.extractors.risk_described import names_a_measure, title_only, untitled, works_for_person
from claimtrack.extractors.risk_quotes import closing_speaker, note_opening, opening_speaker
from claimtrack.extractors.risk_scope import clause_apart
from claimtrack.extractors.risk_clauses import (addressed, answer_to, asked, asked_whom, attributed_after, befell_company, companys_own, contrast_aside, contrasted,
                                               continues, counted, describes_company, failure_told, headline, known_for, opening_clause, quote_open,
                                               reply_to_question, stirred, studied, weathered)
from claimtrack.extractors.risk_names import full_name, speaker_and_subject
from claimtrack.extractors.risk_speakers import (DOCUMENTS, announced_by, cited_speaker, inverted_speaker, quote_speaker, sentence_speaker, speaker_party,
                                                subject_of)
from claimtrack.extractors.risk_stance import stance_of
from claimtrack.extractors.risk_topics import RiskFinding, find_risks

# topics a speaker's later valuation word with no context word of its own is read as ("It's a bubble")
_OWN_CONTEXTS = ("ai_bubble", "crypto", "housing")
_PAIRED = re.compile(r"^(?:Both|Either|Neither)\s+(?=[A-Z])")
_NAMED_MARKET = re.compile(r"\bmarkets?$")

def _verb_like(t: Token) -> bool:
    """A verb, or a word the model tagged a noun that the parse uses as one: a clause's head with
    a subject of its own ("Analysts at CEBR forecast that growth will slow")."""
    return t.pos_ in ("VERB", "AUX") or t.pos_ == "NOUN" and t.dep_ in ("ROOT", "ccomp", "conj") and \
        any(c.dep_ == "nsubj" for c in t.children) and any(c.dep_ == "ccomp" for c in t.children)


def _speaker_verb(token: Token, config: ExtractorConfig) -> Token | None:
    """The nearest verb of saying or thinking above the topic in the parse, or in a relative
    clause on it ("a debt crisis which some observers believe will spread")."""
    for c in token.children:
        if c.dep_ == "relcl" and (c.lemma_ or c.text).lower() in config.speaker_verbs:
            return c
    cur, hops = token, 0
    while hops < 12:
        if _verb_like(cur) and (cur.lemma_ or cur.text).lower() in config.speaker_verbs \
                and (cur.lemma_ != "pour" or any(t.lower_ == "water" for t in cur.subtree)) \
                and not _raised_money(cur) and not _lived_through(cur):
            return cur      # "poured cold water on", "raised concerns", not "pouring money into", "raised $180 million"

        if cur.head.i == cur.i:     # the root: a verb of saying set in it ("Private credit, he said, is ...")
            return next((c for c in cur.children if c.dep_ == "parataxis" and (c.lemma_ or c.text).lower() in config.speaker_verbs
                         and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)), None)
        cur, hops = cur.head, hops + 1
    return None


# what happens to a party, which as a subject holds no view ("the collapse of X raised questions")
_EVENTS = {"collapse", "failure", "bankruptcy", "default", "fall", "drop", "plunge", "slump", "loss", "losses", "sale",
           "deal", "move", "decision", "rally", "surge", "rise", "jump", "news", "announcement", "results", "demise",
           "implosion", "blowup", "troubles", "woes", "scandal", "fraud", "case", "episode", "turmoil"}

# verbs whose subject is in the state its complement names ("investors are nervous", "grew wary")
_STATES = {"be", "become", "grow", "remain", "seem", "appear", "turn", "get", "feel", "look"}


def _lived_through(verb: Token) -> bool:
    """'Drone makers have seen soaring valuations': what befell them, not a view they see; 'is
    maintaining a cautious stance': what it keeps, not what it maintains is so."""
    return verb.lemma_ == "see" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children) or \
        verb.lemma_ == "maintain" and any(c.dep_ == "dobj" for c in verb.children)


def _raised_money(verb: Token) -> bool:
    """'Synthesia raised $180 million': a round, not a view raised ("raised concerns")."""
    return verb.lemma_ == "raise" and any(c.dep_ == "dobj" and c.ent_type_ == "MONEY" for c in verb.children)


_SUFFIXES = {"corp", "corp.", "corporation", "co", "co.", "inc", "inc.", "ltd", "ltd.", "llc", "plc", "company", "group"}


def _suffixed(conjunct: Token) -> bool:
    """Whether a name joined by "and" ends one name with a company suffix ("Canada Mortgage and
    Housing Corp."): one body, not two speakers."""
    after = conjunct.nbor(1) if conjunct.i + 1 < len(conjunct.doc) else None
    return conjunct.i > conjunct.head.i and (conjunct.lower_ in _SUFFIXES or after is not None and after.lower_ in _SUFFIXES)


def find_warnings(sent: Span, start: int, end: int, sentence: str, ments: list[Mention], attr,
                  refs: References, config: ExtractorConfig, state: dict | None = None) -> list[Claim]:
    """The risk warnings of one sentence, as claims. `state` carries the sentence before, whose
    speaker holds the view of one that goes on with it (a quotation, "This introduces fragility"),
    and whether a quotation is open, whose speaker may be named only in the sentence that closes
    it ("“We are in a frenzy. It won't end well,” said Jim Chanos")."""
    doc = sent.doc
    text = refs.text
    out: list[Claim] = []
    parsed = doc.has_annotation("DEP")
    state = {} if state is None else state
    state["count"] = state.get("count", 0) + 1      # sentences read, and the topic each speaker last named by its own words
    state.setdefault("held", {})
    told = state.setdefault("told", {})     # each holder's view (name, topic, stance): the sentence it was first told in, and by whom
    before = state.get("sentence")          # its speaker is found only when this sentence goes on with it
    state["sentence"] = sent if parsed else None
    was_open = state.get("in_quote", False)
    in_quote = quote_open(sentence, state)
    state["in_quote"] = in_quote
    if parsed:
        note_opening(sent, before, was_open, in_quote, state, refs, config)
    parties = [m for m in ments if m.kind in ("company", "product", "org", "government") and m not in attr.sources]

    def claims_of(finding: RiskFinding, party: Party, held_by: Token | None, stance: str, where: tuple[str, int, int],
                  seen: set[tuple[str, str]]) -> None:
        # "Commonwealth Bank, ANZ and Westpac expect ...": each of the joined speakers holds the view
        joined = []
        if held_by is not None:
            listed = [c for c in held_by.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                      and any(g.dep_ == "cc" for g in c.children)]       # a list the model read as an apposition
            listed += [g for c in held_by.children if c.dep_ == "prep" and c.lower_ in ("as", "including")
                       for g in c.children if g.dep_ == "pobj"]           # "investors such as Burry and Grantham"
            for c in held_by.children:                                      # "names, from Dimon to Solomon"
                if c.dep_ == "prep" and c.lower_ == "from":
                    listed += [g for g in c.children if g.dep_ == "pobj"]
                    listed += [g for t in c.children if t.dep_ == "prep" and t.lower_ == "to" for g in t.children if g.dep_ == "pobj"]
            if held_by.head.lemma_ == "join":                                 # "Dalio joined Marks in warning ..."
                listed += [c for c in held_by.head.children if c.dep_ == "dobj"]
            chorus = held_by.head.head if held_by.head.lower_ == "of" and held_by.head.head.i != held_by.head.i else None
            if chorus is not None and chorus.dep_ == "dobj" and chorus.head.lemma_ == "join":   # "X joins a chorus of investors warning ..."
                listed += [c for c in chorus.head.children if c.dep_ == "nsubj"]
            joined = [refs.party(c) for t in [held_by, *listed] for c in (*t.conjuncts, t) if c.i != held_by.i
                      and not _suffixed(c)]
        state["last_party"] = (state["count"], party)
        for holder in [party, *[p for p in joined if p is not None and p.mention is not None and not title_only(p.name)]]:
            pool = ments if holder.mention is None or holder.mention in ments else refs.mentions   # named in another sentence
            speaker, subject = speaker_and_subject(holder, pool, text)
            if holder.mention is not None and (holder.mention.kind == "person" or holder.mention.guessed):
                speaker = untitled(full_name(untitled(speaker), refs.mentions))     # "Grantham", named in full before ("Governor Ana Ruiz")
                subject = full_name(untitled(subject), refs.mentions) if subject == holder.name else subject
            if holder.mention is None:
                subject = None          # a group ("Some investors") speaks for no party
            speaker, subject = _PAIRED.sub("", speaker), subject and _PAIRED.sub("", subject)   # "Both Ray Dalio and ..."
            topic = finding.topic
            held = state["held"].get(canonical(speaker).lower())
            if finding.fallback and held is not None and state["count"] - held[0] <= 3:
                topic = held[1]         # "the spending on data centres is unsustainable ... no way you'll get a return on that"
            elif not finding.fallback and topic in _OWN_CONTEXTS:
                state["held"][canonical(speaker).lower()] = (state["count"], topic)
            key = (canonical(speaker).lower(), topic)
            body = (canonical(subject).lower(), topic) if subject and subject != speaker else None
            if key in seen or body in seen:
                continue        # "analysts at Bernstein" and "Bernstein": one view in one sentence
            seen.update({key, body} - {None})
            names = {n for n in (key[0], body and body[0]) if n}
            earlier = [told[(n, topic, stance)] for n in names if (n, topic, stance) in told]
            if any(at < state["count"] and by != key[0] for at, by in earlier):
                continue        # "Morgan Stanley cautioned ... Morgan Stanley strategist Mike Wilson sees ...": the bank's view, restated
            told.update({(n, topic, stance): (state["count"], key[0]) for n in names if (n, topic, stance) not in told})
            obj = next((m.party for m in parties if m.party != subject), None)
            out.append(Claim(canonical(subject) if subject else None, obj, "risk_warning", None, None, None, None,
                             topic, stance, attr.attributed_to, canonical(speaker), *where))

    seen: set[tuple[str, str]] = set()
    put = state.pop("asked", None)
    reply = reply_to_question(sent) if parsed and put is not None and put[0] == state["count"] - 1 else None
    if reply is not None:       # "Su was asked if the industry is in an AI bubble. Her response was an emphatic “no,”"
        claims_of(RiskFinding(put[1], start, end), put[2], None, reply, (sentence, start, end), seen)
    # a market only named ("the crypto market") holds its stance after a risk the sentence names
    # in it ("... and a repeat of the 2022 crash is unlikely"): one view per speaker and topic
    findings = sorted(find_risks(sentence, start, config, before.text if before is not None else "",
                                 clause_apart(sent, start) if parsed else None),
                      key=lambda f: bool(_NAMED_MARKET.search(text, f.at, f.end)))
    echo = echo_of_view(sent, state, refs, config) if parsed and not findings else None
    if echo is not None:        # "Altman says the AI boom is a bubble. Nadella doesn't think so."
        claims_of(RiskFinding(echo[0], start, end), echo[1], None, echo[2], (sentence, start, end), seen)
    for finding in findings:
        span = doc.char_span(finding.at, finding.end, alignment_mode="expand")
        token = span.root if span is not None else None
        verb = _speaker_verb(token, config) if parsed and token is not None else None
        answer = None
        if token is not None and parsed and asked(token, verb):
            answer = answer_to(token, verb)
            if answer is None:
                whom = asked_whom(token)
                asked_party = speaker_party(whom, refs, config) if whom is not None else None
                if asked_party is not None:     # the next sentence may give the answer
                    state["asked"] = (state["count"], finding.topic, asked_party)
                continue        # "asked whether stocks are in a bubble": a question, nobody's view
        if token is not None and parsed and known_for(token, refs):
            continue        # "Grantham, known for calling past bubbles, ...": who the speaker is, not a view
        if token is not None and parsed and (describes_company(token) or befell_company(token)
                                             or finding.topic == "credit" and companys_own(token, refs) or failure_told(span)):
            continue        # "subprime lender Tricolor", "the collapse of First Brands": the company's news, no one's view
        if token is not None and parsed and contrast_aside(token, config.speaker_verbs, [f.at for f in findings if f is not finding]):
            continue        # "X said rates would fall, while AI valuations remain stretched": the reporter's aside
        if token is not None and parsed and stirred(token):
            continue        # "sold its Nvidia stake, adding to fears of an AI bubble": others' fears, stirred
        if token is not None and parsed and (weathered(token) or counted(token) or contrasted(token) or studied(token)):
            continue        # "well positioned to weather a recession", "credit losses of $900 million", "unlike the dot-com
            # boom, where valuations ran far ahead", "the GMO bubble definition"
        party, held_by = None, None
        if verb is not None:
            subj = subject_of(verb)
            if subj is not None and addressed(subj):
                subj = subject_of(subj.sent.root)   # "sent a letter to Secretary X raising concerns": the senders raise them
            party = speaker_party(subj, refs, config) if subj is not None else None
            if party is None and subj is not None and subj.lower_ in ("i", "we"):
                party = quote_speaker(subj, refs, config)     # "X believes ...: “I don't believe ...”"
            held_by = subj if party is not None and subj.lower_ not in ("i", "we") else None
            outer = _speaker_verb(verb.head, config) if party is None and subj is not None and \
                subj.lower_ in ("this", "it", "that") and verb.head.i != verb.i else None
            if outer is not None:
                # "“This feels like 1999,” he said": what "feels" of is no view; whoever says it holds one
                subj = subject_of(outer)
                party = speaker_party(subj, refs, config) if subj is not None else None
                held_by = subj if party is not None and subj.lower_ not in ("i", "we") else None
            if party is not None and party.mention is None and token is not None:
                named = inverted_speaker(token, refs, config)   # "Investors should brace for a correction, says X"
                if named is not None and named.mention is not None:
                    party, held_by = named, None
        if party is None and parsed and token is not None:
            party = cited_speaker(token, refs, config)      # "Bitcoin is a mania, according to X": X's view, not the subject's
        if party is None and parsed and token is not None:
            root = token.sent.root
            subj = subject_of(root) if root.pos_ in ("VERB", "AUX") else None
            saying = (root.lemma_ or root.text).lower() in config.speaker_verbs and subj is not None and subj.i > root.i
            opening = subj is not None and opening_clause(token, root, subj)
            if subj is not None and (subj.i < (span.start if span is not None else token.i) or saying or opening) \
                    and not _raised_money(root) and (saying or subj.lower_ not in ("it", "this", "that")):
                # the subject before the topic, a quotation's "..., says Robert Norton", or the
                # subject after an opening clause ("To stress the risk of a correction, he ...")
                candidate = speaker_party(subj, refs, config)
                kinds = ("person", "government", "org", "company") if saying else \
                    ("person",) if opening else ("person", "government", "org")
                group = candidate is not None and candidate.mention is not None and candidate.name != candidate.mention.name
                if candidate is not None and candidate.mention is not None and (candidate.mention.kind in kinds or group) \
                        and (saying or group or candidate.mention.kind == "person" or not candidate.mention.guessed):
                    party, held_by = candidate, subj     # a company doing something holds no view by it
                elif candidate is not None and candidate.mention is None and (root.lemma_ or "").lower() in _STATES \
                        and candidate.name.lower().split()[-1] in config.speaker_groups:
                    party = candidate       # "Fund managers are the most bearish on stocks since 2008": a group's state of mind
        if party is None and parsed and token is not None:
            party = cited_speaker(token, refs, config) or inverted_speaker(token, refs, config)   # "according to the BIS, ..."
        if party is None and parsed:
            party = opening_speaker(was_open, state)        # inside a quotation its opening names the speaker of
        if party is None and before is not None and parsed and continues(sent):
            last = state.get("last_party")      # the speaker of a quotation before, named where it opened
            party = sentence_speaker(before, refs, config) or (last[1] if last is not None and last[0] == state["count"] - 1 else None)
        if party is None and before is not None and parsed:
            party = announced_by(before, refs)     # "Her message was blunt. Stablecoins pose grave risks."
        if party is None and parsed and in_quote:
            party = closing_speaker(sent, in_quote, refs, config)  # a quotation that goes on: named where it closes
        if party is None and parsed and sent.end < len(doc):
            party = attributed_after(doc[sent.end].sent, refs)     # "Bitcoin is a bubble. So says Jamie Dimon."
        if party is None and parsed and sent.text.rstrip().endswith("?") and sent.end < len(doc):
            # "Is AI a bubble? Yes, says Jeremy Grantham.": the question's answer and who gives it
            answered = answered_by(doc[sent.end].sent, refs, config)
            if answered is not None:
                party, answer = answered
        source = next((m for m in ments if m.name == attr.attributed_to), None) if attr.attributed_to else None
        if party is None and attr.attributed_to and (attr.speaker or source is None or source.kind != "outlet"):
            # the person or body the sentence cites; an outlet cited is where the news was read
            party = Party(attr.speaker or attr.attributed_to, source)
        cue = any(p.search(sentence) for p in (*config.warn, *config.dismiss, *config.denials))
        if party is None and (not parsed or cue or verb is not None):
            # no parse, one the model got wrong (a headline: "Oracle chief brushes off AI bubble
            # fears"), or a report as speaker ("another showed ChatGPT's growth may have peaked"):
            # a warning word or a verb of saying, and the party named before the topic
            candidates = [m for m in ments if m not in attr.sources and m.kind != "outlet"
                          and (parsed is False or verb is not None or m.kind != "company" or headline(sent))]
            said_by = subject_of(verb) if verb is not None and parsed else None
            if said_by is not None and said_by.pos_ in ("NOUN", "PROPN") and said_by.lemma_.lower() not in DOCUMENTS:
                # someone the parse names says it ("China's central bank said the risks posed by
                # Evergrande ..."): a name inside what is said is not theirs; a report that
                # "showed ChatGPT's growth may have peaked" (no one's) is about the name it shows
                candidates = [m for m in candidates if m.start < verb.idx or m.start > finding.end]
                if said_by.pos_ == "NOUN" and said_by.lemma_.lower() in _EVENTS:
                    # "the collapses of First Brands and Tricolor have raised questions": an event
                    # raises them, not the companies it names
                    first, last = said_by.left_edge.idx, said_by.right_edge.idx
                    candidates = [m for m in candidates if not first <= m.start <= last]
            if said_by is not None and works_for_person(said_by, refs):   # "Trump's adviser warned": not Trump
                candidates = [m for m in candidates if not said_by.left_edge.idx <= m.start <= said_by.right_edge.idx]
            if parsed:      # "Stablecoins and cryptocurrencies pose risks": what the risk is in holds no view of it
                candidates = [m for m in candidates if not finding.at <= m.start < finding.end and not names_a_measure(m, doc)]
            who = next((m for m in candidates if m.start < finding.at), candidates[0] if candidates else None)
            party = Party(who.name, who) if who else None
        if party is None:
            continue        # a topic named with nobody holding a view of it
        claims_of(finding, party, held_by, answer or stance_of(sentence, start, finding, token, verb, config),
                  (sentence, start, end), seen)
    state["view"] = (state["count"], out[-1].topic, out[-1].stance) if out and not sentence.rstrip().endswith("?") else None
    return out
