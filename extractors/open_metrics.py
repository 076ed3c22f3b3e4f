"""What an open claim's figure measures, and its metric's name (issue 17): the noun phrase of
the measure, lemmatised ("delivery forecast"), the bare noun of an amount's own "in"/"of"
("$13.3 billion in CFFO"), the whole a percentage is a share of ("14% of its staff"); named
through the [[metric]] lexicon, and by a claim type's metric where a type names the measure,
so that open and typed reports of one quantity share a key.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Token

from claimtrack.extractors.claim_words import PAID_IN
from claimtrack.extractors.config import ExtractorConfig
from claimtrack.extractors.figures import Figure
from claimtrack.extractors.frames import CHANGE_VERBS, COPULAS, figure_span, lemma
from claimtrack.extractors.noun_types import NounTypes
from claimtrack.extractors.open_terms import verb_words
from claimtrack.extractors.references import References

_PAYMENT = PAID_IN | {"kind"}
# a currency named before a noun says what the amount is in, not what it measures: "a 500 million euro fine"
_CURRENCY_WORDS = {"dollar", "euro", "pound", "yen", "yuan", "renminbi", "won", "rupee", "franc", "krona", "krone",
                   "real", "peso", "ruble", "rouble", "rand", "lira", "dirham", "riyal", "ringgit", "baht", "dong"}
_DEBT = {"note", "bond", "debenture", "sukuk", "eurobond", "paper"}
HOLDING = {"have", "hold", "keep", "end", "sit", "report", "post", "carry"}


@lru_cache(maxsize=8)
def lexicon(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return dict(pairs)


@lru_cache(maxsize=8)
def _noun_types(types: tuple) -> NounTypes:
    return NounTypes(types)


def metric_name(words: str, config: ExtractorConfig, fig: Figure | None = None) -> str:
    """'market value' -> market_cap (the lexicon), 'delivery forecast' -> delivery_forecast; words
    the lexicon does not hold are named by their longest ending it holds ("common stock
    dividend": dividend), so that outlets' wordings of one quantity share a key. A
    measure a claim type names for `fig`'s kind of figure takes that type's metric ("its
    diluted valuation": valuation, "its recurring revenue": revenue), so that the claim keys
    with other outlets' typed reports of it; only a type whose claims name no other party, as
    an open claim names none (a stake is in something: an open "ownership" joined to typed
    stakes mixed one party's stake into another's timeline)."""
    words = _of_scheme(" ".join(words.lower().split()))
    if fig is not None and not words.endswith(" share"):
        ct = _noun_types(config.claim_types).noun_type(words, fig)
        if ct is not None and ct.object == "none":
            return ct.metric
    if fig is not None and fig.kind == "percent" and words.split()[-1:] and words.split()[-1] in _DEBT:
        return "coupon"                  # the percentage a note or bond states is its coupon ("a 5.5% note")
    lex = lexicon(config.open_metrics)
    parts = words.split()
    for i in range(len(parts)):           # "quarterly common stock dividend": a dividend, as "dividend" is
        if " ".join(parts[i:]) in lex:
            return lex[" ".join(parts[i:])]
    return re.sub(r"[^a-z0-9]+", "_", words).strip("_")


def measured_by(verb: Token) -> Token | None:
    """What a change verb moves: its object ("cut its forecast"), else its subject ("market
    value rose"), when that is a thing and not a party ("Nvidia rose 3%": its shares)."""
    for deps in (("dobj",), ("nsubj", "nsubjpass")):
        for c in verb.children:
            if c.dep_ in deps and c.pos_ == "NOUN" and not c.like_num and c.text != "%" \
                    and c.ent_type_ not in ("MONEY", "PERCENT", "CARDINAL", "QUANTITY") \
                    and not (c.dep_ == "dobj" and any(g.dep_ == "nummod" for g in c.children)):
                # ("dropped four per cent": "cent" is the amount, not what moved)
                return c
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX") and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return measured_by(verb.head)       # not past a subject of its own: "while Evergrande has plunged 80%"
    return None


def measure_phrase(token: Token) -> str:
    """The noun with the compounds before it, lemmatised: 'delivery forecast', 'benchmark rate'."""
    doc = token.doc
    parts = [lemma(c) for c in token.children
             if c.dep_ in ("compound",) and c.i < token.i and c.pos_ in ("NOUN", "ADJ") and c.ent_type_ == ""
             and not c.like_num and not (c.i > 0 and doc[c.i - 1].text == "-")     # "one-time", "break-up"
             and lemma(c) not in _CURRENCY_WORDS]
    return " ".join([*parts, lemma(token)]).replace("datum", "data")     # "data centers", not "datum"


def complement(doc: Doc, fig: Figure, refs: References, paid: bool = True) -> Token | None:
    """The bare noun an amount's own "in"/"of" phrase names ("$13.3 billion in CFFO", "$300
    billion in liabilities"), past a conversion in parentheses; none when the noun has a
    determiner ("in a round": when, not what), is a party, or says how it is `paid` ("for $9
    billion in stock"; "holds $30 billion in cash" is its cash)."""
    span = figure_span(doc, fig.start, fig.end)
    end = span.end if span is not None else len(doc)
    if end < len(doc) and doc[end].text == "(":
        close = next((t.i for t in doc[end:min(len(doc), end + 12)] if t.text == ")"), None)
        end = close + 1 if close is not None else end
    if end >= len(doc) or doc[end].lower_ not in ("in", "of"):
        return None
    obj = next((g for g in doc[end].children if g.dep_ == "pobj"), None)
    if obj is not None and (obj.like_num or obj.text.endswith("-")):   # "of five-, seven- and 10-year notes"
        obj = next((t for t in doc[obj.i + 1:min(obj.sent.end, obj.i + 10)] if t.pos_ == "NOUN" and not t.like_num
                    and not t.text.endswith("-") and not any(c.dep_ == "nummod" for c in t.children)
                    and t.dep_ != "compound"), None)
    if obj is None or not (obj.pos_ == "NOUN" or obj.pos_ == "PROPN" and obj.ent_type_ == "") \
            or refs.mention_at(obj) is not None or paid and lemma(obj) in _PAYMENT or \
            any(c.dep_ in ("det", "poss", "nummod") for c in obj.children):
        return None
    return obj


def whole_of(doc: Doc, fig: Figure, refs: References) -> Token | None:
    """The noun of a percentage's own "of" ("14% of its staff", "30% of surveyed contacts"),
    when it is no party (a part of a party is a stake, claim types' business)."""
    span = figure_span(doc, fig.start, fig.end)
    if span is None or span.end >= len(doc) or doc[span.end].lower_ != "of":
        return None
    obj = next((g for g in doc[span.end].children if g.dep_ == "pobj"), None)
    if obj is None or obj.pos_ != "NOUN" or refs.mention_at(obj) is not None or refs.party(obj) is not None:
        return None
    return obj


# words for a scheme that hold what they are of in their compounds: "spending plan", "buyback program"
_SCHEMES = {"plan", "program", "programme"}


def _of_scheme(words: str) -> str:
    """'capital spending plan' -> 'spending': a plan or program is of what its compounds name."""
    parts = words.split()
    return " ".join(parts[:-1]) if len(parts) > 1 and parts[-1] in _SCHEMES else words


def skipped(words: str, config: ExtractorConfig) -> bool:
    """Whether a measure makes no claim: nothing, or a word of [open] skip ("years", "times")."""
    words = _of_scheme(words.strip())
    return not words or words in config.open_skip or words.split()[-1] in config.open_skip


# verbs that say a part makes up a share of a whole: "Nvidia accounts for 8% of the S&P 500"
_MAKING_UP = {"account", "make up", "represent", "comprise", "constitute"}


def named_whole(doc: Doc, fig: Figure, verb_words: str, refs: References) -> str | None:
    """The named whole a percentage is the share of, when its verb says the subject makes it
    up ("accounts for 8% of the S&P 500", "makes up 7% of the index's value"): the whole's name."""
    if verb_words not in _MAKING_UP:
        return None
    span = figure_span(doc, fig.start, fig.end)
    if span is None or span.end >= len(doc) or doc[span.end].lower_ != "of":
        return None
    obj = next((g for g in doc[span.end].children if g.dep_ == "pobj"), None)
    if obj is None or obj.pos_ != "PROPN":
        return None                                   # "of its revenue": whole_of's
    party = refs.party(obj)
    if party is not None:
        return party.name
    words = [t for t in obj.subtree if t.dep_ not in ("det", "punct") and t.i <= obj.i + 2 and not t.dep_ == "prep"]
    return " ".join(t.text for t in words) or None    # a market or an index no mention names: "the S&P 500"


# units a count can be in, which name no measure of their own: "829,000 ounces", "70 million tonnes"
MEASURE_UNITS = {"tonne", "ton", "ounce", "barrel", "pound", "kilogram", "carat", "bushel", "gallon", "litre", "liter"}


def unit_measure(counted: Token, verb: Token | None, config: ExtractorConfig) -> str | None:
    """What a count in units measures, so that outlets' wordings share a key: the verb that
    measures it, past a list ("produced 829,000 ounces of gold and 55,000 tonnes of copper":
    production), or the subject a copula sets ("shipments totalled 84.3 million tonnes")."""
    if verb is None:
        return None
    head = counted
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    words = verb_words(verb)
    if head.dep_ in ("dobj", "pobj") and lemma(verb) not in CHANGE_VERBS | {"be", "have"} \
            and metric_name(words, config) != words.replace(" ", "_"):
        return words
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"), None)
    return measure_phrase(subject) if subject is not None and lemma(verb) in COPULAS else None
