"""Which name a description stands for by its words: the text put the noun beside the name
before ("French startup Mistral AI" ... "the startup"), the noun ends the name ("the OpenAI
Foundation" ... "the foundation"), the kind of business it names fits the name, and money went
into the name ("the startup" after "invested in Mistral"). Part of the coreference step of
extractors/references.py.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from claimtrack.extractors.claim_words import is_org_noun
from claimtrack.extractors.mention import Mention


# words that make a firm's noun a relation to another firm: "Google parent company Alphabet" is
# Google's parent, not the firm a later "the company" means
_RELATIONAL = {"parent", "sister"}


def descriptions(mentions: list[Mention], spans: dict[int, Span | None]) -> list[tuple[int, str, Mention]]:
    """(offset, noun, mention) for every noun the text puts beside a name: "French startup
    Mistral AI", "ASML, the Dutch chip equipment maker", "Wiz is a cloud security firm"."""
    out = []
    for m in mentions:
        span = spans[id(m)]
        if span is None:
            continue
        root = span.root
        nouns = [c for c in root.children if c.dep_ in ("appos", "compound") and c.pos_ == "NOUN"]
        nouns += [t for t in root.subtree if t.dep_ == "compound" and t.pos_ == "NOUN" and t.i < root.i]
        if root.dep_ in ("appos", "compound", "nmod") and root.head.pos_ == "NOUN":
            nouns.append(root.head)
        if root.dep_ in ("nsubj",) and root.head.lemma_ == "be":
            nouns += [c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
        for n in nouns:
            if not (n.i > 0 and n.doc[n.i - 1].lemma_.lower() in _RELATIONAL):
                out.append((m.start, n.lemma_.lower(), m))      # ("Google parent company Alphabet": not "the company")
    return out


def described_as(described: list[tuple[int, str, Mention]], token: Token, exclude: frozenset[str],
                 sources: set[int]) -> Mention | None:
    """The name the text last described with this noun ("the startup" -> Mistral AI, called
    "French startup Mistral AI" before), never a name inside the description itself ("the Abu
    Dhabi fund")."""
    word = token.lemma_.lower()
    for start, noun, m in reversed(described):
        if start < token.left_edge.idx and noun == word and m.name not in exclude and id(m) not in sources:
            return m
    return None


def named_by_head(mentions: list[Mention], token: Token) -> Mention | None:
    """A description whose head word ends a name said before: "the foundation" -> the
    OpenAI Foundation, "the fund" -> the Public Investment Fund, "the family" -> the Nordstrom family."""
    word = token.lower_
    for m in reversed([m for m in mentions if m.end <= token.idx]):
        if (m.kind in ("company", "org", "government") or word == "family") and m.name.lower().split()[-1:] == [word]:
            return m
    return None


# a name that ends like an investor's: "Sycamore Partners", "Blue Owl Capital", "Thrive Capital"
_FUND_ENDINGS = {"capital", "partners", "ventures", "management", "investments", "equity", "fund", "funds",
                 "advisors", "advisers", "associates", "investors"}
# a description of an investor: "the buyout firm", "the private equity group", "the asset manager"
_INVESTOR_HEADS = {"investor", "backer", "fund", "manager"}
_INVESTOR_WORDS = {"equity", "buyout", "investment", "venture", "asset", "hedge", "sovereign", "wealth", "pension"}
# a description of a business that makes or sells something, never an investment firm
_OPERATING_HEADS = {"chain", "retailer", "maker", "carmaker", "automaker", "chipmaker", "startup", "start-up",
                    "airline", "miner", "insurer", "brand", "manufacturer", "producer", "supplier", "utility",
                    "grocer", "pharmacy", "developer", "designer", "operator", "platform"}


def unlike(token: Token, mentions: list[Mention]) -> frozenset[str]:
    """The names a description cannot stand for by the kind of business it names: "the
    pharmacy chain" is no "Sycamore Partners"; "the buyout firm", when the text names an
    investor, is none of the others."""
    low = token.lower_
    words = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound")}
    investors = {m.name for m in mentions if m.kind in ("company", "org") and m.end <= token.idx
                 and m.text.lower().split()[-1] in _FUND_ENDINGS}       # the name as written: "Blue Owl Capital"
    if low in _OPERATING_HEADS:
        return frozenset(investors)
    if (low in _INVESTOR_HEADS or words & _INVESTOR_WORDS) and investors:
        return frozenset(m.name for m in mentions if m.end <= token.idx and m.name not in investors)
    return frozenset()


_INVESTED_IN = {"invest", "investment", "stake", "holding", "round", "funding", "financing", "bet", "put", "pour",
                "inject", "interest", "share"}


def is_backed(span: Span | None) -> bool:
    """Whether the text puts money or a buyer into a name ("a stake in Scale AI", "invest in
    Mistral AI", "acquire Wiz", "a bid for Papa John's"): the party a later "the startup" is
    more likely to be."""
    if span is None:
        return False
    head = span.root
    while head.dep_ in ("compound", "appos", "conj") and head.head.i != head.i:
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ in ("in", "into"):
        on = head.head.head         # "invested $13 billion in OpenAI", "invest billions in": the phrase may hang on the amount
        on = on.head if on.dep_ == "dobj" and (on.pos_ == "NUM" or on.ent_type_ in ("MONEY", "CARDINAL")) else on
        # "selling stakes in WestJet": the phrase may hang on the verb whose object the stake is
        return on.lemma_.lower() in _INVESTED_IN or on.pos_ == "VERB" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _INVESTED_IN for c in on.children)
    if head.dep_ == "pobj" and head.head.lower_ == "of":        # "its purchase of Activision Blizzard"
        return head.head.head.lemma_.lower() in ("acquisition", "purchase", "takeover", "buyout")
    if head.dep_ == "pobj" and head.head.lower_ == "for":       # "a bid for Papa John's"
        return head.head.head.lemma_.lower() in ("offer", "bid", "approach", "proposal")
    return head.dep_ == "dobj" and head.head.lemma_.lower() in ("acquire", "buy", "back", "fund", "value")


