"""Figures the parse hung in the wrong place, and where they really stand.

The English model reads "a $3B, five-year contract", "its US$752m IPO" and "a USD 1.4 bn
Series E round" with the amount as the noun of its phrase ("3B", "m" and "bn" are tagged
nouns) and the thing it sizes hung beside it; and "a valuation of $6.9 billion three months
ago" with the amount sizing "months"; and it hangs every participle set off by commas in a list
on the list's first member; it may take "values" in "values Anthropic at $X" for a noun, and hang
the party of a gapped clause ("... and Microsoft about 27%") on the first verb; and it may hang
an amount on a time adverb ("raised $3.4 billion earlier this year"). frames.py reads each figure
from where these say it really stands, so the type comes from the noun it sizes and not from the
verb above it. Parties the parse set apart are here too: a conjunction read as a preposition ("come
as SoftBank, which ..., is preparing": the clause's subject taken for its object) and a "to" left
with no object ("the sale of Arm to U.S. chipmaker Nvidia Corp has collapsed").
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from claimtrack.extractors.claim_words import PAID_IN

if TYPE_CHECKING:
    from claimtrack.extractors.references import References

# what stands before a noun phrase and never before an amount on its own ("a $3B contract")
_DETERMINERS = {"a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those"}
_HEAD_DEPS = {"dobj", "nsubj", "nsubjpass", "pobj", "attr", "appos", "conj", "ROOT"}
_TIME_NOUNS = {"day", "week", "month", "year", "quarter", "decade"}
_TIME_AFTER = {"ago", "earlier", "later", "before", "prior"}


def _after_article(span: Span, root: Token) -> Token | None:
    """The noun after a figure the parse split from its phrase's article ("taking out a £1bn
    (R24.26bn) syndicated loan": "a" made the object, "1bn" hung on it, "loan" hung elsewhere)."""
    art = root.head
    if art.lower_ not in ("a", "an") or art.i != span.start - 1 or art.dep_ not in _HEAD_DEPS or \
            any(t.lower_ in ("to", "-", "and", "or") for t in span):
        return None             # (not a range: "at the bottom of a HK$94.60 to HK$103.20 price range")
    doc = span.doc
    for t in _unbracketed(doc[span.end:min(len(doc), span.end + 10)]):
        if t.pos_ in ("NOUN", "PROPN") and t.dep_ != "compound":
            return t if t.dep_ in _HEAD_DEPS else None
        if t.pos_ not in ("ADJ", "NOUN", "PROPN", "PUNCT", "VERB") or t.pos_ == "VERB" and t.dep_ not in ("amod", "compound"):
            return None
    return None


def sized_after(span: Span, root: Token) -> Token | None:
    """The noun after a figure that the figure sizes, when the parse made the figure the head
    of its phrase: "signed a $3B, five-year AI infrastructure contract" -> contract."""
    if (noun := _after_article(span, root)) is not None:
        return noun
    if root.dep_ not in _HEAD_DEPS or root.pos_ not in ("NOUN", "PROPN", "NUM"):
        return None
    if not any((c.dep_ == "det" and c.lower_ in _DETERMINERS or c.dep_ == "poss") and c.i < span.start
               for c in root.children):
        return None
    doc = span.doc
    for noun in doc[span.end:min(len(doc), span.end + 8)]:
        if noun.pos_ not in ("NOUN", "PROPN") or noun.ent_type_ in ("DATE", "MONEY", "PERCENT", "CARDINAL"):
            continue
        if noun.head.i == noun.i or noun.head.i < noun.i and noun.dep_ == "compound":
            return None
        if noun.dep_ == "compound":
            continue                        # "Series E funding round": the phrase's last noun
        joined = noun.head.i == root.i and noun.dep_ in ("appos", "compound") or \
            noun.head.i == root.head.i and noun.dep_ == root.dep_
        inside = {t.i for t in noun.subtree}
        return noun if joined and all(t.is_punct or t.i in inside for t in _unbracketed(doc[span.end:noun.i])) else None
    return None


def _unbracketed(tokens: Span) -> list[Token]:
    """The tokens outside brackets: "a 1 billion pound ($1.4 billion) syndicated loan" restates the
    amount in brackets between the figure and the noun it sizes."""
    out, depth = [], 0
    for t in tokens:
        depth += t.text == "("
        if depth == 0:
            out.append(t)
        depth -= t.text == ")" and depth > 0
    return out


