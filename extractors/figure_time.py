"""Which figure a time expression of its sentence belongs to, read from the parse.

"Microsoft invested $1 billion in 2019" dates the investment; "valued at $500 billion, up
from $300 billion in March" dates only the earlier value; "In August 2024, Groq raised $640
million, valuing the company at $2.8 billion" dates both. A time belongs to the figures of
its own clause, to clauses that carry it (a participle or infinitive after it), and to a
noun's describing clause; a reported statement or a relative clause keeps its own.
extractors/claimtime.py finds and resolves the expressions themselves.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from claimtrack.extractors.claimtime import MARKET_POINTS, UNDATED_PAST, TimeMention, time_mentions
from claimtrack.extractors.past_cues import REPORTING, past_cue, past_tense


def _clause_head(token: Token) -> Token:
    """The verb whose clause holds `token` (the sentence root when none is nearer)."""
    cur, hops = token, 0
    while cur.head.i != cur.i and hops < 12:
        cur, hops = cur.head, hops + 1
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("aux", "auxpass"):
            return cur
    return cur


def _root_of(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    inside = {t.i for t in span}
    return next((t for t in span if t.head.i not in inside or t.head.i == t.i), span.root)


def _gap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return b_start - a_end if b_start >= a_end else a_start - b_end


# a time stated in a clause holds for the clauses hanging from it this way ("In August 2024,
# Groq raised $640 million, valuing the company at $2.8 billion"), not for a reported
# statement or a relative clause, whose time is their own
_CARRIED = {"advcl", "xcomp", "conj", "acl", "pcomp"}


def _reach(figure: Token) -> list[int]:
    """The clauses whose time a figure takes, nearest first: its own; a clause describing the
    noun it sizes ("the $35 billion takeover *announced in 2020*"); the clauses its own hangs
    from by _CARRIED."""
    own = _clause_head(figure)
    out = [own.i]
    cur, hops = figure, 0
    while cur.i != own.i and cur.head.i != cur.i and hops < 8:
        cur, hops = cur.head, hops + 1
        if cur.pos_ in ("NOUN", "PROPN"):
            out.extend(c.i for c in cur.children if c.dep_ in ("acl", "relcl") and c.i not in out)
    cur, hops = own, 0
    # (not into a clause joined with a subject of its own: "X hit $1 trillion in June 2023 and the surge went on")
    while (cur.dep_ in _CARRIED and not (cur.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children))
           or _told_back(cur)) and cur.head.i != cur.i and hops < 4:
        cur, hops = _clause_head(cur), hops + 1
        out.append(cur.i)
        # and its complement's ("The company filed to go public in 2021, hitting a market cap of $8 billion")
        out.extend(c.i for c in cur.children if c.dep_ == "xcomp" and c.i not in out and c.i != own.i)
    out.extend(c for c in _when_clauses(own) if c not in out)
    told = _time_told_when(cur)
    if told is not None and told not in out:
        out.append(told)
    out.extend(c for c in _done_alongside(own) if c not in out)
    return out


def _told_back(clause: Token) -> bool:
    """A past told in a past report ("Mars announced last year that it planned to buy"): the
    statement is as old as its telling when it has no time of its own; a present or future in
    it ("said last year it will raise") is not told back."""
    return clause.dep_ == "ccomp" and past_tense(clause) and clause.head.pos_ == "VERB" and past_tense(clause.head)


def _done_alongside(clause: Token) -> list[int]:
    """Past acts of the same subject told after the figure's in one breath ("Meta *took* a 49%
    stake *and hired* its CEO last month"): a time told with the later one is the pair's, when
    the figure's own clause has none. Not a clause with a subject of its own, nor a tense apart
    ("holds 10% and bought more last month")."""
    if clause.tag_ != "VBD":
        return []
    return [c.i for c in clause.children if c.dep_ == "conj" and c.tag_ == "VBD" and
            not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]


def _time_told_when(clause: Token) -> int | None:
    """For a clause saying what happened at a time told before it ("in August, *when the
    administration struck a deal to invest $8.9 billion*", "back in 2018 *when CVS sold $40
    billion of bonds*"), the clause that time stands in: the "when" clause describes the time,
    and its figures are of that time when they have none of their own."""
    if clause.dep_ != "relcl" or clause.head.ent_type_ != "DATE":
        return None
    if not any(c.dep_ == "advmod" and c.lower_ == "when" for c in clause.children):
        return None
    return _clause_head(clause.head).i


_AT_THE_TIME = {"when", "after", "once"}


def _when_clauses(clause: Token) -> list[int]:
    """Clauses that tell when `clause` happened: "reached a $10bn valuation *when it raised
    $300mn in 2023*", "was last valued at $14 billion *after raising a Series F a year ago*";
    their time is the clause's when it has none of its own."""
    out = []
    for c in clause.children:
        if c.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in _AT_THE_TIME for m in c.children):
            out.append(c.i)
        elif c.dep_ == "prep" and c.lower_ in _AT_THE_TIME:
            out.extend(g.i for g in c.children if g.dep_ == "pcomp")
    return out


