"""Words that tell a figure as past without naming a period ("its *earlier* stake of 75%",
"was *once* worth $1.2 trillion", "at its *peak*", "*before* the listing"): figure_time.py gives
such a figure an undated past, so the tracker shows it as history and never as the news.
"""
from __future__ import annotations

from spacy.tokens import Token

# verbs of a statement: a past tense after one only follows it ("said it had sold its stake")
REPORTING = {"say", "announce", "report", "disclose", "confirm", "tell", "state", "note", "reveal", "add", "write"}

# words that put a figure in a past they name no period of: a noun's former state ("its
# *earlier* stake of 75%", "the *former* $10 billion valuation", "in its *previous* round"), a
# past tense's "once" ("was *once* worth $1.2 trillion", "*originally* valued", "back *then*"),
# a high point or an event gone by ("at its *peak*", "in its *heyday*", "at the *height* of the
# boom", "*before* the listing, it was valued at ...")
_PAST_ADJ = {"former", "previous", "prior", "earlier", "erstwhile", "onetime", "one-time", "original"}
_PAST_ADV = {"once", "originally", "formerly"}
_HIGH_POINT = {"peak", "height", "heyday", "zenith"}
_PAST_ERAS = {"pandemic", "lockdown"}       # times past that news names by what happened
_SESSION = {"close", "open", "opening", "bell", "end", "start", "begin", "trade", "finish"}   # the same day's


def past_tense(clause: Token) -> bool:
    """A simple past ("was", "valued"), a past passive, or a participle without an auxiliary
    (one describing a noun: "Klarna, once valued at ...", whatever the parse hangs it from)."""
    auxiliaries = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    return clause.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxiliaries) or \
        clause.tag_ == "VBN" and not auxiliaries


def past_cue(clause: Token, figure: Token, nouns: list[Token]) -> Token | None:
    """The word that tells the figure's clause as a past without a period, if any (`nouns`:
    the nouns the figure sizes, nearest first)."""
    for noun in nouns:
        cue = next((c for c in noun.children if c.dep_ == "amod" and c.lower_ in _PAST_ADJ), None)
        if cue is not None:
            return cue
    used = clause.head if clause.dep_ == "xcomp" and clause.head.lemma_.lower() == "use" and clause.head.tag_ == "VBD" \
        and any(c.dep_ == "aux" and c.lower_ == "to" and c.i == clause.head.i + 1 for c in clause.children) \
        and not any(c.dep_ == "dobj" for c in clause.head.children) else None     # (not "used its cash to buy")
    if used is not None:
        return used             # "used to be worth $45.6 billion", "used to own 9%"
    if not past_tense(clause):
        return None
    own_when = next((c for c in clause.children if c.lower_ == "when" and c.dep_ in ("advmod", "mark")), None)
    main = next((a for a in clause.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if own_when is not None and clause.dep_ in ("relcl", "advcl", "acl") and clause.head.ent_type_ not in ("DATE", "TIME") \
            and clause.lemma_.lower() not in _SESSION | REPORTING and main is not None and not past_tense(main):
        # "has doubled since its listing, *when it was worth $12 billion*": a past the present
        # clause looks back on (after a simple past, "jumped after the results, when ...", it is that news's time)
        return own_when
    heads = [clause, figure, *nouns, *(c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "acomp"))]
    for head in heads:
        for c in head.children:
            nxt = c.nbor() if c.i + 1 < len(c.doc) else None
            if c.dep_ == "advmod" and c.lower_ in _PAST_ADV and (nxt is None or nxt.lower_ not in ("again", "more")):
                return c
            if c.lower_ == "then" and c.i and c.doc[c.i - 1].lower_ == "back":      # "paid $3 billion back then"
                return c
            if c.dep_ == "advcl" and past_tense(c) and c.lemma_.lower() not in _SESSION | REPORTING and \
                    any(m.lower_ == "when" and m.dep_ in ("advmod", "mark") for m in c.children):
                return next(m for m in c.children if m.lower_ == "when")      # "when it was taken, the stake was worth"
            if c.lower_ in ("until", "till") and c.dep_ in ("prep", "mark") and \
                    (nxt is None or nxt.lower_ not in ("now", "today", "recently")):   # "until last year", not "until now"
                return c
            # "prior to the deal": before it
            told = next((g for g in c.children if g.dep_ == "prep" and g.lower_ == "to"), c) if c.lower_ == "prior" else c
            obj = next((g for g in told.children if g.dep_ == "pobj"), None) if told.dep_ == "prep" else None
            if obj is None or obj.ent_type_ in ("DATE", "TIME"):
                continue
            if c.lower_ in ("in", "during", "at") and any(g.dep_ == "amod" and g.lower_ in _PAST_ADJ for g in obj.children):
                return next(g for g in obj.children if g.dep_ == "amod" and g.lower_ in _PAST_ADJ)
            if c.lower_ in ("at", "in") and obj.lower_ in _HIGH_POINT:
                return obj
            if c.lower_ == "at" and obj.lower_ == "point" and any(g.lower_ in ("one", "some") for g in obj.children):
                return obj          # "was at one point valued at $45.6 billion"
            if c.lower_ in ("during", "in", "at") and obj.lemma_.lower() in _PAST_ERAS:
                return obj          # "commanded a valuation of $39 billion during the pandemic"
            # an event told as one ("before *the* listing", "before *its* IPO"), not a measure
            # ("profit before tax") or a session ("before regular trading", "before the close")
            if c.lower_ in ("before", "prior") and obj.pos_ == "NOUN" and obj.lemma_.lower() not in _SESSION and \
                    any(g.dep_ in ("det", "poss") for g in obj.children):
                return c
    return None
