"""What a figure measures, read from the dependency parse: the noun it sizes ("a $2 billion
*stake*", "*valuation* of $183 billion", "a *deal* worth $32 billion") or the verb it
completes ("*raised* $13 billion", "*valued* at $29 billion", "*buy* Wiz *for* $32 billion").

A Frame is that anchor and the way the figure hangs from it; lexicon.py maps it to a claim type through
the nouns and verbs each type lists (data/claims.toml), roles.py finds the parties around it. No type is decided here."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from claimtrack.extractors.claim_words import CHANGE_NOUNS, PAID_IN, SECURITIES, is_org_noun
from claimtrack.extractors.invested_parts import whole_included
from claimtrack.extractors.misparsed import (amount_of_object, change_reached, comma_closed, conversion_after, gapped_party,
                                             handed_on, held_by_participle, joined_to_a_noun, listed_before, measure_before_time,
                                             sized_after, sized_of, subject_before, time_after, time_over, value_word_before)

_MODIFIER_DEPS = {"nummod", "compound", "amod", "quantmod", "nmod", "poss", "npadvmod"}
_OBJECT_DEPS = {"dobj", "attr", "oprd", "npadvmod", "advmod", "acomp", "dative", "obj"}
# words that say a figure is the value of what they describe: "a stake worth $11 billion", "a deal valued at $32 billion"
VALUE_WORDS = {"worth", "valued", "value", "valuing", "priced", "totalling", "totaling"}
# verbs of change: a figure that is their object is a change ("rose 6%"), one after "to" a level
CHANGE_VERBS = {"rise", "fall", "jump", "drop", "climb", "gain", "lose", "slide", "slip", "surge", "soar",
                "plunge", "tumble", "sink", "decline", "increase", "decrease", "grow", "shrink", "rally",
                "advance", "dip", "edge", "retreat", "add", "shed", "swell", "balloon", "double", "triple",
                "slump", "rebound", "spike", "boost", "cut", "lift", "raise", "lower", "trim", "expand",
                "bring", "push", "improve", "take", "send", "propel", "drive", "revise", "upgrade", "downgrade",
                "upsize", "downsize", "reduce", "hike", "quadruple", "more than double", "nearly double", "catapult", "elevate"}
# what a price is paid in, and the words for the whole of it: "for cash and stock totaling $28 billion"
PAYMENT = PAID_IN | {"consideration", "payment"}
# what is lent: a total of these is the debt's size, not a price paid
_LENT = SECURITIES | {"loan", "debt", "facility"}
# nouns that only measure what their "of" names: "$17.5 billion aggregate principal *amount* of notes"
MEASURE_NOUNS = {"amount", "total", "sum", "size", "tally", "worth", "tune", "principal", "value", "volume", "equivalent"}
COPULAS = {"be", "reach", "hit", "top", "total", "exceed", "stand", "near", "cross", "surpass", "approach",
           "become", "remain", "come", "amount", "equal", "represent", "touch", "eclipse", "pass"}


@dataclass(frozen=True)
class Frame:
    """How a figure hangs from the sentence.

    anchor  the noun the figure sizes, or the verb whose object (or prep object) it is
    how     'noun'   a $X valuation, valuation of $X, the deal is $X
            'valued' a stake worth $X, Wiz valued at $X (anchor: the thing valued, may be None)
            'object' raised $X (anchor: the verb)
            'prep'   buy Wiz for $X, valued at $X (anchor: the verb; prep: the preposition)
            'change' rose 6%, up $2 (a change, not a level)
            'gapped' "..., the foundation 26%" (anchor: the party the figure goes with)
            'part'   "$20 billion, including $12.5 billion of debt" (anchor, verb: the whole's)
    prep    the preposition of 'prep' frames
    verb    the verb governing the anchor (for 'noun' and 'valued'), if any
    """
    figure: Span
    anchor: Token | None
    how: str
    prep: str | None = None
    verb: Token | None = None


# words that follow a figure without being sized by it: "post-money", "pre-money", "thanks to", "apiece", "cash"
# (and "year over year")
_NOT_SIZED = frozenset({"post", "pre", "thanks", "apiece", "cash"})


def figure_span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def figure_root(span: Span) -> Token:
    """The figure's token whose head lies outside it ("billion" of "$13 billion", "%" of "27%");
    of two, the amount's rather than a currency sign the parse hung elsewhere ("at around $15bn":
    "$" hung on "around")."""
    inside = {t.i for t in span}
    outside = [t for t in span if t.head.i not in inside or t.head.i == t.i]
    return next((t for t in outside if not t.is_currency), outside[0]) if outside else span.root


def lemma(token: Token) -> str:
    if token.tag_ == "VBG" and _used_as_noun(token):
        return token.lower_         # "a $2 billion notes offering" tagged a verb: the noun "offering"
    return (token.lemma_ or token.text).lower()


def noun_phrase_lemma(token: Token) -> str:
    """'market value' for value with compound market; 'post-money valuation' keeps its parts."""
    parts = [lemma(c) for c in token.children if c.dep_ == "compound" and c.i < token.i and c.pos_ in ("NOUN", "PROPN", "ADJ")]
    return " ".join([*parts, lemma(token)])


def governing_verb(token: Token) -> Token | None:
    """The verb a noun depends on, through prepositions and conjunctions ("a stake *in* X" ->
    the verb of the clause holding "stake")."""
    cur, hops = token, 0
    while cur.head.i != cur.i and hops < 6:
        cur, hops = cur.head, hops + 1
        if cur.pos_ in ("VERB", "AUX") and not _used_as_noun(cur):
            return cur
    return None


_SPANS = {"year", "month", "week", "day", "quarter"}       # "multi-year", "five-year": a modifier, not the noun
_KIND_WORDS = {"share", "stock", "term", "bridge", "credit"}     # "a $108,000,000 term loan": a kind of the noun after


def _valued_thing(word: Token) -> Token | None:
    """What a value word describes: 'stake' in 'a stake worth', 'X' in 'X is worth', 'Wiz'
    in 'valuing Wiz at', 'X' in 'X, valued at'."""
    before = word.i - 1
    while before > 0 and word.doc[before].pos_ == "ADV":
        before -= 1                         # "a contract potentially worth"
    if word.lower_ == "worth" and before >= 0 and word.doc[before].pos_ == "NOUN" and \
            word.dep_ in ("acomp", "advmod", "prep", "advcl", "oprd"):
        return word.doc[before]             # "a deal worth $4.9 billion", "purchase 20 jets worth" (oprd)
    if word.lower_ == "worth" and word.dep_ == "amod" and word.head.pos_ == "NOUN" and word.head.i < word.i:
        return word.head                    # "a 9.9% stake in Ore Corp worth $4 billion": the parse's own reading
    named = word.doc[before] if before >= 0 else None
    if named is not None and named.text == "," and before > 0:
        named = word.doc[before - 1]        # "its stake in Electronic Arts, worth about $5 billion"
    if word.lower_ == "worth" and named is not None and named.pos_ == "PROPN" and named.dep_ == "pobj" and \
            named.head.lower_ in ("in", "of", "with") and named.head.head.pos_ == "NOUN" and \
            word.dep_ in ("acomp", "advmod", "prep", "advcl", "oprd", "ccomp"):
        return named.head.head              # "take a 10% stake in Intel worth $8.9 billion": the stake's worth
    if word.pos_ in ("VERB", "AUX") or word.lower_ in ("values", "valuing") and word.dep_ in ("ROOT", "conj", "nsubj"):
        # ("The $4.45 billion IPO values Lineage at": "values" read as a noun is still the verb)
        subject = next((c for c in word.children if c.dep_ == "nsubj"), None)
        if word.tag_ == "VBN" and subject is not None and not any(c.dep_ == "aux" for c in word.children):
            return subject                  # a headline's "Perplexity AI valued at $20 billion after $200 million raise"
        for c in word.children:
            if c.dep_ in ("dobj", "nsubjpass"):
                return c
        if lemma(word) in ("value", "price", "peg") and not any(c.dep_ == "auxpass" for c in word.children):
            for t in word.doc[word.i + 1:min(len(word.doc), word.i + 6)]:   # "values Scale AI at": the model
                if t.pos_ in ("PROPN", "NOUN", "PRON") and t.dep_ != "compound":    # may not call it the object
                    return t
                if t.lower_ == "at":
                    break
        if word.dep_ in ("acl", "relcl") and (word.head.pos_ in ("NOUN", "PROPN", "PRON") or word.head.dep_ in _NOMINAL_DEPS):
            return listed_before(word)      # (a subject the tagger took for an adjective: "Anthropic — now valued at")
    elif word.dep_ in ("amod", "acl", "relcl", "prep") and word.head.pos_ in ("NOUN", "PROPN", "PRON"):
        thing = word.head
        if thing.pos_ == "PROPN" and thing.dep_ == "pobj" and thing.head.lower_ == "with" and \
                thing.head.head.pos_ == "NOUN":
            return thing.head.head          # "an agreement with OpenAI worth $6.5 billion": the agreement's worth
        return thing
    head = word.head if word.dep_ in ("acomp", "attr", "oprd") else word
    for c in head.children:
        if c.dep_ in ("nsubj", "nsubjpass"):       # "the contract, which ... is worth": the contract
            return head.head if c.lower_ in ("which", "that") and head.dep_ == "relcl" else c
    if head.dep_ in ("acl", "relcl") and head.head.pos_ in ("NOUN", "PROPN"):
        return head.head                    # "the second company to be worth $4 trillion"
    if head.dep_ == "xcomp":                # "became the second company to be worth $4 trillion"
        outer = head.head
        found = next((c for c in outer.children if c.dep_ in ("attr", "dobj")), None) or \
            next((c for c in outer.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if found is not None:
            return found
    if word.tag_ == "VBN" and word.i == word.sent.start and word.head.i != word.i:
        subj = next((c for c in word.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:            # "Valued at 9.7 billion euros, the acquisition of ..."
            return subj
    if word.tag_ == "VBN":              # "the shares, now valued at $11 billion": the noun the phrase follows
        for t in reversed(word.doc[max(word.sent.start, word.i - 4):word.i]):
            if t.pos_ in ("NOUN", "PROPN"):
                return t
            if t.pos_ not in ("ADV", "PUNCT"):
                break
    return None


_PUT_IN = {"put", "pour", "pump", "plough", "plow", "chip", "kick", "throw", "sink", "pony", "stump"}
_NOMINAL_DEPS = {"pobj", "dobj", "nsubj", "nsubjpass", "attr"}


def _used_as_noun(token: Token) -> bool:
    """A word the tagger took for a verb (or an adverb) where the parse uses it as a noun: "about its $9.4 billion
    buyout by 3G Capital" ("buyout" a verb), "closed a $6 billion Series C funding round" ("round" an adverb)."""
    if token.pos_ == "ADJ":         # "the $55 billion take-private of EA": a hyphened compound's adjective head
        return token.dep_ in _NOMINAL_DEPS and any(c.dep_ in ("det", "poss") for c in token.children) and \
            any(c.dep_ == "compound" and c.i == token.i - 2 and token.doc[token.i - 1].text == "-" for c in token.children)
    owned = any(c.dep_ in ("det", "poss") for c in token.children)     # (an advmod with "a": "closed a decisive $X round")
    return token.pos_ in ("VERB", "ADV") and token.dep_ in _NOMINAL_DEPS and (token.tag_ != "VBG" or owned) or \
        token.pos_ == "ADV" and owned


