"""Money a named company does something with, for open claims (issue 17), where the metric
lexicon has no word for the verb: "Alibaba has pledged 380 billion yuan", "Google will backstop
$1.4 billion of Fluidstack's leases". The
metric is the verb's lemma. Measured on the corpus, such claims are right as often as the
rest only where the sentence names the company as the verb's subject; a pronoun or a
description, a verb that measures nothing ("is", "announced", "includes"), and a per-share
part of a takeover's terms ("pay $17.50 in cash ... for each US Steel share", the target's
price) and money told before the verb (a headline's "$500 Billion & Counting: ... Revealed")
make none.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from claimtrack.extractors import roles
from claimtrack.extractors.figures import Figure
from claimtrack.extractors.frames import lemma
from claimtrack.extractors.references import Party, References

_EMPTY_VERBS = {"be", "have", "announce", "report", "say", "represent", "enter", "consist", "comprise", "include",
                "reach", "estimate", "expect", "sit", "start", "run", "operate", "total", "top", "exceed", "surpass",
                "value", "see", "make", "take", "give", "get", "hit", "mark", "show", "put", "bring", "leave"}
_PER_SHARE = re.compile(r"\b(?:for each|per|a)\b[^.;]{0,50}?\bshares?\b", re.IGNORECASE)


def acted_on(fig: Figure, verb: Token, refs: References) -> Party | None:
    """The company named as the subject of the verb whose object the amount is, or None (see
    the module doc)."""
    if fig.kind != "money" or lemma(verb) in _EMPTY_VERBS or fig.start < verb.idx:
        return None                         # ("$500 Billion & Counting: ... Revealed": a headline's words, no object)
    if any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in verb.children):
        return None
    agent = roles.agent(verb, refs)
    if agent is None or agent.kind not in ("company", "org") or agent.mention is None \
            or agent.mention.start < verb.sent.start_char:
        return None
    if fig.value < 1e5 and _PER_SHARE.search(verb.doc.text, fig.end, verb.sent.end_char):
        return None
    return agent
