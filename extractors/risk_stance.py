"""The stance of a risk warning: whether the clause of the view denies the risk ("not a
bubble"), dismisses it ("dismissed fears") or negates it ("I don't believe we are in a bubble"),
each clause joined to another by "and"/"but" or set against it by "though" holding its own
("AI is not a bubble, but stocks could fall sharply": the bubble dismissed, the fall warned of).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from claimtrack.extractors.config import ExtractorConfig

if TYPE_CHECKING:
    from claimtrack.extractors.risk_topics import RiskFinding


def _negated(token: Token, stop: Token | None, at: int = -1) -> bool:
    """Whether the view is negated between the topic and the verb of saying: "I don't believe
    we are in a bubble", "there is no bubble"; a "no" inside the words that name the risk
    (from `at`: "no intrinsic value") is the risk, not its denial."""
    count = 0
    if any(c.dep_ == "det" and c.lower_ == "no" and c.idx < at for c in token.children):
        count += 1
    if token.pos_ in ("VERB", "AUX") and any(c.idx < at for c in _negations(token)):
        count += 1          # the risk named by a verb: "would not spill over into the financial system"
    cur, hops = token, 0
    while cur.head.i != cur.i and hops < 8:
        joined = cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX")
        cur, hops = cur.head, hops + 1
        if cur.pos_ in ("VERB", "AUX") and not joined and _negations(cur):
            count += 1      # (a clause joined to a negated one is not negated by it: "was not a bubble but could fall")
        if stop is not None and cur.i == stop.i:
            break       # "does not expect a crash" counts; a negation above the speaker's verb is another's
    return count % 2 == 1


# "hard not to see froth": a negated infinitive under these is the view affirmed
_HARD_NOT_TO = {"hard", "difficult", "impossible", "tough"}


def _double_negative(verb: Token) -> bool:
    """Whether `verb` is the infinitive of "it's hard not to see", "difficult not to think":
    the view it negates is held, not denied."""
    head = verb.head
    return verb.dep_ == "xcomp" and (head.lemma_ in _HARD_NOT_TO or any(
        c.dep_ == "acomp" and c.lemma_ in _HARD_NOT_TO for c in head.children))


def _negations(verb: Token) -> list[Token]:
    """The negations of a verb, also one the model hangs on its auxiliary ("did not look
    overheated", read with "look" as the auxiliary of "overheated"); none in "hard not to see"."""
    if _double_negative(verb):
        return []
    return [c for c in verb.children if c.dep_ == "neg"] + \
        [g for c in verb.children if c.dep_ in ("aux", "auxpass") and c.lemma_ not in ("be", "have", "do") for g in c.children if g.dep_ == "neg"]


def stance_of(sentence: str, offset: int, finding: RiskFinding, token: Token | None, verb: Token | None,
              config: ExtractorConfig) -> str:
    """'dismisses' when the clause of the view denies the risk ("not a bubble"), or dismisses
    it ("dismissed fears") without a negation ("can't rule out" warns), or negates it ("I
    don't believe we are in a bubble"); else 'warns'."""
    if verb is not None:      # from the verb of saying to the end of what it says: that clause's words
        lo = min(verb.idx, finding.at) - offset
        right = verb.doc[verb.right_edge.i]                # the said clause ends where the verb's words end
        hi = max(verb.idx + len(verb), finding.end + 40, right.idx + len(right)) - offset
        lo = max(0, lo - 40)
    else:
        lo, hi = max(0, finding.at - offset - 90), finding.end - offset + 60
    conceded = _concession(token, verb) if token is not None else None
    if conceded is not None and _grounded(conceded):
        return "dismisses"        # "while valuations are elevated, they are underpinned by earnings"
    if conceded is not None:      # "while conditions are frothy, there is no sign of a reversal": the froth is granted
        first, last = conceded.doc[conceded.left_edge.i], conceded.doc[conceded.right_edge.i]
        lo, hi = first.idx - offset, last.idx + len(last) - offset
    near = sentence[lo:hi]
    if _ANSWERED.match(sentence, finding.end - offset):
        return "dismisses"      # "and worry about a bubble, but this isn't 2008": the likeness denied answers the worry
    if token is not None:       # "AI is not a bubble, but stocks could fall": each joined clause holds its own stance
        for first, last in _joined_clauses(token, verb):
            a, b = max(first - offset - lo, 0), min(last - offset - lo, len(near))
            if a < b:
                near = near[:a] + " " * (b - a) + near[b:]
    at, end = finding.at - offset - lo, finding.end - offset - lo        # the risk's own words, in `near`
    if any(not _CONDITION.match(near, m.end()) and not _later_view(near, m, end) and not _UNSURPRISED.match(near, m.start())
           for p in config.denials for m in p.finditer(near)):
        return "dismisses"      # "no bubble until most of it is done on debt" names when there is one
    # a dismissing word that is the risk's own ("earnings were overstated") dismisses nothing, nor
    # one the sentence only supposes ("losses if the optimism proves unfounded")
    dismissed = any(not (at <= m.start() and m.end() <= end) and not _supposed(near, m.start())
                    for p in config.dismiss for m in p.finditer(near))
    negated = token is not None and _negated(token, verb, finding.at) and not _UNSURPRISED.search(near) \
        and not _CONDITION.match(sentence, finding.end - offset)     # "You don't have a bubble until ..." says when there is one
    return "dismisses" if dismissed != negated else "warns"


# a view of one's own told after the risk ("it is going to zero, so I don't think I got that wrong"):
# it denies the risk only when it points back at it ("..., I don't think so")
_OWN_VIEW = re.compile(r"(?:n[’']t|\bnot) (?:believe|think|see)\b", re.IGNORECASE)
_BACK = re.compile(r"\s+(?:so|it|that|this)\b(?!\s+(?:I|we|he|she|they|it)\b)", re.IGNORECASE)


def _later_view(near: str, m: re.Match, end: int) -> bool:
    """Whether a denial is a view told after the risk's words, in a clause of its own, that does
    not point back at the risk."""
    return m.start() >= end and bool(_OWN_VIEW.search(m.group())) and not _BACK.match(near, m.end())


# a condition the sentence supposes: "if the optimism proves unfounded", "should fears prove overblown"
_SUPPOSING = re.compile(r"\b(?:if|unless|once)\s[^.;,]{0,60}$", re.IGNORECASE)


def _supposed(near: str, at: int) -> bool:
    """Whether a dismissing word sits in a condition the sentence only supposes ("could fall
    sharply if enthusiasm fades", "if the optimism proves unfounded")."""
    return bool(_SUPPOSING.search(near, 0, at))


def _joined_clauses(token: Token, verb: Token | None) -> list[tuple[int, int]]:
    """The character spans of the clauses joined by "and"/"but", or set against it by "though",
    to the one the topic is in, up to the verb of saying ("said AI was not a bubble but that
    stocks could fall": for the fall, the denial is the other clause's; for the bubble, the fall is)."""
    chain, cur, hops = [token], token, 0
    while cur.head.i != cur.i and hops < 12 and (verb is None or cur.i != verb.i):
        cur, hops = cur.head, hops + 1
        chain.append(cur)
    ids = {t.i for t in chain}
    spans: list[tuple[int, int]] = []
    for t in chain:
        for c in t.children:
            if _joined(c) and c.i not in ids:
                spans.append(_span(c))          # a clause joined to the topic's
        if _joined(t) and t.head.i != t.i:
            # the clause the topic's is joined to: its words outside the topic's clause
            own = {w.i for w in t.subtree}
            run: list[Token] = []
            for w in [*t.head.subtree, None]:
                if w is not None and w.i not in own:
                    run.append(w)
                elif run:
                    spans.append((run[0].idx, run[-1].idx + len(run[-1])))
                    run = []
    return spans


def _joined(t: Token) -> bool:
    """A clause joined to another ("..., but stocks could fall") or set against it ("though she
    warned ...", "while Zuckerberg dismissed ...")."""
    return t.pos_ in ("VERB", "AUX") and (t.dep_ == "conj" or t.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("though", "although", "while", "whereas") for c in t.children))


