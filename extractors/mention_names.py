"""Passes over a text's mentions once found, so one party has one name and kind: a name
after a role word is a person, a surname is the person named in full, a short name is the
long one, initials and acronyms are the name they stand for; and the words the model read as
common nouns that the sentence shows to be a firm's name ("Perplexity has raised", "shares of Circle")."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from claimtrack.extractors.claim_words import is_org_noun
from claimtrack.extractors.mention import Mention
from claimtrack.extractors.name_tokens import _DEALING
from claimtrack.extractors.name_joins import institutions_joined
from claimtrack.extractors.names import canonical
from claimtrack.extractors.text import doc_text

_POSSESSIVE_END = re.compile(r"\s*['’]s?$")
# words a company's or body's name ends with, after another name: "OpenAI Foundation", "Google Cloud"
_NAME_ENDINGS = {"foundation", "cloud", "capital", "ventures", "partners", "holdings", "bank", "labs", "lab",
                 "technologies", "technology", "systems", "networks", "computing", "materials", "platforms",
                 "securities", "investments", "investor", "fund", "management", "associates", "research", "institute",
                 "energy", "motors", "financial", "global", "international", "industries", "semiconductor",
                 "semiconductors", "ai", "group", "denver", "services", "robotics", "mobility", "media", "studios",
                 "games", "health", "therapeutics", "pharma", "entertainment", "airlines", "insurance", "trust",
                 "advisors", "advisers", "equity", "infrastructure", "minerals", "mining", "metals", "resources"}


_PERSON_ROLES = {"billionaire", "founder", "co-founder", "cofounder", "ceo", "chief", "executive", "president", "chairman",
                 "chairwoman", "chair", "analyst", "economist", "strategist", "minister", "governor", "secretary",
                 "investor", "entrepreneur", "tycoon", "magnate", "financier", "mogul", "director", "manager",
                 "head", "boss", "senator", "chancellor", "premier", "mr", "ms", "mrs", "dr"}


# a role that, set beside a name, says it is a person's ("Dylan Field, Figma's co-founder")
# an officer's title the model's entity took in with the name after it ("CFO Mark Mason")
_TITLE_FIRST = re.compile(r"(?:CEO|CFO|COO|CTO|CIO|CMO|Chairman|Chairwoman|Chair|President|Governor)\s+(?=[A-Z][a-z]+\s+[A-Z][a-z])")
_APPOSED_ROLES = {"founder", "co-founder", "cofounder", "ceo", "executive", "chairman", "chairwoman", "billionaire",
                  "economist", "strategist", "minister", "governor", "secretary", "entrepreneur", "tycoon", "magnate",
                  "financier", "mogul", "senator", "chancellor", "analyst", "president"}

# firms' descriptions that open a sentence before the name, and begin no firm's name themselves
# ("Chipmaker Marvell", "Drugmaker Pfizer"); not "Venture Global", "Carrier Global", "Investor AB"
_OPENING_DESCRIPTIONS = {"startup", "start-up", "miner", "lender", "insurer", "retailer", "manufacturer", "producer",
                         "developer", "designer", "supplier", "provider", "operator", "broker", "brokerage", "fintech",
                         "hyperscaler", "conglomerate", "upstart", "unicorn", "giant", "firm", "company"}

_FAMILY = re.compile(r"\s+famil(?:y|ies)\b(?!\s+(?:of|office|offices|foundation|trust)\b)", re.I)


def _families(mentions: list[Mention], text: str) -> list[Mention]:
    """"the Nordstrom family", "the Del Vecchio family": a holder of its own, named with the
    word, never the company or the place that bears the name (nor "a family office")."""
    out = []
    for m in mentions:
        after = _FAMILY.match(text, m.end) if m.kind != "outlet" else None
        if after is not None:
            m = Mention(m.start, after.end(), f"{m.text} family", f"{m.text} family", "person", guessed=m.guessed)
        out.append(m)
    return out


def _completed(mentions: list[Mention], text: str) -> list[Mention]:
    """A name cut short where the model read its first word as an adjective ("Electronic Arts'
    new owners" read as "Arts") is the full name the text gives elsewhere."""
    fuller = sorted({m.text: m for m in mentions if " " in m.text}.values(), key=lambda m: -len(m.text))
    out = []
    for m in mentions:
        f = next((f for f in fuller if len(f.text) > len(m.text) and f.text.endswith(" " + m.text)
                  and m.end - len(f.text) >= 0 and text[m.end - len(f.text):m.end] == f.text), None)
        out.append(Mention(m.end - len(f.text), m.end, f.text, f.name, f.kind, f.owner, f.guessed) if f is not None else m)
    return out


_NOT_NAME_PREFIX = {"ex", "pro", "anti", "non", "post", "pre", "co", "mid", "semi", "multi", "pan", "neo"}


def _hyphen_prefixed(mentions: list[Mention], text: str) -> list[Mention]:
    """A name the model begins after a hyphen ("Two Interactive" in "Take-Two Interactive") is
    the whole hyphened name: a capitalised word joined to it by a hyphen is part of it, as is a
    lone small letter ("Matrix" in "d-Matrix")."""
    out = []
    for m in mentions:
        before = re.search(r"(?:\b([A-Z][a-z]{2,})|(?<![\w'’-])[a-z])-$", text[max(0, m.start - 30):m.start])
        if before is not None and (before.group(1) or "").lower() not in _NOT_NAME_PREFIX and m.kind in ("org", "person") \
                and not m.owner:
            start = m.start - len(before.group(0))
            whole = text[start:m.end]
            m = Mention(start, m.end, whole, whole, "org", None, m.guessed)
        out.append(m)
    return out


def _as_firms(mentions: list[Mention], doc: Doc) -> list[Mention]:
    """"Arthur J Gallagher said on Monday it would acquire": a name the model read as a person, the
    subject of a clause that says "its" after it or whose "it" deals (acquires, raises, sells), with
    no firm named before it that these could be, is a firm. (Any "it" lost a test-half warning.)"""
    out = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand") if m.kind == "person" and m.owner is None else None
        root = span.root if span is not None else None
        if root is not None and root.dep_ == "nsubj" and any(
                t.i >= span.end and (t.lower_ == "its" and t.dep_ == "poss" or
                                     t.lower_ == "it" and t.dep_ == "nsubj" and (t.head.lemma_ or "").lower() in _DEALING)
                for t in root.head.subtree) and not any(o.kind in ("company", "org") and o.end <= m.start for o in mentions):
            m = Mention(m.start, m.end, m.text, m.name, "org", None, guessed=m.guessed)
        out.append(m)
    return out


def _as_person(m: Mention, doc: Doc) -> Mention:
    """"billionaire Kjell Inge Roekke", "CEO Jensen Huang", "President Trump": a name after a word
    for a person's role is a person, whatever the model called it; "Wiz CEO" is a role, no party."""
    if m.kind != "org":
        return m
    if (title := _TITLE_FIRST.match(m.text)) is not None:        # "CFO Mark Mason" read as a firm: the person
        return Mention(m.start + title.end(), m.end, m.text[title.end():], canonical(m.text[title.end():]), "person", None)
    if len(m.text.split()) >= 2 and m.text.split()[-1].lower().rstrip(".") in _PERSON_ROLES - {"investor"}:
        return Mention(m.start, m.end, m.text, m.name, "person", None)      # "U.S. President", "Wiz CEO": a role
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is not None and any(c.dep_ == "appos" and c.i >= span.end and c.lower_ in _APPOSED_ROLES for c in span.root.children):
        return Mention(m.start, m.end, m.text, m.name, "person", None)      # "Dylan Field, Figma's co-founder and CEO"
    if span is not None and m.guessed and len(m.text.split()) < 2 and _he_or_she_after(span):
        return Mention(m.start, m.end, m.text, m.name, "person", None)      # "Textor ... to sell his stake"
    if span is None or span.start == 0:
        return m
    before = doc[span.start - 1]
    one_word = len(m.text.split()) < 2
    if one_word and not (m.guessed or before.text[:1].isupper()):
        return m                # "President Trump", "Chair Powell": a one-word name after a title
    if before.lower_.rstrip(".") in _PERSON_ROLES and all(t.pos_ == "PROPN" for t in span) and m.owner is None \
            and m.text.split()[-1].lower() not in _NAME_ENDINGS:
        return Mention(m.start, m.end, m.text, m.name, "person", None)
    return m


def _he_or_she_after(span) -> bool:
    """A one-word name the model did not know, the subject of a clause that says "his" or "her"
    after it ("Textor has signed a deal to sell his stake"): a person named by surname. (A "he"
    opening the next sentence is no such sign: it lost a test-half speaker.)"""
    root = span.root
    return root.dep_ == "nsubj" and any(t.lower_ in _THIRD_PERSON and t.i >= span.end for t in root.head.subtree)


_THIRD_PERSON = {"he", "she", "his", "her"}


def joined_adjacent(mentions: list[Mention], doc: Doc) -> list[Mention]:
    """"Galaxy Digital", "IQM Quantum Computers", "Naval Vessels Lürssen": two firms' names a space
    apart, the first a compound of the second in the parse, are one name the model split; so are
    two whose first the model ended on a possessive it took into the name ("Dick's" + "Sporting
    Goods": not "Google's DeepMind", where the model leaves the "'s" out of the name)."""
    out: list[Mention] = []
    whole = doc_text(doc)       # (Doc.text joins every token anew on each read)
    for m in institutions_joined(mentions, whole):
        prev = out[-1] if out else None
        if prev is not None and whole[prev.end:m.start] == " " and prev.kind in ("org", "company") and \
                m.kind in ("org", "company") and prev.owner is None and m.owner is None:
            first = doc.char_span(prev.start, prev.end, alignment_mode="expand")
            second = doc.char_span(m.start, m.end, alignment_mode="expand")
            if first is not None and second is not None and (first.root.dep_ == "compound" and
                                                              second.start <= first.root.head.i < second.end or
                                                              re.search(r"[’']s$", prev.text) and m.text[:1].isupper()):
                text = whole[prev.start:m.end]
                out[-1] = Mention(prev.start, m.end, text, canonical(text), "org", None, guessed=prev.guessed and m.guessed)
                continue
        out.append(m)
    return out


def _surnames(mentions: list[Mention]) -> list[Mention]:
    """A one-word mention that is the last (or first) name of a person named before is that
    person ("Huang" after "Jensen Huang", "Luis" after "Luis de Guindos")."""
    full: dict[str, str] = {}
    out = []
    for m in mentions:
        words = m.name.split()
        if len(words) == 1 and words[0] in full and (m.kind in ("person", "org") or m.guessed):
            # ("Pessina" read as an organisation after "Stefano Pessina")
            m = Mention(m.start, m.end, m.text, full[words[0]], "person", m.owner)
        elif m.kind == "person" and len(words) >= 2:
            full.setdefault(words[-1], m.name)
            full.setdefault(words[0], m.name)
        out.append(m)
    return out


def _short_names(mentions: list[Mention]) -> list[Mention]:
    """An organisation named in full and in short in one text is one party: "Mistral" and
    "Mistral AI", "Scale" and "Scale AI" are called by the longer name, wherever each stands."""
    orgs = [m for m in mentions if m.kind in ("org", "company") and not m.owner and m.guessed and m.name.split()]
    longer: dict[str, str] = {}
    full = {m.name for m in mentions if m.kind in ("org", "company")
            and len(_POSSESSIVE_END.sub("", m.text).split()) > len(m.name.split())}
    for m in orgs:
        if m.name in full:
            continue            # "Benchmark Capital", written in full, is no short form of "Benchmark Infrastructure"
        for other in orgs:
            a, b = m.name.split(), other.name.split()
            if len(b) > len(a) and b[:len(a)] == a and len(a[0]) > 2:
                if len(b) > len(longer.get(m.name, "").split()):
                    longer[m.name] = other.name
    return [Mention(m.start, m.end, m.text, longer[m.name], m.kind, m.owner, m.guessed)
            if m.name in longer and m.kind in ("org", "company") else m for m in mentions]


def _initials(name: str) -> str | None:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in ("of", "and", "the", "for", "&", "de", "du")]
    return "".join(w[0].upper() for w in words) if len(words) >= 2 else None


