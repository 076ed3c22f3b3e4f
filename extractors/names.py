"""Canonical party names: what a claim's subject and object are called, whatever the outlet
wrote ("Intel Corp.", "the U.S. government", "Meta Platforms Inc's").

One rule set for the extractor and the corpus scorer, so that "the same party" means the
same thing in both: case kept, but no leading article, possessive, company suffix or
trailing punctuation, and "U.S."/"United States" written "US".
"""
from __future__ import annotations

import re

_SUFFIX = re.compile(
    r"(?:,?\s+(?:Inc|Incorporated|Corp|Corporation|Co|Company|Ltd|Limited|LLC|L\.L\.C|PLC|plc|AG|SE|SA|S\.A|NV|N\.V|"
    r"BV|B\.V|GmbH|Holdings?|Hldgs|Group Holdings|LP|L\.P|Oyj|ASA|AB|SpA|S\.p\.A|KK|K\.K)\.?)+$")
_LEADING = re.compile(r"^(?:(?:the|a|an)\s+|(?:Mr|Ms|Mrs|Miss|Dr|Prof|Sir|Dame|Lord|Lady)\.?\s+)+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\s*['’]s?$")
_US = re.compile(r"\b(?:U\.S\.A?\.?|U\.S(?=\s|$)|United States(?: of America)?|USA)(?=\s|$|['’])")
_UK = re.compile(r"\b(?:U\.K\.?|United Kingdom|Britain)(?=\s|$|['’])")


def canonical(name: str) -> str:
    """'the U.S. government' -> 'US government'; 'Intel Corp.' -> 'Intel'; "Meta's" -> 'Meta';
    "Saudi Arabia's Public Investment Fund" -> 'Public Investment Fund'; 'Toyota(TM.US' -> 'Toyota'."""
    text = re.sub(r"\s+", " ", name.replace("’", "'"))
    text = re.sub(r"\s*\([^)]*$", "", text)                      # a ticker cut off: "Toyota(TM.US"
    text = re.sub(r"\s*\([A-Z:.\s]{1,12}\)", "", text)            # a ticker: "Mastercard (MA)"
    owner = re.match(r"^[A-Z][^' ]*(?: [A-Z][^' ]*)+'s (?=\w)", text)   # "Elon Musk's xAI": the possessed name
    if owner and len(text) > owner.end() + 1:
        text = text[owner.end():]
    text = text.strip(" ,.;:\"'()[]")
    text = _LEADING.sub("", text)
    text = _POSSESSIVE.sub("", text)
    text = _US.sub("US", text)
    text = _UK.sub("UK", text)
    stripped = _SUFFIX.sub("", text).strip(" ,")
    return stripped or text


_QUANTIFIER = re.compile(r"^(?:some|many|several|most|a few|few|other|all)\s+")


def comparable(name: str | None) -> str:
    """The key two names are compared by: canonical, case- and punctuation-free ("Some
    investors" and "investors" are one group)."""
    if not name:
        return ""
    text = _QUANTIFIER.sub("", canonical(name).lower())
    text = re.sub(r"[^\w\s]", "", text)
    return re.sub(r"\s+", " ", text).strip()
