"""Which claim type a figure's frame names, from the nouns and verbs the claim types list
(extractors/data/claims.toml and the user's config/claims.toml).

The frame says what the figure sizes or completes; this module turns that into a type:
"a $2 billion *stake*" bought is an investment, held is the stake's value; "worth $X" is the
value of what it describes (a stake, a company, a deal); "paying $X *for* a stake" is an
investment, for a company an acquisition, for services a purchase commitment; "$4 billion
*funding from Amazon*" is Amazon's investment as well as the round.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from extractors.config import ClaimType
from extractors.figures import Figure
from extractors.frames import COPULAS, MEASURE_NOUNS, Frame, lemma, noun_phrase_lemma

STAKE_NOUNS = {"stake", "holding", "shareholding", "ownership", "interest", "equity", "position", "slice", "chunk",
               "portion", "piece", "equity stake", "ownership stake", "minority stake", "majority stake",
               "controlling stake", "share"}
SHARE_NOUNS = {"share", "stock", "ordinary share", "common share", "common stock"}
LENDING_VERBS = {"lend", "loan", "extend", "advance"}
HOLDER_NOUNS = {"shareholder", "stakeholder", "owner", "investor", "backer", "holder"}
TRANSFER_VERBS = {"approve", "authorize", "authorise", "add", "allocate", "earmark", "commit", "devote", "put", "set",
                  "dedicate", "direct", "plough", "plow", "pump", "raise", "boost", "increase", "expand", "lift"}
CHANGE_ONLY_VERBS = {"wipe", "erase", "lose", "shed", "evaporate", "vanish", "knock", "slash", "drain"}
RAISING_VERBS = {"complete", "secure", "receive", "land", "close", "win", "attract", "raise", "get", "obtain", "bag"}
BUYING_VERBS = {"buy", "take", "acquire", "purchase", "pay", "snap", "pick", "invest", "spend", "make", "agree",
                "secure", "get", "receive", "obtain"}
PUTTING_VERBS = {"put", "pour", "inject", "plow", "plough", "pump", "sink", "commit", "funnel", "channel"}
PAYING_VERBS = {"pay", "spend", "shell", "fork", "offer", "commit"}
DEAL_NOUNS = {"deal", "agreement", "pact", "transaction", "arrangement", "partnership", "tie-up", "accord",
              "commitment", "pledge"}
LISTED_NOUNS = {"company", "firm", "corporation", "group", "giant", "business", "conglomerate", "chipmaker"}
PRIVATE_NOUNS = {"startup", "start-up", "unicorn", "lab", "venture", "upstart", "decacorn"}
ROUND_NOUNS = {"round", "funding", "financing", "raise", "fundraise", "fundraising", "series", "injection",
               "investment", "capital", "infusion"}
_COINS = re.compile(r"bitcoin|ether|crypto|token|coin|dogecoin|solana|xrp", re.IGNORECASE)
_SCALED = re.compile(r"(?:thousand|million|billion|trillion|lakh|crore|mln|bln|trn|mil|mn|bn|tn|[kmbt])\b", re.IGNORECASE)
CHANGE_NOUNS = {"increase", "rise", "jump", "gain", "growth", "surge", "climb", "boost", "decline", "drop", "fall",
                "decrease", "slump", "plunge", "hike", "cut", "reduction"}
TRADING_VERBS = {"open", "close", "trade", "end", "finish", "settle", "debut", "list", "price", "start", "peak",
                 "hit", "change", "sell", "offer", "float"}
_SERVICES = {"service", "compute", "capacity", "chip", "gpu", "cloud", "server", "infrastructure", "power",
             "energy", "electricity", "tpu", "data", "hardware", "product", "equipment", "battery", "semiconductor"}


def fits(ct: ClaimType, fig: Figure) -> bool:
    """Whether a figure is of the kind a claim type takes."""
    if ct.unit == "currency":
        return fig.kind == "money"
    if ct.unit == "price":        # a price per share; a bare amount only when it is price-sized ("opened at $69")
        return fig.kind == "price" and fig.per in ("share", "each") or \
            fig.kind == "money" and abs(fig.value) < 100_000 and not _SCALED.search(fig.text)
    if ct.unit == "percent":
        return fig.kind == "percent" and fig.unit == "percent"
    if ct.unit == "count":        # "delivered 497,099 vehicles": a type a user made of an open metric
        return fig.kind == "count"
    return fig.kind == "year"


@dataclass(frozen=True)
class Choice:
    """A claim type for a figure, and the tokens its parties are read from. `subject` names
    the token of the subject when the rule that chose the type already knows it ("funding
    *from Amazon*")."""
    type: ClaimType
    frame: Frame
    noun: Token | None = None      # the noun the figure sizes, when there is one
    verb: Token | None = None      # the verb whose agent or patient is the subject
    subject: Token | None = None
    fallback: str | None = None    # for an unnamed deal: its kind when the text named none before


class Lexicon:
    """Nouns and verbs of the claim types, indexed for lookups by lemma."""

    def __init__(self, types: tuple[ClaimType, ...]) -> None:
        self.types = types
        self.by_metric = {t.metric: t for t in types}

    def noun_type(self, phrase: str, fig: Figure) -> ClaimType | None:
        words = phrase.split()
        for n in range(len(words)):                      # "post-money valuation", then "valuation"
            candidate = " ".join(words[n:])
            for ct in self.types:
                if candidate in ct.nouns and fits(ct, fig):
                    return ct
        return None

    def _verb_type(self, verb: Token, fig: Figure, prep: str | None) -> ClaimType | None:
        base = lemma(verb)
        particles = [lemma(c) for c in verb.children if c.dep_ == "prt" or c.dep_ == "advmod" and c.lower_ in ("back", "out", "in")]
        keys = []
        if prep:
            keys += [f"{base} {p} {prep}" for p in particles] + [f"{base} {prep}"]
        else:
            keys += [f"{base} {p}" for p in particles] + [base]
            keys += [f"{base} {c.lower_}" for c in verb.children if c.dep_ == "prep"]   # "spend $X on"
        for key in keys:
            for ct in self.types:
                if key in ct.verbs and fits(ct, fig):
                    return ct
        return None

    def metric(self, name: str, fig: Figure) -> ClaimType | None:
        ct = self.by_metric.get(name)
        return ct if ct is not None and fits(ct, fig) else None

    def _choice(self, name: str, fig: Figure, frame: Frame, noun: Token | None, verb: Token | None,
                subject: Token | None = None) -> list[Choice]:
        ct = self.metric(name, fig)
        return [Choice(ct, frame, noun, verb, subject)] if ct else []

    def choose(self, frame: Frame, fig: Figure, is_party) -> list[Choice]:
        """The claim types of `fig` in `frame` (usually one, none when the frame names no
        type). `is_party(token)` says whether a token names a party."""
        if frame.how in ("change", "unknown", "gapped"):
            return []
        if _optional(frame.figure.root):
            return []           # "a warrant to buy an additional 5%": an option, not a holding
        if _not_a_fact(frame.figure):
            return []           # "could have been priced at $52", "orders of $114 billion", "$145bn in assets"
        found = self._choose(frame, fig, is_party)
        if fig.kind == "percent" and any(c.type.metric == "stake_pct" for c in found) and \
                _share_of_something_else(frame.figure.root, is_party):
            return []           # "95% of the voting power", "40% of its revenue"
        return found

    def _choose(self, frame: Frame, fig: Figure, is_party) -> list[Choice]:
        if fig.kind == "price":
            shares = fig.per == "each" and any(lemma(t) in SHARE_NOUNS for t in frame.figure.sent)
            if fig.per != "share" and not shares:
                return []
            if _per_share_other(frame):
                return []       # "raised its dividend to 21 cents a share", "earnings of $1.20 a share"
            return self._choice("share_price", fig, frame, frame.anchor, frame.verb)
        doc = frame.figure.doc
        if frame.how == "part":             # a part of a figure named before: only what its own phrase says it is
            return self._complement(frame, fig, is_party)
        after = doc[frame.figure.end:frame.figure.end + 3].text.lower()
        if fig.kind == "money" and re.match(r"(?:post|pre)[- ]?money\b", after):
            thing = frame.anchor if frame.how == "valued" else None     # "values Anthropic at $183 billion post-money"
            return self._choice("valuation", fig, frame, thing, frame.verb)
        own = self._complement(frame, fig, is_party)
        if own:
            return own
        anchor = frame.anchor
        if frame.how == "valued":
            return self._valued(frame, fig, is_party)
        if frame.how == "noun" and anchor is not None:
            return self._noun(frame, anchor, fig, is_party)
        if frame.how == "level" and anchor is not None:       # "revenue rose to $X", "lifted its valuation to $X"
            measured = next((c for c in anchor.children if c.dep_ == "dobj"), None) or \
                next((c for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if measured is None and anchor.dep_ == "conj" and anchor.head.pos_ in ("VERB", "AUX"):
                # "revenue was $26.3 billion in 2022, and soared 64 per cent to $43.2 billion"
                measured = next((c for c in anchor.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if measured is not None and lemma(measured) in ("figure", "number", "amount", "total", "tally"):
                return []           # "that figure had jumped to $10 billion": what it counts is said elsewhere
            if measured is not None and not is_party(measured):
                return self._noun(frame, measured, fig, is_party, verb=anchor)
            if (measured is not None and (lemma(measured) in SHARE_NOUNS or is_party(measured) and not
                                          _COINS.search(measured.text))) or (measured is None and frame.prep == "to"):
                return self._choice("share_price", fig, frame, None, anchor)     # "it soared to nearly $76"
            return []
        if frame.how in ("object", "prep") and anchor is not None:
            return self._verb(frame, anchor, fig, is_party)
        return []

    def _complement(self, frame: Frame, fig: Figure, is_party) -> list[Choice]:
        """"$30 billion *of bonds*", "$13 billion *in funding*", "$1 billion (£775 million) in
        revenue": the noun the figure's own "of"/"in" phrase names, when a type lists it."""
        doc = frame.figure.doc
        end = frame.figure.end
        if end < len(doc) and doc[end].text == "(":           # skip a conversion in parentheses
            close = next((t.i for t in doc[end:min(len(doc), end + 12)] if t.text == ")"), None)
            end = close + 1 if close is not None else end
        if end >= len(doc) or doc[end].lower_ not in ("of", "in", "for"):
            return []
        prep = doc[end]
        obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
            return []
        paying = frame.prep == "for" or frame.how == "object" and frame.anchor is not None and \
            lemma(frame.anchor) in PAYING_VERBS | {"acquire", "buy"}
        if prep.lower_ == "in" and lemma(obj) in _PAYMENT and paying:
            return []           # "acquire Core Scientific for $9 billion in stock": how it is paid, not what
        raising = frame.how in ("object", "part") and frame.anchor is not None and lemma(frame.anchor) in RAISING_VERBS | {"sell", "issue"}
        shares = lemma(obj) in SHARE_NOUNS | {"equity", "depositary share"} and fig.kind == "money" and \
            frame.anchor is not None and frame.how in ("object", "prep")
        if any(c.dep_ in ("det", "poss") for c in obj.children) and not raising and not shares:
            return []           # "valued at $18 billion in a round": when, not what the figure is
        governing = frame.anchor if frame.how in ("object", "prep") else frame.verb
        if governing is not None and lemma(governing) in CHANGE_ONLY_VERBS:
            return []           # "wiping out $40 billion of market value": a change
        if lemma(obj) in MEASURE_NOUNS:                # "$26 billion aggregate principal amount of senior notes"
            of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            inner = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
            if inner is not None:
                obj = inner
        if prep.lower_ == "for" and lemma(obj) in SHARE_NOUNS and self.metric("share_price", fig) is not None \
                and not _SCALED.search(fig.text):
            return self._choice("share_price", fig, frame, obj, None)     # "83,300 won for common shares"
        if lemma(obj) in SHARE_NOUNS | {"equity", "depositary share"} and fig.kind == "money" and frame.anchor is not None \
                and frame.how in ("object", "prep"):
            return self._shares_traded(frame, fig, obj, is_party)
        ct = self.noun_type(noun_phrase_lemma(obj), fig) or self.noun_type(obj.lower_, fig)
        if ct is None or ct.metric in ("stake_pct", "share_price"):
            return []
        verb = frame.verb if frame.how in ("noun", "valued", "part") else frame.anchor
        return [Choice(ct, frame, obj, verb if verb is not None and verb.pos_ in ("VERB", "AUX") else None)]

    def _shares_traded(self, frame: Frame, fig: Figure, shares: Token, is_party) -> list[Choice]:
        """Money spent on or raised by shares: "buy back $10 billion of shares" is a buyback,
        "buy $2 billion of Intel stock" an investment in Intel, "sold $5 billion of depositary
        shares" the seller's round, "sold $20.7 billion of AIG shares" the seller's stake."""
        verb = frame.anchor
        base = lemma(verb)
        own = any(c.dep_ == "poss" and c.lower_ in ("its", "their", "own") for c in shares.children) or \
            any(c.lower_ == "own" for c in shares.children)
        others = [c for c in shares.children if c.dep_ in ("compound", "nmod", "poss") and is_party(c)] or \
            [g for c in shares.children if c.dep_ == "prep" and c.lower_ in ("of", "in")
             for g in c.children if g.dep_ == "pobj" and is_party(g)]
        back = _bought_back(verb)
        if base in BUYING_VERBS | {"purchase", "repurchase"}:
            if back or (own and not others) or base == "repurchase":
                return self._choice("buyback", fig, frame, shares, verb)
            return self._choice("investment", fig, frame, shares, verb)
        if base in ("sell", "issue", "offer", "place", "float", "list", "raise"):
            if others:
                return self._choice("stake_value", fig, frame, shares, verb)
            return self._choice("funding_round", fig, frame, shares, verb)
        return []

    def _valued(self, frame: Frame, fig: Figure, is_party) -> list[Choice]:
        thing = frame.anchor
        verb = frame.verb
        if thing is not None and thing.dep_ == "pobj" and thing.head.lower_ in ("in", "of") \
                and lemma(thing.head.head) in STAKE_NOUNS:
            thing = thing.head.head                      # "a 10% stake in Intel worth $8.9 billion"
        if thing is None or is_party(thing) or lemma(thing) in PRIVATE_NOUNS | LISTED_NOUNS:
            sent = frame.figure.sent.text.lower()
            name = "market_cap" if re.search(r"\b(?:on the )?stock market\b|\bmarket (?:value|cap)", sent) else "valuation"
            return self._choice(name, fig, frame, thing, verb)
        if lemma(thing) in ("worth", "value", "valuation", "price tag", "tag"):
            return self._choice("valuation", fig, frame, thing, verb)      # "pegged its worth at $12 billion"
        if lemma(thing) in SHARE_NOUNS:
            if fig.kind == "money" and (_SCALED.search(fig.text) or abs(fig.value) >= 100_000):
                if verb is not None and (_bought_back(verb) or lemma(verb) == "repurchase"):
                    return self._choice("buyback", fig, frame, thing, verb)   # "buy back shares worth 10 trillion won"
                return self._choice("stake_value", fig, frame, thing, verb)   # "the shares, now valued at $11 billion"
            return self._choice("share_price", fig, frame, thing, verb)    # "priced 36.9m shares at $33"
        if lemma(thing) in STAKE_NOUNS:        # "a stake worth $11 billion", "Microsoft's stake set at 27%"
            return self._choice("stake_pct" if fig.kind == "percent" else "stake_value", fig, frame, thing, verb)
        if lemma(thing) in DEAL_NOUNS:
            return self._deal(frame, thing, fig, is_party)
        ct = self.noun_type(noun_phrase_lemma(thing), fig)
        return [Choice(ct, frame, thing, verb)] if ct is not None else []

    def _noun(self, frame: Frame, noun: Token, fig: Figure, is_party, verb: Token | None = None) -> list[Choice]:
        verb = verb if verb is not None else frame.verb
        phrase = noun_phrase_lemma(noun)
        base = lemma(noun)
        if base in CHANGE_NOUNS and frame.prep == "to":
            # "a 265% increase in its revenue to $22 billion", "a revenue increase to $22 billion": the level of what grew
            grown = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "of")
                          for g in c.children if g.dep_ == "pobj"), None) or \
                next((c for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN"), None)
            if grown is None or is_party(grown):
                return []
            return self._noun(frame, grown, fig, is_party, verb)
        if base == "range" and fig.kind == "money" and self.metric("share_price", fig) is not None and \
                any(lemma(t) in SHARE_NOUNS | {"ipo", "offering", "price", "listing"} for t in noun.sent):
            return self._choice("share_price", fig, frame, noun, verb)   # "its indicated range of $70 to $82"
        if any(lemma(c) == "series" for c in noun.children) or base == "series":
            phrase = "series"                             # "its $27 million Series A", "a Series D round"
        if base in MEASURE_NOUNS or base in _CONTAINERS:   # "$17.5 billion aggregate principal amount of notes",
            # "a package of bonds and loans": what the "of" names
            of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
            if obj is not None:
                return self._noun(frame, obj, fig, is_party, verb)
        if base in HOLDER_NOUNS and fig.kind == "percent":     # "Mistral's largest shareholder, with 11%"
            return self._choice("stake_pct", fig, frame, noun, verb)
        if base in SHARE_NOUNS and fig.kind == "money":          # "shares soared to $76"
            return self._choice("share_price", fig, frame, noun, verb)
        if base in STAKE_NOUNS and fig.kind == "money" and "market" not in phrase:
            name = "investment" if verb is not None and lemma(verb) in BUYING_VERBS | PUTTING_VERBS else "stake_value"
            return self._choice(name, fig, frame, noun, verb)
        if fig.kind == "money" and frame.how == "noun" and frame.prep is None and (base in LISTED_NOUNS or base in PRIVATE_NOUNS):
            # "the world's first $4 trillion company", "a $10 billion startup"
            return self._choice("market_cap" if base in LISTED_NOUNS else "valuation", fig, frame, noun, verb,
                                subject=noun)
        if base in DEAL_NOUNS and self.noun_type(phrase, fig) is None:
            return self._deal(frame, noun, fig, is_party)
        if base in ("purchase", "acquisition", "takeover", "buyout", "sale") and fig.kind == "money" and \
                _of_party(noun, is_party):                 # "its $6.5 billion purchase of Ampere Computing"
            return self._choice("acquisition_price", fig, frame, noun, verb)
        if base in ("sale", "offering", "issue", "issuance", "placement") and fig.kind == "money":
            of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            inner = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
            if inner is not None and not is_party(inner):  # "a $4.5 billion sale of dollar- and euro-denominated bonds"
                found = self._noun(frame, inner, fig, is_party, verb)
                if found:
                    return [Choice(found[0].type, frame, noun, verb)]
        ct = self.noun_type(phrase, fig) or self.noun_type(noun.lower_, fig)
        if ct is None:
            return []
        if ct.metric == "investment" and verb is not None and lemma(verb) in RAISING_VERBS and noun.dep_ == "dobj" \
                and not any(c.dep_ == "prep" and c.lower_ in ("in", "into") for c in noun.children):
            ct = self.metric("funding_round", fig) or ct  # "xAI completed a $5 billion equity investment"
        found = [Choice(ct, frame, noun, verb)]
        if base in ROUND_NOUNS and fig.kind == "money":
            source = _from_party(noun, is_party)
            if source is not None:                       # "$4 billion funding from Amazon"
                invest = self.metric("investment", fig)
                if invest is not None:
                    if ct.metric == "investment":
                        return [Choice(invest, frame, noun, verb, subject=source)]
                    found.append(Choice(invest, frame, noun, verb, subject=source))
        return found

    def _deal(self, frame: Frame, noun: Token, fig: Figure, is_party) -> list[Choice]:
        """A "$X deal": what kind of deal, from the verbs and nouns around it ("a deal to buy
        Wiz", "a deal for cloud capacity", "an investment deal")."""
        words = {lemma(t) for t in noun.sent}
        verb = frame.verb
        buys_party = False
        governing = [t for t in noun.ancestors if t.pos_ in ("VERB", "AUX")][:2]
        for t in [*noun.subtree, *([verb] if verb is not None else []), *governing]:
            if lemma(t) in ("buy", "acquire", "purchase", "merge", "takeover") and \
                    any(is_party(c) for c in t.children if c.dep_ == "dobj"):
                buys_party = True
        if verb is not None:
            words |= {lemma(verb)} | {lemma(c) for c in verb.children}
        private = any(lemma(t) in ("take", "go") and any(c.lower_ == "private" for c in t.children) for t in noun.sent)
        if buys_party or private or words & {"acquisition", "acquire", "takeover", "merger", "buyout", "merge", "take-private"}:
            return self._choice("acquisition_price", fig, frame, noun, verb)
        if words & {"bond", "loan", "debt", "financing", "credit", "borrow", "lender", "notes"}:
            fallback = "debt_issue"
        elif words & _SERVICES or words & {"purchase", "buy", "lease", "rent", "supply"}:
            fallback = "purchase_commitment"
        elif words & {"invest", "investment", "stake", "equity", "round", "funding", "lead", "raise", "backer"}:
            fallback = "investment"
        else:
            fallback = None
        return self._context_deal(frame, noun, fig, fallback)

    def _context_deal(self, frame: Frame, noun: Token, fig: Figure, fallback: str | None) -> list[Choice]:
        """A "$X deal" the sentence does not call an acquisition: claims.py reads it as the kind
        of deal the text spoke of last, else as `fallback` (what the words around it suggest)."""
        if fig.kind != "money":
            return []
        return [Choice(ClaimType("?deal", "currency", ()), frame, noun, frame.verb, fallback=fallback)]

    def _verb(self, frame: Frame, verb: Token, fig: Figure, is_party) -> list[Choice]:
        base = lemma(verb)
        if _bought_back(verb) and fig.kind == "money":          # "bought 469 million shares back for £1.26 billion"
            return self._choice("buyback", fig, frame, None, verb)
        if base in ("sell", "divest", "offload", "dispose") and frame.prep == "for" and fig.kind == "money" and any(
                c.dep_ == "dobj" and lemma(c) in STAKE_NOUNS | SHARE_NOUNS for c in verb.children):
            return self._choice("stake_value", fig, frame, None, verb)   # "agreed to sell its stake in H3C for $3.5 billion"
        if base in PAYING_VERBS and fig.kind == "money" and any(
                c.dep_ in ("advcl", "xcomp", "pcomp", "prep") and (lemma(c) == "repurchase" or _bought_back(c) or
                                                           any(lemma(g) == "repurchase" or _bought_back(g) for g in c.children))
                for c in verb.children):
            return self._choice("buyback", fig, frame, None, verb)       # "spent $13.4 billion repurchasing its shares"
        if base in PAYING_VERBS:
            target = None
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ == "for":
                    target = next((g for g in c.children if g.dep_ == "pobj"), None)
                if c.dep_ in ("advcl", "xcomp") and lemma(c) in ("acquire", "buy", "take", "purchase", "secure") and target is None:
                    target = next((g for g in c.children if g.dep_ == "dobj" and not g.like_num and g.text != "%"),
                                  None)     # "paying $X to acquire a stake"
            if target is not None:
                if lemma(target) in STAKE_NOUNS or noun_phrase_lemma(target) in STAKE_NOUNS or lemma(target) in SHARE_NOUNS:
                    name = "investment"
                elif is_party(target) or lemma(target) in PRIVATE_NOUNS | LISTED_NOUNS:
                    name = "acquisition_price"
                else:
                    name = "purchase_commitment"
                return self._choice(name, fig, frame, target, verb)
        if base in LENDING_VERBS and fig.kind == "money":     # "will lend $2.26 billion to Lithium Americas"
            borrower = next((g for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"
                             for g in c.children if g.dep_ == "pobj" and is_party(g)), None) or \
                next((c for c in verb.children if c.dep_ in ("dative", "iobj", "dobj") and c.i != frame.figure.root.i
                      and c.pos_ in ("PROPN", "NOUN") and is_party(c)), None)   # "loaned Lithium Americas $2.26 billion"
            if borrower is not None:
                return self._choice("debt_issue", fig, frame, None, verb, subject=borrower)
        if frame.how == "prep" and frame.prep == "with" and fig.kind == "percent" and any(
                c.dep_ in ("attr", "dobj") and lemma(c) in HOLDER_NOUNS | STAKE_NOUNS for c in verb.children):
            return self._choice("stake_pct", fig, frame, None, verb)     # "becomes its largest shareholder, with 11%"
        if frame.how == "object" and base in TRANSFER_VERBS:
            for c in verb.children:              # "added $60 billion to its repurchase authorization"
                if c.dep_ == "prep" and c.lower_ in ("to", "for", "into", "toward", "towards"):
                    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if obj is not None and obj.pos_ == "NOUN" and not is_party(obj):
                        found = self._noun(frame, obj, fig, is_party, verb=verb)
                        if found:
                            return found
        if frame.how == "object" and base in RAISING_VERBS and fig.kind == "money":
            # "Intel received $2 billion from SoftBank": the giver's investment
            source = _from_party(frame.figure.root, is_party) or _from_party(verb, is_party, after=frame.figure.end - 1)
            if source is not None:
                return self._choice("investment", fig, frame, None, verb, subject=source)
        if frame.how == "object" and base in RAISING_VERBS | {"sell", "issue"}:
            for c in verb.children:              # "raised $5 billion through a three-tranche bond issuance"
                if c.dep_ == "prep" and c.lower_ in ("through", "via", "with", "in", "from"):
                    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if obj is not None and obj.pos_ == "NOUN" and not is_party(obj):
                        found = self._noun(frame, obj, fig, is_party, verb=verb)
                        if found and found[0].type.metric in ("debt_issue", "funding_round"):
                            return [Choice(found[0].type, frame, None, verb)]
        ct = self._verb_type(verb, fig, frame.prep if frame.how == "prep" else None)
        if ct is not None:
            return [Choice(ct, frame, None, verb)]
        if base in COPULAS | {"stand", "sit", "hover", "rest"} and (frame.how == "object" or frame.prep == "at"):
            # "the round could reach up to $5bn", "the stake, which now stands at $16 billion"
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None and verb.dep_ == "xcomp":
                subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.lower_ in ("which", "that") and verb.dep_ == "relcl":
                subj = verb.head
            if subj is not None and subj.pos_ == "NOUN" and not is_party(subj):
                return self._noun(frame, subj, fig, is_party, verb=verb)
        if frame.how == "prep" and frame.prep in ("at", "to", "for"):
            measured = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None) or \
                next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"), None)
            if measured is not None and not is_party(measured):
                # "leaves OpenAI's valuation at $500 billion", "Microsoft's stake set at 27%"
                found = self._noun(frame, measured, fig, is_party, verb=verb)
                if found:
                    return found
        if frame.how == "prep" and frame.prep in ("at", "for") and base in TRADING_VERBS | BUYING_VERBS | {"acquire"}:
            return self._choice("share_price", fig, frame, None, verb)     # "opened at $69", "shares at $20.47"
        if frame.how == "prep" and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            # "bought by a group led by Silver Lake for $55 billion": the phrase hung on the
            # participle belongs to the verb above it
            outer = next((a for a in verb.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
            ct = self._verb_type(outer, fig, frame.prep) if outer is not None else None
            if ct is not None:
                return [Choice(ct, Frame(frame.figure, outer, frame.how, frame.prep, frame.verb), None, outer)]
        if base in TRADING_VERBS | {"fluctuate", "hover", "swing", "range"} and (frame.how == "object" or frame.prep == "between") \
                and re.search(r"\b(?:between|from)\b", fig.text + " " + frame.figure.doc[max(0, frame.figure.start - 2):frame.figure.start].text):
            return self._choice("share_price", fig, frame, None, verb)     # "it could trade between $57 and $62"
        return []


_CONTAINERS = {"package", "bundle", "basket", "mix", "combination", "slate", "batch", "series", "pair", "trio"}
_PAYMENT = {"stock", "share", "cash", "equity", "scrip", "cash and stock", "stock and cash"}
_OPTIONS = {"warrant", "option", "right", "call", "put"}
_OWNED = {"share", "stock", "equity", "company", "firm", "business", "capital", "stake", "ownership", "unit", "venture",
          "startup", "subsidiary", "arm", "operation", "entity", "group", "interest", "holding", "lab", "maker"}


_NOT_CLAIMED = {"order", "orderbook", "demand", "subscription", "asset", "aum", "liability", "liabilities"}
_CUMULATIVE = re.compile(r"\b(?:since (?:its )?(?:inception|founding|launch|creation)|to date|so far|"
                         r"cumulative(?:ly)?|over the years)\b", re.IGNORECASE)


def _not_a_fact(figure) -> bool:
    """A figure no reader takes as a claim: a counterfactual or assumption ("could have been
    priced at $52", "the assumed IPO price of $25"), an order book ("orders of $114 billion"),
    assets managed ("a $145bn-in-assets firm"), a total raised to date ("has raised $3.9 billion
    since its inception")."""
    root = figure.root
    verb = next((t for t in root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    clause = figure.doc[min(t.i for t in verb.subtree):max(t.i for t in verb.subtree) + 1] if verb is not None else figure.sent
    if len(clause) > 40:
        clause = figure.doc[max(clause.start, figure.start - 15):min(clause.end, figure.end + 15)]
    window = clause.text
    if verb is not None and {"could", "would", "might"} & {c.lower_ for c in verb.children if c.dep_ == "aux"} \
            and any(c.lower_ == "have" for c in verb.children if c.dep_ == "aux"):
        return True             # "could have been priced at $52"
    head = root.head
    if any(c.lower_ in ("assumed", "hypothetical") for c in [*head.children, *root.children]):
        return True             # "the assumed initial public offering price of $25.00"
    if re.search(r"\bwould need\b|\bearn-?out\b|\bcould further\b", window, re.IGNORECASE):
        return True
    after = figure.doc[figure.end:figure.end + 3].text.lower()
    if re.match(r"-?\s*in[- ]assets|of assets|in aum|under management", after):
        return True
    for t in list(root.ancestors)[:3]:
        if lemma(t) in _NOT_CLAIMED and t.pos_ == "NOUN":
            return True
    if any(lemma(t) in ("raise", "secure", "attract") for t in list(root.ancestors)[:2]) and _CUMULATIVE.search(window):
        return True
    return False


_PER_SHARE_OTHER = {"dividend", "earnings", "eps", "payout", "distribution", "profit", "loss", "income", "revenue",
                    "cash", "flow", "coupon", "fee", "book", "ebitda", "buyback"}


def _per_share_other(frame: Frame) -> bool:
    """Whether a per-share amount is something other than the share's price: a dividend,
    earnings or a loss per share ("lifted its dividend to 21 cents a share")."""
    root = frame.figure.root
    near = [frame.anchor] if frame.anchor is not None else []
    near += list(root.ancestors)[:3]
    for t in list(near):
        if t.pos_ in ("VERB", "AUX"):
            near += [c for c in t.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
    return any(t is not None and lemma(t) in _PER_SHARE_OTHER for t in near)


def _bought_back(verb: Token) -> bool:
    """"buy back", "bought back": the verb and its particle; "buy back and cancel shares" too."""
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB" and verb.head is not verb and _bought_back(verb.head):
        return True
    return lemma(verb) in ("buy", "purchase") and any(
        c.lower_ == "back" and c.dep_ in ("prt", "advmod") for c in verb.children)


def _optional(token: Token) -> bool:
    """Whether a figure is what an option or warrant would give ("a warrant to purchase 5%",
    "receives warrants to buy 5%")."""
    for t in list(token.ancestors)[:6]:
        if lemma(t) in _OPTIONS and t.pos_ == "NOUN":
            return True
        if t.pos_ in ("VERB", "AUX") and any(lemma(c) in _OPTIONS and c.dep_ in ("dobj", "nsubj", "nsubjpass")
                                             for c in t.children):
            return True
        if t.pos_ == "VERB" and t.i >= 2 and t.doc[t.i - 1].lower_ == "to" and lemma(t.doc[t.i - 2]) in _OPTIONS:
            return True         # "along with warrants to buy another 7.5%", the infinitive hung on the main verb
    return False


def _share_of_something_else(root: Token, is_party) -> bool:
    """"95% of the voting power", "27% of sales": a share of no company."""
    for c in root.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "NOUN" and lemma(obj) not in _OWNED and not is_party(obj):
                return True
    return False


def _of_party(noun: Token, is_party) -> Token | None:
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and is_party(obj) and obj.pos_ == "PROPN":
                return obj
    return None


def _from_party(noun: Token, is_party, after: int = -1) -> Token | None:
    """The party of a "from" (or "by") phrase on `noun`; the first after token `after` when given
    ("received $2 billion from SoftBank and $5.7 billion from the government")."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("from", "by") and c.i > after:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and is_party(obj):
                return obj
    return None
