"""Who a reported clause is about: in "Intel said it would", "Wiz founder Assaf Rappaport said
the company wanted" and "Globex said its revenue rose", the pronoun or "the company" that is the
subject of what is said is the speaker, or the firm the speaker holds a title at.

Part of the coreference step of extractors/references.py: the grammar of reporting (a verb of
saying, its subject, the clause it governs) says who a reference is before salience is asked.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

if TYPE_CHECKING:
    from claimtrack.extractors.mention import Mention
    from claimtrack.extractors.references import Party, References

SAYING = {"say", "tell", "note", "add", "write", "comment", "explain", "argue", "believe", "warn", "predict"}
# verbs whose clause a firm states of itself: "Globex announced it would", "confirmed its stake"
_STATING = SAYING | {"announce", "confirm", "disclose", "state", "affirm", "report", "inform", "expect", "estimate"}
# titles by which a person speaks for a firm ("Wiz founder Assaf Rappaport"); not an analyst's
TITLES = {"founder", "cofounder", "co-founder", "ceo", "cfo", "coo", "cto", "chief", "executive", "chairman",
          "chairwoman", "chair", "president", "spokesperson", "spokesman", "spokeswoman", "boss", "head",
          "director", "owner", "treasurer", "officer"}
_PRONOUNS = {"it", "its", "itself", "they", "their", "them", "he", "him", "his", "she", "her", "which", "who", "that"}


def reporting_verb(token: Token) -> Token | None:
    """The verb of saying whose clause `token` is the subject (or the subject's possessor) of:
    "said *it* would", "said *its* revenue rose", "said ..., but *the company* wanted"."""
    if token.dep_ == "poss":
        noun = token.head
        if noun.dep_ not in ("nsubj", "nsubjpass"):
            return None
        clause = noun.head
    elif token.dep_ in ("nsubj", "nsubjpass"):
        clause = token.head
    else:
        return None
    if clause.pos_ not in ("VERB", "AUX"):
        return None
    if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in _STATING:
        return clause.head
    if clause.dep_ == "conj":
        head = clause.head
        if head.lemma_.lower() in SAYING and head.i < token.i:        # "X said ..., but the company wanted"
            return head
        if head.dep_ == "ccomp" and head.head.lemma_.lower() in _STATING:
            return head.head
    return None


def speaker_party(verb: Token, refs: "References") -> "Party | None":
    """The party a verb of saying speaks for: its subject when that names a firm or a
    government, the firm a person's title names ("Wiz's co-founder Assaf Rappaport", "Jane Doe,
    chief executive of Globex") when it is a person; None for anyone else (an analyst)."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or any(s.lower_ in _PRONOUNS for s in subjects):
        return None
    named = [refs.mention_at(s) for s in subjects if refs.mention_at(s) is not None]
    if named and all(m.kind not in ("person",) for m in named) and not any(m.guessed and m.kind == "person" for m in named):
        found = refs.party(subjects[-1], depth=3)
        return found if found is not None and found.kind in ("company", "org", "government") else None
    tokens = [t for s in subjects for t in s.subtree]
    return title_firm(tokens, refs)


def title_firm(tokens: list[Token], refs: "References") -> "Party | None":
    """The firm a person's phrase names beside a title: "Wiz founder and CEO Assaf Rappaport",
    "Jane Doe, chief executive of Globex"; None without a title (an analyst at a bank speaks
    for no company the text is about)."""
    from claimtrack.extractors.references import Party
    if not any(t.lower_ in TITLES or t.lower_.replace("-", "") in TITLES for t in tokens):
        return None
    for t in sorted(tokens, key=lambda t: t.i):
        m = refs.mention_at(t)
        if m is not None and m.kind in ("company", "org") and id(m) not in refs.sources:
            return Party(m.name, m)
    return None


def person_firm(refs: "References", person: "Mention", token: Token, exclude: frozenset[str]) -> "Party | None":
    """The firm "Mark Zuckerberg's company" is: the one the text gives the person a title at
    ("Meta chief executive Mark Zuckerberg"), else the firm last named as a clause's subject."""
    for m in refs.mentions:
        span = refs.doc.char_span(m.start, m.end, alignment_mode="expand")
        if m.name == person.name and span is not None:
            phrase = span.root.head if span.root.dep_ in ("appos", "compound") else span.root
            found = title_firm(list(phrase.subtree), refs)
            if found is not None and found.name not in exclude:
                return found
    return refs.salient(token, ("company", "org"), exclude | {person.name}, own_first=False)


def matrix_subject(refs: "References", token: Token) -> "Party | None":
    """The subject of the clause a pronoun's clause is said or thought in: "Intel said it
    would", "The company told investors it expects": the pronoun is that subject (for a
    person, the firm their title names)."""
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ccomp":
        outer = token.head.head
        subj = next((c for c in outer.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lower_ not in _PRONOUNS - {"which", "who", "that"}:
            named = next((c for c in subj.children if c.dep_ == "appos" and refs.mention_at(c) is not None), None)
            found = refs.party(named if named is not None else subj, depth=3)     # "Its parent Meta said it"
            if found is not None and found.kind != "person":
                return found
    verb = reporting_verb(token)
    return speaker_party(verb, refs) if verb is not None else None


# verbs whose subject speaks of, or for, the clause below: "Alphabet said the company would ..."
# may be Alphabet; "Morgan Stanley helped the company sell bonds" is not Morgan Stanley
_SPEAKING = _STATING | {"plan", "hope", "want", "intend", "think"}


def clause_mate(token: Token) -> Token | None:
    """The subject a definite description cannot stand for: that of the verb whose object it is
    ("Goldman advised the company"), or in whose phrase or its object's it stands ("Nvidia invested
    $500 million in the startup"), or of the verb whose clause it is the subject of, when that
    verb does not speak for it ("Morgan Stanley helped the company sell")."""
    verb = token.head
    if token.dep_ == "pobj" and verb.dep_ == "prep":
        # "Microsoft increased its stake in the startup", "Nvidia invested $500 million in the
        # startup": a phrase of the verb's own, or of its object's
        on = verb.head
        verb = on.head if on.dep_ == "dobj" and on.pos_ in ("NOUN", "NUM") else on
        return next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb.pos_ == "VERB" else None
    if token.dep_ in ("dobj", "dative") and verb.pos_ == "VERB":
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if token.dep_ == "nsubj" and verb.dep_ in ("ccomp", "xcomp") and verb.head.pos_ == "VERB" and \
            verb.head.lemma_.lower() not in _SPEAKING:
        return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return None


def other_parties(token: Token, refs: "References") -> frozenset[str]:
    """The names a definite description cannot stand for: its clause mate's (`clause_mate`), and
    for a subject, those said after it in its own clause ("The sovereign fund owns 9.9% of Ore
    Corp": English names a party before it describes it, so a name the subject governs is another)."""
    mate = clause_mate(token)
    found = {m.name for m in [refs.mention_at(mate)] if m} if mate is not None else set()
    if not found and token.dep_ == "pobj":      # "ZIM's unions oppose a takeover by the carrier": not ZIM
        found = set(_subject_owner(token, refs))
    verb = token.head
    if token.dep_ in ("nsubj", "nsubjpass") and verb.pos_ in ("VERB", "AUX"):
        found |= {m.name for t in _arguments(verb) if (m := refs.mention_at(t)) is not None}
    return frozenset(found)


def _subject_owner(token: Token, refs: "References") -> frozenset[str]:
    """The possessor of the subject of the verb in whose phrases `token` stands, when the subject
    is no name itself ("ZIM's workers opposed an acquisition by the carrier": a description
    the subject's owner is no party of)."""
    cur = token
    while cur.dep_ in ("pobj", "prep", "dobj") and cur.head.i != cur.i and cur.head.pos_ not in ("VERB", "AUX"):
        cur = cur.head
    verb = cur.head
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb.pos_ in ("VERB", "AUX") else None
    if subj is None or refs.mention_at(subj) is not None:
        return frozenset()
    return frozenset(m.name for c in subj.children if c.dep_ == "poss" and (m := refs.mention_at(c)) is not None)


_CLAUSES = {"advcl", "ccomp", "xcomp", "relcl", "acl", "conj", "parataxis"}


def _arguments(verb: Token) -> list[Token]:
    """The tokens of a verb's own object and prepositional phrases, not of the clauses hung on
    it ("raised $1.4 billion, though only $200 million went to Klarna itself")."""
    out, todo = [], [c for c in verb.children if c.dep_ in ("dobj", "dative", "attr", "prep", "agent", "oprd")]
    while todo:
        t = todo.pop()
        out.append(t)
        todo += [c for c in t.children if c.dep_ not in _CLAUSES and c.dep_ != "appos"]
    return out


def told_through(token: Token) -> bool:
    """Whether a token names where or to whom something is said ("said on the Truth Social
    platform that ...", "told Reuters the stake ...", "said in a post on X"): the medium or the
    audience of a verb of saying is never a party of what is said."""
    cur = token
    for _ in range(6):
        head = cur.head
        if head.i == cur.i:
            return False
        if head.pos_ in ("VERB", "AUX"):
            heard = cur.dep_ in ("dobj", "dative") and head.lemma_.lower() in ("tell", "inform") or \
                cur.dep_ == "prep" and cur.lower_ in ("on", "in", "to")
            return heard and head.lemma_.lower() in _STATING | {"post"} and any(c.dep_ == "ccomp" for c in head.children)
        if cur.dep_ not in ("pobj", "prep", "compound", "nmod", "amod", "det", "poss"):
            return False
        cur = head
    return False