def _initialisms(mentions: list[Mention], acronyms: list[Mention]) -> list[Mention]:
    """"PIF" after "Public Investment Fund", "EA" beside "Electronic Arts": the mentions with a
    name in capitals that is the initials of another name of the text called by that name, and
    of the acronyms the model alone called organisations (`acronyms`), those that are such
    initials added as that party."""
    full: dict[str, Mention] = {}
    for m in mentions:
        if m.kind in ("org", "company", "government") and not m.owner:
            key = _initials(m.name)
            if key and len(key) >= 2:
                full.setdefault(key, m)

    def named(m: Mention) -> Mention:
        target = full[m.name]
        return Mention(m.start, m.end, m.text, target.name, target.kind, target.owner)
    out = [named(m) if m.name.isupper() and m.name in full and m.guessed and m.kind in ("org", "company", "government")
           else m for m in mentions]
    return out + [named(a) for a in acronyms if a.name in full]


# a company's ticker where it is listed, after its name: "Bank of America (NYSE:BAC)", "Hooli, Inc. (Nasdaq: HOOL)"
_LISTED = re.compile(r",?\s*(?:[\w.]+,?\s+){0,2}?\((?:NYSE|NASDAQ|Nasdaq|LSE|TSX|ASX|HKEX|NYSE American)\s*:\s*"
                     r"([A-Z][A-Z&]{1,7})\)")