def _described_clause(clause: Token) -> int | None:
    """For a participle clause describing a noun ("a round *led by Menlo last year*"), the
    clause that noun stands in; its time is that clause's too when it has none of its own."""
    if clause.dep_ != "acl" or clause.head.pos_ not in ("NOUN", "PROPN"):
        return None
    return _clause_head(clause.head).i


def _noun_between(doc: Doc, figure: Token | None, end: int, start: int) -> bool:
    """Only the noun the figure sizes stands between the figure and the time ("a $500 million
    *valuation* in May 2024"): the time follows the figure's phrase at once."""
    if figure is None or not 0 < start - end <= 40:
        return False
    span = doc.char_span(end, start, alignment_mode="expand")
    words = [t for t in span or () if not t.is_space]
    return 0 < len(words) <= 2 and all(t.pos_ in ("NOUN", "PROPN", "ADJ") for t in words) and \
        figure.head.i in {t.i for t in words}


def _tokens_in(doc: Doc, start: int, end: int) -> Span | tuple[()]:
    """The tokens of the characters start..end (a sentence of a whole article): read them, not
    the document, once a sentence."""
    return doc.char_span(start, end, alignment_mode="expand") or ()


def _past_perfect(doc: Doc, start: int, end: int) -> list[TimeMention]:
    """The "had" of a past perfect ("SoftBank, which had owned 75% of Arm", "a round that had
    valued it at $14 billion"): a past before the story's, told without a period. Not in
    reported speech ("said it had sold its stake"), where the tense only follows "said"."""
    if not doc.has_annotation("DEP"):
        return []
    out = []
    for t in _tokens_in(doc, start, end):
        if start <= t.idx < end and t.dep_ == "aux" and t.lower_ == "had" and t.head.tag_ == "VBN" and \
                not (t.head.dep_ == "ccomp" and t.head.head.lemma_.lower() in REPORTING):
            out.append(TimeMention(t.text, t.idx, t.idx + len(t.text)))
    return out


def figure_times(doc: Doc, spans: list[tuple[int, int, bool, bool]], start: int, end: int,
                 text: str) -> dict[int, TimeMention]:
    """Which time expression of the sentence text[start:end] belongs to which figure (by index
    into `spans`: each figure's start and end, whether the sentence gives it as the previous
    value, and whether it makes a claim). A time belongs to the nearest figure of its own
    clause; the other current figures of that clause, and of the clauses that take its time
    (_reach), share it when that figure makes a claim ("raised $6.6 billion in October at a
    $157 billion valuation"); one nearest a previous value or a figure of comparison is that
    figure's alone ("$500 billion, up from $300 billion in March"). A time in a clause that
    describes a noun of the figure's clause ("valued at $18 billion in a round led by Menlo
    last year") and a time that opens the sentence ("In 2022, ...") go to every figure
    without one. Without a parse, the nearest figure within a few words."""
    times = [t for t in time_mentions(text, start, end) + _past_perfect(doc, start, end)
             if not any(s < t.end and t.start < e for s, e, _, _ in spans) and not _of_founding(doc, t)]
    # a past that names no period ("previously") dates only a figure no period told reaches
    # ("previously participated in its $350 million round in 2022": 2022)
    undated = [t for t in times if UNDATED_PAST.fullmatch(t.text)]
    if undated:
        dated = _assign(doc, spans, [t for t in times if t not in undated], start, text)
        owned = {**_assign(doc, spans, undated, start, text), **dated}
    else:
        owned = _assign(doc, spans, times, start, text)
    if not times:
        owned.update(_after_offsets(doc, spans, start, end, text))
    # a past period after "from" is the time of the value compared with ("an $11.2bn valuation
    # sharply reduced from four years ago"): a stated previous value's, never a current figure's
    owned = {i: t for i, t in owned.items() if spans[i][2] or not _FROM_BEFORE.search(text, max(0, t.start - 8), t.start)}
    return {**_told_as_past(doc, spans, start, end), **owned}


