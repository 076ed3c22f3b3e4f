"""Words the model did not tag as a name that are one by where they stand: a capitalised noun
that deals ("Perplexity has raised"), a word described as a startup ("Etched, a ... startup"), a
place that buys ("Mars agreed to buy"), a camel-cased word, a word whose shares are spoken of;
and the lower-case words a model's entity runs over, which end a name; and what makes an entity's
text money rather than a name with digits in it ("USD2", "Y7" against "R1 RCM", "Paragon 28")."""
from __future__ import annotations

import re

from claimtrack.extractors.claim_words import STAKE_NOUNS, is_org_noun

_DEALING = {"raise", "agree", "acquire", "buy", "invest", "secure", "sign", "sell", "pay", "close", "land", "complete"}


def bare_name(token) -> bool:
    """"Perplexity has raised", "Sycamore agreed to take", "Lambda is a cloud startup": a
    capitalised singular noun with no determiner, the subject of a verb of dealing or said to be a
    firm, is a name the model read as a word (English does not put a bare singular noun there)."""
    head = token.head
    said_firm = (head.lemma_ or "").lower() == "be" and \
        any(c.dep_ == "attr" and is_org_noun(c.lemma_.lower()) for c in head.children)
    return token.tag_ == "NN" and token.text[:1].isupper() and token.text[1:].islower() and \
        token.dep_ == "nsubj" and ((head.lemma_ or "").lower() in _DEALING or said_firm) and \
        not any(c.dep_ in ("det", "poss") for c in token.children) and not is_org_noun(token.lower_)


# words that open a sentence before a group a name qualifies ("Current Nikola stockholders"): no name of their own
GROUP_MODIFIERS = {"current", "existing", "former", "future", "prospective", "remaining", "other", "some", "many", "all"}
# a lower-case word joining two names or trailing one, which the model's entity ran over ("sell
# 20% of Plenitude to Ares Management", "to Stonepeak for $6 billion"): never part of a name
JOINED_BY = re.compile(r"\s(?:to|for|from|by|with)(?=\s|$)")


def described_name(token) -> bool:
    """"Etched, a San Jose-based startup, has raised": a capitalised word set off by a comma and
    described by "a ... startup" (a firm's noun) is that firm's name, whatever the tagger read it as."""
    if not (token.text[:1].isupper() and token.text[1:].islower()) or token.pos_ in ("DET", "PRON", "ADP", "CCONJ") or \
            is_org_noun(token.lower_) or token.i + 1 >= len(token.doc) or token.doc[token.i + 1].text != ",":
        return False
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" and is_org_noun(c.lemma_.lower()) and
               any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children) for c in token.children)


def located_firm(token) -> bool:
    """"Mars bought Kellanova", "M&M's maker Mars", "a stake in Crystal Palace": a name the model
    read as a place (LOC) is a firm where it does what firms do, a firm's noun describes it or a
    stake is held in it."""
    if token.pos_ != "PROPN" or token.ent_type_ != "LOC":
        return False
    head = token.head
    if token.dep_ == "compound" and head.pos_ == "PROPN" and head.ent_type_ == "LOC":
        return located_firm(head)           # "Crystal" of "Crystal Palace"
    return token.dep_ == "nsubj" and (head.lemma_ or "").lower() in _DEALING or \
        token.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_.lower() in STAKE_NOUNS or \
        token.dep_ == "appos" and is_org_noun(head.lemma_.lower()) or \
        any(c.dep_ == "compound" and c.pos_ == "NOUN" and is_org_noun(c.lemma_.lower()) for c in token.children)


def camel_name(token) -> bool:
    """"TeraWulf" read as a date, "easyJet" read as a common noun: a word with a capital inside it
    after a small letter is a name, whatever the model tagged it (no date, number or English word
    is written so)."""
    return (token.pos_ == "PROPN" or token.pos_ == "NOUN" and token.text[:1].islower()) and \
        re.search(r"[a-z][A-Z]", token.text) is not None and not any(ch.isdigit() for ch in token.text)


