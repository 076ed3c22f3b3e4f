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
_ANSWERS = re.compile(r"^\W*(?:(yes|absolutely|definitely|probably)|(no|not yet|not really|nope|hardly))\b", re.IGNORECASE)


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
