"""Assemble claims from a parsed document: figures + claim types + parties + attribution.

For each figure that is not an earlier value or a conversion in parentheses, the parse says
what it sizes or completes (frames.py); the claim types' nouns and verbs say which type that
is (lexicon.py); the parse says who the parties are (roles.py), with pronouns and
descriptions resolved to the party they refer to (references.py). Without a parse (the
rule-only pipeline), and for types that list only triggers (years, a user's own types), the
trigger nearest the figure names the type and the parties are the nearest named ones.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from extractors import roles
from extractors.attribution import Attribution, cited, find_attribution
from extractors.claim import Claim
from extractors.config import ClaimType, ExtractorConfig
from extractors.figure_time import figure_times
from extractors.figures import Figure, claim_unit
from extractors.frames import figure_span, find_frame, lemma
from extractors.lexicon import HOLDER_NOUNS, Choice, Lexicon, fits
from extractors.mention import Mention
from extractors.modality import status_of
from extractors.open_claims import read_open
from extractors.references import BACKING, Party, References
from extractors.risk import find_warnings
from extractors.text import doc_text

CLAIMS_VERSION = "claims.v4"      # v4: open claims (every other figure about a party)
# v2: types and parties from the parse; references; conversions; v3: each figure's time and status
_PARTY_KINDS = ("company", "product", "org", "government")
AFTER_PENALTY = 3        # a trigger after the figure counts as this many times further away
_COMPANY_METRICS = {"valuation", "market_cap", "funding_round", "revenue", "profit", "buyback", "debt_issue",
                    "share_price", "stake_value"}
_WEAK_INVESTING = {"pledge", "commit", "promise", "earmark", "allocate", "provide", "add", "spend"}
_LOSSES = {"loss", "losses", "deficit", "shortfall"}
_DEMONSTRATIVE = {"this", "that", "these", "those", "the", "such"}
_FAMILIES = {"stake_pct": "stake", "stake_value": "stake", "investment": "stake", "acquisition_price": "deal",
             "purchase_commitment": "deal", "debt_issue": "deal", "funding_round": "round", "valuation": "round"}


@dataclass
class _Context:
    """What earlier sentences leave for later ones: the last claim's parties (overall and per
    family: "This stake", "the deal"), the companies named so far, an open quotation."""
    subject: str | None = None
    object: str | None = None
    by_family: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    family_metric: dict[str, str] = field(default_factory=dict)    # "deal" -> acquisition_price
    recent: tuple[str, ...] = ()
    named: Counter = field(default_factory=Counter)
    quote: Attribution | None = None

    def referent(self, metric: str | None = None) -> tuple[str | None, str | None]:
        """Who "This stake", "the company" refer to: the last claim of the family, else the last
        claim's parties, else the company named most so far."""
        if metric and _FAMILIES.get(metric) in self.by_family:
            return self.by_family[_FAMILIES[metric]]
        if self.subject:
            return self.subject, self.object
        top = self.named.most_common(1)
        return (top[0][0] if top else None), None

    def remember(self, claim: Claim) -> None:
        self.subject, self.object = claim.subject, claim.object
        family = _FAMILIES.get(claim.metric)
        if family:
            self.by_family[family] = (claim.subject, claim.object)
            self.family_metric[family] = claim.metric


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
        if token.head is token:
            break
        token, seen = token.head, seen + 1
    return None


def _object_of(parties: list[Mention], subject: str | None, at: int, ctx: _Context) -> str | None:
    others = [m for m in parties if m.party != subject]
    if others:
        after = [m for m in others if m.start >= at]
        return (after or others)[0].party
    if ctx.object and ctx.subject == subject:
        return ctx.object
    return next((name for name in reversed(ctx.recent) if name != subject), None)


def _sentence_bounds(sent: Span) -> tuple[int, int, str]:
    raw = sent.text
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    return sent.start_char + lead, sent.start_char + lead + len(text), text


