"""A parsed Doc's text, read once: spaCy's Doc.text joins every token anew on each read,
which costs as much as a pass over the document, and each claimtrack component needs it."""
from __future__ import annotations

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
