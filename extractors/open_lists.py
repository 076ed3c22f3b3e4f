"""Open claims of parties and figures listed together (issue 17): "CoreWeave and Nebius have
backlogs of $55.6 billion and $20 billion, respectively" gives each party its own figure, as
the typed reading does (joined.respectively).

The parse reads one figure of the list, or each of them as the first party's: the figures of
that measure in the sentence, with those written in one list beside them, are matched in order
to the parties named together, when the counts agree.
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span, Token

from claimtrack.extractors.figures import Figure
from claimtrack.extractors.references import References


_LIST_GAP = re.compile(r"\s*,?\s*(?:and|or)?\s*")


def respectively(sent: Span | None, opened: list, candidates: list[Figure], refs: References, text: str) -> list:
    """`opened` (OpenFigure) with a "respectively" list's figures given to its parties in order."""
    if sent is None or not opened or not any(t.lower_ == "respectively" for t in sent):
        return opened
    out = list(opened)
    for metric, subject in dict.fromkeys((o.metric, o.subject) for o in opened if o.moved is None):
        members = [o for o in out if o.metric == metric and o.subject == subject and o.moved is None]
        figures = {id(o.figure): o.figure for o in members}
        for o in members:
            for f in _listed_with(o.figure, candidates, text):
                figures.setdefault(id(f), f)
        ordered = sorted(figures.values(), key=lambda f: f.start)
        parties = _named_together(sent, subject, refs)
        if len(ordered) < 2 or len(parties) != len(ordered) or len({f.unit for f in ordered}) > 1:
            continue
        model = members[0]
        for fig, name in zip(ordered, parties):
            at = next((i for i, o in enumerate(out) if o.figure is fig), None)
            if at is None:
                out.append(replace(model, figure=fig, subject=name, change=None, change_unit=None))
            else:
                out[at] = replace(out[at], subject=name)
    return sorted(out, key=lambda o: o.figure.start)


def _listed_with(fig: Figure, candidates: list[Figure], text: str) -> list[Figure]:
    """The candidate figures of its kind written in one list with this one, nothing but commas
    and "and" between them ("$132 billion, $102 billion and $98 billion"), by the text: the
    parse often joins such a list wrongly."""
    same = sorted((f for f in candidates if f.kind == fig.kind and f.unit == fig.unit), key=lambda f: f.start)
    chains: list[list[Figure]] = []
    for f in same:
        if chains and _LIST_GAP.fullmatch(text[chains[-1][-1].end:f.start]):
            chains[-1].append(f)
        else:
            chains.append([f])
    return next((c for c in chains if any(f is fig for f in c)), [])


def _named_together(sent: Span, subject: str, refs: References) -> list[str]:
    """The names of the parties listed with `subject` ("Apple, Microsoft and Alphabet"), in order."""
    named: Token | None = next((t for t in sent if (m := refs.mention_at(t)) is not None and m.name == subject
                                and t.conjuncts), None)
    if named is None:
        return []
    parties = [refs.party(t) for t in sorted([named, *named.conjuncts], key=lambda t: t.i)]
    return [p.name for p in parties if p is not None]