_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
# a company's birth: "founded in 2020", "since its founding in 2016", "was formed last year"
_FOUNDING = {"found", "founding", "establish", "establishment", "incorporate", "incorporation", "inception"}


def _of_founding(doc: Doc, mention: TimeMention) -> bool:
    """Does the time tell when a party was founded (never when a figure was true)?"""
    root = _root_of(doc, mention.start, mention.end) if doc.has_annotation("DEP") else None
    if root is None:
        return False
    head = root.head.head if root.head.pos_ == "ADP" else root.head
    lemma = head.lemma_.lower()
    return lemma in _FOUNDING or lemma == "form" and head.tag_ == "VBN" and \
        not any(c.dep_ == "dobj" for c in head.children)


_NOMINAL = {"NOUN", "PROPN", "ADP", "NUM", "SYM", "ADJ"}      # the words of a noun phrase a figure sizes


def _told_as_past(doc: Doc, spans: list[tuple[int, int, bool, bool]], start: int, end: int) -> dict[int, TimeMention]:
    """The current figures of the sentence text[start:end] its words tell as a past they name
    no period of (past_cues.past_cue): an undated past, as "previously" is."""
    if not doc.has_annotation("DEP"):
        return {}
    out: dict[int, TimeMention] = {}
    for i, (s, e, previous, _) in enumerate(spans):
        root = _root_of(doc, s, e) if not previous else None
        if root is None:
            continue
        nouns, cur, hops = [], root, 0
        while hops < 6:
            if cur.pos_ in ("NOUN", "PROPN"):
                nouns.append(cur)
            if cur.head.i == cur.i or cur.head.pos_ not in _NOMINAL:
                break
            cur, hops = cur.head, hops + 1
        cue = past_cue(_clause_head(root), root, nouns)
        if cue is not None:
            out[i] = TimeMention(cue.text, cue.idx, cue.idx + len(cue.text))
    return out


_OFFSET_UNITS = {"day", "week", "month", "year", "decade"}


def _after_offsets(doc: Doc, spans: list[tuple[int, int, bool, bool]], start: int, end: int,
                   text: str) -> dict[int, TimeMention]:
    """The figures of a clause told as that long before the sentence's own news ("considering
    their options *four months after raising €400mn* in a round that valued it at €2bn",
    "*about five weeks after* scoring another $1 billion from Google, it has raised ..."),
    in a sentence that tells no time: that long before the article. The sentence's own figures
    keep the article's date."""
    if not doc.has_annotation("DEP"):
        return {}
    out: dict[int, TimeMention] = {}
    for after in _tokens_in(doc, start, end):
        if not (start <= after.idx < end and after.lower_ == "after" and after.dep_ in ("prep", "mark")):
            continue
        # "four months after raising" (a preposition holding the clause) or "a year after it
        # raised" (the mark of a clause, whose verb holds the "year")
        holder = after if after.dep_ == "prep" else after.head
        unit = next((c for c in holder.children if c.dep_ == "npadvmod" and c.i < after.i and
                     c.lemma_.lower() in _OFFSET_UNITS), None)
        count = next((c for c in unit.children if c.dep_ in ("nummod", "det")), None) if unit is not None else None
        if count is None:
            continue
        clause = {t.i for t in holder.subtree} - {t.i for t in unit.subtree}
        mention = TimeMention(text[count.idx:after.idx + len(after.text)], count.idx, after.idx + len(after.text))
        for i, (s, e, previous, _) in enumerate(spans):
            root = _root_of(doc, s, e)
            if root is not None and root.i in clause and not previous:
                out.setdefault(i, mention)
    return out


_MARKET_POINTS = MARKET_POINTS | {"closing", "high", "low"}     # a market's figure at a time


