"""Parse only what can hold a claim: a cheap pass over a text picks the sentences that can
carry one (a figure, a word of the warning lexicon) and the sentences the claim rules read
around them, and the model parses only those.

A year is a figure that carries a claim only through a claim type that takes years (a
deadline: "IP rights until 2032"), chosen by that type's trigger and cue words and nothing
else (claims.py), so a sentence whose only figures are years is chosen only when such a
trigger stands in it or beside it, and the type's cue word, if it has one, just before the
year ("in 2024" dates a sentence; it makes no claim).

The rules look back: "the company" and pronouns take a party of the sentences before
(references.py, up to five), a warning that goes on with the sentence before takes its
speaker (risk.py), a quotation opened earlier carries its source (claims.py), a surname or a
short name is the name given in full elsewhere (mention_names.py), a wire dateline opens the
text; and the model's reading of a sentence depends a little on the words just after it. So
a kept sentence brings the BEFORE sentences before it and the AFTER after it, every sentence
sharing a capitalised word with it and the one that opened the quotation it sits in; the
first sentence (a headline, a dateline) is always kept.

The kept sentences go to the model as pieces of the original text, one line break between
pieces (a line break always ends a sentence, pipeline.py), and every offset maps back to the
original; a text with no figure and no warning word holds no claim and is not parsed at all.
Sentences are found here by rule; the model may draw them otherwise, which is why
tests/test_selection.py holds the claims to those of the whole text on every corpus.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from claimtrack.extractors.config import ClaimType
from claimtrack.extractors.figures import Figure, find_figures
from claimtrack.extractors.risk_prefilter import RiskWords

BEFORE = 5              # sentences kept before each one that can hold a claim (references look back five)
AFTER = 1               # and after it
WHOLE_SHARE = 0.85      # when the kept sentences are this share of the text or more, parse it whole
CUE_REACH = 40          # characters before a year its type's cue word must end in (claims.py, _cued)

# a likely sentence end: a stop (and closing quotes or brackets), space, then what starts a sentence
_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9$€£¥])")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Inc|Corp|Co|Ltd|No|vs|Gen|Sen|Rep|Gov|Jan|Feb|"
                           r"Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|E\.U|a\.m|p\.m))\.$")
_NAME = re.compile(r"\b[A-Z][\w&'’.-]*[\w&]|\b[A-Z]\b")
# capitalised words that name nobody: a sentence's first word, mostly
_COMMON = frozenset("""A An And As At But By For From He Her His However I If In It Its Mr Mrs Ms Of On Or She So That
The Their There These They This Those To We What When Where While Who With""".split())


@dataclass(frozen=True)
class Selection:
    """What to parse of one text: `text`, the kept pieces of the original; `pieces`, where each
    starts in `text` and in the original; `kept` and `total`, sentences kept and found."""
    text: str
    pieces: tuple[tuple[int, int], ...]
    kept: int
    total: int
    figures: list[Figure] | None = None     # the figures of `text`, found once in the original

    def original(self, at: int) -> int:
        """The offset in the original text of offset `at` of the parsed text."""
        i = bisect.bisect_right(self.pieces, (at, float("inf"))) - 1
        short, orig = self.pieces[max(i, 0)]
        return orig + at - short


@dataclass(frozen=True)
class YearTypes:
    """The claim types that take a year, as the selection reads them: each one's triggers and
    the cue words one of which must end the text just before the year (None: any year)."""
    kinds: tuple[tuple[tuple[re.Pattern[str], ...], re.Pattern[str] | None], ...]

    @classmethod
    def of(cls, types: tuple[ClaimType, ...]) -> YearTypes:
        """The year-taking types among a configuration's claim types."""
        return cls(tuple((ct.triggers, ct.cues) for ct in types if ct.unit == "year" and ct.triggers))

    def may_claim(self, text: str, year: Figure, start: int, end: int) -> bool:
        """Whether a type can read `year` as its claim: its cue word just before the year and
        a trigger in text[start:end] (wider than the year's sentence, as the model may draw it)."""
        before = text[max(0, year.start - CUE_REACH):year.start]
        return any((cues is None or cues.search(before)) and any(p.search(text[start:end]) for p in triggers)
                   for triggers, cues in self.kinds)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence by rule, covering the text with no gap: a line break ends
    one, and a stop before a capital or a digit, unless it ends an abbreviation or an initial."""
    out, start = [], 0
    for line in re.finditer(r"[^\n]*\n*", text):
        if not line.group():
            continue
        for m in _END.finditer(text, line.start(), line.end()):
            if _ABBREVIATION.search(text, max(line.start(), m.start() - 5), m.start() + 1):
                continue
            out.append((start, m.end()))
            start = m.end()
        if line.end() > start:
            out.append((start, line.end()))
            start = line.end()
    return out


def candidates(text: str, spans: list[tuple[int, int]], figures: list[Figure],
               risk_words: RiskWords | None) -> list[bool]:
    """Which sentences can hold a claim: a figure (figures.py, counted quantities and years
    too) or a match of the warning lexicon."""
    starts = sorted(f.start for f in figures)
    out = []
    for start, end in spans:
        i = bisect.bisect_left(starts, start)
        figure = i < len(starts) and starts[i] < end
        out.append(figure or bool(risk_words and risk_words.search(text, start, end)))
    return out


def claiming(text: str, spans: list[tuple[int, int]], figures: list[Figure],
             years: YearTypes | None) -> list[Figure]:
    """The figures that can carry a claim: all but the years no year-taking type can read
    (every year when `years` is None)."""
    if years is None:
        return figures
    starts = [start for start, _ in spans]
    out = []
    for fig in figures:
        if fig.kind == "year":
            i = max(bisect.bisect_right(starts, fig.start) - 1, 0)
            lo, hi = spans[max(i - 1, 0)][0], spans[min(i + 1, len(spans) - 1)][1]
            if not years.may_claim(text, fig, lo, hi):
                continue
        out.append(fig)
    return out


def _context(text: str, spans: list[tuple[int, int]], chosen: list[bool], before: int, after: int) -> list[bool]:
    """The chosen sentences with what the rules read around them (the module's docstring)."""
    keep = list(chosen)
    if spans:
        keep[0] = True
    named: dict[str, list[int]] = {}
    words = [set(_NAME.findall(text, start, end)) - _COMMON for start, end in spans]
    for i, found in enumerate(words):
        for word in found:
            named.setdefault(word, []).append(i)
    opener, balance = None, 0
    for i, (start, end) in enumerate(spans):
        sentence = text[start:end]
        if chosen[i]:
            for j in range(max(0, i - before), min(len(spans), i + after + 1)):
                keep[j] = True
            if balance > 0 and opener is not None:
                keep[opener] = True
            for word in words[i]:
                for j in named[word]:
                    keep[j] = True
        balance += sentence.count("“") - sentence.count("”")
        if balance > 0 and sentence.count("“") > sentence.count("”"):
            opener = i
        elif balance <= 0:
            opener, balance = None, 0
    return keep


def _nearly_whole(spans: list[tuple[int, int]], keep: list[bool], size: int) -> bool:
    """Whether the kept sentences hold WHOLE_SHARE of the text's characters or more."""
    return sum(end - start for (start, end), k in zip(spans, keep) if k) >= WHOLE_SHARE * size


def select(text: str, risk_words: RiskWords | None, before: int = BEFORE, after: int = AFTER,
           years: YearTypes | None = None) -> Selection:
    """The sentences of `text` to parse, as one shorter text (the whole text when that is
    nearly all of it). `years`: the types that read a year as a claim (None: any year can)."""
    spans = sentences(text)
    figures = find_figures(text, counts=True)           # what the figures component would find
    claimable = claiming(text, spans, figures, years)
    chosen = candidates(text, spans, claimable, None)
    keep = _context(text, spans, chosen, before, after) if any(chosen) else chosen
    # what a warning word adds is only ever kept too, so a text its figures keep nearly whole is
    # parsed whole without searching its other sentences for one (most of a dense text's cost here)
    if not _nearly_whole(spans, keep, len(text)):
        worded = candidates(text, spans, claimable, risk_words)
        if worded != chosen:
            chosen, keep = worded, _context(text, spans, worded, before, after)
    if not any(chosen):                 # no figure that can carry a claim, no warning word: nothing to parse
        return Selection("", ((0, 0),), 0, len(spans))
    kept = sum(keep)
    if _nearly_whole(spans, keep, len(text)):
        return Selection(text, ((0, 0),), len(spans), len(spans), figures)
    runs: list[tuple[int, int]] = []
    for (start, end), k in zip(spans, keep):
        if not k:
            continue
        if runs and runs[-1][1] == start:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    parts, pieces, at, found = [], [], 0, []
    for start, end in runs:
        piece = text[start:end].rstrip()
        pieces.append((at, start))
        parts.append(piece)
        # the figures the whole text gives, moved to where the piece puts them (not found again)
        found += [replace(f, start=f.start - start + at, end=f.end - start + at)
                  for f in figures if start <= f.start and f.end <= start + len(piece)]
        at += len(piece) + 1
    return Selection("\n".join(parts), tuple(pieces), kept, len(spans), found)
