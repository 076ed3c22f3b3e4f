"""Open claims: every money amount, percentage and counted quantity about a party that no
claim type took, as a claim of kind "open" (issue 17).

What a figure measures comes from the parse, as for typed claims (frames.py): the noun it
sizes or counts ("market value of $1.5 trillion", "497,099 vehicles"), the noun whose level a
change verb moves ("its benchmark rate ... to 4%"), or the verb it completes ("delivered
497,099 vehicles"). Those words, lemmatised, go through the metric lexicon ([[metric]] in
claims.toml) so that outlets' wordings share one key. Whose it is comes from the same roles
and references as typed claims; a figure whose party the sentence does not tell makes no
claim ("25 years ago", "two Hoover Dams"). A change stated beside a level ("497,099
vehicles, up 7%") is that level's change, not a claim of its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from claimtrack.extractors import roles
from claimtrack.extractors.claim_words import DEAL_NOUNS
from claimtrack.extractors.config import ExtractorConfig
from claimtrack.extractors.figures import Figure
from claimtrack.extractors.frames import CHANGE_VERBS, COPULAS, figure_root, figure_span, find_frame, governing_verb, lemma
from claimtrack.extractors.goods_worth import GOODS_VALUE, worth_of_goods
from claimtrack.extractors.open_changes import beside_name, change_of_level, in_claim_unit, near_level
from claimtrack.extractors.open_metrics import (HOLDING, MEASURE_UNITS, complement, lexicon, measure_phrase, measured_by,
                                                 metric_name, named_whole, skipped, unit_measure, whole_of)
from claimtrack.extractors.open_multiples import multiples
from claimtrack.extractors.open_parties import (PARTY_KINDS, SHARES, for_organ, made_by, moved_to, only_party,
                                                 sole_party, spoken_of, whose)
from claimtrack.extractors.open_ratios import read_multiple
from claimtrack.extractors.open_terms import (FINES, cost_to, debt_of, exchange_ratio, fine_payer, fined, issuer,
                                              not_payer, price_gap, priced_against, verb_words)
from claimtrack.extractors.open_verbs import acted_on
from claimtrack.extractors.references import Party, References

_FALLING = {"fall", "drop", "decline", "decrease", "lose", "slide", "slip", "plunge", "tumble", "sink", "shrink",
            "dip", "retreat", "shed", "slump", "cut", "lower", "trim", "reduce", "downgrade", "tank", "crater", "sag",
            "skid", "plummet", "dive", "nosedive", "sink"}
# verbs that set or keep a level at a figure: "held its key rate at 4.25%", "narrowed to 72.4%"
_SETTING = {"hold", "keep", "set", "put", "peg", "leave", "maintain", "fix", "narrow", "widen", "stay", "sit"}
# market slang for a price's move, beside frames.py's change verbs: "popped 42% in its debut"
_LEAPING = {"pop", "skyrocket", "rocket", "leap", "tank", "crater", "sag", "skid", "plummet", "dive", "nosedive",
            "zoom", "spike", "rebound"}
_SCALED = re.compile(r"(?:thousand|million|billion|trillion|\d\s*(?:k|m|mn|bn|b|tn|t)\b)", re.IGNORECASE)
_THROUGH = {"range", "level", "total", "sum", "figure", "tune", "band", "high", "low", "record", "amount",
            "year", "quarter", "month", "week", "half"}       # ("were $7.4 billion last year": a misparse)
# verbs of a price moving by itself: "Nvidia rose 3%", "the stock tanked"
_MOVING = {"rise", "fall", "jump", "drop", "climb", "gain", "lose", "slide", "slip", "surge", "soar", "plunge", "tumble",
           "sink", "decline", "rally", "advance", "dip", "edge", "retreat", "rebound", "spike", "pop", "slump", "tank",
           "crater", "trade", "open", "close", "finish", "end", "be", "sag", "skid", "shed", "add", "leap"}
# what a count of shares is by the verb that deals in them; outlets' verbs for one offering
# ("sold", "offered", "priced", "issued") share one name, so their reports share a key
_SHARE_DEALINGS = {"sell": "shares_sold", "offer": "shares_sold", "issue": "shares_sold", "price": "shares_sold",
                   "buy": "shares_bought", "purchase": "shares_bought", "acquire": "shares_bought",
                   "receive": "shares_bought", "obtain": "shares_bought", "get": "shares_bought",
                   "hold": "shares_held", "own": "shares_held", "repurchase": "shares_repurchased",
                   "retire": "shares_repurchased", "cancel": "shares_repurchased", "buy back": "shares_repurchased"}
# the nouns of those dealings: "the purchase of 14.1 million shares", "a sale of 20 million shares"
_SHARE_DEALING_NOUNS = {"sale": "shares_sold", "offering": "shares_sold", "issuance": "shares_sold",
                        "purchase": "shares_bought", "acquisition": "shares_bought", "repurchase": "shares_repurchased",
                        "buyback": "shares_repurchased"}
_COUNTING_VERBS = {"sell", "deliver", "ship", "produce", "make", "manufacture", "employ"}    # counts, not money
_CHANGE_NOUNS = {"increase", "rise", "jump", "gain", "growth", "surge", "climb", "rally", "advance", "leap", "hike",
                 "improvement", "boost", "uptick",
                 "drop", "decline", "fall", "decrease", "slump", "plunge", "slide", "dip", "loss", "cut", "reduction"}
_FALLING_NOUNS = {"drop", "decline", "fall", "decrease", "slump", "plunge", "slide", "dip", "loss", "cut", "reduction"}


@dataclass(frozen=True)
class OpenFigure:
    """One open claim read from the parse: its figure, metric, party, and any change."""
    figure: Figure
    metric: str
    subject: str
    change: float | None = None      # a change stated beside the level ("up 7%")
    change_unit: str | None = None
    moved: float | None = None       # the figure is itself a change, signed ("shares fell 6%": -6)


def read_open(doc: Doc, candidates: list[Figure], levels: list[Figure], refs: References,
              config: ExtractorConfig, text: str, sent: Span | None = None
              ) -> tuple[list[OpenFigure], dict[int, tuple[float, str]]]:
    """The open claims of one sentence's `candidates` (its current figures no type took), and
    the changes stated beside a level, by the level figure's id; `levels` are all its current
    figures, so that a change finds the level it belongs to, typed or open. With the sentence,
    its multiplying words too ("doubled its valuation": open_multiples.py)."""
    out: list[OpenFigure] = []
    changes: dict[int, tuple[float, str]] = {}
    pending: list[OpenFigure] = []
    for fig in candidates:
        if fig.kind == "year":
            continue
        span = figure_span(doc, fig.start, fig.end)
        if span is None:
            continue
        stated = change_of_level(fig, text) if fig.kind in ("percent", "money") else None
        if stated is not None:
            before = [f for f in levels if f.end <= fig.start and f is not fig and near_level(doc, f, fig)]
            if before:
                changes[id(before[-1])] = stated          # "497,099 vehicles ..., up 7%"
                continue
            named = beside_name(doc, fig, refs)          # "Nvidia (up 3%) and AMD (down 2%) led the index"
            found = (metric_name("share change", config), named, stated[0], None) if named is not None \
                else _change_alone(doc, span, stated[0], refs, config)    # "the shares opened up 20.6%"
        else:
            found = _read_one(doc, fig, span, refs, config)
        if found is None:
            continue
        metric, party, change, level_of = found
        if level_of is not None:
            changes[id(level_of)] = in_claim_unit(change, fig)   # "by a quarter point to 4%-4.25%"
            continue
        party = for_organ(party, span[0], refs)
        pending.append(OpenFigure(fig, metric, party.name, moved=change))
    for fig, word in multiples(sent) if sent is not None else ():
        level = _level_of(doc, word, fig) if word.pos_ == "VERB" else None
        if level is not None:
            changes[id(level)] = (fig.value, "percent")      # "revenue tripled to $3 billion"
            continue
        found = _moved(word, fig.value, refs, config, fig) if word.pos_ == "VERB" else _noun_change(doc, fig, word, refs, config)
        if found is not None and found[3] is None:
            pending.append(OpenFigure(fig, found[0], found[1].name, moved=fig.value))
    for o in pending:
        stated = changes.get(id(o.figure))
        if stated is not None and o.moved is None:
            o = OpenFigure(o.figure, o.metric, o.subject, stated[0], stated[1])
        out.append(o)
    return out, changes


def _read_one(doc: Doc, fig: Figure, span, refs: References, config: ExtractorConfig
              ) -> tuple[str, Party, float | None, Figure | None] | None:
    """(metric, party, change, the level figure this change belongs to) of one figure."""
    root = figure_root(span)
    if fig.kind == "count" and fig.counted == "times":
        return read_multiple(fig, span, refs, config)    # "14.3x Kenvue's adjusted EBITDA"
    if fig.kind == "count" and fig.counted:
        counted = root.head if root.head.pos_ in ("NOUN", "PROPN") and root.head.i > root.i else None
        if counted is None:
            counted = next((t for t in doc[span.end:span.end + 4] if t.pos_ == "NOUN"), None)
        if counted is None or refs.mention_at(counted) is not None:
            return None
        verb = governing_verb(counted)
        words = measure_phrase(counted)
        if counted.dep_ == "pobj" and counted.head.lower_ in ("to", "from", "at") and verb is not None \
                and lemma(verb) in CHANGE_VERBS and measured_by(verb) is not None:
            measured = measured_by(verb)         # "cut its delivery forecast to 40,000 vehicles"
            words = measure_phrase(measured)
            party = whose(measured, refs, verb)
            if skipped(words, config) or party is None:
                return None
            return metric_name(words, config, fig), party, None, None
        if verb is not None and counted.dep_ in ("dobj", "pobj") and lemma(verb) not in CHANGE_VERBS \
                and lemma(verb) not in ("be", "have"):
            by_verb = metric_name(verb_words(verb), config)
            if by_verb != verb_words(verb).replace(" ", "_"):     # "delivered 497,099 vehicles": deliveries
                words = verb_words(verb)
        if lemma(counted) in MEASURE_UNITS and words == measure_phrase(counted):
            words = unit_measure(counted, verb, config) or words     # "ounces", "tonnes": units, no measure
        if skipped(words, config):
            return None
        owner = roles.agent(verb, refs) if verb is not None and (counted.dep_ == "dobj" and lemma(verb) == "have" or
                                                                 lemma(counted) not in SHARES and made_by(counted, refs)) else None
        party = owner or whose(counted, refs, verb)     # "CoreWeave has 250,000 Nvidia GPUs": the holder's, not the maker's
        if party is None and verb is not None:
            party = roles.agent(verb, refs) or only_party(verb, refs)
        metric = metric_name(words, config, fig)
        exchanged = exchange_ratio(counted, refs) if lemma(counted) in SHARES and fig.value < 100 else None
        if exchanged is not None:                  # "0.344 Omnicom shares for each IPG share"
            return metric_name("exchange ratio", config), exchanged, None, None
        dealing = counted.head.head if counted.dep_ == "pobj" and counted.head.lower_ == "of" else None
        if lemma(counted) in SHARES and dealing is not None and lemma(dealing) in _SHARE_DEALING_NOUNS:
            metric = _SHARE_DEALING_NOUNS[lemma(dealing)]     # "its purchase of 12.7 million shares"
        elif lemma(counted) in SHARES and verb is not None and lemma(verb) in _SHARE_DEALINGS:
            metric = _SHARE_DEALINGS[lemma(verb)]     # "sold 112.5 million shares": shares_sold, not sales
        if fig.per:
            metric = f"{metric}_per_{fig.per}" if not metric.endswith(f"_per_{fig.per}") else metric
        return (metric, party, None, None) if party is not None else None

    debt = debt_of(doc, fig, span)
    if debt is not None:                   # "4.450% Senior Notes due 2027": the issuer's coupon
        party = issuer(debt, refs)
        return ("coupon", party, None, None) if party is not None else None
    gap = price_gap(span, refs) if fig.kind == "percent" else None
    if gap is not None:                    # "33% above its 90-day average": a premium
        return metric_name(gap[0], config, fig), gap[1], None, None
    frame = find_frame(span)
    if frame.how == "noun" and frame.anchor is not None and lemma(frame.anchor) in _THROUGH:
        inner = find_frame(doc[frame.anchor.i:frame.anchor.i + 1])     # "to a range of 4% to 4.25%"
        if inner.how in ("level", "change", "noun", "object", "prep"):
            frame = type(frame)(frame.figure, inner.anchor, inner.how, inner.prep, inner.verb)
    anchor = frame.anchor
    if anchor is None or frame.how in ("gapped", "part", "unknown"):
        return None
    if (frame.how == "valued" or frame.how == "noun" and lemma(anchor) in ("value", "worth")) and \
            worth_of_goods(anchor, frame.figure):
        party = whose(anchor, refs, frame.verb)    # "an arms package worth $142bn": what goods sell for, no valuation
        return (GOODS_VALUE, party, None, None) if party is not None else None
    if frame.how == "noun" and lemma(anchor) in _CHANGE_NOUNS:
        return _noun_change(doc, fig, anchor, refs, config)
    if frame.how == "noun":
        if refs.mention_at(anchor) is not None and anchor.pos_ == "PROPN" or refs.party(anchor) is not None \
                and lemma(anchor) not in ("premium", "discount"):      # ("for Skechers, a 30% premium": no party)
            return _held_with(doc, fig, anchor, frame.prep, refs, config)   # "Apple ($3.9 trillion)": a gapped list;
                                      # "startup Mistral AI for €1.3 billion", "the startup": a party is no measure
        words = measure_phrase(anchor)
        if skipped(words, config):
            return None
        if lemma(anchor) in FINES and (fine_payer(anchor, refs) is not None or frame.verb is not None
                                       and lemma(frame.verb) in ("impose", "levy", "hit", "slap", "hand")):
            party = fine_payer(anchor, refs)          # "imposed a 500 million euro fine on Apple": Apple's
            return (metric_name(words, config, fig), party, None, None) if party is not None else None
        party = priced_against(anchor, refs) or not_payer(
            whose(anchor, refs, frame.verb) or sole_party(anchor, refs) or spoken_of(anchor, refs), anchor, refs)
        return (metric_name(words, config, fig), party, None, None) if party is not None else None
    if frame.how == "valued":
        if anchor.pos_ == "NOUN" and refs.mention_at(anchor) is None:
            # ("an agreement with OpenAI worth $6.5 billion": the deal's value, no company's valuation)
            words = "deal value" if lemma(anchor) in DEAL_NOUNS else f"{measure_phrase(anchor)} value"
            valuing = frame.verb is not None and anchor.dep_ == "dobj" and anchor.head.i == frame.verb.i and \
                lemma(frame.verb) in ("value", "price", "peg")
            # ("Forbes valued the franchise at $6 billion": the thing valued, never the valuer)
            party = whose(anchor, refs, None if valuing else frame.verb)
        elif fig.kind != "money":
            return None         # "GameStop is now worth more than 10% of S&P 500 stocks": a comparison, no valuation
        else:
            words, party = "valuation", refs.party(anchor)
        if party is None or skipped(words, config):
            return None
        return metric_name(words, config, fig), party, None, None
    verb = anchor
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    if fig.kind == "money" and lemma(verb) == "raise" and frame.how in ("object", "level") and measured_by(verb) is None:
        party = roles.agent(verb, refs) or only_party(verb, refs)   # "has raised close to $3.9 billion": its funds
        return (metric_name("raise", config), party, None, None) if party is not None and party.kind in PARTY_KINDS \
            else None
    moving = lemma(verb) in CHANGE_VERBS or lemma(verb) in _LEAPING and fig.kind == "percent"
    if frame.how == "change" or moving and (frame.how == "object" or frame.how == "prep" and frame.prep == "by"):
        sign = -1 if lemma(verb) in _FALLING else 1
        level = _level_of(doc, verb, fig)
        if level is not None:
            return "", Party(""), sign * abs(fig.value), level
        return _moved(verb, sign * abs(fig.value), refs, config, fig) or _share_of(doc, fig, verb, refs, config)
    set_at = frame.how == "prep" and (frame.prep in ("at", "to") and lemma(verb) in COPULAS | _SETTING   # "stood at",
                                      or frame.prep == "to" and measured_by(verb) is not None)   # "upping its dividend to"
    if frame.how == "level" or (moving or set_at) and frame.how == "prep":   # "held its key rate at 4.25%"
        measured = measured_by(verb)
        if measured is None and lemma(verb) in _MOVING and (fig.kind == "price" or fig.kind == "money" and fig.value < 1e5
                                                             and not _SCALED.search(fig.text)):
            party = moved_to(verb, refs)      # "Intel gained about 2% to $24.80": its share price
            return (metric_name("share price", config, fig), party, None, None) if party is not None else None
        if measured is None:
            return None
        words = measure_phrase(measured)
        if skipped(words, config):
            return None
        party = whose(measured, refs, verb)
        return (metric_name(words, config, fig), party, None, None) if party is not None else None
    if frame.how in ("object", "prep"):
        named = complement(doc, fig, refs, paid=lemma(verb) not in HOLDING) if fig.kind == "money" else None
        if named is not None:           # "reported $13.3 billion in CFFO": what its "in"/"of" phrase names
            party = roles.agent(verb, refs)
            if skipped(measure_phrase(named), config) or party is None or party.kind not in PARTY_KINDS:
                return None
            return metric_name(measure_phrase(named), config, fig), party, None, None
        whole = named_whole(doc, fig, verb_words(verb), refs) if fig.kind == "percent" else None
        if whole is not None and (party := roles.agent(verb, refs)) is not None and party.name != whole:
            return metric_name(f"{whole} weight", config), party, None, None    # "accounts for 8% of the S&P 500"
        if fig.kind == "percent" and whole_of(doc, fig, refs) is not None:
            return _share_of(doc, fig, verb, refs, config)     # "laid off 14% of its staff"
        payer = fined(verb, refs) if fig.kind == "money" else None
        if payer is not None:                             # "fined Alphabet 2.4 billion euros"
            return metric_name("fine", config, fig), payer, None, None
        borne = cost_to(verb, refs) if fig.kind == "money" else None
        if borne is not None:                             # "the tariffs would cost Ford $1.1 billion"
            return metric_name(borne[0], config, fig), borne[1], None, None
        words = verb_words(verb)
        if words not in lexicon(config.open_metrics) and frame.how == "object" and (acted := acted_on(fig, verb, refs)):
            return metric_name(words, config, fig), acted, None, None     # "Alibaba has pledged 380 billion yuan"
        if words not in lexicon(config.open_metrics) or words in _COUNTING_VERBS and fig.kind != "count" or \
                fig.kind == "percent" and span.end < len(doc) and doc[span.end].lower_ in ("more", "less", "fewer"):
            return None     # only verbs that measure ("delivered", "employs"): "sold $6.6 billion of shares" is
                            # no sales figure, "spent 12% more time" no spending
        party = roles.agent(verb, refs) or only_party(verb, refs)
        if party is None or party.kind not in PARTY_KINDS:
            return None
        return metric_name(words, config, fig), party, None, None
    return None


def _held_with(doc: Doc, fig: Figure, party_noun: Token, prep: str | None, refs: References,
               config: ExtractorConfig) -> tuple[str, Party, float | None, Figure | None] | None:
    """What a party is "with": "a software-focused firm with $184 billion in assets under management"."""
    named = complement(doc, fig, refs, paid=False) if prep == "with" and fig.kind == "money" else None
    party = refs.party(party_noun) if named is not None else None
    if party is None or party.kind not in PARTY_KINDS or skipped(measure_phrase(named), config):
        return None
    return metric_name(measure_phrase(named), config, fig), party, None, None


def _share_of(doc: Doc, fig: Figure, verb: Token, refs: References, config: ExtractorConfig
              ) -> tuple[str, Party, float | None, Figure | None] | None:
    """A percentage of what its own "of" names ("laid off 14% of its staff", "cut 15% of its
    workforce"), the share of the party that does the verb."""
    whole = whole_of(doc, fig, refs) if fig.kind == "percent" else None
    party = roles.agent(verb, refs) if whole is not None else None
    if whole is None or skipped(measure_phrase(whole), config) or party is None or party.kind not in PARTY_KINDS:
        return None
    if lemma(whole) in SHARES and lemma(verb) in _SHARE_DEALINGS:
        return f"{_SHARE_DEALINGS[lemma(verb)]}_pct", party, None, None    # "bought back 40% of the shares"
    return metric_name(f"{measure_phrase(whole)} share", config, fig), party, None, None


def _noun_change(doc: Doc, fig: Figure, noun: Token, refs: References, config: ExtractorConfig
                 ) -> tuple[str, Party, float | None, Figure | None] | None:
    """"a 9% year-over-year increase", "a 265% revenue increase", "a 1,000% rise in its
    operating income": a change of what the noun compounds or its 'in'/'of' names, else of the
    level the sentence gives just before."""
    signed = -abs(fig.value) if lemma(noun) in _FALLING_NOUNS else abs(fig.value)
    measured = next((c for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < noun.i
                     and c.ent_type_ == ""), None)
    if measured is None:
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "of", "to") and measured is None:   # "a 14% increase to its
                measured = next((g for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)   # dividend"
    if measured is not None and not skipped(measure_phrase(measured), config):
        party = whose(measured, refs, governing_verb(noun)) or whose(noun, refs, governing_verb(noun))
        return (metric_name(f"{measure_phrase(measured)} change", config), party, signed, None) if party is not None else None
    before = [f for f in (getattr(doc._, "figures", None) or ()) if f.end <= fig.start and f.kind != "year"
              and f.start >= noun.sent.start_char and not f.previous]
    if before and near_level(doc, before[-1], fig):
        return "", Party(""), signed, before[-1]          # "revenue was $9.59 billion, a 9% increase"
    return None


def _change_alone(doc: Doc, span, signed: float, refs: References, config: ExtractorConfig
                  ) -> tuple[str, Party, float | None, Figure | None] | None:
    """A change stated with no level ("shares opened up 20.6%", "finishing down 6.4%"): of
    what the verb above it moves, else of the shares of the party that is its subject."""
    verb = next((a for a in figure_root(span).ancestors if a.pos_ in ("VERB", "AUX")), None)
    while verb is not None and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in verb.children) \
            and verb.dep_ in ("advcl", "xcomp", "conj", "acl") and verb.head.pos_ in ("VERB", "AUX", "NOUN"):
        verb = verb.head if verb.head.pos_ in ("VERB", "AUX") else None     # "finishing down 6.4%": the stock tanked
    if verb is None:
        return None
    return _moved(verb, signed, refs, config, None)


