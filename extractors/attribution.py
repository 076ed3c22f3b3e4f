"""Who the article says a claim comes from: "according to The Information",
"A recent CNBC report put ...", "Goldman's James Schneider told clients".

Returns the source's name (`attributed_to`), the person quoted if any (`speaker`), and the
mentions used as sources, which then cannot be a claim's subject.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from claimtrack.extractors.mention import Mention

ATTRIBUTION_VERSION = "attribution.v1"


@dataclass(frozen=True)
class Attribution:
    attributed_to: str | None = None
    speaker: str | None = None
    speaker_org: str | None = None      # "Goldman" in "Goldman's James Schneider"
    sources: frozenset[Mention] = field(default_factory=frozenset)


@cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = tomllib.loads(resources.files("claimtrack.extractors").joinpath("data").joinpath("attribution.toml").read_text("utf-8"))
    before = "|".join(re.escape(w) for w in sorted(data["before"], key=len, reverse=True))
    after = "|".join(re.escape(w) for w in sorted(data["after"], key=len, reverse=True))
    return (re.compile(rf"\b(?:{before})\s+(?:the\s+)?$", re.IGNORECASE),
            re.compile(rf"^(?:['’]s)?\s+(?:\w+\s+)?(?:{after})\b", re.IGNORECASE))


# "Lenovo reported results", "Oracle reports record quarterly revenue": a company telling its own
# figures is their party, not a source cited for them
_RESULTS = re.compile(r"\s+(?:\w+\s+)?report(?:s|ed)?\s+(?:its\s+|their\s+|a\s+|an\s+)?(?:record\s+|quarterly\s+|annual\s+"
                      r"|net\s+|first\S*\s+|second\S*\s+|third\S*\s+|fourth\S*\s+|full-year\s+|higher\s+|lower\s+)*"
                      r"(?:results|earnings|revenues?|sales|profits?|loss(?:es)?|income)\b", re.IGNORECASE)


# "$13.50 per Playa share": a price's unit, where "per Reuters" cites a source
_PRICE_UNIT = re.compile(r"(?:['’]s)?\s+(?:class\s+\w\s+|common\s+|ordinary\s+|preferred\s+)?"
                         r"(?:shares?|stock|units?|ads|adrs?)\b", re.IGNORECASE)


def _cue_before(text: str, m: Mention, before: re.Pattern[str]) -> bool:
    """Whether a source cue comes just before the mention ("according to PitchBook"), not a price's "per"."""
    if not before.search(text[max(0, m.start - 30):m.start]):
        return False
    return not (re.search(r"\bper\s+$", text[max(0, m.start - 6):m.start], re.IGNORECASE)
                and _PRICE_UNIT.match(text, m.end))


def cited(text: str, attribution: Attribution) -> frozenset[Mention]:
    """The sources a sentence cites for its facts ("according to PitchBook", "data from LSEG",
    an outlet): never a claim's party. Someone who "said" something may still be one ("Intel
    said it would invest")."""
    before, _ = _cues()
    return frozenset(m for m in attribution.sources
                     if m.kind == "outlet" or _cue_before(text, m, before))


def find_attribution(text: str, mentions: list[Mention]) -> Attribution:
    """The attribution in one sentence: `text` is the whole document, mentions are the sentence's."""
    before, after = _cues()
    sources: set[Mention] = set()
    attributed_to = speaker = speaker_org = None
    for i, m in enumerate(mentions):
        if m.kind not in ("outlet", "person", "org"):
            # a company can be a source only through its person ("Goldman's James Schneider told")
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if nxt and nxt.kind == "person" and re.fullmatch(r"\s*['’]s\s*", text[m.end:nxt.start]) \
                    and after.match(text[nxt.end:nxt.end + 40]):
                speaker_org = m.name
            continue
        if m.kind == "outlet":
            # an outlet named in a sentence is a source, never a party to the claim
            sources.add(m)
            attributed_to = attributed_to or m.name
        elif _cue_before(text, m, before) or \
                after.match(text[m.end:m.end + 40]) and not _RESULTS.match(text[m.end:m.end + 60]):
            sources.add(m)
            attributed_to = attributed_to or m.name
            if m.kind == "person":
                speaker = speaker or m.name
    return Attribution(attributed_to, speaker, speaker_org, frozenset(sources))
