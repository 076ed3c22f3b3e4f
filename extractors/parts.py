"""Long texts in parts: spaCy refuses a text over nlp.max_length (1,000,000 characters) and
needs memory in proportion to it, so a text longer than PART_CHARS is read in parts, each
cut where a sentence ends for sure (a line break), else after a full stop, else at a space."""
from __future__ import annotations

import re

PART_CHARS = 100_000
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s")


def split_text(text: str, limit: int = PART_CHARS) -> list[tuple[int, str]]:
    """(offset, part) pairs that cover `text` in order, no part longer than `limit`."""
    if len(text) <= limit:
        return [(0, text)]
    parts, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = window.rfind("\n") + 1
        if cut <= limit // 2:                      # no line break in the second half: a sentence end
            ends = [m.end() for m in _SENTENCE_END.finditer(window, limit // 2)]
            cut = ends[-1] if ends else 0
        if cut <= limit // 2:
            cut = window.rfind(" ", limit // 2) + 1
        if cut <= limit // 2:                      # one huge token (a data: URI, minified code)
            cut = limit
        parts.append((start, window[:cut]))
        start += cut
    parts.append((start, text[start:]))
    return parts
