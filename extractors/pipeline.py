"""The claimtrack spaCy pipeline, built in one place from registered, versioned factories.

  claimtrack_line_breaks_vN  a line break always ends a sentence (bullets, headlines)
  claimtrack_figures_vN      doc._.figures   money, prices, percentages, years, counted quantities
  claimtrack_mentions_vN     doc._.mentions  canonical entities from config aliases and NER
  claimtrack_claims_vN       doc._.claims    claims: types and parties from the parse, their time and status,
                                             open claims of every other figure, warnings

A new behaviour is a new factory version; the versions go into every stored claim. Each
factory's name is derived from its version string, kept once in extractors/versions.py
(FIGURES_VERSION = "figures.vN" is registered as claimtrack_figures_vN), so the two cannot
drift apart.
"""

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claimtrack.extractors.catalogue import metric_catalogue, object_metrics
from claimtrack.extractors.claim import Claim
from claimtrack.extractors.claims import extract_claims
from claimtrack.extractors.config import ExtractorConfig, load_extractor_config
from claimtrack.extractors.figures import find_figures
from claimtrack.extractors.datelines import dateline_end
from claimtrack.extractors.mentions import MentionFinder
from claimtrack.extractors.model import load_base
from claimtrack.extractors.parts import split_text
from claimtrack.extractors.reporting_period import carry_periods
from claimtrack.extractors.risk_prefilter import RiskWords
from claimtrack.extractors.selection import Selection, YearTypes, select
from claimtrack.extractors.text import doc_text
from claimtrack.extractors.typography import PlainCharacters, with_dollar_prefixes
from claimtrack.extractors.versions import (CLAIMS_VERSION, FIGURES_VERSION, LINE_BREAKS_VERSION, MENTIONS_VERSION,
                                            full_version)


def factory_name(version: str) -> str:
    """The spaCy factory a component version is registered as: 'figures.v5' → 'claimtrack_figures_v5'."""
    return "claimtrack_" + version.replace(".", "_")


LINE_BREAKS, FIGURES = factory_name(LINE_BREAKS_VERSION), factory_name(FIGURES_VERSION)
MENTIONS, CLAIMS = factory_name(MENTIONS_VERSION), factory_name(CLAIMS_VERSION)

for _attr in ("figures", "mentions", "claims"):
    if not Doc.has_extension(_attr):
        Doc.set_extension(_attr, default=None)


@cache
def _config(entities: str, claims: str, risk: str = "") -> ExtractorConfig:
    return load_extractor_config(Path(entities) if entities else None, Path(claims) if claims else None,
                                 Path(risk) if risk else None)


def _ends_sentence(token, after) -> bool:
    """A full stop the tokenizer split off ("Pirate's Booty. LesserEvil, which generated") before
    a capital: the model may join the sentences, making the name after it a conjunct of the list
    before (an abbreviation's stop stays on its word: "Inc.", "U.S.")."""
    return token.text in (".", "!", "?") and token.whitespace_ != "" and after.text[:1].isupper() and after.is_alpha


@Language.factory(LINE_BREAKS)
def make_line_breaks(nlp: Language, name: str):
    def line_breaks(doc: Doc) -> Doc:
        for i, token in enumerate(doc[:-1]):
            if "\n" in token.text_with_ws or _ends_sentence(token, doc[i + 1]):
                doc[i + 1].is_sent_start = True
        dateline = dateline_end(doc.text)       # "(Bloomberg) -- X has raised": X is the subject, not the agency
        after = doc.char_span(dateline, len(doc.text), alignment_mode="expand") if dateline else None
        if after is not None and after.start > 0:
            after[0].is_sent_start = True
        return doc
    return line_breaks


BATCH_CHARS = 20_000     # characters the model reads in one batch at most (Extractor._parsed)
FOUND_FIGURES = "claimtrack_figures"    # a Doc's figures found before it was parsed (selection.py)


@Language.factory(FIGURES)
def make_figures(nlp: Language, name: str):
    def figures(doc: Doc) -> Doc:
        found = doc.user_data.pop(FOUND_FIGURES, None)
        doc._.figures = found if found is not None else find_figures(doc_text(doc), counts=True)
        return doc
    return figures


@Language.factory(MENTIONS, default_config={"entities": "", "claims": "", "risk": ""})
def make_mentions(nlp: Language, name: str, entities: str, claims: str, risk: str):
    finder = MentionFinder(nlp.vocab, _config(entities, claims, risk), english_words(nlp))

    def mentions(doc: Doc) -> Doc:
        doc._.mentions = finder(doc)
        return doc
    return mentions


