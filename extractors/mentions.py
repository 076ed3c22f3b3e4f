"""Entity mentions: config aliases first (canonical names), then the model's named entities.

A mention is a character span with a canonical name and a kind (company, product, outlet,
person, org, government). The small English model often glues a possessor to a person
("Goldman's James Schneider" as one ORG); such a span is split at the alias. A country
followed by "government" or "administration" is a government ("the U.S. government" -> US
government). A surname alone after the full name is that person ("Huang" after "Jensen
Huang"); names are canonical (extractors/names.py): "Intel Corp." is Intel. The passes over
found mentions are in extractors/mention_names.py, places and governments in extractors/governments.py.
"""
from __future__ import annotations

import re

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from claimtrack.extractors.claim_words import is_org_noun
from claimtrack.extractors.config import ExtractorConfig
from claimtrack.extractors.places import place_words
from claimtrack.extractors.governments import (_GOVERNMENT_ORG, _bare_governments, _is_place, agency_government,
                                               capital_government, government_of, town_and_state)
from claimtrack.extractors.mention import Mention
from claimtrack.extractors.mention_names import (COMMON_ACRONYMS, _NAME_ENDINGS, _POSSESSIVE_END, _acronyms, _as_firms, _as_person, _completed,
                                                 _families, _hyphen_prefixed, _initialisms, _short_names, _surnames, after_dateline, split_lists,
                                                 opening_descriptors, glued_digits, spelled_number_name, magnitude_letter, firms_read_as_people, joined_adjacent)
from claimtrack.extractors.name_joins import lowercase_named, particle_completed, possessive_names, split_run_ons
from claimtrack.extractors.name_tokens import (CURRENCY_CODES, GROUP_MODIFIERS, JOINED_BY, MONEYLIKE, bare_name, camel_name, closed_before,
                                               dated_possessor, described_name, located_firm, moneylike, traded_name)
from claimtrack.extractors.datelines import dateline_end
from claimtrack.extractors.names import canonical
from claimtrack.extractors.text import doc_text, standing_alone

# v4: a name the model calls a nationality but no English word knows ("Rivian") is a name;
# "President Trump" is a person and "Wiz CEO" a role, neither an organisation
# v2: governments, canonical names, surnames, no outlets as parties; v3: a bare "the Government" is the text's one country's
_POSSESSIVE = re.compile(r"^\s*['’]s\s+")
_GOVERNMENT_AFTER = re.compile(r"^\s+(?:federal\s+)?(?:government|administration)\b", re.IGNORECASE)
_ROLE_START = re.compile(r"^(?:Inc|Corp|Co|Ltd|LLC|plc|Chief|CEO|CFO|CTO|President|Chair\w*|Executive|Vice|"
                         r"Founder|Co-founder|Director|Head|Governor|Secretary|Minister|Analyst|Strategist)\b\.?")
_NOT_PARTY = re.compile(r"^(?:\W+|\d.*|the|a|an)$", re.IGNORECASE)
# proper nouns that name no party: rounds, roles, exchanges, indexes, days
_NOT_NAME = re.compile(r"^(?:Series [A-Z]\b.*|Class [A-Z]\b.*|Series|Class|Tranche|(?:Inc|Corp|Ltd|LLC|Co|plc|PLC|SA|AG|SE|NV|LP)\.?|"
                       r"Incorporated|Corporation|Limited|Company|Acquisition|Offer|Scheme|Transaction|Merger|Agreement|Proposal|"
                       r"Rights (?:Issue|Offering)|(?:SPAC|IPO|OTC|NYSE|ETF|EPS|PIPE|REIT|NBFC)s?|[a-z][a-z0-9 .'’-]*|.|.*\.(?:com|org|net|io)|"
                       r"(?:FTSE|Stoxx|STOXX|Nikkei|Hang Seng|Kospi|KOSPI|DAX|CAC|Sensex|Nifty)\b.*|"
                       r".*\b(?:Notes|Bonds|Shares|Stock|Debentures|Securities Act)|"
                       r".*\b(?:Revenues?|ARR|EBITDA|Net Income|Operating Income)|"    # "Total Revenue", "Security ARR": a measure
                       r"(?:Chief|Chair|CEO|CFO|President|Mr|Ms|Dr|Sen|Rep)\b.*|(?:Sir|Dame|Lord|Lady|Baroness|Baron)|"   # a title alone
                       r"(?:NYSE|Nasdaq|Dow|S&P|Wall Street|Street)\b.*|(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                       r"Saturday|Sunday)|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|(?:Q[1-4]|H[12]|FY\d*))$")


