"""Assemble claims from a parsed document: figures + claim types + mentions + attribution.

For each sentence, each figure that is not an earlier value is matched to the claim type
whose trigger stands nearest to it (ties: config order), then given a subject (the
possessor of the trigger, the grammatical subject, the first party named, or the parties
of the sentence before for "This stake ..."), an object, its previous value and qualifier.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from extractors.attribution import Attribution, find_attribution
from extractors.config import ClaimType, ExtractorConfig
from extractors.figures import Figure
from extractors.mentions import Mention
from extractors.risk import find_risks, speaker_phrase

CLAIMS_VERSION = "claims.v1"
_PARTY_KINDS = ("company", "product", "org")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
AFTER_PENALTY = 3        # a trigger after the figure counts as this many times further away


@dataclass
class Claim:
    subject: str | None
    object: str | None
    metric: str
    value: float | None
    unit: str | None
    previous_value: float | None
    qualifier: str | None
    topic: str | None
    stance: str | None
    attributed_to: str | None
    speaker: str | None
    sentence: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Context:
    """What earlier sentences leave for later ones: the last claim's parties, the companies
    named so far, and an open quotation with its attribution."""
    subject: str | None = None
    object: str | None = None
    recent: tuple[str, ...] = ()
    named: Counter = field(default_factory=Counter)
    quote: Attribution | None = None

    def referent(self) -> tuple[str | None, str | None]:
        """Who "This stake", "the company" refer to: the last claim's parties, else the
        company named most so far."""
        if self.subject:
            return self.subject, self.object
        top = self.named.most_common(1)
        return (top[0][0] if top else None), None


def _fits(ct: ClaimType, fig: Figure) -> bool:
    if ct.unit == "currency":
        return fig.kind == "money"
    if ct.unit == "percent":
        return fig.kind == "percent"
    return fig.kind == "year"


def _cued(ct: ClaimType, text: str, fig: Figure) -> bool:
    return ct.cues is None or bool(ct.cues.search(text[max(0, fig.start - 40):fig.start]))


def _choose_type(types: tuple[ClaimType, ...], sent: str, sent_start: int, text: str,
                 fig: Figure) -> tuple[ClaimType, int] | None:
    """The fitting type whose trigger is nearest the figure; returns it and the trigger offset."""
    best: tuple[int, int, ClaimType, int] | None = None
    for order, ct in enumerate(types):
        if not _fits(ct, fig) or not _cued(ct, text, fig):
            continue
        if any(r.search(sent) for r in ct.reject):
            continue
        for pattern in ct.triggers:
            for m in pattern.finditer(sent):
                s, e = sent_start + m.start(), sent_start + m.end()
                if s <= fig.start < e:
                    distance = 0
                elif e <= fig.start:
                    distance = fig.start - e
                else:
                    distance = (s - fig.end) * AFTER_PENALTY
                if best is None or (distance, order) < (best[0], best[1]):
                    best = (distance, order, ct, s)
    return (best[2], best[3]) if best else None


def _dependency_subject(doc: Doc, at: int, parties: list[Mention]) -> Mention | None:
    if not doc.has_annotation("DEP") or not parties:
        return None
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None:
        return None
    token = span[0]
    seen = 0
    while seen < 8:
        for child in token.children:
            if child.dep_ in _SUBJECT_DEPS:
                lo, hi = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
                inside = [m for m in parties if lo <= m.start and m.end <= hi]
                if inside:
                    return inside[0]
        if token.head is token:
            break
        token, seen = token.head, seen + 1
    return None


def _subject(doc: Doc, trigger_at: int, parties: list[Mention]) -> Mention | None:
    text = doc.text
    for m in parties:        # the possessor: "OpenAI's valuation", "Microsoft's IP rights"
        if m.end <= trigger_at and re.fullmatch(r"['’]s\s+(?:\S+\s+){0,3}", text[m.end:trigger_at]):
            return m
    found = _dependency_subject(doc, trigger_at, parties)
    if found:
        return found
    before = [m for m in parties if m.start < trigger_at]
    return before[0] if before else None


def _object(parties: list[Mention], subject: str | None, trigger_at: int, ctx: _Context) -> str | None:
    others = [m for m in parties if m.party != subject]
    if others:
        after = [m for m in others if m.start >= trigger_at]
        return (after or others)[0].party
    if ctx.object and ctx.subject == subject:
        return ctx.object
    return next((name for name in reversed(ctx.recent) if name != subject), None)


def _grammatical_subject(sent: Span) -> str | None:
    """The subject phrase of the sentence's main verb ("Some investors"), when parsed."""
    if not sent.doc.has_annotation("DEP"):
        return None
    for child in sent.root.children:
        if child.dep_ in _SUBJECT_DEPS and child.pos_ in ("NOUN", "PROPN"):
            phrase = sent.doc[child.left_edge.i:child.i + 1].text
            return phrase if len(phrase.split()) <= 5 else None
    return None


