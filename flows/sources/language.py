"""An article's language: what the feed or page declares, else a guess from common words.

The guess only needs to tell the languages news feeds commonly come in apart, so that an
analyst can filter out what the English extractors cannot read; it is a count of each
language's most frequent function words, and says nothing when the text is too short or
no language clearly wins.
"""
from __future__ import annotations

import re

_COMMON = {
    "en": "the of and to in is that for it with as was on are by this be from at have has not but which",
    "de": "der die und das ist nicht ein eine zu den von mit sich des auf für im dem auch es als wird",
    "fr": "le la les de des et est un une du pour dans que qui pas sur au avec sont par ce il elle",
    "es": "el la los las de del y que en un una es por con para se no su al lo como más pero",
    "it": "il di che la le per un una non sono del della gli con si nel è alla dei anche come",
    "pt": "o a os as de do da que em um uma não para com por se dos das é ao mais como mas",
    "nl": "de het een en van is dat op te in niet met zijn voor er ook aan bij om als maar",
}
_WORDS = {lang: set(words.split()) for lang, words in _COMMON.items()}
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_DECLARED = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
MIN_HITS = 3            # fewer function words than this: too little text to guess from


def normalise_code(declared: str | None) -> str | None:
    """'en-US', 'EN_gb', 'en' -> 'en'; anything that is not a language tag -> None."""
    if not declared:
        return None
    m = _DECLARED.match(declared.strip())
    return m.group(1).lower() if m else None


def guess_language(text: str, sample_chars: int = 5000) -> str | None:
    """The language whose common words are most frequent in the text, when it clearly leads."""
    counts = dict.fromkeys(_WORDS, 0)
    for token in _TOKEN.findall(text[:sample_chars].lower()):
        for lang, words in _WORDS.items():
            if token in words:
                counts[lang] += 1
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < MIN_HITS or top < 2 * second or top - second < 2:
        return None
    return best


def article_language(declared: str | None, text: str) -> str | None:
    """The declared language when there is one, else the guess."""
    return normalise_code(declared) or guess_language(text)