def _named_by(roots: list[Token | None], time: Token) -> int | None:
    """The figure a time names through the noun it owns ("over *Friday's* closing price of
    $155.01", "the *previous day's* close") or a price it marks ("the *Friday* closing price of
    $155.01"): the figure sizing that noun or told after its "of", whichever clause the parse
    gave the two. (A time that only dates an event, "after an *August 2023* fundraise of $1
    billion", is its clause's too: _assign shares it.)"""
    if time.dep_ not in ("poss", "compound", "nmod") or time.head.pos_ != "NOUN" or \
            time.dep_ != "poss" and time.head.lemma_.lower() not in _MARKET_POINTS:
        return None
    noun = time.head
    return next((i for i, r in enumerate(roots) if r is not None and (
        r.head == noun and r.dep_ in ("nummod", "compound", "amod", "quantmod") or
        r.dep_ == "pobj" and r.head.lower_ == "of" and r.head.head == noun)), None)


def _assign(doc: Doc, spans: list[tuple[int, int, bool, bool]], times: list[TimeMention], start: int,
            text: str) -> dict[int, TimeMention]:
    if not times or not spans:
        return {}
    if not doc.has_annotation("DEP"):
        owned: dict[int, TimeMention] = {}
        for t in times:
            near = [i for i, (s, e, _, _) in enumerate(spans) if _gap(s, e, t.start, t.end) <= 40]
            if near:
                owned.setdefault(min(near, key=lambda i: _gap(spans[i][0], spans[i][1], t.start, t.end)), t)
        return owned
    roots = [_root_of(doc, s, e) for s, e, _, _ in spans]
    reach = [_reach(r) if r is not None else [] for r in roots]
    owned = {}
    shared: dict[int, TimeMention] = {}           # clause -> the time a claimed figure of it took
    described: dict[int, TimeMention] = {}        # clause -> a time of a clause describing one of its nouns
    opening: TimeMention | None = None
    for t in times:
        root = _root_of(doc, t.start, t.end)
        if root is None:
            continue
        if (named := _named_by(roots, root)) is not None:
            owned.setdefault(named, t)          # "Friday's closing price of $155.01": that price's time
            continue
        head = _clause_head(root)
        clause = head.i
        mates = [i for i, r in enumerate(reach) if r and r[0] == clause]
        if not mates and not any(0 <= t.start - e <= 2 for _, e, _, _ in spans):
            if t.start - start <= 3 and text[t.end:t.end + 2].startswith(","):
                opening = t
            shared.setdefault(clause, t)
            outer = _described_clause(head)
            if outer is not None:
                described.setdefault(outer, t)
            continue
        # a figure the time follows at once ("the $183 billion in September"; a previous value or a
        # claim's figure followed by its noun, "from a $500 million valuation in May 2024") holds
        # it, whatever clause the parse gave it; else the nearest figure of the time's clause
        right_after = [i for i, (s, e, prev, claims) in enumerate(spans)
                       if 0 <= t.start - e <= 2 or (prev or claims) and _noun_between(doc, roots[i], e, t.start)]
        nearest = right_after[0] if right_after else \
            min(mates, key=lambda i: _gap(spans[i][0], spans[i][1], t.start, t.end))
        owned.setdefault(nearest, t)
        if nearest not in mates:
            continue
        _, _, previous, claimed = spans[nearest]
        # a claim's figure shares its time with its clause; so does a figure that makes no claim
        # when the time follows it at once ("raised $750 million at a valuation of $6.9 billion
        # three months ago", the valuation unread): the time closes the clause, not that figure
        # and a figure joined to another in a list ("$3.8 billion in sales and $1.1 billion in
        # EBITDA in 2024"): the list's time
        a = roots[nearest]
        listed = a is not None and any(r is not None and (r.dep_ == "conj" and r.head.i == a.i or
                                                          a.dep_ == "conj" and a.head.i == r.i) for r in roots)
        if not previous and (claimed or nearest in right_after or listed):
            shared.setdefault(clause, t)
    for i, (_, _, previous, _) in enumerate(spans):
        if i in owned or previous:
            continue
        # its own clause's time, or one of a clause describing a noun of it ("for the three
        # months *ending Nov. 30*"), before the time of a clause it hangs from or that tells when
        own = reach[i][0] if reach[i] else None
        mine = shared.get(own) or described.get(own) or \
            next((shared[c] for c in reach[i][1:] if c in shared), None) or opening
        if mine is not None:
            owned[i] = mine
    return owned