def _acronyms(mentions: list[Mention], text: str) -> list[Mention]:
    """"The Organization for Economic Co-operation and Development (OECD)": the name that
    stands before an acronym in parentheses is known by the acronym too, and a name the model
    cut short ("... Co-operation and") is called by its acronym."""
    aliases: dict[str, str] = {}
    out = []
    for m in mentions:
        after = re.match(r"\s*(?:\w+\s+){0,2}?\(([A-Z][A-Z&]{2,7})\)", text[m.end:m.end + 40]) or \
            _LISTED.match(text, m.end, m.end + 50)                           # "Bank of America (NYSE:BAC)"
        if after and m.kind in ("org", "government", "company") and after.group(1) != m.name:
            acronym = after.group(1)
            listed = ":" in after.group(0)               # a ticker names the company, never cuts it short
            if not listed and (re.search(r"\b(?:and|of|for|the|&)$", m.name) or m.end < text.find("(", m.end) - 1):
                m = Mention(m.start, m.end, m.text, acronym, m.kind, m.owner, m.guessed)
            aliases[acronym] = m.name
        elif m.name in aliases and m.kind in ("org", "government", "company"):
            m = Mention(m.start, m.end, m.text, aliases[m.name], m.kind, m.owner, m.guessed)
        out.append(m)
    return out


