"""Answers to a question a sentence puts ("Is AI a bubble?"): the next sentence's "Yes, says
X", "Not yet, says X", "X says no", "Not according to X", and who gives them.
"""
from __future__ import annotations

import re

from spacy.tokens import Span

from claimtrack.extractors.config import ExtractorConfig
from claimtrack.extractors.references import Party, References
from claimtrack.extractors.risk_speakers import cited_speaker, sentence_speaker

_CITED_ANSWER = re.compile(r"^\W*(yes|not|no)\b,?\s+(?:\w+\s+)?according to\b", re.IGNORECASE)
_ANSWERS = re.compile(r"^\W*(?:(yes|absolutely|definitely|probably|certainly|sure|of course)|(no|not yet|not really|not so|not quite|not exactly|nope|hardly|far from it))\b",
                      re.IGNORECASE)


def answered_by(reply: Span, refs: References, config: ExtractorConfig) -> tuple[Party, str] | None:
    """Who answers a question put in the sentence before, and how: "Yes, says Jeremy Grantham"
    warns, "Not yet, says Jeremy Siegel" dismisses; None when the sentence answers nothing."""
    m = _ANSWERS.match(reply.text)
    cited = _CITED_ANSWER.match(reply.text)
    if cited is not None:       # "Not according to Ella Park", "Yes, according to the IMF"
        party = cited_speaker(reply.root, refs, config)
        if party is None:       # a person the citation names, however the parse reads it
            who = next((m for m in refs.mentions if reply.start_char <= m.start < reply.end_char and m.kind in ("person", "org", "government")), None)
            party = Party(who.name, who) if who is not None else None
        return (party, "dismisses" if cited.group(1).lower().startswith("n") else "warns") if party is not None else None
    if m is None:       # "Goldman Sachs strategists say no", "Economists at Zillow don't think so"
        root = reply.root
        said = {c.lower_ for c in root.children if c.dep_ in ("intj", "dobj", "advmod", "ccomp")}
        if (root.lemma_ or root.text).lower() not in config.speaker_verbs or not said & {"yes", "no", "so"}:
            return None
        party = sentence_speaker(reply, refs, config)
        denied = "no" in said or ("so" in said and any(c.dep_ == "neg" for c in root.children))
        return (party, "dismisses" if denied else "warns") if party is not None else None
    party = sentence_speaker(reply, refs, config)
    return (party, "warns" if m.group(1) else "dismisses") if party is not None else None


# a short reply to a view the sentence before states: "Nadella doesn't think so", "Dimon disagrees"
_AGREE = {"agree", "concur", "think", "believe"}
_DISAGREE = {"disagree", "differ", "dispute"}


# a view taken up by another: "His concerns were mirrored by X", "X shared those worries", "X highlighted these concerns"
_VIEWS = {"concern", "fear", "worry", "warning", "view", "scepticism", "skepticism", "caution", "unease", "pessimism"}
_SHARING = {"mirror", "echo", "share", "second", "endorse"}
_RAISING = {"highlight", "voice", "raise", "express", "repeat", "underline", "underscore", "reiterate"}
_ANAPHORIC = {"these", "those", "such", "similar", "same"}


def _shared_view(sent: Span, refs: References) -> Party | None:
    """Who takes up the view the sentence before states, by a verb of sharing it and a noun of a
    view ("mirrored by X", "X echoed those fears"); a verb of raising ("X highlighted these
    concerns") takes it up only when the noun points back at it."""
    root = sent.root
    lemma = (root.lemma_ or root.text).lower()
    if root.pos_ not in ("VERB", "AUX") or lemma not in _SHARING | _RAISING or any(c.dep_ == "neg" for c in root.children):
        return None
    passive = any(c.dep_ == "auxpass" for c in root.children)
    view = next((c for c in root.children if c.dep_ == ("nsubjpass" if passive else "dobj")), None)
    if view is None or view.lemma_.lower() not in _VIEWS:
        return None
    if lemma in _RAISING and not any(c.lower_ in _ANAPHORIC for c in view.children if c.dep_ in ("det", "amod")):
        return None         # "X raised concerns about Y" is a view of its own, read where its topic is named
    if passive:
        agent = next((c for c in root.children if c.dep_ == "agent"), None)
        holder = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    else:
        holder = next((c for c in root.children if c.dep_ == "nsubj"), None)
    party = refs.party(holder) if holder is not None else None
    return party if party is not None and party.mention is not None and party.mention.kind in ("person", "org", "government") else None


def echoed(sent: Span, refs: References, config: ExtractorConfig) -> tuple[Party, bool] | None:
    """Who answers the view the sentence before states, and whether they share it: "Microsoft's
    Satya Nadella doesn't think so" (not), "Ken Griffin agrees" or "His concerns were mirrored
    by Ken Griffin" (shares it); None otherwise."""
    shared = _shared_view(sent, refs)
    if shared is not None:
        return shared, True
    root = sent.root
    lemma = (root.lemma_ or root.text).lower()
    if root.pos_ not in ("VERB", "AUX") or lemma not in _AGREE | _DISAGREE or len(sent) > 12:
        return None
    if lemma in ("think", "believe") and not any(c.lower_ == "so" for c in root.children):
        return None         # "Nadella thinks so"; "Nadella thinks the market will rise" is a view of its own
    if any(c.dep_ in ("ccomp", "xcomp", "dobj") and c.lower_ != "so" for c in root.children):
        return None
    party = sentence_speaker(sent, refs, config) if lemma in config.speaker_verbs else None
    if party is None:
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
        found = refs.party(subj) if subj is not None else None
        party = found if found is not None and found.mention is not None and found.mention.kind in ("person", "org", "government") else None
    if party is None:
        return None
    negated = any(c.dep_ == "neg" for c in root.children)
    return party, (lemma in _AGREE) != negated


def echo_of_view(sent: Span, state: dict, refs: References, config: ExtractorConfig) -> tuple[str, Party, str] | None:
    """The topic, speaker and stance of a reply (`echoed`) to the view the sentence before stated,
    as `state["view"]` keeps it (the sentence's count, its topic and stance)."""
    view = state.get("view")
    if view is None or view[0] != state.get("count", 0) - 1:
        return None
    echo = echoed(sent, refs, config)
    if echo is None:
        return None
    stance = view[2] if echo[1] else ("warns" if view[2] == "dismisses" else "dismisses")
    return view[1], echo[0], stance