# what no NER entity names either: rounds, share classes, company suffixes alone, web addresses (in lower
# case: a capitalised "Trip.com" or "Amazon.com" is a company's name), measures
_NOT_NER_NAME = re.compile(r"^(?:Series(?: [A-Z])?|Class(?: [A-Z])?|Tranche|Incorporated|Corporation|Limited|Company|"
                           r"(?:Inc|Corp|Ltd|LLC|Co|plc|PLC)\.?|(?:www\.|[a-z]).*\.(?:com|org|net|io)|"
                           r".*\b(?:Gov|Sen|Rep|Gen|Lt|Col|Adm|Amb|Atty|Supt)\.|"     # a title: "former Texas Gov. Rick Perry"
                           r".*\b(?:Revenues?|ARR|EBITDA|Net Income|Operating Income)|"
                           r"(?:NYSE|FTSE|Stoxx|STOXX|Nikkei|Hang Seng|Kospi|KOSPI|DAX|CAC|Sensex|Nifty|Dow Jones|Dow)\b.*)$")
# a firm's own word for itself, capitalised in its releases: "The Group's EBIT", "the Firm" (a reference)
_THE_FIRM = re.compile(r"^[Tt]he (?:Group|Firm)$")
# a place before "-based", "-headquartered": "The Novi, Michigan-headquartered company"
_PLACE_AFTER = re.compile(r"^(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?-(?:based|headquartered|born|area)\b")


# a newspaper's short name after "the": "the Journal reported", "according to the Times"
_PAPERS = frozenset({"Journal", "Times", "Post", "Telegraph", "Herald", "Gazette", "Tribune", "Chronicle", "Observer",
                     "Independent", "Globe", "Standard"})
# a ticker in parentheses after a name, "(AVGO.US)", "(UCG, UNCFF.PK)", "(NASDAQ:NVDA)"
_TICKER = re.compile(r"^(?:[A-Z]{1,6}:)?[A-Z0-9]{1,6}(?:\.[A-Z]{1,3}| [A-Z]{2})?$")     # "NVEI CN": a code and its market


def _is_ticker(text: str, start: int, end: int, mention: str) -> bool:
    before = text[max(0, start - 25):start]     # (or a site's link label after one: "QXO (QXO, Financials)")
    if re.search(r"\([A-Z][A-Z.]{0,6},\s*$", before) and text[end:end + 1] == ")":
        return True
    return bool(_TICKER.match(mention)) and "(" in before and ")" not in before[before.rfind("("):] \
        and not mention.isdigit()