_FIRM_SHARES = {"share", "stock", "shareholder", "stockholder"}
_FIRM_HELD = {"stake", "investment", "holding", "share"}
_FIRM_BOUGHT = {"acquire", "buy", "purchase", "value", "invest"}
# nouns set beside a name that only a firm is ("X, the venture firm,"), unlike "investor" or "owner"
_FIRM_NOUNS = {"company", "firm", "group", "corporation", "conglomerate", "startup", "start-up", "bank", "lender",
               "insurer", "fund", "miner", "retailer", "automaker", "carmaker", "manufacturer", "provider", "platform",
               "outfit", "unicorn", "hyperscaler", "foundry", "studio", "publisher", "fintech", "brokerage", "utility",
               "consortium", "chain", "subsidiary", "giant", "lab", "chipmaker"}


def _said_of_a_firm(span) -> bool:
    """Whether the parse puts a name where only a firm stands: its shares, a stake in it, its buyer."""
    head = span.root
    gov = head.head
    lemma = gov.lemma_.lower()
    if any(c.dep_ == "appos" and (c.lower_ in _FIRM_NOUNS or c.lower_.endswith("maker")) for c in head.children):
        return True                                             # "Andreessen Horowitz, the venture firm,"
    if head.dep_ == "compound":
        return lemma in _FIRM_SHARES                            # "Novo Nordisk shares fell"
    if head.dep_ == "pobj" and gov.lower_ == "of":             # "shares of Kleiner Perkins", "its purchase of X"
        return gov.head.lemma_.lower() in _FIRM_SHARES | {"acquisition", "purchase", "takeover", "buyout"}
    if head.dep_ == "pobj" and gov.lower_ in ("in", "into"):
        return gov.head.lemma_.lower() in _FIRM_HELD | {"invest"}    # "a stake in Baker Hughes", "invest in X"
    if head.dep_ in ("dobj", "nsubjpass"):
        return lemma in _FIRM_BOUGHT                            # "acquire Activision Blizzard", "X was bought"
    if head.dep_ == "nsubj" and gov.pos_ in ("VERB", "AUX"):    # "Berkshire Hathaway cut its Apple stake": "its", not "his"
        return any(t.lower_ == "its" and t.dep_ == "poss" and _same_clause(t, gov) for t in gov.subtree if t.i > head.i)
    return False


