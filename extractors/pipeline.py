"""The claimtrack spaCy pipeline, built in one place from registered, versioned factories.

  claimtrack_line_breaks_v1  a line break always ends a sentence (bullets, headlines)
  claimtrack_figures_v3      doc._.figures   money, percentages, years
  claimtrack_mentions_v1     doc._.mentions  canonical entities from config aliases and NER
  claimtrack_claims_v1       doc._.claims    claims, from config claim types

A new behaviour is a new factory version; the versions go into every stored claim.
"""

from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extractors.claims import CLAIMS_VERSION, Claim, extract_claims
from extractors.config import ExtractorConfig, load_extractor_config
from extractors.figures import FIGURES_VERSION, find_figures
from extractors.mentions import MENTIONS_VERSION, MentionFinder
from extractors.model import load_base
from extractors.parts import split_text

for _attr in ("figures", "mentions", "claims"):
    if not Doc.has_extension(_attr):
        Doc.set_extension(_attr, default=None)


@cache
def _config(entities: str, claims: str) -> ExtractorConfig:
    return load_extractor_config(Path(entities) if entities else None, Path(claims) if claims else None)


@Language.factory("claimtrack_line_breaks_v1")
def make_line_breaks(nlp: Language, name: str):
    def line_breaks(doc: Doc) -> Doc:
        for i, token in enumerate(doc[:-1]):
            if "\n" in token.text_with_ws:
                doc[i + 1].is_sent_start = True
        return doc
    return line_breaks


@Language.factory("claimtrack_figures_v3")
def make_figures(nlp: Language, name: str):
    def figures(doc: Doc) -> Doc:
        doc._.figures = find_figures(doc.text)
        return doc
    return figures


@Language.factory("claimtrack_mentions_v1", default_config={"entities": "", "claims": ""})
def make_mentions(nlp: Language, name: str, entities: str, claims: str):
    finder = MentionFinder(nlp.vocab, _config(entities, claims))

    def mentions(doc: Doc) -> Doc:
        doc._.mentions = finder(doc)
        return doc
    return mentions


@Language.factory("claimtrack_claims_v1", default_config={"entities": "", "claims": ""})
def make_claims(nlp: Language, name: str, entities: str, claims: str):
    config = _config(entities, claims)

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

    def claims(self, text: str) -> list[Claim]:
        return next(self.pipe([text]))

    def pipe(self, texts, batch_size: int = 32):
        """Claims for each text, in order (nlp.pipe, batched). A text over PART_CHARS is read
        in parts (extractors/parts.py); its claims' offsets are those in the whole text."""
        parts = [(i, offset, part) for i, text in enumerate(texts) for offset, part in split_text(text)]
        docs = self.nlp.pipe((part for _, _, part in parts), batch_size=batch_size)
        current, found = 0, []
        for (i, offset, _), doc in zip(parts, docs):
            if i != current:
                yield found
                current, found = i, []
            found.extend(replace(c, start=c.start + offset, end=c.end + offset) if offset else c
                         for c in doc._.claims)
        if parts:
            yield found


def build_extractor(model: str = "auto", entities: Path | None = None, claims: Path | None = None) -> Extractor:
    """Load the base model once and add claimtrack's components, configured from config/."""
    nlp, base = load_base(model)
    files = {"entities": str(entities or ""), "claims": str(claims or "")}
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("claimtrack_line_breaks_v1", before="parser")
    else:
        nlp.add_pipe("claimtrack_line_breaks_v1", after="sentencizer")
    nlp.add_pipe("claimtrack_figures_v3")
    nlp.add_pipe("claimtrack_mentions_v1", config=files)
    nlp.add_pipe("claimtrack_claims_v1", config=files)
    config = _config(files["entities"], files["claims"])
    version = "+".join([CLAIMS_VERSION, FIGURES_VERSION, MENTIONS_VERSION, base, f"cfg-{config.fingerprint}"])
    return Extractor(nlp, version, metric_catalogue(config))


def metric_catalogue(config: ExtractorConfig) -> tuple[dict[str, Any], ...]:
    """What the views need to know of each metric: whether it is a standing figure or an event,
    its kind of unit, and the tolerance within which two values are the same."""
    return tuple({"metric": t.metric, "kind": t.kind, "unit": t.unit, "tolerance_pct": t.tolerance_pct}
                 for t in config.claim_types)
