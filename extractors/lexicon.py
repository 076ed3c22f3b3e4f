"""Which claim type a figure's frame names, from the nouns and verbs the claim types list
(extractors/data/claims.toml and the user's config/claims.toml).

The frame says what the figure sizes or completes; this module turns that into a type:
"a $2 billion *stake*" bought is an investment, held is the stake's value; "worth $X" is the
value of what it describes (a stake, a company, a deal); "paying $X *for* a stake" is an
investment, for a company an acquisition, for services a purchase commitment; "$4 billion
*funding from Amazon*" is Amazon's investment as well as the round. The rules for nouns are
in noun_types.py, the figures no type takes in not_claims.py.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from claimtrack.extractors.choice import Choice, fits
from claimtrack.extractors.claim_words import (BUSINESS_NOUNS, BUYING_TO, BUYING_VERBS, CHANGE_NOUNS, HOLDER_NOUNS, LENDING_VERBS, LISTED_NOUNS, PAYING_VERBS,
                                    PRIVATE_NOUNS, RAISING_VERBS, ROUND_NOUNS, SHARE_NOUNS, STAKE_NOUNS, TRADING_VERBS, TRANSFER_VERBS, is_org_noun)
from claimtrack.extractors.config import ClaimType
from claimtrack.extractors.earning import own_shares_sold, sold_in_listing, takes_in
from claimtrack.extractors.figures import Figure
from claimtrack.extractors.form_named import form_named, given_to
from claimtrack.extractors.frames import COPULAS, Frame, lemma, noun_phrase_lemma
from claimtrack.extractors.goods_bought import goods_price
from claimtrack.extractors.goods_worth import worth_of_goods
from claimtrack.extractors.invested_parts import invested_part
from claimtrack.extractors.market_shares import read_shares
from claimtrack.extractors.misparsed import sized_before
from claimtrack.extractors.not_claims import beside_shares, measure_not_typed, not_a_fact, optional, part_of_value, per_share_other, unhung_price, worth_of_other_measure
from claimtrack.extractors.noun_types import NounTypes
from claimtrack.extractors.phrase_words import PIECES, bought_back, from_party, into_stake, level_measured, phrase_of, piece_of, past_percent, raised_by, to_party, whole_bought, with_modifiers
from claimtrack.extractors.price_sized import price_sized
from claimtrack.extractors.stake_deals import stake_noun
from claimtrack.extractors.stake_sales import proceeds_of_stake
from claimtrack.extractors.takeover_parties import TAKEOVERS, controls

_INCLUDING = {"include", "comprise", "feature"}      # a round's parts: "included $2 billion from Nvidia"
_COINS = re.compile(r"bitcoin|ether|crypto|token|coin|dogecoin|solana|xrp", re.IGNORECASE)
_ADDING = {"buyback", "investment", "purchase_commitment"}     # types whose additions are amounts of their own


class Lexicon(NounTypes):
    """Nouns and verbs of the claim types, indexed for lookups by lemma."""

    def _verb_type(self, verb: Token, fig: Figure, prep: str | None) -> ClaimType | None:
        base = lemma(verb)
        particles = [lemma(c) for c in verb.children if c.dep_ == "prt" or c.dep_ == "advmod" and c.lower_ in ("back", "out", "in")
                     or c.lower_ == "private" and c.dep_ in ("oprd", "acomp", "advmod", "amod", "ccomp", "xcomp")]   # "taken private"
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
        if prep == "for" and fig.kind == "money" and any(c.dep_ == "dobj" for c in verb.children):
            return self._verb_type(verb, fig, None)   # "repurchased 20 million shares for $9.8 billion": the price of the act
        return None

    def choose(self, frame: Frame, fig: Figure, is_party) -> list[Choice]:
        """The claim types of `fig` in `frame` (usually one, none when the frame names no
        type). `is_party(token)` says whether a token names a party."""
        if frame.how == "change" and (added := self._added_to(frame, fig, is_party)):
            return added
        if frame.how in ("change", "unknown", "gapped") and not unhung_price(frame, fig) or _value_moved(frame):
            return []
        if optional(frame.figure.root):
            return []           # "a warrant to buy an additional 5%": an option, not a holding
        if not_a_fact(frame.figure):
            return []           # "could have been priced at $52", "orders of $114 billion", "$145bn in assets"
        if frame.how == "object" and fig.kind == "money" and (form := form_named(frame.anchor)) is not None:
            return self._choice(form, fig, frame, None, frame.anchor,      # "offered $5 billion to WeWork in the form of debt":
                                subject=given_to(frame.anchor) if form == "debt_issue" else None)     # WeWork borrows
        found = self._minority_bought(price_sized(self, self._choose(frame, fig, is_party), frame, fig), fig)
        found = self.revalued(proceeds_of_stake(found, self.metric("stake_value", fig), frame), frame, fig, beside_shares(frame))
        if fig.kind == "percent":    # a holding of a company, a market or neither; a ranked company's share
            return read_shares(found, frame, is_party, self.metric("market_share", fig))
        return found

    def _added_to(self, frame: Frame, fig: Figure, is_party) -> list[Choice]:
        """"its buyback authorization was increased by $70 billion", "boosted its investment in X by
        $1 billion": money added to a buyback, an investment or a commitment is one of its own;
        any other change ("raised its revenue by $5 billion") is no claim."""
        if fig.kind != "money" or lemma(frame.anchor) not in ("increase", "raise", "boost", "expand", "lift"):
            return []
        grown = next((c for c in frame.anchor.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"), None)
        if grown is None:
            return []
        found = self._noun(frame, grown, fig, is_party, verb=frame.anchor)
        if not found and (ct := self.noun_type(with_modifiers(grown, ("amod", "compound")), fig)) is not None:
            found = [Choice(ct, frame, grown, frame.anchor)]
        return found if found and found[0].type.metric in _ADDING else []

    def _minority_bought(self, found: list[Choice], fig: Figure) -> list[Choice]:
        """"acquire an 8.3% stake in Nebius for $2 billion", "bought 10% of X for $5 billion": money
        paid short of control is an investment."""
        out = []
        for c in found:
            stake = next((d for d in c.verb.children if d.dep_ == "dobj" and d.pos_ != "PROPN"       # (not "FirstBank Holding")
                          and (stake_noun(d) or lemma(d) in ("%", "percent", "cent"))),      # (or "10% of X's shares")
                         None) if c.type.metric == "acquisition_price" and c.verb is not None else None
            invest = self.metric("investment", fig) if stake is not None else None
            control = stake is not None and controls(stake, at_least=50)
            out.append(Choice(invest, c.frame, stake, c.verb) if invest is not None and not control else c)
        return out

    def _choose(self, frame: Frame, fig: Figure, is_party) -> list[Choice]:
        if fig.kind == "price":
            shares = fig.per == "each" and any(lemma(t) in SHARE_NOUNS for t in frame.figure.sent)
            if fig.per != "share" and not shares:
                return []
            if per_share_other(frame):
                return []       # "raised its dividend to 21 cents a share", "earnings of $1.20 a share"
            return self._choice("share_price", fig, frame, frame.anchor, frame.verb)
        doc = frame.figure.doc
        if part_of_value(frame.figure):     # "valued X at $33 billion, including $12 billion of debt"
            return []
        if frame.how == "part":             # a part of a figure named before: only what its own phrase says it is
            named = self._complement(frame, fig, is_party)
            if not named and fig.kind == "money" and frame.anchor is not None and lemma(frame.anchor) in RAISING_VERBS \
                    and (source := from_party(frame.figure.root, is_party)) is not None and not any(
                        t.pos_ == "NOUN" and self.noun_type(t.lemma_.lower(), fig) for t in frame.figure.root.subtree):
                # "raised $13 billion, including $1 billion from Google": the giver's investment ("$2
                # billion from Blackstone in debt" is not)
                return self._choice("investment", fig, frame, None, frame.anchor, subject=source)
            if not named and fig.kind == "money" and invested_part(frame.figure.root, frame.anchor):
                return self._choice("investment", fig, frame, None, frame.anchor)   # "including $6 billion for a new plant"
            return named
        after = doc[frame.figure.end:frame.figure.end + 3].text.lower()
        if fig.kind == "money" and re.match(r"(?:post|pre)[- ]?money\b", after) and frame.how != "level":
            # (a level names what it measures: "lifting its valuation to $39 billion post-money")
            thing = frame.anchor if frame.how == "valued" else None     # "values Anthropic at $183 billion post-money"
            return self._choice("valuation", fig, frame, thing, frame.verb)
        left = self._left_under(frame, fig, is_party)
        if left:
            return left
        if frame.how == "object" and fig.kind == "money" and into_stake(frame.anchor):
            return self._choice("investment", fig, frame, None, frame.anchor)   # "converted $8.9 billion in grants into a stake"
        own = self._complement(frame, fig, is_party)
        if own and own[0].type.metric == "investment" and frame.how == "object" and anchor_raises(frame.anchor) \
                and from_party(frame.figure.root, is_party) is None and from_party(frame.anchor, is_party) is None:
            raised = self.metric("funding_round", fig)      # "the startup raised $5 billion in equity investment"
            return [Choice(raised, frame, None, frame.anchor)] if raised is not None else own
        if own and own[0].type.metric == "funding_round" and frame.how == "object" and lemma(frame.anchor) in ("sell", "issue"):
            buyer = to_party(frame.anchor, is_party)
            invest = self.metric("investment", fig)
            if buyer is not None and invest is not None:     # "sold $5 billion of stock to Nvidia": the buyer invests
                return [Choice(invest, frame, own[0].noun, frame.anchor, buyer)]
        if own:
            return own
        anchor = frame.anchor
        if frame.how == "valued":       # ("has a net worth of $195 billion": no valuation)
            return [] if worth_of_other_measure(frame.figure) else self._valued(frame, fig, is_party)
        if frame.how == "noun" and anchor is not None and fig.kind == "money" and bought_back(anchor) and \
                anchor.head.pos_ == "VERB":     # "spent $700 billion buying back its stock", "buying" read as the object
            return self._choice("buyback", fig, frame, None, anchor.head)
        if frame.how == "noun" and anchor is not None and (measure_not_typed(anchor) or lemma(anchor) in ("value", "worth") and worth_of_goods(anchor, frame.figure)):
            return []       # "net proceeds of about $863.5 million" (after fees), "ships with a total value of $3 billion" (goods): no round, no valuation
        if frame.how == "noun" and anchor is not None and lemma(anchor) in PIECES and (whole := piece_of(anchor)) is not None:
            ct = self.noun_type(phrase_of(whole), fig)    # "a tranche of the buy-back programme"
            return [Choice(ct, frame, whole, frame.verb)] if ct is not None else self._noun(frame, anchor, fig, is_party)
        if frame.how == "noun" and anchor is not None:
            return self._noun(frame, anchor, fig, is_party)
        if frame.how == "level" and anchor is not None and frame.prep == "to" and (earlier := sized_before(anchor)) is not None:
            found = self._noun(frame, earlier, fig, is_party, verb=anchor)
            if found:
                return found
        if frame.how == "level" and anchor is not None:       # "revenue rose to $X", "lifted its valuation to $X"
            measured = level_measured(anchor)
            if measured is None and anchor.dep_ in ("conj", "advcl") and anchor.head.pos_ in ("VERB", "AUX"):
                # "revenue was $26.3 billion in 2022, and soared 64 per cent to $43.2 billion";
                # "Revenue also fell, declining to $17.65 billion"
                measured = next((c for c in anchor.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            named = next((c for c in measured.children if c.dep_ == "compound" and c.pos_ == "NOUN"), None) \
                if measured is not None and lemma(measured) in ("figure", "number") else None
            measured = named if named is not None and not is_party(named) else measured    # "revenue figures fell to $X"
            if measured is not None and lemma(measured) in ("figure", "number", "amount", "total", "tally"):
                return []           # "that figure had jumped to $10 billion": what it counts is said elsewhere
            if measured is not None and not is_party(measured):
                found = self._noun(frame, measured, fig, is_party, verb=anchor)
                if not found and not goods_price(measured, is_party) and \
                        (ct := self.noun_type(with_modifiers(measured, ("amod", "compound")), fig)) is not None:
                    found = [Choice(ct, frame, measured, anchor)]       # "its buyback authorization" read with an adjective
                return found
            if (measured is not None and (lemma(measured) in SHARE_NOUNS or is_party(measured) and not
                                          _COINS.search(measured.text))) or (measured is None and frame.prep == "to"):
                return self._choice("share_price", fig, frame, None, anchor)     # "it soared to nearly $76"
            return []
        if frame.how == "prep" and frame.prep == "to" and anchor is not None:
            changed = next((c for c in anchor.children if c.dep_ == "dobj" and lemma(c) in CHANGE_NOUNS), None)
            found = self._noun(frame, changed, fig, is_party, verb=anchor) if changed is not None else []
            if found:               # "reported a 12.1% revenue increase in FY24 to $8.97 billion"
                return found
        if frame.how in ("object", "prep") and anchor is not None:
            return self._verb(frame, anchor, fig, is_party)
        return []

    def _verb(self, frame: Frame, verb: Token, fig: Figure, is_party) -> list[Choice]:
        if frame.prep == "for" and self._verb_type(verb, fig, "for") is None and (done := next((c for c in verb.children if c.dep_ == "xcomp"
                                                                                              and self._verb_type(c, fig, "for")), None)):
            verb = done         # "agreed to acquire Worldpay from GTCR and FIS for $24.25 billion": "for" hung on "agreed"
        base = lemma(verb)
        if frame.how == "prep" and frame.prep == "to" and (earlier := sized_before(verb)) is not None:
            found = self._noun(frame, earlier, fig, is_party, verb=verb)
            if found:
                return found
        if bought_back(verb) and fig.kind == "money":          # "bought 469 million shares back for £1.26 billion"
            return self._choice("buyback", fig, frame, None, verb)
        if base in ("sell", "divest", "offload", "dispose") and frame.prep == "for" and fig.kind == "money" and any(
                c.dep_ == "dobj" and lemma(past_percent(c)) in STAKE_NOUNS | SHARE_NOUNS for c in verb.children):
            if (buyer := to_party(verb, is_party)) is not None:     # "sold a 51% stake in Altera to Silver Lake for $4.46 billion": the buyer pays
                if any(lemma(c) in SHARE_NOUNS and any(g.dep_ == "nummod" for g in c.children) for c in verb.children):
                    return self._choice("investment", fig, frame, None, verb, buyer)    # "sell 87 million shares to SoftBank for $2 billion"
                return self._choice("acquisition_price", fig, frame, None, verb)
            return self._choice("stake_value", fig, frame, None, verb)   # "agreed to sell its stake in H3C for $3.5 billion"
        if base in PAYING_VERBS and fig.kind == "money" and any(
                c.dep_ in ("advcl", "xcomp", "pcomp", "prep") and (lemma(c) == "repurchase" or bought_back(c) or
                                                           any(lemma(g) == "repurchase" or bought_back(g) for g in c.children))
                for c in verb.children):
            return self._choice("buyback", fig, frame, None, verb)       # "spent $13.4 billion repurchasing its shares"
        if (base in PAYING_VERBS or base in ("return", "distribute")) and frame.how == "object" and fig.kind == "money":
            # "spent $24.3 billion on buybacks", "returned $9.8 billion through repurchases": what
            # it went on names the type (the parse may hang it on the figure)
            for c in (*verb.children, *frame.figure.root.children):
                if c.dep_ == "prep" and c.lower_ in (("on", "toward", "towards") if base in PAYING_VERBS else ("through", "via")):
                    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if obj is not None and obj.pos_ == "NOUN" and not is_party(obj) and \
                            not any(g.dep_ == "conj" for g in obj.children):     # not "buybacks and dividends"
                        found = self._noun(frame, obj, fig, is_party, verb=verb)
                        if found:
                            return found
        if base in PAYING_VERBS:
            target = None
            # "agreed to pay CoreWeave $14.2 billion for computing capacity": the parse may hang
            # "for" on the figure
            for c in (*verb.children, *(frame.figure.root.children if frame.how == "object" else ())):
                if c.dep_ == "prep" and c.lower_ == "for":
                    target = next((g for g in c.children if g.dep_ == "pobj"), None)
                if c.dep_ in ("advcl", "xcomp") and lemma(c) in BUYING_TO and target is None:
                    target = next((g for g in c.children if g.dep_ == "dobj" and not g.like_num and g.text != "%"),
                                  None)     # "paying $X to acquire a stake"
                if c.dep_ in ("advcl", "xcomp") and lemma(c) in _USING and target is None:
                    target = c              # "agreed to pay $140 million to use its models": buying a service
            if target is None and base == "pay" and frame.how == "object" and fig.kind == "money" and \
                    not any(c.dep_ in ("dative", "iobj") for c in verb.children):
                # "CoreWeave agreed to buy Core Scientific. The cloud provider will pay about $9 billion
                # in stock": the price of the deal told before, of whatever kind it was
                return [Choice(ClaimType("?deal", "currency", ()), frame, None, verb)]
            target = whole_bought(target) if target is not None else None      # "to buy all of Schroders"
            if target is not None:
                if target.pos_ == "PROPN" and is_party(target):
                    name = "acquisition_price"          # "to acquire FirstBank Holding": a name, not a holding
                elif lemma(target) in STAKE_NOUNS | SHARE_NOUNS or noun_phrase_lemma(target) in STAKE_NOUNS or target.text == "%" and not controls(target):
                    name = "investment"                 # ("paid $1.3 billion for up to 25% of the club": a part)
                elif is_party(target) or lemma(target) in PRIVATE_NOUNS | LISTED_NOUNS | BUSINESS_NOUNS | TAKEOVERS | {"%"} or is_org_noun(lemma(target)):
                    name = "acquisition_price"          # ("its purchase of the private bank X for", "offered $X for the acquisition")
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
        if frame.how == "object" and base in ("raise", "net", "fetch", "bring", "generate", "yield") and verb.dep_ in ("advcl", "conj") and \
                lemma(verb.head) in ("sell", "divest", "offload") and not sold_in_listing(verb.head) and not own_shares_sold(verb.head) and any(
                c.dep_ in ("dobj", "nsubjpass") and lemma(c) in STAKE_NOUNS | SHARE_NOUNS for c in verb.head.children):
            # "sold a 12.5% stake, raising 650 million euros" ("sold at €6.94, generating"): the stake's worth
            return self._choice("stake_value", fig, frame, None, verb)
        if frame.how == "object" and base in ("seek", "target", "eye", "want", "need") and fig.kind == "money" and any(
                c.dep_ == "prep" and (c.lower_ == "at" and any(lemma(g) == "valuation" for g in c.children) or
                                      c.lower_ == "from" and any(lemma(g) in ("investor", "backer") for g in c.children))
                for c in (*verb.children, *frame.figure.root.children)):
            # "is seeking $15 billion at a $230 billion valuation", "is seeking $1 billion from investors"
            return self._choice("funding_round", fig, frame, None, verb)
        if frame.how == "object" and fig.kind == "money" and (base in RAISING_VERBS or base in _INCLUDING and any(
                c.dep_ == "nsubj" and lemma(c) in ROUND_NOUNS for c in verb.children)):
            # "Intel received $2 billion from SoftBank": the giver's investment ("the round included $2 billion from X")
            source = from_party(frame.figure.root, is_party) or (
                from_party(verb, is_party, after=frame.figure.end - 1) if base in RAISING_VERBS else None)
            if source is not None and not any(c.dep_ == "conj" for c in source.children):     # (not a list of givers:
                return self._choice("investment", fig, frame, None, verb, subject=source)     # "raised $X from A, B and C")
        if frame.how == "object" and base in RAISING_VERBS and (by := raised_by(verb)) is not None and \
                (found := self._noun(frame, by, fig, is_party, verb=verb)) and found[0].type.metric == "debt_issue":
            return [Choice(found[0].type, frame, None, verb)]       # "the bond sale raised $X", "sold bonds, raising $X"
        if frame.how == "object" and base in RAISING_VERBS | {"sell", "issue", "draw", "tap", "borrow"}:
            for c in verb.children:              # "raised $5 billion through a three-tranche bond issuance"
                if c.dep_ == "prep" and c.lower_ in ("through", "via", "with", "in", "from", "under"):
                    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    # (a noun the tagger reads as a gerund: "through a convertible notes offering")
                    if obj is not None and (obj.pos_ == "NOUN" or obj.tag_ == "VBG" and obj.dep_ == "pobj") and not is_party(obj):
                        found = self._noun(frame, obj, fig, is_party, verb=verb)
                        if found and found[0].type.metric in ("debt_issue", "funding_round"):
                            return [Choice(found[0].type, frame, None, verb)]
        if fig.kind == "money" and base in ("buy", "purchase", "acquire") and frame.prep == "for" and any(
                lemma(c) in SHARE_NOUNS and any(g.dep_ == "nummod" for g in c.children)
                and not any(g.lower_ == "all" for g in c.subtree) for c in verb.children):
            return self._choice("investment", fig, frame, None, verb)   # "will purchase 214 million Orrin shares for $5 billion"
        ct = self._verb_type(verb, fig, frame.prep if frame.how == "prep" else None)
        if ct is not None:
            return [Choice(ct, frame, None, verb)]
        if frame.how == "prep" and frame.prep == "for" and base not in BUYING_VERBS:
            buying = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and lemma(c) in ("buy", "acquire", "purchase")), None)
            if buying is not None:      # "Adobe once explored buying Synthesia for about $3 billion"
                return self._verb(Frame(frame.figure, buying, "prep", "for", frame.verb), buying, fig, is_party)
        if frame.how == "object" and base in _REACHING and verb.dep_ == "advcl" and verb.tag_ == "VBG":
            # "reported a revenue increase of 355%, reaching $146.1 million"; "Revenue rose 5%, reaching $X"
            head = verb.head
            measured = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"), None)
            changed = next((c for c in head.children if c.dep_ == "dobj" and lemma(c) in CHANGE_NOUNS), None) or \
                (measured if measured is not None and lemma(measured) in CHANGE_NOUNS else None)   # "revenue growth ..., hitting"
            named = next((c for c in changed.children if c.dep_ == "compound" and c.pos_ == "NOUN"), None) \
                if changed is not None else None
            measured = named or (None if changed is measured else measured)
            if measured is not None and not is_party(measured):
                return self._noun(frame, measured, fig, is_party, verb=verb)
        spare = next((c for c in frame.figure.root.children if c.dep_ == "amod" and lemma(c) in ("available", "remaining", "left")), None)
        if frame.how == "object" and spare is not None:
            for_what = next((g for c in spare.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children
                             if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
            if for_what is not None:    # "the program still had $9.1 billion available for stock repurchases"
                return self._noun(frame, for_what, fig, is_party, verb=verb)
        if base in COPULAS | {"stand", "sit", "hover", "rest", "include", "comprise", "total"} and (frame.how == "object" or frame.prep == "at"):
            # "the round could reach up to $5bn", "the stake, which now stands at $16 billion",
            # "the senior notes include $1.5 billion maturing in 2030": a part of what they are
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None and verb.dep_ in ("xcomp", "conj"):       # ("its revenue dipped but was $53 billion")
                subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.lower_ in ("which", "that") and verb.dep_ == "relcl":
                subj = verb.head
                if is_party(subj) and subj.dep_ == "pobj" and subj.head.head.pos_ == "NOUN":
                    subj = subj.head.head       # "its stake in Intel, which now stands at $16 billion": the clause hung on the name
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
        if frame.how == "prep" and frame.prep in ("at", "for") and base in TRADING_VERBS | BUYING_VERBS | {"acquire"} and \
                (measured is None or is_party(measured) or lemma(measured) in SHARE_NOUNS | {"price", "stock"}):
            # "opened at $69", "shares at $20.47"; not "earnings per share came in at $1.57"
            return self._choice("share_price", fig, frame, None, verb)
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
        if (taken := takes_in(frame, fig)) is not None:      # "the startup now makes over $540 million per year"
            return self._choice(taken, fig, frame, None, verb)    # ("Coinbase lost $1.1bn in the second quarter": a loss)
        return []


_USING = {"use", "license", "access", "rent", "lease"}      # paid for to use: a service bought
_REACHING = {"reach", "hit", "top", "total", "exceed", "surpass", "near", "approach", "touch", "bring"}


def anchor_raises(verb: Token | None) -> bool:
    """Whether a verb tells a company raising money from others ("raised", "secured", "landed")."""
    return verb is not None and lemma(verb) in ("raise", "secure", "attract", "land", "close", "bag")


def _value_moved(frame: Frame) -> bool:
    """"Oracle added $244 billion in market value": what a company's value gained or lost in a
    day is a change, not an amount it put in."""
    if frame.how != "object" or frame.anchor is None or lemma(frame.anchor) not in ("add", "gain", "lose", "shed"):
        return False
    return any(c.dep_ == "prep" and c.lower_ in ("in", "of", "to") and lemma(g) in ("value", "capitalization", "cap")
               for t in (frame.figure.root, frame.anchor) for c in t.children for g in c.children if g.dep_ == "pobj")