def _total_of(figure: Span, total: Token) -> Frame | None:
    """A figure told as a total ("totaling $X", "amounting to $X") of a payment or of a clause's
    act: it stands where the payment stands ("for cash and stock totaling $28 billion"), or as the
    object of the act ("bought 14.1 million shares at $8.95 each, totaling $126.4 million")."""
    paid = total.head
    while paid.dep_ == "conj" and paid.head.i < paid.i:
        paid = paid.head
    if total.dep_ in ("acl", "relcl") and lemma(paid) in PAYMENT and paid.dep_ == "pobj":
        inner = find_frame(paid.doc[paid.i:paid.i + 1])
        return Frame(figure, inner.anchor, inner.how, inner.prep, inner.verb)
    if total.dep_ == "advcl" and total.head.pos_ == "VERB" and total.head.i < total.i:
        act = total.head         # the total of what the act moved or cost
        moved = next((c for c in act.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
        if moved is None:
            return Frame(figure, act, "object")
        if any(lemma(t) in _LENT for t in moved.subtree):
            return Frame(figure, moved, "noun", verb=act)     # "sold three tranches of bonds, totaling $5 billion"
        return Frame(figure, act, "prep", prep="for")   # "bought 14.1 million shares ..., totaling $126.4 million"
    return None


def find_frame(figure: Span) -> Frame:
    """The frame of one figure (see Frame). Walks up from the figure's root at most a few
    steps; a frame with no anchor means the parse said nothing usable."""
    root = figure_root(figure)
    dep, head = root.dep_, root.head
    if (sized := sized_after(figure, root)) is not None:
        dep, head = "nummod", sized             # "a $3B, five-year contract": the parse made "3B" the noun
    elif (time := time_after(root)) is not None:
        dep, head = "pobj" if time.dep_ == "pcomp" else time.dep_, time.head   # "of $6.9 billion three months ago"
    elif (verb := time_over(root)) is not None:     # "raised $3.4 billion earlier this year"
        dep, head = "dobj", verb
    elif (conv := conversion_after(figure, root)) is not None:
        inner = find_frame(figure.doc[conv.i:conv.i + 1])      # "a €7.8bn (£6.8bn) valuation"
        return Frame(figure, inner.anchor, inner.how, inner.prep, inner.verb)
    # a second figure in a list goes with what the first one went with ("27%, the foundation 26%", "cash and $1bn in debt")
    if dep == "conj" and (head.like_num or head.ent_type_ in ("MONEY", "PERCENT") or joined_to_a_noun(root)):
        first = head
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        inner = find_frame(figure.doc[first.i:first.i + 1])
        return Frame(figure, inner.anchor, inner.how, inner.prep, inner.verb)
    if dep == "conj" and head.dep_ == "pobj" and head.pos_ in ("NOUN", "PROPN") and head.head.head.pos_ == "VERB":
        # "raised $17.5 billion from the bond market and another €6.5 billion": the parse joins
        # the second amount to the noun after the first; it goes with the first
        first = next((c for c in head.head.head.children if c.dep_ == "dobj" and c.i < head.i and
                      c.ent_type_ == root.ent_type_ and c.like_num), None)
        if first is not None:
            inner = find_frame(figure.doc[first.i:first.i + 1])
            return Frame(figure, inner.anchor, inner.how, inner.prep, inner.verb)
    if (moved := handed_on(root) if dep == "pobj" and head.lower_ == "with" else held_by_participle(root)) is not None:
        return Frame(figure, moved, "object")      # "with a cumulative 16 percent transferred to the PIF", "is 38% held by X"
    gap = gapped_party(figure)
    if gap is not None:             # "SoftBank will own about 11% and Microsoft about 27%", parsed apart
        return Frame(figure, gap, "gapped", verb=gap.head if gap.dep_ == "conj" else governing_verb(gap))
    if dep == "conj" and head.pos_ == "NOUN" and (any(c.ent_type_ in ("MONEY", "PERCENT") or c.like_num for c in head.children
                                                     if c.dep_ in _MODIFIER_DEPS) or sized_of(head, root)):
        # "a $500m cash infusion and an additional $1.5bn over time", "revenue of $16.7 billion on a GAAP basis and $15.2 billion on"
        return Frame(figure, head, "noun", verb=governing_verb(head))
    if dep in ("dobj", "nsubj", "npadvmod") and head.tag_ in ("VBN", "VBD") and head.i > root.i and head.dep_ in ("amod", "compound") \
            and head.head.pos_ in ("NOUN", "PROPN") and head.head.i > head.i:
        head, dep = head.head, "nummod"    # "a 500 billion yen subordinated loan": a participle read as the verb
    if dep in _MODIFIER_DEPS and head.lower_ in ("values", "valuing") and head.i > root.i + 1 and \
            head.doc[head.i - 1].pos_ in ("NOUN", "PROPN") and head.doc[head.i - 1].i > root.i:
        noun = head.doc[head.i - 1]        # "The $4.45 billion IPO values Lineage at", "values" read as a noun
        return Frame(figure, noun, "noun", verb=head)
    if dep in _MODIFIER_DEPS and head.i == root.i + 1 and head.i + 1 < len(head.doc) and (
            head.lower_ in _NOT_SIZED or head.lower_ == "year" and head.doc[head.i + 1].lower_ in ("over", "on")):
        # "at $183 billion post-money", "of $65 billion thanks to": a word after the figure the
        # parse took for what it sizes; the figure stands where that word stands
        inner = find_frame(head.doc[head.i:head.i + 1])
        return Frame(figure, inner.anchor, inner.how, inner.prep, inner.verb)
    if dep == "npadvmod" and head.i == root.i + 1 and head.pos_ == "ADV" and head.dep_ == "advmod" and \
            head.head.dep_ == "pobj" and head.head.i > head.i:
        # "for $1.7 billion earlier this year": the parse hung the figure on the time after it,
        # and that time on the preposition the figure is the object of
        inner = find_frame(head.doc[head.head.i:head.head.i + 1])
        return Frame(figure, inner.anchor, inner.how, inner.prep, inner.verb)
    if dep in _MODIFIER_DEPS and head.dep_ == "compound" and head.head.pos_ == "ADJ" and _used_as_noun(head.head):
        head = head.head                    # "the $8 billion take-private": the figure sized the hyphened whole
    if dep in _MODIFIER_DEPS and (head.pos_ in ("NOUN", "PROPN") or _used_as_noun(head)) and head.i > root.i:
        while head.dep_ in ("compound", "amod", "npadvmod", "nmod") and head.head.pos_ in ("NOUN", "PROPN") \
                and head.head.i > head.i and (head.pos_ == "PROPN" or lemma(head) in _SPANS | _KIND_WORDS):
            head = head.head               # "the $713-million Astera Labs Inc. offering", "a $20 billion multi-year
            #                                program", "a ₹18,000 crore share buyback"
        if head.lower_ == "worth" and head.head.pos_ == "VERB" and any(c.lower_ == "of" for c in head.children):
            return Frame(figure, head.head, "object")        # "repurchase $20 billion worth of stock"
        if lemma(head) in VALUE_WORDS and not any(c.dep_ == "compound" and c.lower_ == "market" for c in head.children):
            return Frame(figure, _valued_thing(head), "valued", verb=governing_verb(head))
        return Frame(figure, head, "noun", verb=governing_verb(head))
    if dep in ("appos", "npadvmod") and head.pos_ == "NOUN" and head.i < root.i and head.dep_ == "pobj" and \
            head.head.lower_ in ("to", "from") and head.head.head.pos_ == "VERB" and lemma(head.head.head) in CHANGE_VERBS:
        return Frame(figure, head.head.head, "level", prep=head.head.lower_)    # "rose 1% to a record $142.43"
    if dep in ("npadvmod", "dobj") and head.lower_ == "worth":
        return Frame(figure, _valued_thing(head), "valued", verb=governing_verb(head))   # "worth" read as a noun
    if dep in ("appos", "npadvmod", "dobj") and head.pos_ in ("NOUN", "PROPN", "PRON") and not head.like_num:
        # "the foundation 26%", "Lightspeed about $100 million": a gapped clause, its party first
        return Frame(figure, head, "gapped", verb=governing_verb(head))
    if dep == "pobj" and (whole := whole_included(head)) is not None:
        # "raising $20 billion, including up to $12.5 billion of debt": a part of the figure before
        inner = find_frame(head.doc[whole.i:whole.i + 1])
        return Frame(figure, inner.anchor, "part", inner.prep, inner.verb if inner.how not in ("object", "prep") else inner.anchor)
    if dep == "pobj":
        prep = head
        word = comma_closed(prep) or prep.head
        p = lemma(prep)
        if p == "to" and prep.i > 0 and prep.doc[prep.i - 1].lower_ == "up" and word.pos_ in ("VERB", "AUX"):
            return Frame(figure, word, "object")                 # "invest up to $15 billion"
        if p == "to" and word.lower_ == "up" and word.i == prep.i - 1 and word.head.pos_ in ("VERB", "AUX"):
            verb = word.head                                     # "authorized stock buybacks up to $50B": the
            sized = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)   # thing sized
            return Frame(figure, sized, "noun", verb=verb) if sized is not None else Frame(figure, verb, "object")
        if p in ("near", "around") and prep.dep_ == "prep" and lemma(word) in COPULAS:
            subj = next((c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.pos_ in ("NOUN", "PROPN"):      # "its valuation is near $6.4 billion"
                return Frame(figure, subj, "noun", verb=word)
        if p in ("in", "up") and prep.i == word.i + 1 and word.pos_ == "VERB" and lemma(word) in _PUT_IN:
            return Frame(figure, word, "object")                 # "put in $1.25 billion": a particle, not a place
        if p == "at" and not (lemma(word) in VALUE_WORDS or lemma(word) in ("value", "price", "peg", "put", "set")):
            valued = value_word_before(prep)
            if valued is not None:                               # "This financing values Anthropic at $X"
                return Frame(figure, valued, "valued", prep=p, verb=None)
        if lemma(word) in VALUE_WORDS or (p == "at" and lemma(word) in ("value", "price", "peg", "put", "set")):
            thing, before = _valued_thing(word), prep.doc[prep.i - 1]
            if p == "at" and before.dep_ in ("conj", "dobj") and before.pos_ in ("NOUN", "PROPN") and thing is not None and before.i > thing.i:
                thing = before                  # "valued xAI at $80 billion and X at $33 billion": each its own
            return Frame(figure, thing, "valued", prep=p, verb=word if word.pos_ == "VERB" else governing_verb(word))
        if p in ("at", "as") and word.lower_ in ("higher", "lower", "high", "low") and (verb := governing_verb(word)):
            return Frame(figure, verb, "level", prep="to")        # "shares were 3% higher at $47.45", "as high as $52"
        if p == "of" and word.lower_ in ("high", "low") and word.dep_ in ("dobj", "attr", "pobj", "nsubj"):
            return Frame(figure, word, "noun", prep=p, verb=governing_verb(word))   # "hit a day's high of $212.19"
        if p == "of" and lemma(word) in ("north", "south", "upwards", "excess", "shy", "short"):
            inner = find_frame(word.doc[word.i:word.i + 1])      # "a valuation north of $4 billion"
            return Frame(figure, inner.anchor, inner.how, inner.prep, inner.verb)
        if p == "to" and word.pos_ in ("ADJ", "ADV") and word.lower_ in ("close", "closer", "near", "nearer") and \
                word.dep_ in ("acomp", "advmod"):
            inner = find_frame(word.doc[word.i:word.i + 1])      # "its valuation is closer to $6.4 billion"
            return Frame(figure, inner.anchor, inner.how, inner.prep, inner.verb)
        if p == "of" and word.pos_ in ("NOUN", "PROPN") and lemma(word) == "value" and \
                any(c.dep_ == "compound" for c in word.children):
            return Frame(figure, word, "noun", prep=p, verb=governing_verb(word))   # "a market value of $5.4 billion"
        if p == "of" and word.pos_ in ("NOUN", "PROPN") and (lemma(word) in MEASURE_NOUNS - {"value", "worth"} or
                                                           lemma(word) == "consideration" and word.dep_ == "pobj"):
            # "raised a total of €1.7 billion", "for a consideration of $2.5 billion": the figure stands where the noun stands
            sized = amount_of_object(word) if lemma(word) == "amount" else None
            inner = Frame(figure, sized, "noun", "in", sized.head) if sized is not None else find_frame(word.doc[word.i:word.i + 1])
            return Frame(figure, inner.anchor, inner.how, inner.prep, inner.verb)
        if p == "of" and (sized := measure_before_time(word)) is not None:
            word = sized                # "reported revenues last year of $1.5bn": "of" hung on the time, not the measure
        if p == "of" and word.pos_ in ("NOUN", "PROPN"):
            if lemma(word) in VALUE_WORDS:
                return Frame(figure, _valued_thing(word) or word, "valued", verb=governing_verb(word))
            return Frame(figure, word, "noun", prep=p, verb=governing_verb(word))
        if p == "to" and word.pos_ == "VERB" and lemma(word) == "amount" and (told := _total_of(figure, word)) is not None:
            return told
        if word.pos_ in ("VERB", "AUX"):
            if lemma(word) in CHANGE_VERBS and p in ("by", "from") and figure.start > 1 and \
                    figure.doc[figure.start - 1].lower_ == "to" and figure.doc[figure.start - 2].lower_ != "up":
                return Frame(figure, word, "level", prep="to")   # "by 5% to 20%" parsed as one phrase under "by" (not "by up to 2.3%")
            if lemma(word) in CHANGE_VERBS and p in ("by",):
                return Frame(figure, word, "change", prep=p)
            if lemma(word) in CHANGE_VERBS and p in ("to", "from", "past", "above", "beyond", "over"):
                return Frame(figure, word, "level", prep=p)
            if lemma(word) == "worth" or word.lower_ == "worth":
                return Frame(figure, _valued_thing(word), "valued", verb=governing_verb(word))
            return Frame(figure, word, "prep", prep=p)
        if word.pos_ in ("NOUN", "PROPN", "ADJ", "ADV") and p in ("to", "from"):
            verb = governing_verb(word) if word.pos_ != "ADJ" or lemma(word) not in CHANGE_VERBS else word
            if verb is not None and lemma(verb) in CHANGE_VERBS and not (p == "to" and lemma(word) in CHANGE_NOUNS):
                return Frame(figure, verb, "level", prep=p)     # "doubled its investment in X to $4 billion" (but
                #   "despite a 3% rise in sales to ¥12 trillion, it revised ...": the level of the rise's noun)
        if p == "for" and (word.pos_ == "PROPN" or is_org_noun(lemma(word)) or word.dep_ == "pobj" and word.head.lower_ in ("to", "from")) \
                and (verb := governing_verb(word)) is not None:
            # "acquired an 11% stake in French startup Mistral AI for €1.3 billion", "buy X from firm GTCR for $Y": a
            # company, or whom it is bought from or sold to, is not what is bought "for" the money; the verb above it is
            return Frame(figure, verb, "prep", prep=p)
        if word.pos_ in ("NOUN", "PROPN"):
            return Frame(figure, word, "noun", prep=p, verb=governing_verb(word))
        if word.pos_ == "ADJ" and lemma(word) in VALUE_WORDS:
            return Frame(figure, _valued_thing(word), "valued", verb=governing_verb(word))
        if word.pos_ == "ADJ" and word.dep_ in ("oprd", "acomp") and word.head.pos_ == "VERB":
            return Frame(figure, word.head, "prep", prep=p)      # "take Pixelworks private for $X": the verb's
        if word.pos_ == "ADP" and (p in ("to", "from") or word.lower_ == "to") and word.head.pos_ in ("VERB", "AUX") \
                and lemma(word.head) in CHANGE_VERBS:     # ("increase its stake to above 51%": the level "to" reaches)
            return Frame(figure, word.head, "level", prep=p if p in ("to", "from") else "to")   # "cut by 40% to $24 billion"
        return Frame(figure, None, "unknown", prep=p)
    if head.pos_ == "ADJ" and lemma(head) in VALUE_WORDS or lemma(head) == "worth":
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and head.head.pos_ in ("VERB", "AUX"):
            return Frame(figure, head.head, "object")             # "buy $30 billion worth of compute"
        return Frame(figure, _valued_thing(head), "valued", verb=governing_verb(head))
    if head.pos_ == "VERB" and lemma(head) in ("total", "amount") and dep in _OBJECT_DEPS and \
            (told := _total_of(figure, head)) is not None:
        return told
    if dep == "dobj" and (change := change_reached(head)) is not None:   # "an 85% increase in net profit ...,
        return Frame(figure, change, "noun", verb=governing_verb(change))   # reaching €1.5 billion"
    if head.pos_ == "VERB" and head.dep_ in ("acl", "relcl") and lemma(head) in ("total", "amount", "reach", "exceed",
                                                                                 "top", "near", "approach", "come"):
        if head.head.pos_ in ("NOUN", "PROPN"):                   # "a bond offering totaling $22.5 billion"
            return Frame(figure, head.head, "noun", verb=governing_verb(head.head))
    if head.pos_ in ("VERB", "AUX") and dep in (*_OBJECT_DEPS, "nsubj", "nsubjpass", "conj", "ccomp", "xcomp"):
        # "rose 6%" is a change and "raised $13 billion" a round: the claim types' verbs decide
        # (lexicon.py); an object of a change verb that no type lists makes no claim
        if lemma(head) in COPULAS and dep in ("attr", "dobj", "acomp", "npadvmod", "oprd"):
            subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None and head.dep_ == "xcomp":           # "revenue is expected to exceed $X"
                subj = next((c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            subj = subj if subj is not None else subject_before(head)
            if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                return Frame(figure, subj, "noun", verb=head)
        return Frame(figure, head, "object")
    return Frame(figure, None, "unknown")