def english_words(nlp: Language) -> frozenset[str]:
    """The nouns, verbs and adjectives the model's lemmatizer knows (empty without one)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(w for pos in ("noun", "verb", "adj", "adv") if pos in index for w in index[pos])


@Language.factory(CLAIMS, default_config={"entities": "", "claims": "", "risk": ""})
def make_claims(nlp: Language, name: str, entities: str, claims: str, risk: str):
    config = _config(entities, claims, risk)

    def claims_component(doc: Doc) -> Doc:
        doc._.claims = extract_claims(doc, doc._.figures or [], doc._.mentions or [], config)
        return doc
    return claims_component


@dataclass(frozen=True)
class Extractor:
    """A built pipeline and the version string stored on every claim it makes."""
    nlp: Language
    version: str
    metrics: tuple[dict[str, Any], ...] = ()   # the claim types' catalogue rows (db table `metrics`)
    objects: frozenset[str] = frozenset()      # the metrics whose claims take an object (a stake *in* X)
    selective: bool = False                    # parse only the sentences that can hold a claim (selection.py)
    risk_words: RiskWords | None = None      # the warning lexicon, for that choice
    year_types: YearTypes | None = None      # the claim types that read a year, for that choice
    periodic: frozenset[str] = frozenset()   # the measures of a period (reporting_period.py)

    def claims(self, text: str) -> list[Claim]:
        return next(self.pipe([text]))

    def selections(self, texts) -> Iterator[tuple[int, int, Selection]]:
        """(text index, offset, selection) of each part of each text (a text over PART_CHARS is
        read in parts, extractors/parts.py); the selection is the whole part unless `selective`."""
        for i, text in enumerate(texts):
            for offset, part in split_text(text):
                if self.selective:
                    yield i, offset, select(part, self.risk_words, years=self.year_types)
                else:
                    yield i, offset, Selection(part, ((0, 0),), 0, 0)

    def pipe(self, texts, batch_size: int = 32):
        """Claims for each text, in order (nlp.pipe, batched), their offsets those in the whole
        text, whether it was parsed whole or in parts or only in its selected sentences."""
        texts = list(texts)
        parts = list(self.selections(texts))
        current, found = 0, []
        for (i, offset, sel), doc in zip(parts, self._parsed(parts, batch_size)):
            if i != current:
                yield carry_periods(texts[current], found, self.periodic)
                current, found = i, []
            found.extend(_placed(c, offset, sel) for c in doc._.claims)
        if parts:
            yield carry_periods(texts[current], found, self.periodic)

    def _parsed(self, parts: list[tuple[int, int, Selection]], batch_size: int) -> Iterator[Doc]:
        """The parsed Doc of each part, in order, the model reading at most `batch_size` texts
        and BATCH_CHARS characters at a time: the model's working memory grows with the
        tokens of a batch (about 300 MB for 32 texts of 600 words), not with their count."""
        group: list[Selection] = []
        chars = 0
        for _, _, sel in parts:
            if group and (len(group) >= batch_size or chars + len(sel.text) > BATCH_CHARS):
                yield from self.nlp.pipe([self._input(g) for g in group], batch_size=len(group))
                group, chars = [], 0
            group.append(sel)
            chars += len(sel.text)
        if group:
            yield from self.nlp.pipe([self._input(g) for g in group], batch_size=len(group))

    def _input(self, sel: Selection) -> str | Doc:
        """What nlp.pipe reads of a selection: its text; a Doc with the figures the selection
        found in it, when it found them (not found twice)."""
        if sel.figures is None:
            return sel.text
        doc = self.nlp.make_doc(sel.text)
        doc.user_data[FOUND_FIGURES] = sel.figures
        return doc


def _placed(claim: Claim, offset: int, sel: Selection) -> Claim:
    """A claim of a part or a selection, with its offsets in the whole text (a sentence lies in
    one piece, so its end maps with its start)."""
    if sel.pieces == ((0, 0),):
        return replace(claim, start=claim.start + offset, end=claim.end + offset) if offset else claim
    start = sel.original(claim.start) + offset
    return replace(claim, start=start, end=start + claim.end - claim.start)


def build_extractor(model: str = "auto", entities: Path | None = None, claims: Path | None = None,
                    risk: Path | None = None, select_sentences: bool = False) -> Extractor:
    """Load the base model once and add claimtrack's components, configured from config/.
    `select_sentences`: parse only the sentences that can hold a claim (extractors/selection.py)."""
    nlp, base = load_base(model)
    nlp.tokenizer = PlainCharacters(with_dollar_prefixes(nlp.tokenizer, nlp.Defaults.prefixes))
    files = {"entities": str(entities or ""), "claims": str(claims or ""), "risk": str(risk or "")}
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    else:
        nlp.add_pipe(LINE_BREAKS, after="sentencizer")
    nlp.add_pipe(FIGURES)
    nlp.add_pipe(MENTIONS, config=files)
    nlp.add_pipe(CLAIMS, config=files)
    config = _config(files["entities"], files["claims"], files["risk"])
    return Extractor(nlp, full_version(base, config.fingerprint), metric_catalogue(config), object_metrics(config),
                     select_sentences, config.risk_words, YearTypes.of(config.claim_types),
                     frozenset(t.metric for t in config.claim_types if t.periodic))


def selection_differences(extractor: Extractor, texts: list[str], batch_size: int = 32
                          ) -> Iterator[tuple[int, list[Claim], list[Claim]]]:
    """(index, claims of the whole text, claims of its selected sentences) of each text whose
    two readings differ in any field: the check that selection changes nothing."""
    whole = list(replace(extractor, selective=False).pipe(texts, batch_size))
    chosen = replace(extractor, selective=True).pipe(texts, batch_size)
    for i, (a, b) in enumerate(zip(whole, chosen)):
        if [c.as_dict() for c in a] != [c.as_dict() for c in b]:
            yield i, a, b
