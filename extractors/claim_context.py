"""What earlier sentences of a text leave for later ones (the last claim's parties, the
companies named so far, an open quotation, a deal still pending), and the object a claim takes
from it or from the parties of its own sentence that can be one."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from claimtrack.extractors.attribution import Attribution
from claimtrack.extractors.claim import Claim
from claimtrack.extractors.claim_words import TAKING
from claimtrack.extractors.frames import lemma
from claimtrack.extractors.mention import Mention
from claimtrack.extractors.reported import told_through

_FAMILIES = {"stake_pct": "stake", "stake_value": "stake", "investment": "stake", "acquisition_price": "deal",
             "purchase_commitment": "deal", "debt_issue": "deal", "funding_round": "round", "valuation": "round"}


@dataclass
class Context:
    """What earlier sentences leave for later ones: the last claim's parties (overall and per
    family: "This stake", "the deal"), the companies named so far, an open quotation."""
    subject: str | None = None
    object: str | None = None
    metric: str | None = None             # the last claim's
    by_family: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    family_metric: dict[str, str] = field(default_factory=dict)    # "deal" -> acquisition_price
    recent: tuple[str, ...] = ()
    named: Counter = field(default_factory=Counter)
    quote: Attribution | None = None
    deal_underway: bool = False           # the last round or deal told is underway, not agreed ("is leading a round")
    deal_pending: bool = False            # a deal is told agreed or underway, and not told done since
    deal_metric: str | None = None        # the last deal's kind (a round's agreed value is its own, not a term)
    # the noun a typed claim's figure sized, with its type and party: ("program", Wells Fargo) ->
    # buyback, so "the current $30 billion program" later is that type's claim too
    sized_nouns: dict[tuple[str, str], str] = field(default_factory=dict)
    # who holds or invests in another company told so far ("Trian holds 16.7% of Janus Henderson"):
    # a price per share the text gives later is not of their own shares unless a sentence says so
    holders: set[str] = field(default_factory=set)

    def referent(self, metric: str | None = None) -> tuple[str | None, str | None]:
        """Who "This stake", "the company" refer to: the last claim of the family, else the last
        claim's parties, else the company named most so far."""
        if metric and _FAMILIES.get(metric) in self.by_family:
            return self.by_family[_FAMILIES[metric]]
        if metric == "valuation" and self.family_metric.get("deal") == "acquisition_price" and self.by_family["deal"][1]:
            return self.by_family["deal"][1], None      # a takeover values what it buys: "valuing the equity at"
        if self.subject:
            return self.subject, self.object
        top = self.named.most_common(1)
        return (top[0][0] if top else None), None

    def remember(self, claim: Claim) -> None:
        self.subject, self.object, self.metric = claim.subject, claim.object, claim.metric
        if claim.metric in ("stake_pct", "stake_value", "investment") and claim.subject and \
                claim.object and claim.object != claim.subject:
            self.holders.add(claim.subject)
        family = _FAMILIES.get(claim.metric)
        if family == "deal" and claim.metric == "debt_issue" and self.family_metric.get("deal") == "acquisition_price":
            return          # a takeover's financing: "the deal" after it is still the takeover
        if family:
            self.by_family[family] = (claim.subject, claim.object)
            self.family_metric[family] = claim.metric

    def note_deals(self, sentence: str, new: list[Claim], deals: set[str]) -> None:
        """Whether the deal told so far is underway (not agreed) and whether it is still to be
        done: a deal's terms "will hold 27%" are a plan while it is pending, not once it closed."""
        for c in new:
            if c.kind == "typed" and c.metric in deals:
                self.deal_underway = c.status == "planned" and not _AGREED.search(sentence)
                self.deal_pending = self.deal_pending or c.status == "planned"
                self.deal_metric = c.metric
        if DONE.search(sentence):
            self.deal_pending = False
        elif PENDING.search(sentence):
            self.deal_pending = True


# a deal told as agreed or done, not underway ("is leading a round", "is in talks")
_AGREED = re.compile(r"\b(?:agree[ds]?|signed|sign[s]?|announce[ds]?|complete[ds]?|closed|approve[ds]?|struck|"
                     r"reached|finali[sz]ed)\b", re.IGNORECASE)
# a deal still to close: "is expected to close", "subject to approval", "upon completion", "the
# combined company", "agreed to be acquired", "signed a binding deal to sell"; and one told done: "has completed", "closed on Monday", "after the restructuring"
PENDING = re.compile(r"\b(?:expected to (?:close|complete|be (?:completed|finali[sz]ed))|subject to|pending|"
                     r"(?:upon|after|on|at|following) (?:the )?(?:completion|closing)|once (?:the )?\w+ (?:closes|completes)|"
                     r"under the (?:terms|agreement|deal)|(?:combined|merged) (?:company|group|entity|business)|"
                     r"agree[ds]? to (?:be )?(?:acquire|buy|sell|merge|combine|acquired|bought|sold|taken)|"
                     r"(?:signed|struck|entered into|reached) (?:a|an) (?:[\w-]+ ){0,3}(?:agreement|deal) to)\b",
                     re.IGNORECASE)
DONE = re.compile(r"(?<!be )(?<!to have )\b(?:completed|closed|finali[sz]ed)\b|\b(?:after|following) (?:the|its|\w+'s) "
                   r"(?:recapitali[sz]ation|restructuring)\b", re.IGNORECASE)


def object_of(parties: list[Mention], subject: str | None, at: int, ctx: Context,
              metric: str | None = None) -> str | None:
    """The other party of a claim whose sentence names one besides `subject` (the first after the
    figure, else before it); else the last claim's, when it had this subject; else the company the
    last claim of this metric's family was in ("a 25% stake in WestJet from Onex. Delta will invest
    $330 million for a 15% stake": WestJet, not the seller named last); else the last company named."""
    others = [m for m in parties if m.party != subject]
    if others:
        after = [m for m in others if m.start >= at]
        return (after or others)[0].party
    if ctx.object and ctx.subject == subject:
        return ctx.object
    family = ctx.by_family.get(_FAMILIES.get(metric or "", ""), (None, None))[1]
    if family and family != subject:
        return family
    return next((name for name in reversed(ctx.recent) if name != subject), None)


def not_doers(parties: list[Mention], verb: Token | None, doc: Doc, metric: str | None = None) -> list[Mention]:
    """The parties that can be the other party of a claim told by `verb`: not those doing a verb
    of their own beside it ("Apple will invest $500 million, and JPMorgan will lend $1 billion"), nor
    where or to whom it is said ("said on the Truth Social platform that"), nor the seller a part
    is bought from ("will acquire a 13.19% stake from State Bank of India": a stake in another)."""
    parties = [m for m in parties if (s := doc.char_span(m.start, m.end, alignment_mode="expand")) is None
               or not told_through(s.root)]
    if verb is None:
        return parties
    above = {a.i for a in verb.ancestors}
    bought = metric in ("stake_pct", "investment") and lemma(verb) in TAKING
    out = []
    for m in parties:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        head = span.root.head if span is not None else None
        if span is not None and span.root.dep_ in ("nsubj", "nsubjpass") and head.i != verb.i and head.i not in above \
                and head.pos_ in ("VERB", "AUX"):
            continue
        if bought and span is not None and _sold_from(span.root, verb):
            continue
        out.append(m)
    return out


def _sold_from(token: Token, verb: Token) -> bool:
    """Whether `token` (or the list it ends) is the "from" of `verb` or of what it buys: a seller."""
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ == "from" and \
        next((a for a in prep.ancestors if a.pos_ in ("VERB", "AUX")), None) == verb