def _span(t: Token) -> tuple[int, int]:
    last = t.doc[t.right_edge.i]
    return t.doc[t.left_edge.i].idx, last.idx + len(last)


# a "but" clause that denies the thing named before it is like a past one, or says so of someone:
# "..., but this isn't 1999", "..., but Powell says the two are not the same", "..., but this time is different"
_ANSWERED = re.compile(r"[^.;:?!]{0,40}?\b(?:but|yet)\s+(?:[^,.;:]{0,50}?\b(?:says|said|argues|argued|insists|insisted|thinks|believes|counters|countered)\s+(?:that\s+)?)?(?:(?:this|that|it|today|now)(?: time)?|the two|they)\s+"
                       r"(?:(?:is|are|was|were)(?: not|n[’']t)\s+(?:like\s+)?(?:the same\b|(?:the\s+)?(?:late\s+)?(?:1990s|1999|1929|2000|2007|2008|2021|dot-?com)\b)"
                       r"|(?:is|are) different\b)", re.IGNORECASE)


_CONDITION = re.compile(r"[^.;:]{0,30}?\b(?:until|unless)\b", re.IGNORECASE)


def _concession(token: Token, stop: Token | None) -> Token | None:
    """The clause the topic is in when it concedes ("while valuations are stretched, ...",
    "although prices look frothy"), below the verb of saying; else None."""
    cur, hops = token, 0
    while cur.head.i != cur.i and hops < 8 and (stop is None or cur.i != stop.i):
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("while", "although", "though") for c in cur.children):
            return cur
        cur, hops = cur.head, hops + 1
    return None