def time_after(root: Token) -> Token | None:
    """The top of a time phrase a figure was hung on ("$6.9 billion three months ago": the
    figure sizes "months"), where the figure itself stands; None when it sizes no time."""
    head = root.head
    if root.dep_ != "nummod" or head.i <= root.i or head.lemma_.lower() not in _TIME_NOUNS or head.ent_type_ != "DATE":
        return None
    top = head
    while top.head.i != top.i and top.head.ent_type_ == "DATE" and top.head.lower_ in _TIME_AFTER:
        top = top.head
    return top if top is not head and top.lower_ in _TIME_AFTER else None


def measure_before_time(word: Token) -> Token | None:
    """The noun an "of" amount measures when the parse hung it on a time told between them:
    "reported revenues last year of $1.5bn", "Merrill's closing price on Friday of $17.05"."""
    if word.ent_type_ != "DATE":
        return None
    if word.dep_ == "npadvmod":
        return next((c for c in word.head.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i < word.i), None)
    on = word.head
    if word.dep_ == "pobj" and on.lower_ in ("on", "in") and on.i == word.left_edge.i - 1 and on.i > 0:
        before = word.doc[on.i - 1]
        return before if before.pos_ == "NOUN" and before.ent_type_ != "DATE" else None
    return None


def time_over(root: Token) -> Token | None:
    """The verb a time phrase stands on when the parse made an amount the measure of that phrase's
    adverb ("raised $3.4 billion earlier this year": "billion" hung on "earlier", as in "three
    years earlier"); an amount of money measures no time, so it is the verb's object."""
    head = root.head
    if root.dep_ != "npadvmod" or root.ent_type_ not in ("MONEY", "PERCENT") or head.lower_ not in _TIME_AFTER:
        return None
    top = head
    while top.head.i != top.i and top.head.ent_type_ == "DATE" and top.dep_ in ("advmod", "amod", "npadvmod"):
        top = top.head
    return top.head if top.head.pos_ == "VERB" and top.head.i < root.i else None


def conversion_after(span: Span, root: Token) -> Token | None:
    """The figure in parentheses right after this one when the parse hung this one on it
    ("a €7.8bn (£6.8bn) valuation": "7.8bn" on "6.8bn"); the conversion stands where the figure does."""
    doc, head = span.doc, root.head
    if span.end >= len(doc) or doc[span.end].text != "(" or head.i <= span.end or head.head.i == root.i:
        return None
    close = next((t.i for t in doc[span.end:min(len(doc), span.end + 10)] if t.text == ")"), None)
    if close is None or head.i > close or not (head.like_num or head.ent_type_ == "MONEY"):
        return None
    return head


def joined_to_a_noun(root: Token) -> bool:
    """A figure the parse joined to a noun of what a price is paid in, the figure saying it is of another
    thing ("with cash and $900 million in debt", not "one share and $88.82 in cash"): it stands where that noun stands."""
    head = root.head
    if root.dep_ != "conj" or head.pos_ != "NOUN" or head.i > root.i or head.dep_ not in ("dobj", "pobj"):
        return False
    return any(t.lemma_.lower() in PAID_IN and t.i < root.i for t in head.subtree) and any(
        c.dep_ == "prep" and c.lower_ in ("in", "of") and any(
            g.dep_ == "pobj" and g.pos_ == "NOUN" and g.lemma_.lower() not in PAID_IN for g in c.children)
        for c in root.children)


def amount_of_object(amount: Token) -> Token | None:
    """The object an "in an amount of" phrase sizes when the parse hung the phrase on the verb ("commenced an
    offering of notes in an aggregate principal amount of $1.25 billion"): the offering, not the commencing."""
    prep = amount.head
    if amount.dep_ != "pobj" or prep.lower_ != "in" or prep.head.pos_ != "VERB":
        return None
    return next((c for c in prep.head.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i < prep.i), None)


def listed_before(word: Token) -> Token:
    """The list member right before a participle set off by a comma ("Anduril, valued at $30 billion,
    ... and Shield AI, valued at $5 billion"), where the parse hangs every participle on the first."""
    near = [c for c in word.head.conjuncts if word.head.i < c.i < word.i and all(t.text == "," for t in word.doc[c.i + 1:word.i])]
    return near[-1] if near else word.head


_DEALING = {"acquire", "buy", "purchase", "take", "sell", "pay", "divest", "offload"}


def comma_closed(prep: Token) -> Token | None:
    """The verb a "for" phrase goes with when the parse hung it on a noun inside a phrase the
    commas close ("would acquire seven plants, with a combined capacity of 2,600 megawatts, from
    Lotus for $1.9 billion": for goes with acquire, not with capacity); None otherwise."""
    noun = prep.head
    if prep.lower_ != "for" or noun.pos_ != "NOUN" or not any(
            c.text == "," and noun.i < c.i < prep.i for c in noun.children):
        return None
    verb = next((a for a in noun.ancestors if a.pos_ == "VERB"), None)
    return verb if verb is not None and verb.lemma_.lower() in _DEALING else None