class MentionFinder:
    """Finds mentions in a Doc; built once per pipeline from the extractor config."""

    def __init__(self, nlp_vocab, config: ExtractorConfig, words: frozenset[str] = frozenset()) -> None:
        self.config = config
        self.words = words          # English words (the model's lemma tables): a capital unknown to them is a name
        self.by_alias: dict[str, tuple[str, str, str | None]] = {}
        self.case_matcher = PhraseMatcher(nlp_vocab, attr="ORTH")
        self.lower_matcher = PhraseMatcher(nlp_vocab, attr="LOWER")
        from spacy.lang.en import English
        tokenizer = English().tokenizer
        for ent in config.entities:
            for alias in ent.aliases:
                exact = len(alias) <= 4 or alias.isupper()
                key = alias if exact else alias.lower()
                self.by_alias[key] = (ent.name, ent.kind, ent.owner)
                (self.case_matcher if exact else self.lower_matcher).add(ent.name, [tokenizer(alias)])

    def _lookup(self, text: str) -> tuple[str, str, str | None] | None:
        return self.by_alias.get(text) or self.by_alias.get(text.lower()) or \
            self.by_alias.get(canonical(text)) or self.by_alias.get(canonical(text).lower())

    def __call__(self, doc: Doc) -> list[Mention]:
        self._text = doc_text(doc)
        spans = [doc[s:e] for _, s, e in self.case_matcher(doc)] + [doc[s:e] for _, s, e in self.lower_matcher(doc)]
        spans = filter_spans(spans)
        mentions = []
        for span in spans:
            found = self._lookup(span.text)
            if found:
                name, kind, owner = found
                mentions.append(Mention(span.start_char, span.end_char, span.text, name, kind, owner))
        covered = [(m.start, m.end) for m in mentions]
        acronyms: list[Mention] = []
        self._replaced: set[tuple[int, int]] = set()
        dateline = dateline_end(self._text)
        self._glued: set[int] = set()           # names that begin with a digit: "3G Capital"
        for ent in split_lists(doc.ents):
            if ent.label_ not in ("ORG", "PERSON", "GPE", "NORP", "LOC"):
                continue
            start, end, text = ent.start_char, ent.end_char, ent.text
            if start < dateline < end:          # "CHARLOTTE - Bank of America Corporation" read as one name
                start = dateline + len(self._text[dateline:end]) - len(self._text[dateline:end].lstrip())
                text = self._text[start:end]
            elif ent.label_ == "ORG" and ent.start > 0 and glued_digits(doc[ent.start - 1], ent[0]):
                start, text = doc[ent.start - 1].idx, self._text[doc[ent.start - 1].idx:end]    # "3G Capital": "3" + "G Capital"
                self._glued.add(start)
            elif ent.label_ == "ORG" and re.match(r"\d+[A-Za-z]*\s+[A-Z][a-z]", text) and len(ent) > 1 and \
                    not MONEYLIKE.search(text[re.match(r"\d+[A-Za-z]*", text).end():]):
                self._glued.add(start)          # "3G Capital", "888 Holdings plc." read as one entity
            elif ent.label_ == "ORG" and ent.start > 1 and spelled_number_name(doc[ent.start - 1]):
                start, text = doc[ent.start - 1].idx, self._text[doc[ent.start - 1].idx:end]    # "fund Three Arrows Capital"
            overlap = [c for c in covered if c[0] < end and start < c[1]]
            if overlap:
                # "Goldman’s James Schneider": keep what follows the alias's possessive
                tail_start = max(c[1] for c in overlap)
                m = _POSSESSIVE.match(self._text[tail_start:end])
                if not m:
                    continue
                start = tail_start + m.end()
                text = self._text[start:end]
                label = "PERSON" if len(text.split()) >= 2 and text.istitle() else ent.label_
            else:
                label = ent.label_
            text = text.strip()
            if label in ("ORG", "PERSON", "GPE") and (cut := JOINED_BY.search(text)) is not None and cut.start() > 0:
                text, end = text[:cut.start()], start + cut.start()    # "Plenitude to Ares Management", "Stonepeak for"
            if label == "ORG" and re.search(r"['’]s?$", text) and _is_place(text.rstrip("s").rstrip("'’")):
                continue        # "Abu Dhabi's Masdar": the place whose firm follows, read as a firm itself
            if (led := _LED.search(text)) is not None:
                text, end = text[:led.start()], start + led.start()    # "the Jensen Huang-led chipmaker": the name alone
            if label == "ORG":      # "Crypto exchange FTX Trading Ltd": the common words before the name
                lead = 0
                for t in ent:       # through the last word written in lower case ("exchange", "giant")
                    opening = t.is_sent_start and t.i + 1 < ent.end and ent.doc[t.i + 1].pos_ == "NOUN" \
                        and ent.doc[t.i + 1].text.islower()     # "Crypto exchange FTX": capitalised as the sentence opens
                    if t.idx < start or t.i == ent.end - 1 or t.pos_ == "PROPN" and not t.text.islower() and not opening:
                        break
                    if t.text.islower() and t.lower_ in self.words and not t.text[:1].isdigit():    # ("21st Century Fox")
                        lead = t.idx + len(t) - start
                if lead and self._text[start + lead:end].strip():
                    covered.append((start, start + lead))     # the trimmed words are no name of their own
                    skip = len(self._text[start + lead:end]) - len(self._text[start + lead:end].lstrip())
                    start, text = start + lead + skip, self._text[start + lead + skip:end].strip()
            if label == "NORP" and len(ent) == 1 and ent[0].pos_ == "PROPN" and self.words \
                    and text.lower() not in self.words and (not text.lower().endswith("s") or
                                                            government_of(text[:-1]) is None and text[:-1].lower() not in self.words) \
                    and ent[0].dep_ in ("nsubj", "nsubjpass", "poss", "dobj", "pobj") \
                    and not _GOVERNMENT_AFTER.match(self._text[end:end + 30]):
                label = "ORG"       # "Rivian cut its forecast", "Skechers will": a name taken for a nationality ("Italians")
            elif label == "NORP" and self.words and all(t.pos_ == "PROPN" for t in ent) \
                    and any(t.lower_ not in self.words for t in ent) \
                    and not any(t.lower_ in place_words() or t.lower_[:-1] in place_words() for t in ent) \
                    and not _GOVERNMENT_AFTER.match(self._text[end:end + 30]):
                label = "ORG"       # "Anglo American shareholders", "the Skydance deal": no word, no place
            if label in ("GPE", "LOC") and len(ent) == 1 and ent[0].pos_ == "PROPN" and self.words and text.lower() not in self.words \
                    and (ent[0].dep_ in ("nsubj", "nsubjpass", "poss") or label == "LOC" and ent[0].dep_ == "dobj") \
                    and not _is_place(text) and government_of(text) is None \
                    and not any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in ent[0].children):    # ("Ivy Zelman": a surname)
                label = "ORG"       # "Meituan, China's e-commerce platform, operates", "values Pinterest at": no place's name
            if label == "LOC":
                continue
            if label == "ORG" and len(ent) == 1 and (capital := capital_government(text)) is not None:
                mentions.append(Mention(start, end, text, capital, "government"))   # "Washington's stake", read as a firm
                covered.append((start, end))
                continue
            if label in ("GPE", "NORP"):
                gov = _GOVERNMENT_AFTER.match(self._text[end:end + 30])
                if not gov:
                    continue
                end = end + gov.end()
                mentions.append(Mention(start, end, self._text[start:end],
                                        government_of(text) or f"{canonical(text)} government", "government"))
                covered.append((start, end))
                continue
            glued = next(((s, e) for s, e in covered if 0 <= start - e <= 2 and self._text[e:start].strip() == ""), None)
            if glued is not None and label in ("ORG", "PERSON") and text.split()[-1].lower() in _NAME_ENDINGS:
                self._extend(mentions, glued, start, start + len(text), doc)     # "Google" + "Cloud"
                if glued in self._replaced:
                    covered.append((start, start + len(text)))
                    continue
            if _EXCHANGE.match(text):   # where shares trade: no party to the deals told, nor a name to read again
                covered.append((start, end))
                continue
            if not text or text in self.config.ignore or "\n" in text or _NOT_PARTY.match(text) and start not in self._glued or text.upper() in CURRENCY_CODES:
                continue
            if text.islower() and self.words and all(w in self.words for w in text.split()) and not self._lookup(text):
                continue        # "the renminbi tranche": a common word in lower case the model took for a name
            if label == "ORG" and text in COMMON_ACRONYMS and not self._lookup(text):
                continue        # acronyms the model calls organisations (IP, API, AGI) are no parties
            if label == "ORG" and text.isupper() and len(text) <= 4 and not self._lookup(text):
                # an unknown acronym is a party only as the initials of a name the text gives
                # ("PIF" after "Public Investment Fund"); alone it is too often a thing (IP, API)
                acronyms.append(Mention(start, start + len(text), text, text, "org", None, guessed=True))
                continue
            if re.match(r"\s+(?:500|100|250|50|600|225|400|1500|2000|3000)\b", self._text[start + len(text):start + len(text) + 6]):
                continue        # an index: "S&P 500", "FTSE 100", "Stoxx 600"
            known = self._lookup(text)
            if known:
                name, kind, owner = known
            else:
                if label == "PERSON" and len(text.split()) >= 2 and text.split()[-1].lower() in _NAME_ENDINGS | _HOLDERS:
                    label = "ORG"       # "Mubadala Capital", "Valor Equity Partners", "Deliveroo Shareholders" read as people
                if label == "PERSON" and self._firm_context(start, start + len(text)):
                    label = "ORG"       # "publisher Electronic Arts (EA.O)": a firm the model read as a person
                guessed = label == "PERSON" and len(text.split()) == 1
                if guessed:             # "Rubrik": a lone name the model calls a person is as often a company;
                    label = "ORG"       # a surname after the full name is the person again (_surnames)
                kind = "person" if label == "PERSON" else ("government" if _GOVERNMENT_ORG.search(text) else "org")
                if text in _PAPERS and self._text[max(0, start - 4):start].lower() == "the ":
                    kind = "outlet"     # "the Journal", "the Times": a newspaper by its short name, a source
                name, owner = canonical(text), None
                mentions.append(Mention(start, start + len(text), text, name, kind, owner, guessed=guessed))
                covered.append((start, start + len(text)))
                continue
            mentions.append(Mention(start, start + len(text), text, name, kind, owner))
            covered.append((start, start + len(text)))
        mentions.extend(self._proper_nouns(doc, covered))
        mentions = [m for m in mentions if (m.start, m.end) not in self._replaced]
        mentions = _as_firms([_as_person(_as_government(m, self), doc) for m in mentions], doc)
        mentions = _initialisms(possessive_names(split_run_ons(mentions), doc), acronyms)
        mentions.extend(self._repeated(doc, mentions))
        cut = dateline_end(self._text)
        mentions = [after_dateline(m, cut, self._text) if m.start < cut < m.end else m for m in mentions]  # "(Jiji Press)--Nippon Steel"
        mentions = [m for m in mentions if m.start >= cut and not _PLACE_AFTER.match(self._text[m.end:m.end + 40])
                    and not _is_ticker(self._text, m.start, m.end, m.text) and (m.start in self._glued or not moneylike(m.text))
                    and not (m.kind in ("org", "person") and _NOT_NER_NAME.match(m.text) and not self._lookup(m.text))
                    and not _THE_FIRM.match(self._text[max(0, m.start - 4):m.end])]
        mentions = joined_adjacent(particle_completed(lowercase_named(mentions, self._text), self._text), doc)      # (in order of start)
        mentions = _short_names(_acronyms(_surnames(_bare_governments(mentions, doc)), self._text))
        return firms_read_as_people(_families(_completed(_hyphen_prefixed(opening_descriptors(mentions, doc), self._text),
                                                        self._text), self._text), doc)

    def _repeated(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """A name found once is that name wherever it stands again: the model tags "Lambda" in
        one sentence and reads it as a common noun in the next."""
        found: dict[str, Mention] = {}
        for m in mentions:
            bare = _POSSESSIVE_END.sub("", m.text)
            if m.kind in ("org", "company", "person") and len(bare) > 2 and bare[:1].isupper() and "\n" not in bare:
                found.setdefault(bare, m)
        taken = [(m.start, m.end) for m in mentions]
        out = []
        for bare, m in found.items():
            for s, e in standing_alone(self._text, bare):
                span = doc.char_span(s, e) or doc.char_span(s, e, alignment_mode="expand")
                if any(a < e and s < b for a, b in taken) or span is None or not span.text.endswith(bare) \
                        or len(span.text) > len(bare) + 1:
                    continue            # inside a longer word; "-Lineage" after a dateline is one token
                first = span[0]
                if first.is_sent_start and first.lower_ in self.words and not _its_shares(span[-1]):
                    continue            # "Scale" opening a sentence may be the verb; not in "Cadence shares fell"
                out.append(Mention(s, e, bare, m.name, m.kind, m.owner, m.guessed))
                taken.append((s, e))
        return out

    def _proper_nouns(self, doc: Doc, covered: list[tuple[int, int]]) -> list[Mention]:
        """Runs of proper nouns the model tagged as no entity ("Scale AI", "Iconiq" read as a place): young firms' names."""
        if not doc.has_annotation("TAG"):
            return []
        out, run = [], []
        for token in [*doc, None]:
            traded = token is not None and traded_name(token)        # ("Circle" read as a word, even NORP)
            if token is not None and (token.pos_ == "PROPN" and not self._hyphenated_words(token)
                                      or self._unknown_capital(token) or _capital_compound(token) or bare_name(token) or camel_name(token)
                                      or described_name(token) or traded) \
                    and (token.ent_type_ in ("", "ORG", "GPE", "PRODUCT", "FAC", "WORK_OF_ART") or traded or camel_name(token)
                         or located_firm(token) or dated_possessor(token)) \
                    and token.text.upper() not in CURRENCY_CODES and not magnitude_letter(token) \
                    and not any(s < token.idx + len(token) and token.idx < e for s, e in covered):
                run.append(token)
                continue
            if run:
                start, end = run[0].idx, run[-1].idx + len(run[-1])
                if run[0].i > 0 and glued_digits(doc[run[0].i - 1], run[0]):
                    start = doc[run[0].i - 1].idx           # "3G Capital"
                    self._glued.add(start)
                at = run[0].i
                while at > 1 and spelled_number_name(doc[at - 1]) and start not in self._glued:
                    at, start = at - 1, doc[at - 1].idx     # "hedge fund Three Arrows Capital", "Twenty One Capital"
                text = self._text[start:end]
                before = next(((s, e) for s, e in covered if 0 <= start - e <= 12 and not closed_before(self._text[s:e], run[-1]) and
                               (self._text[e:start].strip() == "" or re.fullmatch(r"\s*\((?:\w+:)?", self._text[e:start]))), None)
                if before is not None:
                    if self._text[before[1]:start].strip() == "":
                        self._extend(out, before, start, end, doc)   # "OpenAI Foundation", "Oracle Project Denver"
                    run = []            # "Nvidia (NVDA)": a ticker is no second party
                    continue
                if len(run) == 1 and run[0].i + 1 < len(doc) and run[0].lower_ in self.words and (
                        run[0].pos_ != "PROPN" and doc[run[0].i + 1].text == ":" or run[0].is_sent_start and run[0].lower_ in
                        GROUP_MODIFIERS and any(s <= doc[run[0].i + 1].idx < e for s, e in covered)):
                    run = []            # "Background: Saudi National Bank acquired": a label; "Current Nikola stockholders": a word
                    continue
                if text not in self.config.ignore and text not in COMMON_ACRONYMS and not text.islower() and not _EXCHANGE.match(text) \
                        and (start in self._glued or not _NOT_PARTY.match(text)) and not _NOT_NAME.match(text) or \
                        self._lookup(text):
                    if not _is_place(text) and not town_and_state(run) and "\n" not in text:
                        known = self._lookup(text)
                        name, kind, owner = known if known else (canonical(text), "org", None)
                        out.append(Mention(start, end, text, name, kind, owner, guessed=not known))
                run = []
        return out

    def _extend(self, out: list[Mention], before: tuple[int, int], start: int, end: int, doc: Doc) -> None:
        """A known name with more name after it is a name of its own ("OpenAI Foundation",
        "Google Cloud"), unless the rest is a company suffix ("Meta Platforms Inc")."""
        text = self._text[before[0]:end]
        tail = self._text[start:end]
        if _NOT_NAME.match(tail) or tail in self.config.ignore or _ROLE_START.match(tail) or _NOT_NAME.match(tail.split()[0]):
            return
        if tail.split()[-1].lower() not in _NAME_ENDINGS:
            return              # a title in capitals ("Microsoft-OpenAI Partnership Revealed") is no name
        known = self._lookup(text)
        name, kind, owner = known if known else (canonical(text), "org", None)
        out.append(Mention(before[0], end, text, name, kind, owner, guessed=not known))
        self._replaced.add(before)

    def _firm_context(self, start: int, end: int) -> bool:
        """Whether the words around a name say it is a firm: a stock ticker right after it
        ("(EA.O)", "(NASDAQ: CRWV)") or a noun of firms right before it ("publisher", "chipmaker")."""
        if _TICKER_AFTER.match(self._text, end):
            return True
        before = re.search(r"([A-Za-z-]+)\s+$", self._text[max(0, start - 30):start])
        word = before.group(1).lower() if before is not None else ""
        return is_org_noun(word) and word not in _PERSON_TOO

    def _hyphenated_words(self, token) -> bool:
        """"Full‑year" (with a non-breaking hyphen, which the model reads as one name): words, not a name."""
        low = token.lower_
        return bool(self.words) and re.fullmatch(r"[a-z]+(?:[-\u2010\u2011][a-z]+)+", low) is not None and \
            all(part in self.words or part.rstrip("s") in self.words for part in re.split(r"[-\u2010\u2011]", low))

    def _unknown_capital(self, token) -> bool:
        """"Databricks" read as a common noun: capitalised, and no English word the model knows."""
        if not self.words or token.pos_ not in ("NOUN", "ADJ", "VERB", "ADV") or not token.text[:1].isupper():
            return False
        low = token.lower_
        if self._hyphenated_words(token):
            return False
        return low not in self.words and low.rstrip("s") not in self.words and token.lemma_.lower() not in self.words \
            and len(low) > 2


_HOLDERS = {"shareholders", "stockholders", "holders", "bondholders", "noteholders", "creditors"}
# nouns of firms that also describe people ("investor Warren Buffett", "partner Sam Altman")
_PERSON_TOO = {"investor", "partner", "backer", "leader", "player", "rival", "owner", "founder", "pioneer", "newcomer",
               "specialist", "challenger", "seller", "buyer", "manager", "upstart", "titan", "heavyweight", "acquirer",
               "target", "incumbent", "behemoth", "borrower", "developer", "designer", "producer", "publisher"}


_EXCHANGE = re.compile(r"^(?:the\s+)?(?:NYSE|NASDAQ|Nasdaq|NSE|BSE|LSE|ASX|SGX|HKEX|TSX|KRX|SZSE|Euronext|Xetra|"
                       r"[A-Z][\w .]*Stock Exchanges?)$")
_LED = re.compile(r"-(?:led|backed|owned|based|controlled|founded|funded|run)$")


_TICKER_AFTER = re.compile(r"\s*\((?:[A-Z]+:\s*)?[A-Z]{1,6}(?:\.[A-Z]{1,2})?\)")


def _its_shares(token) -> bool:
    """"Cadence shares", "Scale stock": a name set before the shares of a firm."""
    return token.dep_ == "compound" and token.head.lemma_.lower() in ("share", "stock", "shareholder")


def _capital_compound(token) -> bool:
    """"Figure AI", "Thinking Machines Lab": a capitalised word the model read as a common noun or
    a verb, in a compound with the proper noun after it, is part of that name."""
    return token.text[:1].isupper() and token.dep_ == "compound" and token.head.pos_ == "PROPN" \
        and token.head.i > token.i and token.lower_ not in ("the", "a", "an")


def _as_government(m: Mention, finder: "MentionFinder") -> Mention:
    """A department or agency the config does not name is its country's government."""
    if m.kind not in ("government", "org") or (finder._lookup(m.text) and m.kind != "government"):
        return m
    government = agency_government(m.text)
    if government is None or government == m.name:
        return m
    return Mention(m.start, m.end, m.text, government, "government", None)
