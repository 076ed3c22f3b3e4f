"""Assemble claims from a parsed document: figures + claim types + parties + attribution.

For each figure that is not an earlier value or a conversion in parentheses, the parse says
what it sizes or completes (frames.py); the claim types' nouns and verbs say which type that
is (lexicon.py); the parse says who the parties are (roles.py, claim_parties.py), with
pronouns and descriptions resolved to the party they refer to (references.py); frame_claims.py
reads those claims of each sentence. Without a parse (the rule-only pipeline), and for types
that list only triggers (years, a user's own types), the trigger nearest the figure names the
type and the parties are the nearest named ones.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from claimtrack.extractors.attribution import Attribution, cited, find_attribution
from claimtrack.extractors.bidders import bidders
from claimtrack.extractors.choice import fits
from claimtrack.extractors.claim import Claim
from claimtrack.extractors.claim_context import DONE, PENDING, Context, object_of
from claimtrack.extractors.claim_words import DEAL_NOUNS, ROUND_NOUNS
from claimtrack.extractors.config import ClaimType, ExtractorConfig
from claimtrack.extractors.conversions import restated_from
from claimtrack.extractors.estimates import compared_estimates
from claimtrack.extractors.figure_time import figure_times
from claimtrack.extractors.figures import Figure, claim_unit, previous_of
from claimtrack.extractors.frame_claims import frame_claims
from claimtrack.extractors.frames import figure_span, find_frame
from claimtrack.extractors.holding_told import DEALS, remember_told
from claimtrack.extractors.lexicon import Lexicon
from claimtrack.extractors.listed_figures import gapped_after, listed_after
from claimtrack.extractors.mention import Mention
from claimtrack.extractors.modality import held_ahead, status_of
from claimtrack.extractors.not_claims import not_a_fact, optional
from claimtrack.extractors.open_claims import read_open
from claimtrack.extractors.open_lists import respectively
from claimtrack.extractors.references import References
from claimtrack.extractors.risk import find_warnings
from claimtrack.extractors.taken_on import taken_on
from claimtrack.extractors.text import doc_text

# v2: types and parties from the parse; references; conversions; v3: each figure's time and status
_PARTY_KINDS = ("company", "product", "org", "government")
AFTER_PENALTY = 3        # a trigger after the figure counts as this many times further away


@lru_cache(maxsize=8)
def _lexicon(types: tuple[ClaimType, ...]) -> Lexicon:
    return Lexicon(types)


def _cued(ct: ClaimType, text: str, fig: Figure) -> bool:
    return ct.cues is None or bool(ct.cues.search(text[max(0, fig.start - 40):fig.start]))


def _choose_by_trigger(types: tuple[ClaimType, ...], sent: str, sent_start: int, text: str,
                       fig: Figure) -> tuple[ClaimType, int] | None:
    """The fitting type whose trigger is nearest the figure; returns it and the trigger offset."""
    best: tuple[int, int, ClaimType, int] | None = None
    for order, ct in enumerate(types):
        if not ct.triggers or not fits(ct, fig) or not _cued(ct, text, fig):
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


def _nearest_subject(text: str, trigger_at: int, parties: list[Mention]) -> Mention | None:
    for m in parties:        # the possessor: "OpenAI's valuation", "Microsoft's IP rights"
        if m.end <= trigger_at and re.fullmatch(r"['’]s\s+(?:\S+\s+){0,3}", text[m.end:trigger_at]):
            return m
    before = [m for m in parties if m.start < trigger_at]
    return before[0] if before else None


def _dependency_subject(doc: Doc, at: int, parties: list[Mention]) -> Mention | None:
    """For trigger-named types: the grammatical subject above the trigger, when parsed."""
    if not doc.has_annotation("DEP") or not parties:
        return None
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None:
        return None
    token, seen = span[0], 0
    while seen < 8:
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                lo, hi = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
                inside = [m for m in parties if lo <= m.start and m.end <= hi]
                if inside:
                    return inside[0]
        if token.head.i == token.i:
            break
        token, seen = token.head, seen + 1
    return None


def _sentence_bounds(sent: Span) -> tuple[int, int, str]:
    raw = doc_text(sent.doc)[sent.start_char:sent.end_char]      # as published (extractors/typography.py)
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    return sent.start_char + lead, sent.start_char + lead + len(text), text


def _open_claims(doc: Doc, figs: list[Figure], current: list[Figure], claimed: set[int], refs: References,
                 config: ExtractorConfig, text: str, attr: Attribution, sentence: str, start: int, end: int,
                 ctx: Context, unowned: dict[int, str | None] | None = None) -> tuple[list[Claim], dict[int, tuple[float, str]]]:
    """The open claims of one sentence (open_claims.py), of its current figures no type took,
    and the changes it states beside a level (by the level figure's id); a figure in `unowned`
    (a type matched it, the typed reading found no party) stays open, named by that type's
    metric where the type names no other party."""
    levels = [f for f in current if f.kind != "year"]
    sent = doc.char_span(start, end, alignment_mode="expand")
    free = [f for f in levels if id(f) not in claimed]
    opened, changes = read_open(doc, free, levels, refs, config, text, sent)
    opened = respectively(sent, opened, free, refs, text)       # "A and B have $5bn and $2bn, respectively"
    if not opened:
        return [], changes
    sized = [f for f in figs if f.kind != "year"]
    taken = claimed | {id(o.figure) for o in opened}
    owned = figure_times(doc, [(f.start, f.end, f.previous, id(f) in taken) for f in sized], start, end, text)
    times = {id(sized[i]): t for i, t in owned.items()}
    # a measure the open reading names as a type of no other party ("values Anthropic at $183bn"
    # where the parse read "values" as a noun) is that type's claim
    own_types = {t.metric for t in config.claim_types if t.object == "none"}
    out = []
    for o in opened:
        fig = o.figure
        if unowned and unowned.get(id(fig)) == "share_price" and o.subject in bidders(figure_span(doc, fig.start, fig.end), refs):
            continue        # a price a bidder offers, left with no party: never its own shares' ("PPF's offer of 7 euros")
        if unowned and unowned.get(id(fig)) and o.moved is None:
            o = replace(o, metric=unowned[id(fig)])
        elif o.moved is None and (echoed := ctx.sized_nouns.get((o.metric, o.subject))):
            o = replace(o, metric=echoed)       # "a new $40 billion buyback program ... the current $30 billion program"
        if o.metric == "profit" and (at := figure_span(doc, fig.start, fig.end)) is not None and taken_on("profit", None, None, at.root, bool):
            continue        # "assume up to $5.4 billion in losses", read open: a deal's burden, not a result
        if o.metric == "funding_round" and not _a_fact(doc, fig):
            o = replace(o, metric="funds_raised")   # a total raised to date has the total's key, not a round's
        in_unit = claim_unit(fig)
        if in_unit is None:
            continue
        per, unit = in_unit                                        # pence and cents in their main unit
        value = (fig.value if o.moved is None else o.moved) / per      # "shares fell 6%": -6
        prev = previous_of(fig, figs, text)
        when, prev_when = times.get(id(fig)), times.get(id(prev)) if prev is not None else None
        out.append(Claim(o.subject, None, o.metric, value, unit, prev.value / per if prev else None,
                         fig.qualifier, None, None, attr.attributed_to, attr.speaker, sentence, start, end,
                         status=_deal_status(doc, fig, status_of(doc, fig.start, fig.end, o.metric, False), ctx,
                                             sentence),
                         when=when.text if when else None, previous_when=prev_when.text if prev_when else None,
                         kind="typed" if o.metric in own_types and _a_fact(doc, fig) and id(fig) not in (unowned or {})
                         else "open",        # (a figure the typed reading gave no party stays open)
                         low=fig.low / per if fig.low is not None else None,
                         high=fig.high / per if fig.high is not None else None,
                         change=o.change, change_unit=o.change_unit))
    return out, changes


def _sized_noun(doc: Doc, fig: Figure) -> str | None:
    """The lemma of the noun a figure sizes as its modifier ("a $40 billion stock-buyback
    program": program), else None."""
    span = figure_span(doc, fig.start, fig.end)
    if span is None or span.root.dep_ not in ("nummod", "compound", "amod", "quantmod", "nmod"):
        return None
    head = span.root.head
    return head.lemma_.lower() if head.pos_ == "NOUN" and head.i >= span.end else None


def _a_fact(doc: Doc, fig: Figure) -> bool:
    """What the typed reading would not reject either: no counterfactual ("a deal that would have
    valued"), no option's figure."""
    span = figure_span(doc, fig.start, fig.end)
    return span is not None and not not_a_fact(span) and not optional(span.root)


def _earlier_values_of_their_own(doc: Doc, figs: list[Figure], found: list, refs: References, lexicon: Lexicon,
                                 text: str, ctx: Context, parties: list[Mention]) -> list:
    """Earlier values that name their own quantity and are no earlier value of a claim the
    sentence states: in "a market value of $17 billion, down from the $45.6 billion valuation
    achieved in 2021" the valuation is a claim of its own (dated 2021), not the market value's
    previous value."""
    metrics = {ct.metric for _, ct, *_ in found}
    out = []
    for fig in figs:
        if not fig.previous or fig.kind not in ("money", "percent"):
            continue
        span = figure_span(doc, fig.start, fig.end)
        if span is None or find_frame(span).how != "noun":
            continue
        own = frame_claims(doc, [fig], refs, lexicon, text, ctx, parties)
        out += [c for c in own if c[1].metric not in metrics]
    return out


def _told_by_the_deal(doc: Doc, fig: Figure) -> Token | None:
    """The verb of a figure's clause when its subject is "the deal", "this round" or a bare
    "This" (one told before): "This round will raise Mistral AI's valuation to ...", "... in
    Anthropic's next funding round. This values Anthropic at around $350 billion"; else None."""
    span = figure_span(doc, fig.start, fig.end)
    if span is None:
        return None
    verb = next((t for t in span.root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    told = subj is not None and (subj.lemma_.lower() in DEAL_NOUNS | ROUND_NOUNS and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subj.children)
        or subj.lower_ in ("this", "that") and subj.tag_ == "DT" and not list(subj.children))
    return verb if told else None


# "This values Anthropic at ...", which the parser may read as a noun phrase ("This values")
_THIS_VALUES = re.compile(r"\s*(?:This|That)\s+(?:values|valued|puts|put|lifts|lifted|raises|raised|pushes|pushed)\b")


# a takeover told in the sentence: the price per share it offers is its term, not a forecast
_TAKEOVER_WORDS = re.compile(r"\b(?:acquir\w*|buy\w*|pa(?:y|ys|id|ying)|takeover|buyout|merger|deal|offer\w*|bid)\b", re.IGNORECASE)


def _deal_status(doc: Doc, fig: Figure, status: str, ctx: Context, sentence: str, metric: str = "") -> str:
    """A reported figure told by "the deal", "this round" or "This" is the round's plan when
    the round is underway or its verb is future: "This round will raise Mistral AI's valuation
    to around $11.7 billion", "is leading a round ... The deal values Tenstorrent at $2
    billion" (a deal agreed, "The deal puts OpenAI's valuation at $300 billion", states the
    valuation it sets)."""
    if status == "forecast" and metric == "share_price" and _TAKEOVER_WORDS.search(sentence):
        return "planned"        # "would acquire all Chart shares for $120 per share in cash"
    if status != "reported":
        return status
    pending = (ctx.deal_pending or bool(PENDING.search(sentence))) and not DONE.search(sentence)
    if pending and held_ahead(doc, fig.start, fig.end):
        return "planned"        # a pending deal's terms: "Upon closing, Akzo shareholders will own 55%"
    deal_verb = _told_by_the_deal(doc, fig)
    if deal_verb is not None and (ctx.deal_underway or any(
            c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll") for c in deal_verb.children) or
            pending and ctx.deal_metric != "funding_round" and
            not any(c.dep_ == "nsubj" and c.lemma_.lower() in ROUND_NOUNS for c in deal_verb.children)):
        return "planned"        # (a deal still pending: "agreed to buy X for $5bn. The transaction values X at")
    return "planned" if ctx.deal_underway and _THIS_VALUES.match(sentence) else status


def _told_typed(claim: Claim, claims: list[Claim]) -> bool:
    """Whether a typed claim of the text has the open claim's party and value: a
    headline's "Azure pledge: $250 billion" after the body's purchase commitment adds nothing."""
    return any(c.kind == "typed" and c.subject == claim.subject and c.unit == claim.unit and c.value is not None
               and abs(c.value - claim.value) <= abs(claim.value) * 0.005 for c in claims)


def extract_claims(doc: Doc, figures: list[Figure], mentions: list[Mention],
                   config: ExtractorConfig) -> list[Claim]:
    """Every claim in `doc`, in order of the sentences that state them."""
    text = doc_text(doc)
    claims: list[Claim] = []
    ctx = Context()
    parsed = doc.has_annotation("DEP")
    refs = References(doc, mentions)
    lexicon = _lexicon(config.claim_types)
    counting = any(t.unit == "count" for t in config.claim_types)     # a type of counted things takes counts
    sentences = []
    risk_state: dict = {}
    for sent in doc.sents:
        start, end, sentence = _sentence_bounds(sent)
        ments = [m for m in mentions if start <= m.start and m.end <= end]
        attr = find_attribution(text, ments)
        refs.sources.update(id(m) for m in cited(text, attr))
        sentences.append((sent, start, end, sentence, ments, attr))
    for sent, start, end, sentence, ments, attr in sentences:
        if not sentence:
            continue
        if attr.attributed_to is None and ctx.quote is not None:
            attr = ctx.quote
        # a source cited for the facts is no party; one that says them may be ("Nexa said the
        # Pentagon will invest $400 million": in Nexa)
        parties = [m for m in ments if m.kind in _PARTY_KINDS and id(m) not in refs.sources]
        figs = [f for f in figures if start <= f.start and f.end <= end]
        current = [f for f in figs if not f.previous and restated_from(text, f, figs) is None]
        new: list[Claim] = []

        found: list[tuple[Figure, ClaimType, str | None, str | None, int, int]] = []
        if parsed:
            found = frame_claims(doc, [f for f in current if f.kind != "year" and (f.kind != "count" or counting)],
                                 refs, lexicon, text, ctx, parties)
        earlier = _earlier_values_of_their_own(doc, figs, found, refs, lexicon, text, ctx, parties) if parsed else []
        found += earlier
        own_claims = {id(f) for f, *_ in earlier}        # earlier values that are claims: dated as any claim
        done = {id(f) for f, *_ in found}
        for fig in current:
            if id(fig) in done or (parsed and fig.kind != "year") or fig.kind == "count":
                continue
            chosen = _choose_by_trigger(config.claim_types, sentence, start, text, fig)
            if not chosen:
                continue
            ct, trigger_at = chosen
            subj = (_nearest_subject(text, trigger_at, parties) if not parsed else None) or \
                _dependency_subject(doc, trigger_at, parties) or _nearest_subject(text, trigger_at, parties)
            subject = subj.name if subj else None
            obj = None
            if subject is None:
                subject, obj = ctx.referent(ct.metric)
                obj = obj if ct.object == "entity" else None
            elif ct.object == "entity":
                obj = object_of(parties, subject, trigger_at, ctx, ct.metric)
            found.append((fig, ct, subject, obj, trigger_at, 1))
        if parsed and (listed := listed_after(doc, found, current, ments) + gapped_after(doc, found, current, refs)):
            # "$600 million in ..., $800 million in ..."; "A will own 55% and B 45%"
            filled = {id(f[0]) for f in listed}
            found = [f for f in found if id(f[0]) not in filled] + listed
        estimated = compared_estimates(doc, found, current) if parsed else []   # "beating Wall Street's $2.46 billion estimate"
        found += estimated
        found.sort(key=lambda f: f[0].start)
        claimed = {id(f) for f, *_ in found}
        sized = [f for f in figs if f.kind != "year" and (f.kind != "count" or id(f) in claimed)]
        owned = figure_times(doc, [(f.start, f.end, f.previous and id(f) not in own_claims, id(f) in claimed)
                                   for f in sized], start, end, text)
        times = {id(sized[i]): t for i, t in owned.items()}

        typed_figs: list[Figure] = []
        for fig, ct, subject, obj, _, sign in found:
            if subject is None:
                continue
            in_unit = claim_unit(fig)
            if in_unit is None:
                continue
            per, unit = in_unit
            value = fig.value / per
            value = -abs(value) if sign < 0 else value
            # an earlier value of its own is no one's previous
            prev = previous_of(fig, figs, text, frozenset(own_claims))
            when = times.get(id(fig))
            prev_when = times.get(id(prev)) if prev is not None else None
            status = "forecast" if any(e[0] is fig for e in estimated) else "reported" if ct.projection else \
                _deal_status(doc, fig, status_of(doc, fig.start, fig.end, ct.metric, ct.kind == "event"), ctx, sentence,
                             ct.metric)
            previous = None if prev is None else -abs(prev.value / per) if sign < 0 else prev.value / per   # a loss's
            new.append(Claim(subject, obj, ct.metric, value, unit, previous,
                             fig.qualifier, None, None, attr.attributed_to, attr.speaker,
                             sentence, start, end,
                             status=status,
                             when=when.text if when else None, previous_when=prev_when.text if prev_when else None,
                             low=fig.low / per if fig.low is not None else None,
                             high=fig.high / per if fig.high is not None else None))
            typed_figs.append(fig)
            if parsed and (noun := _sized_noun(doc, fig)) is not None:
                ctx.sized_nouns[(noun, subject)] = ct.metric

        if parsed and config.open_enabled:
            # a figure a type matched but found no one for is read open, and keeps the type's name
            told = {id(f) for f, _, subject, *_ in found if subject is not None}
            unowned = {id(f): ct.metric if ct.object == "none" else None for f, ct, subject, *_ in found if subject is None}
            opened, changes = _open_claims(doc, figs, current, told, refs, config, text, attr, sentence, start, end,
                                            ctx, unowned)
            for i, fig in enumerate(typed_figs):          # "revenue was $95.4 billion, up 5%"
                if id(fig) in changes:
                    new[i] = replace(new[i], change=changes[id(fig)][0], change_unit=changes[id(fig)][1])
            new.extend(opened)
        new.extend(find_warnings(sent, start, end, sentence, ments, attr, refs, config, risk_state))

        claims.extend(new)
        if parsed:
            remember_told(ctx, sent, refs, new)
        for c in new:
            if c.value is not None and c.subject and c.kind == "typed":
                ctx.remember(c)
        ctx.note_deals(sentence, new, DEALS)
        ctx.named.update(m.name for m in parties if m.kind in ("company", "org"))
        ctx.recent = (*ctx.recent, *[m.party for m in parties if m.kind != "product"])[-6:]
        # a quotation opened after "X told clients," carries X to the sentences inside it
        balance = sentence.count("“") - sentence.count("”")
        if attr.attributed_to and balance > 0:
            ctx.quote = attr
        elif balance < 0:
            ctx.quote = None
    return [c for c in claims if c.kind == "typed" or not _told_typed(c, claims)]
