"""How a warning's speaker is written: the person named after a role or a possessive ("Oracle
co-CEO Clay Magouyrk", "Nvidia's Jensen Huang"), the organisation a person speaks for, and a
surname as the name given in full before."""
from __future__ import annotations

import re

from claimtrack.extractors.mention import Mention
from claimtrack.extractors.references import Party
from claimtrack.extractors.risk_described import org_of_person

_ROLE = re.compile(r"^\s+(co-CEO|CEO|CFO|CTO|COO|co-founder|chief executive(?: officer)?|chief financial officer|chief economist|"
                   r"chief investment officer|chief strategist|executives?|analysts?|officials?|founder|chair(?:man|woman)?|"
                   r"vice[- ]chair|president|vice president|governor|deputy governor|managing director|director|head|"
                   r"strategists?|economists?|insiders?|management|boss|leaders?|bosses|partner|portfolio manager)\b",
                   re.IGNORECASE)
_ACRONYM_ROLES = {"ceo": "CEO", "cfo": "CFO", "cto": "CTO", "coo": "COO", "co-ceo": "co-CEO"}

def speaker_phrase(text: str, mention: Mention, mentions: list[Mention]) -> str:
    """'Microsoft executives', 'Oracle CEO', or the person named right after the role or the
    possessive ("Oracle co-CEO Clay Magouyrk", "Nvidia's Jensen Huang") — for text with no parse."""
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


def speaker_and_subject(party: Party, ments: list[Mention], text: str) -> tuple[str, str]:
    """(speaker, subject) of a warning: a person speaks for their organisation when the text
    says which; an organisation or a group speaks for itself."""
    owner, _, person = party.name.rpartition("’s " if "’s " in party.name else "'s ")
    if owner and person[:1].isupper() and (party.mention is None or party.mention.kind == "person"
                                           or re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)+", person)):
        return person, owner                    # a name read with its possessor: "GMO's Jeremy Grantham"
    if party.mention is not None and party.mention.kind == "person":
        return party.name, org_of_person(party.mention, ments, text) or party.name
    if party.mention is not None and party.name != party.mention.name:
        return party.name, party.mention.name              # a group of an organisation
    if party.mention is not None:
        return speaker_phrase(text, party.mention, ments), party.name
    return party.name, party.name


def full_name(name: str, mentions: list[Mention]) -> str:
    """A surname as the person named in full in the text ("Grantham" after "GMO's Jeremy
    Grantham"), so that one person's views are one speaker's."""
    if " " in name:
        return name
    full = next((m.name for m in mentions if m.kind in ("person", "org") and m.name.endswith(f" {name}")
                 and m.name.split()[0][:1].isupper()), None)
    if full is None:
        return name
    owner, _, person = full.rpartition("’s " if "’s " in full else "'s ")
    return person if owner and person[:1].isupper() else full