def _moved(verb: Token, signed: float, refs: References, config: ExtractorConfig, fig: Figure | None = None
           ) -> tuple[str, Party, float | None, Figure | None] | None:
    """A change `verb` states, signed: of the noun it moves ("revenue soared 64%"), else of the
    shares of the company that is its subject ("Nvidia rose 3%")."""
    measured = measured_by(verb)
    named = complement(verb.doc, fig, refs, paid=False) if measured is None and fig is not None and fig.kind == "money" \
        else None                                     # "gained $200 billion in market value": the doer's
    measured = measured or named
    if measured is None:
        if (fig is not None and fig.kind not in ("percent", "price")) or lemma(verb) not in _MOVING:
            return None                               # "Boeing raised $21 billion" is no move of its shares
        party = roles.agent(verb, refs)               # (also "Nebius rebounded after falling 2.43%")
        if party is None or party.kind not in ("company", "org", "description"):
            return None
        words = "share change"                        # "Nvidia rose 3%": its shares moved
    else:
        phrase = measure_phrase(measured)
        priced = phrase in ("share price", "stock price", "price")      # "the share prices of Dell rose 5%"
        if skipped(phrase, config) and not priced:
            return None
        words = "share change" if priced else f"{phrase} change"
        party = whose(measured, refs, verb) or (roles.agent(verb, refs) if named is not None else None)
    if party is None:
        return None
    return metric_name(words, config), party, signed, None


def _level_of(doc: Doc, verb: Token, fig: Figure) -> Figure | None:
    """The level figure a change verb also takes ("lowered ... by a quarter point *to 4%*")."""
    for f in getattr(doc._, "figures", None) or ():
        if f is fig or f.kind == "year" or f.start < verb.sent.start_char or f.end > verb.sent.end_char:
            continue
        span = figure_span(doc, f.start, f.end)
        if span is None:
            continue
        other = find_frame(span)
        if other.how == "noun" and other.anchor is not None and lemma(other.anchor) in _THROUGH:
            other = find_frame(doc[other.anchor.i:other.anchor.i + 1])
        if other.how == "level" and other.anchor is not None and other.anchor.i == verb.i and other.prep == "to":
            return f
    return None
