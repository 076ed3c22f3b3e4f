"""The model's attribute rules and rule lemmatizer, worked out once per kind of token.

spaCy's `attribute_ruler` runs a Matcher over every token and sets each match's attributes in
Python, one Span at a time; its rules (179 in en_core_web_sm) read one or two tokens' tag, lower
form, dependency or space flag. The rule `lemmatizer` works each token's lemma out in Python too,
caching only the rarer forms. Both answers depend on those few values of the token (and, for a
handful of two-token rules, of its neighbour), so here each is worked out once per distinct
combination and the Doc's columns are written in one step. The components replace spaCy's in
place, under the same names, only when every rule is of a kind read here; the tokens come out
with the same attributes (tests/test_token_rules.py compares them with spaCy's own components).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy
from spacy.attrs import DEP, IDS, LEMMA, LOWER, MORPH, NORM, ORTH, POS, SHAPE, TAG
from spacy.language import Language
from spacy.tokens import Doc

RULES, LEMMAS = "attribute_rules_by_kind", "rule_lemmas_by_kind"
_STRINGS = {"TAG": TAG, "DEP": DEP, "LOWER": LOWER, "ORTH": ORTH, "TEXT": ORTH, "NORM": NORM, "SHAPE": SHAPE}
_FLAGS = {name: IDS[name] for name in ("IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_TITLE", "IS_UPPER",
                                        "IS_LOWER", "LIKE_NUM")}
_WRITABLE = {POS, MORPH, LEMMA, TAG, DEP}
KINDS_KEPT = 200_000        # answers kept per component at most (a kind is a few ints; then it starts again)
Check = Callable[[Any], bool]


def _check(value: Any, flag: bool) -> Check | None:
    """A test of one attribute's value (its string, or a flag's bool) as spaCy's Matcher makes
    it: equality, IN, NOT_IN or REGEX (re.search); None for anything else."""
    if flag:
        return (lambda v, want=bool(value): v == want) if isinstance(value, bool) else None
    if isinstance(value, str):
        return lambda v, want=value: v == want
    if not isinstance(value, dict) or len(value) != 1:
        return None
    (op, arg), = value.items()
    if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
        members = frozenset(arg)
        return (lambda v: v in members) if op == "IN" else (lambda v: v not in members)
    if op == "REGEX" and isinstance(arg, str):
        return lambda v, rx=re.compile(arg): bool(rx.search(v))
    return None


def _compile_token(spec: dict) -> list[tuple[str, Check]] | None:
    """A token pattern as (attribute, test) pairs, or None when it uses anything else
    (operators, extensions, other attributes)."""
    out = []
    for key, value in spec.items():
        name = key.upper()
        if name not in _STRINGS and name not in _FLAGS:
            return None
        check = _check(value, name in _FLAGS)
        if check is None:
            return None
        out.append((name, check))
    return out


class RuleAttributes:
    """spaCy's AttributeRuler, applied per kind of token: each group of patterns sets its
    attributes on the token at its index, later groups over earlier ones, all matched on the
    tokens as they were before any was set (as the Matcher reads them)."""

    def __init__(self, ruler) -> None:
        self.vocab = ruler.vocab
        groups = ruler.patterns
        self.names = sorted({key.upper() for g in groups for p in g["patterns"] for spec in p for key in spec})
        self.read = [_STRINGS.get(n) or _FLAGS[n] for n in self.names]
        self.write = sorted({a for attrs in ruler.attrs for a in attrs})
        self.attrs = [{self.write.index(a): v for a, v in attrs.items()} for attrs in ruler.attrs]
        self.multi: list[tuple[int, int, int]] = []         # (group, target offset, length) of longer patterns
        # every token pattern, under the tag or a lower form it asks for (None: under neither), as
        # (group, checks) for a one-token pattern aimed at its token, else (pattern, position, checks)
        self.specs: dict[tuple[str, str] | None, list[tuple]] = {}
        for g, group in enumerate(groups):
            for pattern in group["patterns"]:
                index = group["index"]
                target = index if index >= 0 else len(pattern) + index
                if len(pattern) == 1 and target == 0:
                    self._file(pattern[0], (g, _compile_token(pattern[0])))
                    continue
                self.multi.append((g, target, len(pattern)))
                for k, spec in enumerate(pattern):
                    self._file(spec, (len(self.multi) - 1, k, _compile_token(spec)))
        self._kinds: dict[tuple, tuple] = {}
        self._answers: dict[tuple, tuple] = {}

    def _file(self, spec: dict, item: tuple) -> None:
        """File a token pattern under what it asks for, so that a kind of token is tried only
        against the patterns it can fit."""
        asked = {k.upper(): v for k, v in spec.items()}
        tag, lower = asked.get("TAG"), asked.get("LOWER")
        if isinstance(tag, str):
            anchors = [("TAG", tag)]
        elif isinstance(lower, str):
            anchors = [("LOWER", lower)]
        elif isinstance(lower, dict) and isinstance(lower.get("IN"), list):
            anchors = [("LOWER", v) for v in set(lower["IN"])]
        else:
            anchors = [None]
        for anchor in anchors:
            self.specs.setdefault(anchor, []).append(item)

    @staticmethod
    def readable(ruler) -> bool:
        """Whether every rule of `ruler` is of the kind read here."""
        try:
            groups = ruler.patterns
            attrs = ruler.attrs
        except AttributeError:
            return False
        if len(groups) != len(attrs) or any(not set(a) <= _WRITABLE for a in attrs):
            return False
        for group in groups:
            index = group["index"]
            for pattern in group["patterns"]:
                if not pattern or not -len(pattern) <= index < len(pattern):
                    return False
                if any(not isinstance(spec, dict) or _compile_token(spec) is None for spec in pattern):
                    return False
        return True

    def _kind(self, key: tuple) -> tuple:
        """What the rules say of one kind of token: (the columns they set and their values, a
        mask of those columns, the groups of its one-token matches, the longer patterns it
        starts, the (pattern, position) pairs of longer patterns it fits)."""
        strings = self.vocab.strings
        values = {n: (bool(v) if n in _FLAGS else strings[v]) for n, v in zip(self.names, key)}

        def fits(checks) -> bool:
            return all(check(values[name]) for name, check in checks)
        tried = [*self.specs.get(("TAG", values.get("TAG")), ()), *self.specs.get(("LOWER", values.get("LOWER")), ()),
                 *self.specs.get(None, ())]
        groups = sorted(item[0] for item in tried if len(item) == 2 and fits(item[1]))
        row, mask = [0] * len(self.write), [False] * len(self.write)
        for g in groups:
            for col, value in self.attrs[g].items():
                row[col], mask[col] = value, True
        places = frozenset((p, k) for item in tried if len(item) == 3 for p, k, checks in [item] if fits(checks))
        starts = tuple(p for p, k in places if k == 0)
        found = (tuple(row), tuple(mask), tuple(groups), starts, places)
        found = self._answers.setdefault(found, found)      # kinds mostly share an answer: kept once
        if len(self._kinds) >= KINDS_KEPT:
            self._kinds.clear()
        self._kinds[key] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        kinds = self._kinds
        keys = map(tuple, doc.to_array(self.read).reshape(n, len(self.read)).tolist())
        found = [kinds.get(key) or self._kind(key) for key in keys]
        out = numpy.where(numpy.array([f[1] for f in found], dtype=bool),
                          numpy.array([f[0] for f in found], dtype=numpy.uint64),
                          doc.to_array(self.write).reshape(n, len(self.write)))
        extra: dict[int, set[int]] = {}          # token → groups of longer patterns aimed at it
        for i in (i for i, f in enumerate(found) if f[3]):
            for p in found[i][3]:
                g, target, length = self.multi[p]
                if i + length <= n and all((p, k) in found[i + k][4] for k in range(1, length)):
                    extra.setdefault(i + target, set()).add(g)
        for i, groups in extra.items():
            for g in sorted(groups | set(found[i][2])):
                for col, value in self.attrs[g].items():
                    out[i, col] = value
        doc.from_array(self.write, out)
        return doc


class RuleLemmas:
    """spaCy's rule lemmatizer with every answer kept: its lemma is a function of the token's
    text, part of speech and morphology, so each such kind is lemmatized once."""

    def __init__(self, lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.overwrite = lemmatizer.overwrite
        self._lemmas: dict[tuple[int, int, int], int] = {}

    @staticmethod
    def readable(lemmatizer) -> bool:
        """Only the English rule lemmatizer, whose tables are all there: its answer is known to
        read nothing but the token's text, part of speech and morphology."""
        from spacy.lang.en.lemmatizer import EnglishLemmatizer
        if type(lemmatizer) is not EnglishLemmatizer or getattr(lemmatizer, "mode", None) != "rule":
            return False
        required, _ = lemmatizer.get_lookups_config("rule")
        return all(lemmatizer.lookups.has_table(t) for t in required)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        lemmas, strings, lemmatize = self._lemmas, doc.vocab.strings, self.lemmatizer.lemmatize
        out = []
        for i, (orth, pos, morph, lemma) in enumerate(doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
            if lemma and not self.overwrite:
                out.append(lemma)
                continue
            key = (orth, pos, morph)
            found = lemmas.get(key)
            if found is None:
                if len(lemmas) >= KINDS_KEPT:
                    lemmas.clear()
                found = lemmas[key] = strings.add(lemmatize(doc[i])[0])
            out.append(found)
        doc.from_array([LEMMA], numpy.array(out, dtype=numpy.uint64))
        return doc

    @property
    def lookups(self):
        """The lemmatizer's tables (pipeline.english_words reads them)."""
        return self.lemmatizer.lookups


@Language.factory(RULES, default_config={"source": "attribute_ruler"})
def make_rule_attributes(nlp: Language, name: str, source: str) -> RuleAttributes:
    return RuleAttributes(nlp.get_pipe(source))


@Language.factory(LEMMAS, default_config={"source": "lemmatizer"})
def make_rule_lemmas(nlp: Language, name: str, source: str) -> RuleLemmas:
    return RuleLemmas(nlp.get_pipe(source))


def by_kind(nlp: Language) -> list[str]:
    """Swap the model's attribute_ruler and lemmatizer for the ones here, in place and under the
    same names, where their rules are all of the kind read here; the names swapped."""
    swapped = []
    for name, factory, cls in (("attribute_ruler", RULES, RuleAttributes), ("lemmatizer", LEMMAS, RuleLemmas)):
        if name not in nlp.pipe_names or not cls.readable(nlp.get_pipe(name)):
            continue
        nlp.add_pipe(factory, name=f"{name}_by_kind", after=name, config={"source": name})
        nlp.remove_pipe(name)
        nlp.rename_pipe(f"{name}_by_kind", name)
        swapped.append(name)
    return swapped
