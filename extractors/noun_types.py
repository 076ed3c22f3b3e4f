"""Which claim type a noun names: the noun a figure sizes ("a $2 billion *stake*"), its own
"of"/"in" phrase ("$13 billion *in funding*"), what "worth $X" describes, the kind of a "$X
deal". The base of the lexicon (lexicon.py), which adds the verbs and decides which applies.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from claimtrack.extractors.choice import Choice, fits
from claimtrack.extractors.claim_words import (BUSINESS_NOUNS, BUYING_VERBS, CHANGE_NOUNS, CHANGE_ONLY_VERBS, CONTAINERS,
                                               DEAL_NOUNS, GATHERING_VERBS, GOODS, GROWING_VERBS, HOLDER_NOUNS, LISTED_NOUNS, OTHER_MEASURES, PAID_IN,
                                               OFFERS, PAYING_VERBS, PRIVATE_NOUNS, PROCURED, PROCURING, PUTTING_VERBS,
                                               RAISING_VERBS, ROUND_NOUNS, SCALED, SHARE_NOUNS, STAKE_NOUNS, SUPPLIER_NOUNS, is_org_noun)
from claimtrack.extractors.config import ClaimType
from claimtrack.extractors.deal_words import takeover_words
from claimtrack.extractors.figures import Figure
from claimtrack.extractors.frames import MEASURE_NOUNS, Frame, lemma, noun_phrase_lemma
from claimtrack.extractors.goods_bought import deal_for_goods, goods_bought, goods_price
from claimtrack.extractors.goods_worth import worth_of_goods
from claimtrack.extractors.mention import kind_at
from claimtrack.extractors.milestones import mark_passed
from claimtrack.extractors.misparsed import clause_after, named_beside
from claimtrack.extractors.not_claims import fixed_order
from claimtrack.extractors.phrase_words import (bought_back, business_sold_to, from_party, holding_worth, in_pieces, of_object,
                                                of_party, past_rate, taken_private, whole_bought, with_modifiers)

_PAYMENT = PAID_IN | {"cash and stock", "stock and cash"}


class NounTypes:
    """The claim types by metric, and the type a noun in a figure's frame names."""

    def __init__(self, types: tuple[ClaimType, ...]) -> None:
        self.types = types
        self.by_metric = {t.metric: t for t in types}

    def noun_type(self, phrase: str, fig: Figure) -> ClaimType | None:
        words = phrase.split()
        for n in range(len(words)):                      # "post-money valuation", then "valuation"
            candidate = " ".join(words[n:])
            if candidate in OTHER_MEASURES:
                return None                              # "net interest income" is no profit
            for ct in self.types:
                if candidate in ct.nouns and fits(ct, fig):
                    return ct
        return None

    @staticmethod
    def other_measure(phrase: str) -> bool:
        """Whether a noun phrase ends in a measure no type takes ("net interest income")."""
        return any(" ".join(words[n:]) in OTHER_MEASURES for words in [phrase.split()] for n in range(len(words)))

    def metric(self, name: str, fig: Figure) -> ClaimType | None:
        ct = self.by_metric.get(name)
        return ct if ct is not None and fits(ct, fig) else None

    def revalued(self, found: list[Choice], frame: Frame, fig: Figure, cash_beside_shares: bool) -> list[Choice]:
        """The types chosen, read once more: the cash part of a cash-and-stock offer is no share
        price; what an investment of its own stated size is worth now ("Nvidia's $5 billion
        investment in Intel is now worth $7 billion", "its $400 million investment has ballooned
        to $2.8 billion") is the value of the holding, not the investment."""
        out = []
        for c in found:
            if c.type.metric == "share_price" and cash_beside_shares:
                continue
            if c.type.metric == "investment" and frame.how in ("valued", "level") and c.noun is not None and \
                    lemma(c.noun) in _HOLDINGS and (_sized_apart(c.noun, frame) or _now(c.verb)) and \
                    (held := self.metric("stake_value", fig)) is not None:
                c = Choice(held, c.frame, c.noun, c.verb, c.subject)
            out.append(c)
        return out

    def _choice(self, name: str, fig: Figure, frame: Frame, noun: Token | None, verb: Token | None,
                subject: Token | None = None) -> list[Choice]:
        ct = self.metric(name, fig)
        return [Choice(ct, frame, noun, verb, subject)] if ct else []

    def _complement(self, frame: Frame, fig: Figure, is_party) -> list[Choice]:
        """"$30 billion *of bonds*", "$13 billion *in funding*", "$1 billion (£775 million) in
        revenue": the noun the figure's own "of"/"in" phrase names, when a type lists it."""
        doc = frame.figure.doc
        end = frame.figure.end
        if end < len(doc) and doc[end].text == "(":           # skip a conversion in parentheses
            close = next((t.i for t in doc[end:min(len(doc), end + 12)] if t.text == ")"), None)
            end = close + 1 if close is not None else end
        if end + 1 < len(doc) and doc[end].lower_ == "worth" and doc[end + 1].lower_ == "of":
            end += 1                                        # "$8.9 billion worth of the company's stock"
        if end >= len(doc) or doc[end].lower_ not in ("of", "in", "for"):
            return []
        prep = doc[end]
        objs = [g for g in prep.children if g.dep_ == "pobj"]      # "$5 billion of xAI debt": the noun, not the name
        obj = next((g for g in objs if g.pos_ == "NOUN"), objs[0] if objs else None)
        if obj is None or obj.pos_ not in ("NOUN", "PROPN") or fixed_order(obj) or in_pieces(obj):
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
            inner = past_rate(next((g for g in of.children if g.dep_ == "pobj"), None)) if of is not None else None
            if inner is not None:
                obj = inner
        if prep.lower_ == "for" and lemma(obj) in SHARE_NOUNS and self.metric("share_price", fig) is not None \
                and not SCALED.search(fig.text):
            return self._choice("share_price", fig, frame, obj, None)     # "83,300 won for common shares"
        if lemma(obj) in SHARE_NOUNS | {"equity", "depositary share"} and fig.kind == "money" and frame.anchor is not None \
                and frame.how in ("object", "prep"):
            return self._shares_traded(frame, fig, obj, is_party)
        described = with_modifiers(obj, ("amod",))
        ct = self.noun_type(noun_phrase_lemma(obj), fig) or self.noun_type(obj.lower_, fig) or \
            self.noun_type(described, fig)      # "$27 billion of private credit"
        if ct is None or ct.metric in ("stake_pct", "share_price"):
            return []
        verb = frame.verb if frame.how in ("noun", "valued", "part") else frame.anchor
        return [Choice(ct, frame, obj, verb if verb is not None and verb.pos_ in ("VERB", "AUX") else None)]

    def _shares_traded(self, frame: Frame, fig: Figure, shares: Token, is_party) -> list[Choice]:
        """Money spent on or raised by shares: "buy back $10 billion of shares" is a buyback,
        "buy $2 billion of Intel stock" an investment in Intel, "sold $5 billion of depositary
        shares" the seller's round, "sold $20.7 billion of AIG shares" the seller's stake, "owns $88 million of Rio shares" the owner's."""
        verb = frame.anchor
        base = lemma(verb)
        own = any(c.dep_ == "poss" and c.lower_ in ("its", "their", "own") for c in shares.children) or \
            any(c.lower_ == "own" for c in shares.children)
        others = [c for c in shares.children if c.dep_ in ("compound", "nmod", "poss") and is_party(c)] or \
            [g for c in shares.children if c.dep_ == "prep" and c.lower_ in ("of", "in")
             for g in c.children if g.dep_ == "pobj" and is_party(g)]
        back = bought_back(verb)
        if base in BUYING_VERBS | {"purchase", "repurchase"}:
            if back or (own and not others) or base == "repurchase":
                return self._choice("buyback", fig, frame, shares, verb)
            return self._choice("investment", fig, frame, shares, verb)
        if base in ("sell", "issue", "offer", "place", "float", "list", "raise"):
            buyer = next((g for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"
                          for g in c.children if g.dep_ == "pobj" and is_party(g)), None)
            if buyer is not None and base in ("sell", "issue"):     # "will sell $5 billion of its shares to Vell": Vell invests
                return self._choice("investment", fig, frame, shares, verb, buyer)
            if others:
                return self._choice("stake_value", fig, frame, shares, verb)
            return self._choice("funding_round", fig, frame, shares, verb)
        if base in ("own", "hold") and not own:      # "Palliser owns $88 million worth of Rio shares": its holding
            return self._choice("stake_value", fig, frame, shares, verb)
        return []

    def _valued(self, frame: Frame, fig: Figure, is_party) -> list[Choice]:
        thing, verb = frame.anchor, frame.verb
        if thing is None and verb is not None and lemma(verb) in ("have", "carry"):     # "The deal has a value of"
            thing = next((c for c in verb.children if c.dep_ == "nsubj" and lemma(c) in DEAL_NOUNS), None)
        if thing is not None and thing.dep_ == "pobj" and thing.head.lower_ in ("in", "of") \
                and lemma(thing.head.head) in STAKE_NOUNS and is_party(thing):
            thing = thing.head.head                      # "a 10% stake in Intel worth $8.9 billion" (not "a share in a deal worth")
        elif thing is not None and thing.dep_ == "pobj" and is_party(thing) and (thing.head.lower_ == "with" and lemma(
                thing.head.head) in DEAL_NOUNS or thing.head.lower_ in ("from", "by") and lemma(thing.head.head) in OFFERS):
            thing = thing.head.head         # "an agreement with OpenAI worth up to $6.5 billion", "an offer from Oxy worth"
        goods = lemma(thing) if thing is not None else ""         # (what is bought is no party, whatever its name)
        if goods in PROCURED | GOODS and thing.dep_ == "dobj" and lemma(thing.head) in PROCURING | {"order"} and fig.kind == "money":
            return self._choice("purchase_commitment", fig, frame, thing, thing.head)  # "buy GPU capacity from Nebius valued at"
        if fig.kind == "money" and (bought := goods_bought(thing)) is not None:
            return self._choice("purchase_commitment", fig, frame, *bought)  # "an order for 40 jets worth" (goods_bought.py)
        if worth_of_goods(thing, frame.figure):
            return []                   # "eight A350s worth $3.4 billion", "an arms package worth": an open goods value
        # (a stake or a deal set beside a company is no party: "27% of OpenAI, a stake valued at")
        if thing is None or is_party(thing) and lemma(thing) not in STAKE_NOUNS | DEAL_NOUNS or lemma(thing) in PRIVATE_NOUNS | LISTED_NOUNS:
            sent = frame.figure.sent.text.lower()
            name = "market_cap" if re.search(r"\b(?:on the )?stock market\b|\bmarket (?:value|cap)", sent) else "valuation"
            return self._choice(name, fig, frame, thing, verb)
        if lemma(thing) in ("worth", "value", "valuation", "price tag", "tag"):      # "pegged its worth at", "its market value at"
            return self._choice("market_cap" if any(c.lower_ == "market" for c in thing.lefts) else "valuation", fig, frame, thing, verb)
        if lemma(thing) in SHARE_NOUNS:
            if fig.kind == "money" and (SCALED.search(fig.text) or abs(fig.value) >= 100_000):
                if verb is not None and (bought_back(verb) or lemma(verb) == "repurchase"):
                    return self._choice("buyback", fig, frame, thing, verb)   # "buy back shares worth 10 trillion won"
                return self._choice(holding_worth(thing, frame.figure), fig, frame, thing, verb)   # "the shares, now valued at $11 billion"
            return self._choice("share_price", fig, frame, thing, verb)    # "priced 36.9m shares at $33"
        if lemma(thing) == "equity" and fig.kind == "money" and thing.dep_ == "dobj" and \
                all(c.dep_ in ("det", "poss") for c in thing.children):
            # "valuing the equity at about $11.18 billion": the company's equity, all of it
            return self._choice("valuation", fig, frame, thing, verb)
        if lemma(thing) in STAKE_NOUNS:        # "a stake worth $11 billion", "Microsoft's stake set at 27%"
            return self._choice("stake_pct" if fig.kind == "percent" else holding_worth(thing, frame.figure), fig, frame, thing, verb)
        if lemma(thing) in DEAL_NOUNS:
            return self._deal(frame, thing, fig, is_party)
        if lemma(thing) in ("investment", "bet", "wager") and thing.dep_ in ("nsubj", "nsubjpass") and fig.kind == "money" \
                and verb is not None and (any(c.lower_ in ("now", "currently") for c in verb.children)
                                          or lemma(thing) != "investment" and lemma(verb) == "be"):
            # "Brennock's investment in Orrin is now worth $3 billion"; "Elliott's bet in Pepsi is worth $4 billion"
            return self._choice("stake_value", fig, frame, thing, verb)
        bought = of_object(thing) if lemma(thing) in ("purchase", "acquisition") else None
        if bought is not None and is_party(bought) and fig.kind == "money":
            return self._choice("acquisition_price", fig, frame, thing, verb)   # "Verizon's purchase of Frontier is valued at"
        ct = self.noun_type(noun_phrase_lemma(thing), fig)
        return [Choice(ct, frame, thing, verb)] if ct is not None else []

    def _noun(self, frame: Frame, noun: Token, fig: Figure, is_party, verb: Token | None = None) -> list[Choice]:
        verb = verb if verb is not None else frame.verb
        if noun.text == "%" and noun.dep_ in ("nmod", "compound", "nummod", "amod") and noun.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head        # "$1.0 billion 0.25% convertible senior notes": the notes, past their rate
        phrase, base = noun_phrase_lemma(noun), lemma(noun)
        if fig.kind == "money" and business_sold_to(noun, is_party):
            return self._choice("acquisition_price", fig, frame, noun, verb)
        if base in CHANGE_NOUNS and frame.prep != "to" and fig.kind == "money":
            added_to = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("to", "in")
                             for g in c.children if g.dep_ == "pobj"), None)
            words = [lemma(c) for c in added_to.children if c.dep_ in ("compound", "amod") and c.i < added_to.i] + \
                [lemma(added_to)] if added_to is not None else []
            added = self.noun_type(" ".join(words), fig) if words else None
            if added is not None and added.metric == "buyback":    # "a $25 billion increase to its buyback authorization"
                return [Choice(added, frame, added_to, verb)]
        if base in CHANGE_NOUNS and frame.prep == "to":
            # "a 265% increase in its revenue to $22 billion", "a revenue increase to $22 billion": the level of what grew
            grown = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "of")
                          for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")
                          and not any(ch.isdigit() for ch in g.text)), None) or \
                next((c for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.is_alpha), None)
            if grown is None or is_party(grown):        # (not the "%" of "355% revenue growth")
                return []
            return self._noun(frame, grown, fig, is_party, verb)
        if base == "range" and fig.kind == "money" and self.metric("share_price", fig) is not None and \
                any(lemma(t) in SHARE_NOUNS | {"ipo", "offering", "price", "listing"} for t in noun.sent):
            return self._choice("share_price", fig, frame, noun, verb)   # "its indicated range of $70 to $82"
        if goods_price(noun, is_party):
            return []       # "raised the price of its cereal to $5.49": a good's price, no share's
        bought = of_object(noun) if base in ("purchase", "acquisition") and fig.kind == "money" else None
        if bought is not None and lemma(bought) in SHARE_NOUNS and self.metric("investment", fig) is not None:
            return self._choice("investment", fig, frame, noun, verb)    # "SoftBank's $2 billion purchase of Intel shares"
        if base in _OUTLOOKS and fig.kind == "money" and (told := next(
                (ct for k in noun.children if k.dep_ in ("compound", "nmod") and k.i < noun.i
                 for ct in [self.noun_type(lemma(k), fig)] if ct is not None and ct.metric in ("revenue", "profit")), None)):
            return [Choice(told, frame, noun, verb)]    # "raised its revenue forecast to $105 billion": a revenue to come
        if any(lemma(c) == "series" for c in noun.children) or base == "series":
            phrase = "series"                             # "its $27 million Series A", "a Series D round"
        if base in MEASURE_NOUNS or base in CONTAINERS:   # "$17.5 billion aggregate principal amount of notes",
            # "a package of bonds and loans": what the "of" names
            of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = past_rate(next((g for g in of.children if g.dep_ == "pobj"), None)) if of is not None else None
            if obj is not None:
                return self._noun(frame, obj, fig, is_party, verb)
        if base in HOLDER_NOUNS and fig.kind == "percent":     # "Mistral's largest shareholder, with 11%"
            return self._choice("stake_pct", fig, frame, noun, verb)
        if base in SHARE_NOUNS and fig.kind == "money":          # "shares soared to $76"
            return self._choice("share_price", fig, frame, noun, verb)
        if base in STAKE_NOUNS and fig.kind == "money" and "market" not in phrase:
            name = "investment" if verb is not None and (lemma(verb) in BUYING_VERBS | PUTTING_VERBS | GATHERING_VERBS or
                                                         frame.prep == "for" and lemma(verb) in GROWING_VERBS) else "stake_value"
            return self._choice(name, fig, frame, noun, verb)
        if fig.kind == "money" and frame.how == "noun" and frame.prep is None and (base in LISTED_NOUNS or base in PRIVATE_NOUNS):
            # "the world's first $4 trillion company", "a $10 billion startup"
            return self._choice("market_cap" if base in LISTED_NOUNS else "valuation", fig, frame, noun, verb,
                                subject=noun)
        if base in DEAL_NOUNS and self.noun_type(phrase, fig) is None:
            return self._deal(frame, noun, fig, is_party)
        if base in ("purchase", "acquisition", "takeover", "buyout", "sale") and fig.kind == "money" and (
                of_party(noun, is_party) or base in ("purchase", "acquisition") and _firm_bought(noun, is_party)):
            # "its $6.5 billion purchase of Ampere Computing", "the $6.4 billion HashiCorp purchase",
            # "its purchase of the German private bank X for €672 million"
            return self._choice("acquisition_price", fig, frame, noun, verb)
        if base in ("sale", "divestment", "divestiture", "disposal", "offering", "issue", "issuance", "placement") and fig.kind == "money":
            of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            inner = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
            if inner is not None and inner.text == "%":     # "of 5.00% Convertible Senior Notes": the notes, not the rate
                inner = next((c for c in inner.children if c.dep_ == "appos"), inner)
            if inner is not None and not is_party(inner):  # "a $4.5 billion sale of dollar- and euro-denominated bonds"
                found = self._noun(frame, inner, fig, is_party, verb)
                if found:
                    return [Choice(found[0].type, frame, noun, verb)]
        kind_word = next((c for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN"), None) \
            if base in ("value", "worth") else None
        sized = self.noun_type(lemma(kind_word), fig) if kind_word is not None else None
        if sized is not None and sized.metric != "valuation":
            return [Choice(sized, frame, noun, verb)]    # "the total contract value": a contract's size, no valuation
        ct = self.noun_type(phrase, fig) or (self.noun_type(noun.lower_, fig) if not self.other_measure(phrase) else None)
        if ct is None:          # "Nvidia crossed the $4 trillion mark": a company's market value
            return self._choice("market_cap", fig, frame, noun, verb) if fig.kind == "money" and mark_passed(noun, is_party) else []
        if ct.metric == "investment" and verb is not None and lemma(verb) in RAISING_VERBS and noun.dep_ == "dobj" \
                and not any(c.dep_ == "prep" and c.lower_ in ("in", "into") for c in noun.children):
            ct = self.metric("funding_round", fig) or ct  # "xAI completed a $5 billion equity investment"
        found = [Choice(ct, frame, noun, verb)]
        if base in ROUND_NOUNS and fig.kind == "money":
            source = from_party(noun, is_party)
            if source is not None:                       # "$4 billion funding from Amazon"
                invest = self.metric("investment", fig)
                if invest is not None:
                    if ct.metric == "investment":
                        return [Choice(invest, frame, noun, verb, subject=source)]
                    found.append(Choice(invest, frame, noun, verb, subject=source))
        return found

    def _left_under(self, frame: Frame, fig: Figure, is_party) -> list[Choice]:
        """"$30.9 billion remaining under its authorization", "$14.7 billion left under its prior
        authorization": what is left of a buyback (or any plan) is sized as that plan."""
        for acl in frame.figure.root.children:
            if acl.dep_ != "acl" or lemma(acl) not in ("remain", "leave"):
                continue
            plan = next((g for c in acl.children if c.dep_ == "prep" and c.lower_ in ("under", "in", "on")
                         for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
            if plan is None:
                continue
            found = self._noun(frame, plan, fig, is_party, verb=acl)
            if not found and lemma(plan) in ("authorization", "authorisation", "program", "programme", "plan") and \
                    any(lemma(t) in ("buyback", "repurchase") or bought_back(t) for t in plan.sent):
                found = self._choice("buyback", fig, frame, plan, acl)
            return found
        return []

    def _deal(self, frame: Frame, noun: Token, fig: Figure, is_party) -> list[Choice]:
        """A "$X deal": what kind of deal, from the verbs and nouns around it ("a deal to buy
        Wiz", "a deal for cloud capacity", "an investment deal")."""
        words = {lemma(t) for t in noun.sent} | takeover_words(noun.sent)
        verb = frame.verb
        buys_party = False
        governing = [t for t in noun.ancestors if t.pos_ in ("VERB", "AUX")][:2]
        done = [c for g in governing for c in g.children if c.dep_ == "dobj"]   # "completed the purchase of X in a deal"
        after = clause_after(noun)          # ("its deal to buy Informatica", the clause hung on another verb)
        for t in [*noun.subtree, *([verb] if verb is not None else []), *governing, *done, *([after] if after else [])]:
            if (lemma(t) in ("buy", "acquire", "purchase", "merge", "takeover") or lemma(t) == "snap" and t.i + 1 < len(t.doc)
                    and t.nbor().lower_ == "up") and any(
                    is_party(w) or lemma(w) in BUSINESS_NOUNS for c in t.children if c.dep_ in ("dobj", "nsubjpass") for w in [whole_bought(c)]):
                # ("X will be bought by Y"; "buying the real estate portfolio of Barchester in a deal valued at")
                buys_party = True
            if lemma(t) in ("sell", "divest") and any(is_party(g) for c in t.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"
                                                      for g in c.children if g.dep_ == "pobj") and \
                    any(c.dep_ == "dobj" and (is_party(c) or is_org_noun(lemma(c))) for c in t.children):
                buys_party = True       # "agreed to sell its US unit to Meiji Yasuda in a $2.3 billion deal" (not GPU capacity)
            if lemma(t) in ("purchase", "acquisition") and t.pos_ == "NOUN" and any(
                    is_party(g) or lemma(g) in BUSINESS_NOUNS for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj"):
                buys_party = True       # "the purchase of the real estate portfolio of Barchester in a deal valued at"
        words |= {lemma(verb)} | {lemma(c) for c in verb.children} if verb is not None else set()
        private = any(taken_private(t) for t in noun.sent) \
            or any(t.lower_ == "private" and t.i > 1 and t.nbor(-1).text == "-" and t.nbor(-2).lower_ in ("take", "go")
                   for t in noun.subtree)                # "the $10 billion take-private deal"
        bid_for = any(is_party(n) and n.pos_ == "PROPN" for c in noun.children if c.dep_ == "prep" and c.lower_ == "for"
                      for g in c.children if g.dep_ == "pobj" for n in named_beside(g))  # "a deal for (start-up) Core Scientific"
        if buys_party or private or bid_for or words & {"acquisition", "acquire", "takeover", "merger", "buyout", "merge", "take-private"}:
            return self._choice("acquisition_price", fig, frame, noun, verb)
        debt = words & {"bond", "loan", "debt", "financing", "credit", "borrow", "lender", "notes"}
        # "X is leading the (latest) financing with a $1 billion commitment": the leader's part of an equity round
        led_with = noun.dep_ == "pobj" and noun.head.lower_ == "with" and any(    # ("with" on the verb or its object)
            lemma(t) in ("lead", "co-lead", "anchor") for t in (noun.head.head, noun.head.head.head))
        if led_with and not debt - {"financing"}:
            fallback = "investment"
        elif debt and not (debt == {"financing"} and words & {"lead", "co-lead", "round", "equity", "investor"}):
            fallback = "debt_issue"
        elif words & (PROCURED | PROCURING | SUPPLIER_NOUNS) or deal_for_goods(noun):    # "with operator IREN", "a deal for 40 jets"
            fallback = "purchase_commitment"
        elif words & {"invest", "investment", "stake", "equity", "round", "funding", "lead", "raise", "backer"}:
            fallback = "investment"
        else:           # "a five-year contract worth $3 billion with Meta": a contract sells something
            fallback = "purchase_commitment" if lemma(noun) in ("contract", "order") else None
        return self._context_deal(frame, noun, fig, fallback)

    def _context_deal(self, frame: Frame, noun: Token, fig: Figure, fallback: str | None) -> list[Choice]:
        """A "$X deal" the sentence does not call an acquisition: frame_claims.py reads it as the kind
        of deal the text spoke of last, else as `fallback` (what the words around it suggest)."""
        return [Choice(ClaimType("?deal", "currency", ()), frame, noun, frame.verb, fallback=fallback)] if fig.kind == "money" else []


_OUTLOOKS = {"forecast", "guidance", "outlook", "projection", "target", "estimate", "expectation"}
_HOLDINGS = {"investment", "holding", "position", "bet", "stake"}


def _now(verb: Token | None) -> bool:
    """Whether a verb says what is so now or at a closing date ("is now worth $12 billion", "valued at
    $25 million as of the end of December"): the worth of a holding then, not the money put in."""
    return verb is not None and any(c.lower_ in ("now", "currently", "today") and c.dep_ in ("advmod", "npadvmod") or c.dep_ ==
                                    "prep" and c.lower_ in ("as", "at") and any(g.lower_ in ("of", "end", "close") for g in
                                                                               c.subtree if g.i > c.i) for c in verb.children)


def _sized_apart(noun: Token, frame: Frame) -> bool:
    """Whether a noun carries a money figure of its own, apart from the frame's figure ("its
    *$400 million* investment ... has ballooned to $2.8 billion")."""
    inside = range(frame.figure.start, frame.figure.end)
    return any(t.i not in inside and (t.like_num or t.text in ("$", "€", "£")) and t.i < noun.i
               for c in noun.children if c.dep_ in ("compound", "nummod", "amod", "nmod", "quantmod")
               for t in c.subtree)


def _firm_bought(noun: Token, is_party) -> bool:
    """Whether a purchase noun names a firm or a business as what is bought: a name before it ("the
    HashiCorp purchase") or a firm's or business's noun in its "of" ("purchase of the German bank")."""
    bought = of_object(noun)
    return any(c.dep_ in ("compound", "nmod") and c.i < noun.i and c.text[:1].isupper() and is_party(c)
               and kind_at(c) in ("company", "org")   # a firm's name, not a product's ("the Azure purchase" buys compute)
               for c in noun.children) \
        or bought is not None and (lemma(bought) in BUSINESS_NOUNS | LISTED_NOUNS | PRIVATE_NOUNS or is_org_noun(lemma(bought)))
