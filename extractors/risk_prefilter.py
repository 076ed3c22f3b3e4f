"""The warning lexicon's prefilter: whether a sentence names any risk word at all, as most do
not. One regular expression alternating every pattern (about 200, some with `.{0,60}` gaps) is
tried at every position of every sentence; here each pattern is first reduced to literal words
a match of it must contain ("bubble", "private credit", one of "crash" or "crypto"), the
sentence is searched for those words, and only the patterns whose words it holds are run. The
answer is the match the one alternation gives, or None when it gives none.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from re import _constants as _op
from re import _parser

# characters that IGNORECASE matches to an ASCII letter but str.lower() does not turn into it
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})
_PLAIN = re.compile(r"[a-z0-9 &'./-]")


def fold(text: str) -> str:
    """The text as the literal words are compared with it: lower case, each character kept in
    its place ('İ' and 'ı' as 'i', 'ſ' as 's', which a case-insensitive pattern matches so)."""
    return text.translate(_FOLD).lower()


def _best(sets: list[frozenset[str]]) -> frozenset[str] | None:
    """Of several word sets a match must each hold one of, the one that rules out most: the
    longest shortest word, then the fewest words."""
    return max(sets, key=lambda s: (min(map(len, s)), -len(s)), default=None)


def needed(items) -> frozenset[str] | None:
    """Words one of which every match of the parsed pattern `items` contains (lower case), or
    None when no such words can be told (a pattern that may match with no letter fixed)."""
    sets: list[frozenset[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            sets.append(frozenset({"".join(run)}))
            run.clear()
    for op, av in items:
        if op is _op.LITERAL and _PLAIN.fullmatch(chr(av).lower()) and chr(av).isascii():
            run.append(chr(av).lower())
            continue
        close()
        inner: frozenset[str] | None = None
        if op is _op.SUBPATTERN:
            inner = needed(av[-1])
        elif op is _op.ATOMIC_GROUP:
            inner = needed(av)
        elif op is _op.BRANCH:
            branches = [needed(b) for b in av[1]]
            inner = None if any(b is None for b in branches) else frozenset().union(*branches)
        elif op in (_op.MAX_REPEAT, _op.MIN_REPEAT, _op.POSSESSIVE_REPEAT) and av[0] >= 1:
            inner = needed(av[2])
        if inner:
            sets.append(inner)
    close()
    return _best(sets)


class RiskWords:
    """Every topic pattern, valuation, fall and danger word of the warning lexicon, searched as
    the one alternation `(?:p1)|(?:p2)|...` (case-insensitive) is, at less cost."""

    def __init__(self, patterns: Sequence[re.Pattern[str] | str]) -> None:
        self._patterns = [p if isinstance(p, re.Pattern) else re.compile(p, re.IGNORECASE) for p in patterns]
        self.pattern = "|".join(f"(?:{p.pattern})" for p in self._patterns)     # what it answers for
        self._always: list[int] = []            # patterns no word tells: always tried
        by_word: dict[str, list[int]] = {}
        for i, p in enumerate(self._patterns):
            try:
                words = needed(_parser.parse(p.pattern, p.flags))
            except (re.error, TypeError, ValueError):
                words = None
            if not words or min(map(len, words)) < 3:
                self._always.append(i)
                continue
            for w in words:
                by_word.setdefault(w, []).append(i)
        # the words by their first three letters: a sentence's three-letter pieces pick the few to look for
        by_gram: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
        for w, ids in sorted(by_word.items()):
            by_gram.setdefault(w[:3], []).append((w, tuple(ids)))
        self._grams = {g: tuple(ws) for g, ws in by_gram.items()}
        self._keys = frozenset(self._grams)

    def __reduce__(self):
        return (RiskWords, (self._patterns,))

    def _tried(self, text: str, pos: int, end: int) -> list[int]:
        """The patterns whose words text[pos:end] holds, and those no word tells, in order."""
        low = fold(text[pos:end])
        grams = {low[k:k + 3] for k in range(len(low) - 2)} & self._keys
        tried = {i for g in grams for w, ids in self._grams[g] if w in low for i in ids}
        tried.update(self._always)
        return sorted(tried)

    def possible(self, text: str) -> frozenset[re.Pattern[str]]:
        """The patterns that may match in `text` (their words are in it): the others cannot."""
        return frozenset(self._patterns[i] for i in self._tried(text, 0, len(text)))

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The match of the one alternation in text[pos:endpos]: its leftmost, and of those the
        first pattern's; None when no pattern matches."""
        end = len(text) if endpos is None else endpos
        best: re.Match[str] | None = None
        best_i = -1
        for i in self._tried(text, pos, end):
            m = self._patterns[i].search(text, pos, end)
            if m is not None and (best is None or m.start() < best.start()):
                best, best_i = m, i
        return best if best_i >= 0 else None