def subject_before(copula: Token) -> Token | None:
    """The subject of a copula the parse left without one, the noun phrase just before it hung
    on the name before that ("..., as well as the value of tax attributes at Calpine, the net
    purchase price is $26.6 billion": "price" made an apposition of "Calpine")."""
    if copula.dep_ == "conj" and copula.head.pos_ == "VERB" and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "cc")
                                                                       for c in copula.children) and \
            not any(c.dep_ == "cc" and c.i < copula.i for c in copula.head.children):
        # "confirmed the Treasury's stake in the bank, which ..., is now 29.82%": the clause the
        # verb reports was joined to it with no "and"; its object is the copula's subject
        return next((c for c in copula.head.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
    before = copula.doc[copula.i - 1] if copula.i > 0 else None
    if before is None or before.pos_ != "NOUN" or before.dep_ != "appos" or \
            any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in copula.children):
        return None
    return before


def value_word_before(prep: Token) -> Token | None:
    """The thing valued in "values Anthropic at $X" when the model read "values" as a noun:
    the first name or noun after a value word a few tokens before the "at"."""
    sent = prep.sent
    for i in range(prep.i - 1, max(sent.start, prep.i - 8) - 1, -1):
        word = prep.doc[i]
        if word.lower_ in ("values", "valued", "valuing", "value"):
            if any(c.dep_ == "relcl" for c in word.children):
                return None     # "its market value, which now stands at $X": the noun measured, no "values X at"
            for t in prep.doc[i + 1:prep.i]:
                if (t.pos_ in ("PROPN", "NOUN", "PRON") or t.text[:1].isupper()) and t.dep_ != "compound":
                    return t
            return None
    return None


_HEDGES = {"about", "around", "roughly", "nearly", "almost", "some", "just", "over", "under", "approximately"}


def gapped_party(figure: Span) -> Token | None:
    """The party of a gapped clause the parse hung on the first verb ("... and Microsoft about
    27%"): a name conjoined to a verb just before the figure."""
    i = figure.start - 1
    while i >= 0 and figure.doc[i].lower_ in _HEDGES:
        i -= 1
    if i >= 1 and figure.doc[i].lower_ in ("at", "with") and figure.doc[i].dep_ == "prep":
        i -= 1                      # "... and General Catalyst at $250 million"
    t = figure.doc[i] if i >= 0 else None
    if t is not None and i < figure.start - 1 and t.dep_ == "pobj" and t.pos_ == "PROPN" and _compared(t.head):
        return t                    # "ahead of Microsoft Azure at 20%", "followed by Xiaomi with 14%"
    return t if t is not None and t.dep_ == "conj" and t.pos_ in ("PROPN", "NOUN") and t.head.pos_ in ("VERB", "AUX") \
        and t.head.i < t.i else None


def _compared(prep: Token) -> bool:
    """Whether a preposition names who another is ranked against: "ahead of", "behind", "than", "followed by"."""
    return prep.lower_ in ("behind", "than") or prep.lower_ == "of" and prep.head.lower_ in ("ahead", "front") or \
        prep.lower_ == "by" and prep.head.lemma_.lower() in ("follow", "trail")


def sized_before(verb: Token) -> Token | None:
    """The noun an earlier figure sizes in "jumped from a $2.5 billion valuation ... to $9.9
    billion": what the later figure, under "to", sizes too."""
    return next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "from" for g in c.children
                 if g.dep_ == "pobj" and g.pos_ == "NOUN" and any(
                     n.ent_type_ in ("MONEY", "PERCENT") for n in g.children if n.dep_ in ("nummod", "compound"))), None)


_HANDED = {"transfer", "sell", "give", "hand", "grant", "allocate", "issue"}


def handed_on(figure: Token) -> Token | None:
    """The participle that hands a share on in "with a cumulative 16 percent transferred to the
    PIF": the figure is what it moves (its object), not an adjunct of the clause's verb."""
    return next((c for c in figure.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in _HANDED), None)


def held_by_participle(figure: Token) -> Token | None:
    """The participle of holding in "JSW Sambalpur is 100 percent held by JSW Kalinga", "the
    remaining 28% held by Swiss Life" (the parse hangs it on the figure): the figure is what it holds."""
    return next((c for c in figure.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in
                 ("hold", "own", "control") and any(g.dep_ == "agent" for g in c.children)), None)


