"""Risk warnings: a sentence that names a risk topic (AI bubble, overcapacity, growth peak)
and warns of it or dismisses it, with who does so ("Microsoft executives", "Oracle CEO")."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.config import ExtractorConfig
from extractors.mentions import Mention

RISK_VERSION = "risk.v1"
_ROLE = re.compile(r"^\s+(co-CEO|CEO|CFO|CTO|COO|co-founder|chief executive|chief financial officer|executives?|analysts?|officials?|"
                   r"founder|co-founder|chair(?:man|woman)?|president|strategists?|economists?|insiders?|"
                   r"management|boss|leaders?|bosses)\b", re.IGNORECASE)
_ACRONYM_ROLES = {"ceo": "CEO", "cfo": "CFO", "cto": "CTO", "coo": "COO", "co-ceo": "co-CEO"}


@dataclass(frozen=True)
class RiskFinding:
    topic: str
    stance: str            # warns | dismisses
    at: int                # where the topic is named (document offset)


def find_risks(sentence: str, offset: int, config: ExtractorConfig) -> list[RiskFinding]:
    """Each topic named in the sentence, with its stance; a topic with neither cue is skipped."""
    out = []
    for topic in config.risk_topics:
        m = next((m for p in topic.patterns if (m := p.search(sentence))), None)
        if not m:
            continue
        if any(p.search(sentence) for p in config.dismiss):
            stance = "dismisses"
        elif any(p.search(sentence) for p in config.warn):
            stance = "warns"
        else:
            continue
        out.append(RiskFinding(topic.topic, stance, offset + m.start()))
    return out


def speaker_phrase(text: str, mention: Mention, mentions: list[Mention]) -> str:
    """'Microsoft executives', 'Oracle CEO', or the person named right after the role or the
    possessive ("Oracle co-CEO Clay Magouyrk", "Nvidia's Jensen Huang")."""
    person = next((p for p in mentions if p.kind == "person" and p.start > mention.end
                   and re.fullmatch(r"\s*['’]s\s*", text[mention.end:p.start])), None)
    if person:
        return person.name
    m = _ROLE.match(text[mention.end:mention.end + 40])
    if not m:
        return mention.name
    after = mention.end + m.end()
    person = next((p for p in mentions if p.kind == "person" and 0 <= p.start - after <= 2), None)
    if person:
        return person.name
    role = m.group(1)
    role = _ACRONYM_ROLES.get(role.lower(), role.lower())
    return f"{mention.name} {role}"