# a negation that warns: "would not be surprised by a 20% correction"
_UNSURPRISED = re.compile(r"(?:\bnot|n[’']t|\bcannot) (?:be (?:surprised|shocked|astonished)|(?:surprise|shock) (?:me|him|her|us|them|anyone)\b|buy(?:ing)? (?:into )?(?:the|this|all the|any of the) (?!(?:\w+ ){0,2}(?:talk|fears?|warnings?|worries|doom\w*|narrative|bear case|alarm\w*)\b)|"
                          r"(?:last|continue|go on|keep (?:going|up)|persist|be sustained)\b|(?:yet )?(?:be )?(?:over|done|finished|run its course|bottomed)\b)|"
                          r"\b(?:never|rarely|seldom) (?:\w+ )?(?:comes?|arrives?|travels?|appears?) alone\b|\bunlikely to be the (?:last|only)\b|"
                          r"(?:\bnot|n[’']t|\bnever) (?:yet |even )?(?:burst|popped|pop|peaked|deflated)\b|"
                          r"(?:\bnot|n[’']t|\bno longer|\bby no means) (?:\w+ )?(?:guaranteed|assured|a given|sustainable|justified)\b",
                          re.IGNORECASE)     # "isn't buying the AI hype", "profits not guaranteed" doubt it; "never comes alone", "unlikely to be the last": more to come


# verbs by which a sentence gives grounds to the thing it grants: "they are underpinned by earnings"
_GROUNDED = {"underpin", "support", "justify", "back", "warrant", "explain"}


def _grounded(conceded: Token) -> bool:
    """Whether a concession is granted only to be answered: its main clause gives the thing granted
    grounds ("while valuations are elevated, they are underpinned by earnings")."""
    return conceded.head.lemma_.lower() in _GROUNDED and any(c.dep_ == "agent" for c in conceded.head.children)
