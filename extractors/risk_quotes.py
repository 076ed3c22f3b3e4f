"""Who speaks a quotation that runs over several sentences: the speaker named where it opens
("Chen said in an interview: “Everyone is piling into AI. Valuations make no sense. It's a
bubble.”", or in the sentence before it), or where it closes ("“... This is a bubble. It will
pop,” said Laura Chen"), for every sentence inside it.
"""
from __future__ import annotations

from spacy.tokens import Span

from claimtrack.extractors.config import ExtractorConfig
from claimtrack.extractors.references import Party, References
from claimtrack.extractors.risk_clauses import continues, quote_open
from claimtrack.extractors.risk_speakers import sentence_speaker

_REACH = 4      # sentences a quotation is followed through to find where it closes


def note_opening(sent: Span, before: Span | None, was_open: bool, now_open: bool, state: dict,
                 refs: References, config: ExtractorConfig) -> None:
    """Remember who speaks a quotation that opens in `sent` and goes on past it: the speaker
    the sentence names, or the one before it names when the quotation goes on with it."""
    if was_open:
        return          # a quotation already open keeps the speaker of its opening
    state.pop("quote_by", None)
    if now_open:
        by = sentence_speaker(sent, refs, config)
        if by is None and before is not None and continues(sent):
            by = sentence_speaker(before, refs, config)
        if by is not None:
            state["quote_by"] = by


def opening_speaker(was_open: bool, state: dict) -> Party | None:
    """The speaker of the quotation a sentence is inside, as named where it opened."""
    return state.get("quote_by") if was_open else None


def closing_speaker(sent: Span, now_open: bool, refs: References, config: ExtractorConfig) -> Party | None:
    """The speaker named in the sentence where a quotation open after `sent` closes."""
    doc, cur, opened = sent.doc, sent, now_open
    for _ in range(_REACH):
        if not opened or cur.end >= len(doc):
            return None
        cur = doc[cur.end].sent
        if "”" in cur.text or '"' in cur.text:
            opened = quote_open(cur.text, {"in_quote": True})
            if not opened:
                return sentence_speaker(cur, refs, config)
    return None
