"""Estimates a reported figure is measured against: "revenue came in at $82.3 billion, edging past
the $81.4 billion analysts expected", "reported Q1 revenues of $2.47 billion, beating Wall Street's
$2.46 billion estimate". The estimate is a forecast of the same measure of the same company
(the corpus README: analysts' consensus is `revenue` with status `forecast`), told by no noun of
its own, so the parse alone gives it no type."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from claimtrack.extractors.figures import Figure
from claimtrack.extractors.frames import figure_span, lemma

_EXPECTING = {"expect", "forecast", "estimate", "predict", "anticipate", "project"}
_ESTIMATE_NOUNS = {"estimate", "expectation", "forecast", "consensus", "projection", "analyst"}
# words that set one figure against another: "beating", "compared with", "versus", "above"
_COMPARING = {"compare", "beat", "top", "exceed", "surpass", "miss", "trail", "edge", "outpace", "outstrip",
              "above", "below", "versus", "vs", "vs.", "against", "than", "ahead", "short", "outperform"}
_MEASURES = {"revenue", "profit"}      # measures a company reports and analysts estimate


def _estimate_noun(root: Token) -> Token | None:
    """The noun that makes a figure an estimate, or None: "Wall Street's $2.46 billion estimate",
    "the analysts' average estimate of $2.18 billion", "$12.61 billion expected by analysts", "the
    expected 12.18 trillion yen"."""
    noun = root.head if root.dep_ in ("compound", "nmod", "amod", "nummod", "quantmod") else root
    if lemma(noun) in _ESTIMATE_NOUNS:
        return noun
    if any(c.dep_ in ("acl", "relcl", "amod") and lemma(c) in _EXPECTING for t in {root, noun} for c in t.children):
        return noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and lemma(noun.head.head) in _ESTIMATE_NOUNS:
        return noun.head.head
    return None


def _set_against(noun: Token) -> bool:
    """Whether a noun is what a clause compares with ("edging past the ... analysts expected")."""
    token = noun
    for _ in range(4):
        if token.dep_ == "ROOT":
            return False
        token = token.head
        if lemma(token) in _COMPARING or token.lower_ in _COMPARING:
            return True
    return False


def compared_estimates(doc: Doc, found: list[tuple], current: list[Figure]) -> list[tuple]:
    """Entries like `found`'s (figure, type, subject, object, trigger, sign) for the figures of
    `current` no entry holds that are an estimate set against a reported measure of the sentence:
    the measure's type and company, in the same unit."""
    taken = {id(f[0]) for f in found}
    measured = [f for f in found if f[2] is not None and f[1].metric in _MEASURES]
    out: list[tuple] = []
    for fig in current:
        if id(fig) in taken or fig.kind != "money":
            continue
        span = figure_span(doc, fig.start, fig.end)
        noun = _estimate_noun(span.root) if span is not None else None
        if noun is None or not _set_against(noun):
            continue
        same = [f for f in measured if f[0].unit == fig.unit and f[0].kind == fig.kind]
        if not same:
            continue
        entry = min(same, key=lambda f: abs(f[0].start - fig.start))
        if entry[0].value and 0.5 <= fig.value / entry[0].value <= 2:      # the same measure, not its growth
            out.append((fig, entry[1], entry[2], entry[3], fig.start, entry[5]))
    return out