def _is_conversion(text: str, fig: Figure, figs: list[Figure]) -> bool:
    """'€1.7 billion ($2 billion)', '£5bn (about $6.7bn)': the same amount in another currency."""
    before = text[:fig.start]
    m = re.search(r"\(\s*(?:about|around|roughly|approximately|nearly|some|or|c\.|ca\.|~)?\s*$", before)
    if not m:
        return False
    return any(o.kind == fig.kind and o.end <= fig.start and text[o.end:m.start()].strip(" ,") == ""
               and o.unit != fig.unit for o in figs)


def _parties_of(choice: Choice, refs: References, frame_party: Party | None,
                target: str | None = None) -> tuple[Party | None, Party | None]:
    """Subject and object of a claim from its frame (see roles.py)."""
    ct, frame = choice.type, choice.frame
    noun, verb = choice.noun, choice.verb
    subject: Party | None = None
    obj: Party | None = None
    root = frame.figure.root
    if frame.how == "valued":
        if ct.metric in ("valuation", "market_cap"):
            if frame.anchor is not None:
                doer = roles.agent(verb, refs) if verb is not None and frame.anchor.dep_ in ("dobj",) else None
                subject = refs.party(frame.anchor, exclude=frozenset({doer.name}) if doer else frozenset())
            if subject is None and frame.anchor is None and verb is not None:
                subject = roles.patient(verb, refs)
                if subject is None and lemma(verb) in _HAVING:      # "Reddit has a market value of $5.4 billion"
                    subject = roles.agent(verb, refs)
                if subject is None:                                   # "giving the company a market value of $10 billion"
                    subject = roles.recipient(verb, refs)
            if subject is None and noun is not None:
                subject = roles.noun_agent(noun, refs)
        else:
            subject = roles.noun_agent(noun, refs)
            obj = roles.prep_party(noun, ("in", "of", "for", "with"), refs)
    elif noun is not None and lemma(noun) in HOLDER_NOUNS:
        # "ASML becomes Mistral's largest shareholder": the holder is who becomes it, the
        # possessor is the company held
        governing = next((t for t in noun.ancestors if t.pos_ in ("VERB", "AUX")), None)
        subject = roles.agent(governing, refs) if governing is not None else None
        obj = roles.owner(noun, refs)
    elif noun is not None:
        if ct.metric in ("valuation", "market_cap") and frame.how == "noun" and frame.prep != "of":
            subject = roles.owner(noun, refs) or roles.prep_party(noun, ("for", "of"), refs) or \
                roles.noun_agent(noun, refs)
        elif ct.metric == "acquisition_price" and frame.how in ("object", "prep") and verb is not None:
            subject = roles.agent(verb, refs)
            obj = refs.party(noun)
        elif ct.metric in ("funding_round", "revenue", "profit", "buyback", "debt_issue", "market_share"):
            # the company's own figure: whose it is ("a round *for* Crusoe", "the offering *by*
            # Amer Sports"), not who it came from ("a round from Nvidia") nor who led it
            subject = roles.owner(noun, refs) or (roles.owner(root, refs) if frame.how == "noun" else None)
            if subject is None:
                preps = ("for", "in", "into", "at", "by") if lemma(noun) in _ISSUE_NOUNS | _ISSUES else ("for", "in", "into", "at")
                subject = roles.prep_party(noun, preps, refs)
            if ct.metric == "debt_issue" and verb is not None and lemma(verb) in _LENDING and subject is None:
                # "JPMorgan has committed $20 billion of debt financing for the buyout": the
                # agent lends; the borrower is whom it is for
                obj = roles.agent(verb, refs)
                subject = roles.prep_party(verb, ("for", "to"), refs)
            elif subject is None and verb is not None and verb.lower_ in ("values", "valuing"):
                valued = next((t for t in verb.doc[verb.i + 1:verb.i + 5] if t.pos_ in ("PROPN", "NOUN", "PRON")), None)
                subject = refs.party(valued)        # "The $4.45 billion IPO values Lineage at": Lineage's IPO
            elif subject is None and verb is not None and lemma(verb) not in _BACKING_VERBS:
                subject = roles.agent(verb, refs)
        else:
            subject = roles.noun_agent(noun, refs) or (roles.owner(root, refs) if frame.how == "noun" else None)
        if obj is None:
            obj = roles.prep_party(noun, ("in", "into", "of", "for", "from", "with"), refs)
        if obj is None and ct.metric == "acquisition_price":
            governing = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if governing is not None and roles.is_passive(governing):      # "it would be taken private ... in a $55 billion deal"
                obj = roles.patient(governing, refs)
    elif verb is not None:
        if ct.subject == "patient":
            subject = roles.patient(verb, refs)
            if subject is None and lemma(verb) not in _VALUING:
                subject = roles.agent(verb, refs)       # "Thinking Machines is in talks to raise funds at $50 billion"
        elif ct.metric == "acquisition_price" and lemma(verb) == "sell":
            subject = roles.prep_party(verb, ("to",), refs)
            obj = roles.patient(verb, refs) or roles.agent(verb, refs)
        else:
            subject = roles.agent(verb, refs)
            if ct.metric in ("stake_pct",) and subject is None:
                subject = roles.recipient(verb, refs)
        if obj is None:
            obj = roles.prep_party(refs.doc[root.i], ("of", "in"), refs) or \
                roles.prep_party(verb, ("in", "into", "of", "for", "from", "to"), refs)
            if obj is None and ct.subject != "patient" and ct.metric not in ("funding_round",):
                obj = roles.patient(verb, refs)
    if ct.metric == "share_price":
        valued = refs.party(frame.anchor) if frame.how == "valued" and frame.anchor is not None and \
            lemma(frame.anchor) not in _ISSUE_NOUNS else None
        if valued is not None and valued.kind in ("company", "org", "description"):
            subject, obj = valued, None          # "valuing the bitcoin miner at $20.40 a share"
        else:
            subject, obj = _share_issuer(frame.figure, refs, noun, target), None
    if ct.metric == "purchase_commitment" and obj is None and noun is not None:
        seller = next((refs.mention_at(t) for t in noun.subtree if refs.mention_at(t) is not None
                       and refs.mention_at(t).kind == "product" and refs.mention_at(t).owner), None)
        obj = Party(seller.owner, seller) if seller is not None else None     # "$250 billion in Azure services"
    if frame_party is not None:
        subject = frame_party
    if obj is not None and subject is not None and obj.name == subject.name:
        obj = None
    return subject, obj