def _same_clause(token, verb) -> bool:
    """Whether `token` hangs on `verb` through no clause with a subject of its own."""
    cur = token.head
    while cur.i != verb.i:
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children) or cur.head.i == cur.i:
            return False
        cur = cur.head
    return True


def firms_read_as_people(mentions: list[Mention], doc: Doc) -> list[Mention]:
    """A name the model called a person that the parse puts where only a firm stands ("shares of
    Novo Nordisk", "a stake in Berkshire Hathaway", "acquire Activision Blizzard") is a firm's,
    there and wherever the text gives the same name."""
    firms = set()
    for m in mentions:
        if m.kind == "person" and _POSSESSIVE_END.sub("", m.text) == m.name and not m.name.endswith(" family"):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and _said_of_a_firm(span):
                firms.add(m.name)
    if not firms:
        return mentions
    return [Mention(m.start, m.end, m.text, m.name, "org", m.owner, m.guessed) if m.kind == "person" and m.name in firms
            else m for m in mentions]


def opening_descriptors(mentions: list[Mention], doc: Doc) -> list[Mention]:
    """A firm's description that opens a sentence, capitalised there, is no part of its name:
    "Chipmaker Marvell Technology" is Marvell, "Drugmaker Pfizer" a firm; "Miner" in "Miner MP
    Materials" and "Cloud" in "Cloud provider CoreWeave" are no names of their own."""
    out = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not span[0].is_sent_start or not span[0].text[:1].isupper() or span[0].text.isupper():
            out.append(m)
            continue
        lead, i = 0, span.start   # the description: the opening word, then nouns in lower case, the last a firm's
        while i < len(doc) and (i == span.start or doc[i].text.islower() and doc[i].pos_ in ("NOUN", "ADJ", "PROPN")):
            if is_org_noun(doc[i].lower_) and (i > span.start or doc[i].lower_ in _OPENING_DESCRIPTIONS
                                               or doc[i].lower_.endswith("maker")):
                lead = i + 1 - span.start
            i += 1
        if not lead or span.start + lead >= len(doc) or not doc[span.start + lead].text[:1].isupper():
            out.append(m)
        elif span.start + lead < span.end:    # the name after it is the mention
            rest = doc[span.start + lead].idx
            text = doc_text(doc)[rest:m.end]
            kind = "org" if m.kind == "person" else m.kind
            out.append(Mention(rest, m.end, text, canonical(text) if m.name == canonical(m.text) else m.name,
                               kind, m.owner, m.guessed))
    return out