def sized_of(noun: Token, figure: Token) -> bool:
    """Whether `noun` has a figure of `figure`'s kind under its "of" ("revenue of $16.7 billion on a GAAP
    basis and $15.2 billion on an adjusted one": the parse joins the second figure to the noun), and
    `figure` names no party of its own ("valuations of $24bn for X and $13.5bn for Y" is Y's)."""
    return not any(c.dep_ == "prep" and c.lower_ in ("for", "of", "in") for c in figure.children) and any(g.ent_type_ == figure.ent_type_ != "" and g.i < figure.i for c in noun.children if c.dep_ == "prep"
               and c.lower_ == "of" for g in c.children if g.dep_ == "pobj")


_REACHING = {"reach", "hit", "total", "top"}
_CHANGES = {"increase", "rise", "jump", "gain", "growth", "surge", "climb", "decline", "drop", "fall", "decrease", "slump"}


def change_reached(verb: Token) -> Token | None:
    """What changed, when a participle of level completes the change ("posted an 85% increase in
    net profit for the first half, reaching EUR 1.5 billion"): the level is of the change's "in". So
    too when the participle hangs on a change already sized in percent ("a 37% drop in quarterly
    profit, totaling ¥841 billion"): the amount is the profit's, not the drop's."""
    if verb.lemma_.lower() not in _REACHING:
        return None
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in _CHANGES and any(
            c.ent_type_ == "PERCENT" for c in verb.head.children if c.dep_ in ("compound", "nummod", "amod")):
        change = verb.head
    elif verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head.pos_ != "VERB" or \
            any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i < verb.i for c in verb.children):
        return None             # (a clause of its own: "..., and sales reached $X")
    else:
        change = next((c for c in verb.head.children if c.dep_ == "dobj" and c.lemma_.lower() in _CHANGES), None)
    of = next((c for c in change.children if c.dep_ == "prep" and c.lower_ == "in"), None) if change is not None else None
    return next((g for g in of.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None) if of is not None else None


def clause_after(noun: Token) -> Token | None:
    """The verb of a "to" clause right after a noun, or after the day told beside it, that the parse
    hung on another word ("pulled out of its £8.8 billion deal to buy Informatica", "struck a $60
    billion agreement Wednesday to buy Pioneer": "buy" hung on the main verb): the noun's own."""
    doc = noun.doc
    at = noun.i + 1
    while at < len(doc) and (doc[at].ent_type_ in ("DATE", "TIME") or doc[at].lower_ == "on" and at + 1 < len(doc)
                             and doc[at + 1].ent_type_ == "DATE"):
        at += 1
    if at + 1 >= len(doc) or doc[at].lower_ != "to":
        return None
    verb = doc[at].head
    return verb if verb.pos_ == "VERB" and verb.i > at and verb.i <= at + 2 else None


def named_beside(noun: Token) -> list[Token]:
    """A common noun and the proper noun right after it that it describes, wherever the parse hung
    that name ("a deal for cloud platform Chronosphere hours after": "Chronosphere" hung on the
    main verb)."""
    doc = noun.doc
    after = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    return [noun, after] if after is not None and noun.pos_ == "NOUN" and after.pos_ == "PROPN" else [noun]


_SUBORDINATORS = {"as", "while", "because", "since", "when", "after", "before", "though", "although", "whereas"}


def subject_under_conjunction(verb: Token) -> Token | None:
    """"The discussions come as SoftBank, which owns 75% of Arm, is preparing to list ...": the
    model read the conjunction as a preposition and the clause's subject as its object, leaving
    the verb with none; that object is the subject."""
    if verb.dep_ != "advcl" or any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children) or \
            not any(c.dep_ in ("aux", "auxpass") and c.i < verb.i for c in verb.children):
        return None
    return next((o for c in verb.head.children if c.dep_ == "prep" and c.lower_ in _SUBORDINATORS and c.i < verb.i
                 for o in c.children if o.dep_ == "pobj" and o.pos_ in ("PROPN", "NOUN") and o.right_edge.i < verb.i), None)


def stranded_object(prep: Token, refs: References) -> Token | None:
    """"the sale of Arm to U.S. chipmaker Nvidia Corp has collapsed": the parse left the "to" with
    no object and made the name the verb's subject; the company or person named right after it."""
    for t in prep.doc[prep.i + 1:prep.i + 6]:
        if t.pos_ in ("VERB", "AUX", "PUNCT", "ADP"):
            return None
        if (m := refs.mention_at(t)) is not None and m.kind in ("company", "org", "person"):
            return t
    return None