# verbs whose subject is an investor in someone else's figure: "Mubadala led a $1.4 billion round"
_BACKING_VERBS = BACKING | {"arrange", "provide", "contribute", "subscribe", "value"}
_LENDING = {"commit", "provide", "arrange", "extend", "offer", "lend", "underwrite", "supply", "give", "grant",
            "advance", "loan", "fund", "finance", "back", "lead", "syndicate", "structure"}
_ISSUES = {"issuance", "issue", "sale", "raise", "placement", "bond", "note", "notes", "debt", "loan"}
_BUYING_INTO = {"invest", "investment", "stake", "buy", "acquire", "purchase", "take", "inject", "pour"}
_ISSUE_NOUNS = {"share", "stock", "ipo", "offering", "listing", "debut", "float", "unit", "security"}


_VALUING = {"value", "peg", "put", "set", "price", "mark", "assess", "appraise"}     # whose object is what is valued
_HAVING = {"have", "carry", "command", "boast", "enjoy", "reach", "hit", "achieve", "attain", "top", "surpass",
           "exceed", "cross", "retain", "maintain", "keep", "regain", "notch"}
_BIDDING = {"pay", "offer", "bid", "buy", "acquire", "purchase", "value", "price"}


def _share_issuer(figure: Span, refs: References, anchor: Token | None = None,
                  target: str | None = None) -> Party | None:
    """Whose shares a price is of: the owner of the price noun ("Juniper's closing price"), the
    company a share noun of the sentence names ("Intel shares", "shares of DigitalBridge",
    "shares in the chipmaker", "its IPO"), what is paid for ("pay $40 a share for Juniper"),
    the target of the takeover spoken of before (`target`), else the company the text has
    named most so far (an IPO story's issuer)."""
    inside = range(figure.start, figure.end + 2)       # "$40 a share": the figure's own share noun
    if anchor is not None and anchor.pos_ in ("NOUN", "PROPN"):
        found = roles.owner(anchor, refs) or roles.prep_party(anchor, ("of", "for"), refs)
        if found is None:
            name = next((c for c in anchor.children if c.dep_ in ("compound", "nmod") and refs.mention_at(c) is not None), None)
            found = refs.party(name) if name is not None else None
        if found is not None and found.kind in ("company", "org", "product", "description"):
            return found
    for t in figure.sent:
        if lemma(t) not in _ISSUE_NOUNS or t.i in inside:
            continue
        for c in t.children:
            if c.dep_ in ("compound", "nmod") and refs.mention_at(c) is not None:
                found = refs.party(c)
                if found is not None and found.kind in ("company", "org", "product"):
                    return found
        found = roles.owner(t, refs) or roles.prep_party(t, ("of", "in"), refs)
        if found is not None and found.kind in ("company", "org", "product", "description"):
            return found
    for t in figure.sent:       # "Nvidia will invest $5 billion in Intel, buying shares at $23.28"; "pay $40 a share for Juniper"
        verb = next((a for a in t.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if t.lower_ == "for" and t.dep_ == "prep" and verb is not None and lemma(verb) in _BIDDING:
            obj = next((g for g in t.children if g.dep_ == "pobj"), None)
            found = refs.party(obj) if obj is not None else None
            if found is not None and found.kind in ("company", "org"):
                return found
        if t.lower_ in ("in", "into") and t.dep_ == "prep" and lemma(t.head) in _BUYING_INTO:
            obj = next((g for g in t.children if g.dep_ == "pobj"), None)
            found = refs.party(obj) if obj is not None else None
            if found is not None and found.kind in ("company", "org", "product"):
                return found
    if target is not None and any(lemma(t) in _BIDDING | {"deal", "premium", "takeover", "bid"} for t in figure.sent):
        return Party(target)    # "IBM was looking to offer $35 per share" after its bid for HashiCorp
    named = Counter(m.name for m in refs.mentions if m.end <= figure.start_char and m.kind in ("company", "org")
                    and id(m) not in refs.sources)
    if not named:
        return None
    top = max(named.values())
    first = next(m for m in refs.mentions if named.get(m.name) == top)
    return Party(first.name, first)


def _definite(token: Token | None) -> bool:
    return token is not None and any(c.dep_ in ("det", "poss") and c.lower_ in _DEMONSTRATIVE for c in token.children)


def _frame_claims(doc: Doc, sent_figs: list[Figure], refs: References, lexicon: Lexicon, text: str,
                  ctx: _Context, parties: list[Mention]) -> list[tuple[Figure, ClaimType, str | None, str | None, int, int]]:
    """(figure, type, subject, object, where, sign) for the figures of one sentence the parse
    reads; the sign is -1 for a loss given as a profit figure."""
    out: list[tuple[Figure, ClaimType, str | None, str | None, int, int]] = []
    last: tuple[ClaimType, Token | None] | None = None

    def is_party(token: Token) -> bool:
        return token.pos_ in ("PROPN", "PRON", "NOUN") and refs.party(token) is not None

    for fig in sent_figs:
        span = figure_span(doc, fig.start, fig.end)
        if span is None:
            continue
        frame = find_frame(span)
        frame_party = None
        choices: list[Choice] = []
        if frame.how == "gapped":
            frame_party = refs.party(frame.anchor)
            if frame_party is not None and last is not None and fits(last[0], fig):
                choices = [Choice(last[0], frame, None, last[1])]
        else:
            choices = lexicon.choose(frame, fig, is_party)
        for choice in choices:
            ct = choice.type
            if ct.metric == "?deal":                     # "the $32 billion deal": the deal spoken of last
                kind = ctx.family_metric.get("deal") or choice.fallback
                ct = lexicon.metric(kind, fig) if kind else None
                if ct is None:
                    continue
                choice = Choice(ct, choice.frame, choice.noun, choice.verb, choice.subject)
            if ct.metric == "investment" and choice.noun is None and _backers(choice.verb):
                # "Investors poured $2 billion into Safe Superintelligence": a round of the company
                raised = roles.prep_party(choice.verb, ("into", "in"), refs)
                round_type = lexicon.metric("funding_round", fig)
                if raised is not None and round_type is not None:
                    out.append((fig, round_type, raised.name, None, fig.start, 1))
                    last = (round_type, choice.verb)
                    continue
            if choice.subject is not None:
                subject, obj = refs.party(choice.subject), None
                if ct.metric == "debt_issue" and choice.verb is not None:
                    obj = roles.agent(choice.verb, refs)       # the lender
                if ct.metric == "investment":
                    owner = roles.owner(choice.noun, refs) or roles.agent(choice.verb, refs)
                    obj = owner if owner is not None and subject is not None and owner.name != subject.name else None
            else:
                target = ctx.by_family["deal"][1] if ctx.family_metric.get("deal") == "acquisition_price" else None
                subject, obj = _parties_of(choice, refs, frame_party, target)
            if subject is None and (_definite(choice.noun) or choice.noun is not None and choice.noun.pos_ == "PRON"
                                    or not parties and ct.metric in _COMPANY_METRICS):
                # "This stake is now valued at ...", "The sale was priced at a valuation of ...":
                # the party of the claim before, when the sentence names none
                subject_name, object_name = ctx.referent(ct.metric)
            else:
                subject_name = subject.name if subject else None
                object_name = obj.name if obj else None
            if ct.object == "none":
                object_name = None
            elif object_name is None and subject_name is not None:
                # the other party of the sentence, else the last claim's: "Microsoft now holds a
                # 27% stake" after a sentence on OpenAI's recapitalisation
                object_name = _object_of(parties, subject_name, fig.start, ctx)
            if ct.metric == "investment" and object_name is None and choice.noun is None and choice.verb is not None \
                    and lemma(choice.verb) in _WEAK_INVESTING and _for_a_purpose(choice.verb, refs):
                continue        # "pledged 380 billion yuan for AI development": spending, nobody invested in
            last = (ct, choice.verb)
            sign = -1 if ct.metric == "profit" and choice.noun is not None and lemma(choice.noun) in _LOSSES else 1
            out.append((fig, ct, subject_name, object_name, fig.start, sign))
    return out


_BACKERS = {"investor", "backer", "fund", "shareholder", "venture capitalist", "vc", "financier", "lender"}


def _backers(verb: Token | None) -> bool:
    """Whether the subject of an investing verb is investors in general, no party of their own."""
    if verb is None:
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.tag_ in ("NNS", "NNPS") and subj.lemma_.lower() in _BACKERS


def _for_a_purpose(verb: Token, refs: References) -> bool:
    """"pledged $X for AI development", "committed $X to its own data centres": what the money
    goes to is no party."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("for", "to", "on", "toward", "towards"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and refs.party(obj) is None:
                return True
    return False


def _open_claims(doc: Doc, figs: list[Figure], current: list[Figure], claimed: set[int], refs: References,
                 config: ExtractorConfig, text: str, attr: Attribution, sentence: str, start: int, end: int
                 ) -> tuple[list[Claim], dict[int, tuple[float, str]]]:
    """The open claims of one sentence (open_claims.py), of its current figures no type took,
    and the changes it states beside a level (by the level figure's id)."""
    levels = [f for f in current if f.kind != "year"]
    opened, changes = read_open(doc, [f for f in levels if id(f) not in claimed], levels, refs, config, text)
    if not opened:
        return [], changes
    sized = [f for f in figs if f.kind != "year"]
    taken = claimed | {id(o.figure) for o in opened}
    owned = figure_times(doc, [(f.start, f.end, f.previous, id(f) in taken) for f in sized], start, end, text)
    times = {id(sized[i]): t for i, t in owned.items()}
    out = []
    for o in opened:
        fig = o.figure
        in_unit = claim_unit(fig)
        if in_unit is None:
            continue
        per, unit = in_unit                                        # pence and cents in their main unit
        value = (fig.value if o.moved is None else o.moved) / per      # "shares fell 6%": -6
        prev = next((p for p in figs if p.previous and p.kind == fig.kind and p.start > fig.start), None)
        when, prev_when = times.get(id(fig)), times.get(id(prev)) if prev is not None else None
        out.append(Claim(o.subject, None, o.metric, value, unit, prev.value / per if prev else None,
                         fig.qualifier, None, None, attr.attributed_to, attr.speaker, sentence, start, end,
                         status=status_of(doc, fig.start, fig.end, o.metric, False),
                         when=when.text if when else None, previous_when=prev_when.text if prev_when else None,
                         kind="open", low=fig.low / per if fig.low is not None else None,
                         high=fig.high / per if fig.high is not None else None,
                         change=o.change, change_unit=o.change_unit))
    return out, changes


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
    ctx = _Context()
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
        parties = [m for m in ments if m.kind in _PARTY_KINDS and m not in attr.sources]
        figs = [f for f in figures if start <= f.start and f.end <= end]
        current = [f for f in figs if not f.previous and not _is_conversion(text, f, figs)]
        new: list[Claim] = []

        found: list[tuple[Figure, ClaimType, str | None, str | None, int, int]] = []
        if parsed:
            found = _frame_claims(doc, [f for f in current if f.kind != "year" and (f.kind != "count" or counting)],
                                  refs, lexicon, text, ctx, parties)
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
                obj = _object_of(parties, subject, trigger_at, ctx)
            found.append((fig, ct, subject, obj, trigger_at, 1))
        found.sort(key=lambda f: f[0].start)
        claimed = {id(f) for f, *_ in found}
        sized = [f for f in figs if f.kind != "year" and (f.kind != "count" or id(f) in claimed)]
        owned = figure_times(doc, [(f.start, f.end, f.previous, id(f) in claimed) for f in sized], start, end, text)
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
            prev = next((p for p in figs if p.previous and p.kind == fig.kind and p.start > fig.start), None)
            when = times.get(id(fig))
            prev_when = times.get(id(prev)) if prev is not None else None
            new.append(Claim(subject, obj, ct.metric, value, unit, prev.value / per if prev else None,
                             fig.qualifier, None, None, attr.attributed_to, attr.speaker,
                             sentence, start, end,
                             status="reported" if ct.projection else status_of(doc, fig.start, fig.end, ct.metric, ct.kind == "event"),
                             when=when.text if when else None, previous_when=prev_when.text if prev_when else None,
                             low=fig.low / per if fig.low is not None else None,
                             high=fig.high / per if fig.high is not None else None))
            typed_figs.append(fig)

        if parsed and config.open_enabled:
            opened, changes = _open_claims(doc, figs, current, claimed, refs, config, text, attr, sentence, start, end)
            for i, fig in enumerate(typed_figs):          # "revenue was $95.4 billion, up 5%"
                if id(fig) in changes:
                    new[i] = replace(new[i], change=changes[id(fig)][0], change_unit=changes[id(fig)][1])
            new.extend(opened)
        new.extend(find_warnings(sent, start, end, sentence, ments, attr, refs, config, risk_state))

        claims.extend(new)
        for c in new:
            if c.value is not None and c.subject and c.kind == "typed":
                ctx.remember(c)
        ctx.named.update(m.name for m in parties if m.kind in ("company", "org"))
        ctx.recent = (*ctx.recent, *[m.party for m in parties if m.kind != "product"])[-6:]
        # a quotation opened after "X told clients," carries X to the sentences inside it
        balance = sentence.count("“") - sentence.count("”")
        if attr.attributed_to and balance > 0:
            ctx.quote = attr
        elif balance < 0:
            ctx.quote = None
    return [c for c in claims if c.kind == "typed" or not _told_typed(c, claims)]