def glued_digits(number, word) -> bool:
    """"3" + "G Capital": a few digits written onto a capitalised name ("20.3m" is an amount)."""
    return number.text.isdigit() and len(number.text) <= 2 and not number.whitespace_ \
        and word.text[:1].isupper() and word.text.upper() not in ("M", "B", "K", "BN", "MN", "TN", "T")


def spelled_number_name(token) -> bool:
    """A number spelled with a capital inside a sentence ("fund Three Arrows Capital"): a name's first word."""
    return token.like_num and token.is_alpha and token.text.istitle() and not token.is_sent_start


def magnitude_letter(token) -> bool:
    """The "M" of "$600M", which the model splits from its number: part of an amount, not of a name."""
    return token.i > 0 and token.text.upper() in ("M", "B", "K", "MN", "BN", "TN") and token.nbor(-1).like_num \
        and not token.nbor(-1).whitespace_


def after_dateline(m: Mention, cut: int, text: str) -> Mention:
    """A mention the model ran across a dateline's end ("(Jiji Press)--Nippon Steel"), from that end on."""
    start = cut + len(text[cut:m.end]) - len(text[cut:m.end].lstrip())
    return Mention(start, m.end, text[start:m.end], canonical(text[start:m.end]), m.kind, m.owner, m.guessed)


# acronyms the model calls organisations (IP, API, AGI, YoY, ADRs) that are no parties
COMMON_ACRONYMS = {"AI", "AGI", "API", "APIs", "IP", "GPU", "GPUs", "CPU", "CPUs", "TPU", "IPO", "IPOs", "CEO", "CFO",
                   "CTO", "COO", "ETF", "ETFs", "EPS", "GDP", "CPI", "PE", "VC", "VCs", "LLM", "LLMs", "SPAC", "M&A",
                   "ARR", "EBITDA", "ESG", "R&D", "HQ", "PR", "FY", "YoY", "QoQ", "AUM", "NAV", "LBO", "IT", "TV",
                   "PC", "PCs", "AR", "VR", "EV", "EVs", "SaaS", "OTC", "NFT", "NFTs", "DeFi", "USD", "EUR", "GBP",
                   "ADR", "ADRs", "ADS", "ADSs", "GDR", "GDRs"}


_SUFFIX_AFTER_COMMA = re.compile(r"^(?:Inc|Ltd|LLC|Co|Corp|plc|PLC|SA|AG|NV|LP|L\.P|N\.V|S\.A)\b\.?")
_LEGAL_AFTER = re.compile(r",?\s+(?:Inc|Incorporated|Corp|Corporation|Ltd|Limited|LLC|plc|PLC|AG|SE|N\.V|S\.A)\b")


def split_lists(ents) -> list:
    """Entities the model ran across a comma ("Fidelity Management, SuperMicro", "Magnetar,
    CoreWeave") as the names they list; "Apple, Inc." stays one. A place or a thing with a
    company's legal form after it ("Mars, Incorporated", "Mars Inc.") is the company's name."""
    out, text = [], None
    for ent in ents:
        if ent.label_ in ("LOC", "GPE", "PRODUCT", "FAC", "NORP"):
            text = ent.doc.text if text is None else text      # (joined anew at each read: read once)
            if _LEGAL_AFTER.match(text, ent.end_char):
                ent = Span(ent.doc, ent.start, ent.end, label="ORG")
        cuts = [t.i for t in ent if t.text == "," and t.i + 1 < ent.end and
                not _SUFFIX_AFTER_COMMA.match(ent.doc[t.i + 1].text)]
        if any(t.text in ("of", "for", "the") for t in ent):
            cuts = []           # "Ministry of Economy, Trade and Industry" is one name
        if not cuts:
            out.append(ent)
            continue
        begin = ent.start
        for cut in [*cuts, ent.end]:
            if cut > begin:
                out.append(Span(ent.doc, begin, cut, label=ent.label_))
            begin = cut + 1
    return out