def traded_name(token) -> bool:
    """"shares of Circle", "Circle stock", "stablecoin issuer Circle" inside a sentence: a capitalised
    word whose shares are spoken of, or that a firm's noun names, is a company's name the model read
    as a word (at a sentence's start "Tech shares" is not one)."""
    if not (token.text[:1].isupper() and token.text[1:].islower() and token.tag_ in ("NN", "NNP") and
            token.i > token.sent.start and not is_org_noun(token.lower_) and
            not any(c.dep_ in ("det", "poss", "amod") for c in token.children)):
        return False
    head = token.head
    return token.dep_ == "compound" and (head.lemma_ or "").lower() in ("share", "stock") or \
        token.dep_ == "pobj" and head.lower_ == "of" and (head.head.lemma_ or "").lower() in ("share", "stock") or \
        any(c.dep_ == "compound" and is_org_noun(c.lower_) and c.i == token.i - 1 for c in token.children)


# words around a name that say it is a firm's: "shares of X", "X shares", "a stake in X", "acquire X"


_CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
             "april", "may", "june", "july", "august", "september", "october", "november", "december", "christmas",
             "easter", "thanksgiving", "today", "yesterday", "tomorrow", "spring", "summer", "autumn", "winter", "fall"}


def dated_possessor(token) -> bool:
    """"Workday's $1.1 billion acquisition": a capitalised word the model read as a date but that
    owns something (a possessive after it) is a name, unless it is a day, a month or a season."""
    return token.pos_ == "PROPN" and token.ent_type_ == "DATE" and token.text[:1].isupper() and token.is_alpha and \
        token.lower_ not in _CALENDAR and token.i + 1 < len(token.doc) and token.nbor(1).tag_ == "POS"


_CLOSED = re.compile(r"(?:['’]s|\])$")


def closed_before(before: str, last) -> bool:
    """Whether a name written just before a run of proper nouns ends where the run's own name begins:
    at a possessive or a closing bracket ("Mike Novogratz's Galaxy Digital", "[SINGAPORE] Grab"),
    unless a number follows the run ("Lucid Group's Rule 144A offering": a rule, no name)."""
    after = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    return bool(_CLOSED.search(before)) and not (after is not None and any(ch.isdigit() for ch in after.text))


CURRENCY_CODES = {"USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "HKD", "NZD", "SGD", "INR", "KRW", "RMB", "AED", "SAR", "QAR",
                  "BRL", "ZAR", "MXN", "SEK", "NOK", "DKK", "TWD", "RS", "BTC", "ETH", "USDC", "USDT"}    # ("Rs": rupees)
_SIGNS = re.compile(r"[$€£¥₹]")
MONEYLIKE = re.compile(rf"{_SIGNS.pattern}|\d")
_NUMBER_WORD = re.compile(r"\d[\d.,]*(?:bn|mn|m|k|b|tn|t|x)|[QH][1-4]|FY\d+", re.IGNORECASE)    # "3.5bn", "Q3", "FY25"


def moneylike(text: str) -> bool:
    """Whether an entity's text holds money or a figure rather than a name with digits in it:
    digits glued to a word ("R1 RCM", "Shift4 Payments"; not a currency's code, "USD2") or a short
    number after the name's first word ("Paragon 28 Inc.") are the name's own."""
    if not MONEYLIKE.search(text):
        return False
    words = text.split()
    if _SIGNS.search(text) or not words[0][0].isupper():
        return True
    for i, word in enumerate(words):
        glued = re.fullmatch(r"([A-Za-z]+)\d+([A-Za-z]*)", word)
        if not any(ch.isdigit() for ch in word) or i > 0 and re.fullmatch(r"\d{1,3}", word) or glued and \
                glued[1].upper() not in CURRENCY_CODES and not _NUMBER_WORD.fullmatch(word) and \
                (len(glued[1]) > 1 or glued[2] or len(words) > 1):
            continue
        return True
    return False