def _sentence_bounds(sent: Span) -> tuple[int, int, str]:
    raw = sent.text
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    return sent.start_char + lead, sent.start_char + lead + len(text), text


def extract_claims(doc: Doc, figures: list[Figure], mentions: list[Mention],
                   config: ExtractorConfig) -> list[Claim]:
    """Every claim in `doc`, in order of the sentences that state them."""
    text = doc.text
    claims: list[Claim] = []
    ctx = _Context()
    for sent in doc.sents:
        start, end, sentence = _sentence_bounds(sent)
        if not sentence:
            continue
        ments = [m for m in mentions if start <= m.start and m.end <= end]
        attr = find_attribution(text, ments)
        if attr.attributed_to is None and ctx.quote is not None:
            attr = ctx.quote
        parties = [m for m in ments if m.kind in _PARTY_KINDS and m not in attr.sources]
        figs = [f for f in figures if start <= f.start and f.end <= end]
        new: list[Claim] = []

        for fig in figs:
            if fig.previous:
                continue
            chosen = _choose_type(config.claim_types, sentence, start, text, fig)
            if not chosen:
                continue
            ct, trigger_at = chosen
            subj = _subject(doc, trigger_at, parties)
            subject = subj.name if subj else None
            obj = None
            if subject is None:
                subject, obj = ctx.referent()
                obj = obj if ct.object == "entity" else None
            elif ct.object == "entity":
                obj = _object(parties, subject, trigger_at, ctx)
            prev = next((p for p in figs if p.previous and p.kind == fig.kind and p.start > fig.start), None)
            unit = fig.unit if fig.kind != "year" else "year"
            new.append(Claim(subject, obj, ct.metric, fig.value, unit, prev.value if prev else None,
                             fig.qualifier, None, None, attr.attributed_to, attr.speaker,
                             sentence, start, end))

        for risk in find_risks(sentence, start, config):
            candidates = [m for m in ments if m not in attr.sources and m.kind != "outlet"]
            who = next((m for m in candidates if m.start < risk.at), candidates[0] if candidates else None)
            subject = who.name if who else None
            speaker = speaker_phrase(text, who, ments) if who else (attr.speaker or _grammatical_subject(sent))
            if subject is None and speaker is None:
                continue        # a headline naming a topic, with nobody warning of it
            obj = next((m.party for m in parties if who is None or m.party != who.party), None)
            new.append(Claim(subject, obj, "risk_warning", None, None, None, None, risk.topic, risk.stance,
                             attr.attributed_to, speaker, sentence, start, end))

        claims.extend(new)
        valued = [c for c in new if c.value is not None and c.subject]
        if valued:
            ctx.subject, ctx.object = valued[-1].subject, valued[-1].object
        ctx.named.update(m.name for m in parties if m.kind == "company")
        ctx.recent = (*ctx.recent, *[m.party for m in parties if m.kind != "product"])[-6:]
        # a quotation opened after "X told clients," carries X to the sentences inside it
        balance = sentence.count("“") - sentence.count("”")
        if attr.attributed_to and balance > 0:
            ctx.quote = attr
        elif balance < 0:
            ctx.quote = None
    return claims
