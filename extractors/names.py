"""Canonical party names: what a claim's subject and object are called, whatever the outlet
wrote ("Intel Corp.", "the U.S. government", "Meta Platforms Inc's").

One rule set for the extractor and the corpus scorer, so that "the same party" means the
same thing in both: case kept, but no leading article, possessive, company suffix or
trailing punctuation, and "U.S."/"United States" written "US".
"""
from __future__ import annotations

import re
from functools import lru_cache

_SUFFIX = re.compile(
    r"(?:,?\s+(?:Inc|Incorporated|Corp|Corporation|Co|Company|Ltd|Limited|LLC|L\.L\.C|PLC|plc|AG|SE|SA|S\.A|NV|N\.V|"
    r"BV|B\.V|GmbH|Holdings?|Hldgs|Group Holdings|LP|L\.P|Oyj|ASA|AB|SpA|S\.p\.A|KK|K\.K|PBC)\.?)+$")
# words that describe a business after its name: "Mistral AI", "Samsung Electronics", "Toyota
# Motor", "Meta Platforms", "SoftBank Group"; outlets write the name with or without them, so a
# key holds one form. Not stripped when what is left is a common adjective ("General", "United").
_DESIGNATOR = re.compile(
    r"\s+(?:AI|A\.I\.|Labs?|Electronics|Motor|Auto(?:mobile)?|Financial|Global|Group|Technolog(?:y|ies)|Systems|Communications|"
    r"Platforms|Capital|Capital Management|Asset Management|Management|Computing|Networks|Semiconductors?|"
    r"Software|Energy|Industries|Enterprises)$")
_GENERIC = {"United", "General", "Advanced", "American", "National", "International", "Global", "Digital", "First",
            "Applied", "Public", "Royal", "Standard", "Universal", "Western", "Eastern", "Southern", "Northern",
            "Central", "New", "Pacific", "Atlantic", "Open", "Scale Computing", "Safe", "Blue", "Red", "Green"}
_DANGLING = re.compile(r"\s(?:of|for|and|&|the|de|du|des|di)$", re.IGNORECASE)
_LEADING = re.compile(r"^(?:(?:the|a|an)\s+|(?:Mr|Ms|Mrs|Miss|Dr|Prof|Sir|Dame|Lord|Lady)\.?\s+)+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\s*['’]s?$")
_US = re.compile(r"\b(?:U\.S\.A?\.?|U\.S(?=\s|$)|United States(?: of America)?|USA)(?=\s|$|['’])")
_UK = re.compile(r"\b(?:U\.K\.?|United Kingdom|Britain)(?=\s|$|['’])")


@lru_cache(maxsize=65536)
def canonical(name: str) -> str:
    """'the U.S. government' -> 'US government'; 'Intel Corp.' -> 'Intel'; "Meta's" -> 'Meta';
    'Mistral AI' -> 'Mistral'; 'Samsung Electronics Co.' -> 'Samsung';
    "Saudi Arabia's Public Investment Fund" -> 'Public Investment Fund'; 'Toyota(TM.US' -> 'Toyota';
    'Paramount Class A' and 'MFE A' (a class of the company's shares) -> 'Paramount', 'MFE'."""
    text = re.sub(r"\s+", " ", name.replace("’", "'"))
    text = re.sub(r"\s*\([^)]*$", "", text)                      # a ticker cut off: "Toyota(TM.US"
    text = re.sub(r"\s*\([A-Z:.\s]{1,12}\)", "", text)            # a ticker: "Mastercard (MA)"
    text = re.sub(r"(?<=\w) [A-Z0-9]{1,6}[a-z]?\.[A-Z]{1,3}$", "", text)   # a wire's code after it: "KKR KKR.N", "Carlsberg CARLb.CO"
    text = re.sub(r"(?<=\w) (?:Share|Ordinary Share)$", "", text)    # a legal text's "per Deliveroo Share": the company's
    text = re.sub(r"(?<=\w) Class [A-Z](?:-\d)?$", "", text)       # a class of its shares: "Paramount Class A stockholders"
    text = re.sub(r"^([A-Z]{2,6}) [AB]$", r"\1", text)              # "0.4 MFE A shares": the company's (not "Sizewell C")
    owner = re.match(r"^[A-Z][^' ]*(?: [A-Z][^' ]*)+'s (?=\w)", text)   # "Elon Musk's xAI": the possessed name
    if owner and len(text) > owner.end() + 1:
        text = text[owner.end():]
    text = text.strip(" ,.;:\"'()[]")
    text = _LEADING.sub("", text)
    text = _POSSESSIVE.sub("", text)
    text = _US.sub("US", text)
    text = _UK.sub("UK", text)
    stripped = _SUFFIX.sub("", text).strip(" ,&") or text        # "JPMorgan Chase & Co." -> "JPMorgan Chase"
    tail = re.match(r"^(.+) ([A-Z]{1,5})$", stripped)
    if tail and re.search(".*".join(tail.group(2)), "".join(c for c in tail.group(1) if c.isupper())):
        stripped = tail.group(1)         # "Morgan Stanley MS": a ticker written after the name
    while True:
        shorter = _DESIGNATOR.sub("", stripped)
        if shorter == stripped or not shorter or shorter in _GENERIC or not shorter[:1].isupper() \
                or _DANGLING.search(shorter):         # "Department of Energy" is no "Department of"
            return stripped
        stripped = shorter


_QUANTIFIER = re.compile(r"^(?:some|many|several|most|a few|few|other|all)\s+")


def comparable(name: str | None) -> str:
    """The key two names are compared by: canonical, case- and punctuation-free ("Some
    investors" and "investors" are one group)."""
    if not name:
        return ""
    text = _QUANTIFIER.sub("", canonical(name).lower())
    text = re.sub(r"[^\w\s]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def one_company(told: str | None, named: str) -> bool:
    """Whether a name told first and one a later sentence uses are one company within a text:
    written alike, or the second the first's leading words ("Cadence Bank" ... "Cadence")."""
    if told is None:
        return False
    a, b = canonical(told).split(), canonical(named).split()
    return a == b or 0 < len(b) < len(a) and a[:len(b)] == b and b[0] not in _GENERIC
