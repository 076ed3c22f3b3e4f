"""Text helpers the components share: a parsed Doc's text, read once (spaCy's Doc.text joins
every token anew on each read, which costs as much as a pass over the document, and each
claimtrack component needs it); the places a name stands as a word of its own."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

_KEY = "claimtrack_text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, kept in the Doc's user data after the first read."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def keep_text(doc: Doc, text: str) -> None:
    """Make `doc_text(doc)` return `text`, the text as published, where the model was given
    one of the same length with plainer characters (extractors/typography.py)."""
    doc.user_data[_KEY] = text


def _word(ch: str) -> bool:
    """What the regular expression \\w matches: a letter, digit or numeral of any script, or '_'."""
    return ch.isalnum() or ch == "_"


def standing_alone(text: str, name: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each place `name` stands in `text` as a word of its own: neither a word
    character nor a word and a hyphen before it, no word character or hyphen after it. The
    places `re.finditer(r"(?<!\\w)(?<!\\w-)NAME(?![\\w-])", text)` finds, in order, found with
    str.find: a pattern that opens with a look-behind is tried at every character."""
    size, at = len(name), text.find(name) if name else -1       # an empty name stands nowhere
    while at != -1:
        end = at + size
        if (at == 0 or not _word(text[at - 1])) and not (at >= 2 and text[at - 1] == "-" and _word(text[at - 2])) \
                and not (end < len(text) and (_word(text[end]) or text[end] == "-")):
            yield at, end
            at = text.find(name, end)
        else:
            at = text.find(name, at + 1)