def is_backer(span: Span | None) -> bool:
    """Whether a name is who led, backed or arranged something ("$7.5 billion in debt led by
    Blackstone", "the startup, backed by Nvidia"): never the company a text's opening
    "The company" refers to."""
    if span is None:
        return False
    head = span.root
    while head.dep_ in ("compound", "conj") and head.head.i != head.i:
        head = head.head
    by = head.head
    return head.dep_ == "pobj" and by.lower_ == "by" and by.head.tag_ == "VBN" and by.head.dep_ in ("acl", "relcl", "amod")


def led_by_name(noun: Token, mention: Mention) -> bool:
    """"the Elon Musk-led company", "the SoftBank-backed startup", "the Mountain View-based
    chipmaker": a name joined by a hyphen to a participle before the noun says who leads or backs
    it, or where it is, not which it is (the rest of a place's name may follow the name found)."""
    doc = noun.doc
    after = [t for t in doc[max(0, noun.left_edge.i):noun.i] if t.idx >= mention.end]
    if mention.text.endswith("-") and after and after[0].tag_ == "VBN":
        return True                        # the model kept the hyphen in the name: "Warren Buffett-"
    for k, t in enumerate(after):
        if t.text == "-":
            return k + 1 < len(after) and after[k + 1].tag_ == "VBN"
        if not (t.text == "," or t.text[:1].isupper()):
            return False
    return False


# nouns of a party by what it makes: "the Battlefield publisher", "the Wegovy maker"
MAKER_NOUNS = {"maker", "developer", "publisher", "creator", "designer", "producer", "manufacturer", "studio"}


def names_a_product(noun: Token, mention: Mention) -> bool:
    """A name no entity list knows (the model's, or a guessed run of capitals) before a maker's
    noun names what the party makes, not the party: "the Battlefield publisher" is not Battlefield; nor
    is an unknown acronym in a firm's description ("the Texas-based USV company": what it builds)."""
    word = noun.lower_
    if mention.guessed and mention.text.isupper() and len(mention.text) <= 5 and is_org_noun(word) \
            and any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in noun.children):
        return True
    return mention.kind == "org" and not mention.owner and (word in MAKER_NOUNS or len(word) > 6 and word.endswith("maker"))


# nouns of those who put money in: "investors including Sequoia", "its lenders include MUFG"
_BACKER_GROUPS = {"investor", "backer", "lender", "bank", "shareholder", "underwriter", "arranger", "participant",
                  "financier", "fund"}
# verbs of leading or arranging another's money: "the round was led by X", "X led a debt deal for Y"
_LEADING = {"lead", "co-lead", "arrange", "underwrite", "anchor", "spearhead"}
_MONEY_NOUNS = {"round", "financing", "funding", "deal", "debt", "loan", "facility", "raise", "investment",
                "fundraising", "bond", "offering", "package"}


def named_as_backer(span: Span | None) -> bool:
    """Whether the text names this party among those who put money into another ("investors
    including Sequoia", "backers such as Nvidia", "its lenders include MUFG", "the round was led by
    X", "X led a debt deal for Y"): less likely what a later "the company" stands for."""
    if span is None:
        return False
    head = span.root
    while head.dep_ in ("compound", "conj", "appos") and head.head.i != head.i:
        head = head.head
    gov = head.head
    if head.dep_ == "pobj" and gov.lower_ in ("including", "like", "as"):
        if gov.lower_ == "as" and not any(c.lower_ == "such" for c in gov.children):
            return False
        return gov.head.lemma_.lower() in _BACKER_GROUPS
    if head.dep_ in ("dobj", "attr") and gov.lemma_.lower() == "include":
        return any(c.dep_ == "nsubj" and c.lemma_.lower() in _BACKER_GROUPS for c in gov.children)
    if head.dep_ == "pobj" and gov.lower_ == "by":
        return gov.head.lemma_.lower() in _LEADING
    if head.dep_ == "nsubj" and gov.lemma_.lower() in _LEADING:
        return any(c.dep_ == "dobj" and c.lemma_.lower() in _MONEY_NOUNS for c in gov.children)
    return False


def investor_like(token: Token) -> bool:
    """A description that may name an investor: "the buyout firm", "the asset manager"."""
    return token.lower_ in _INVESTOR_HEADS or any(c.dep_ in ("amod", "compound") and c.lower_ in _INVESTOR_WORDS
                                                  for c in token.children)
