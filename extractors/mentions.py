"""Entity mentions: config aliases first (canonical names), then the model's named entities.

A mention is a character span with a canonical name and a kind (company, product, outlet,
person, org). The small English model often glues a possessor to a person
("Goldman's James Schneider" as one ORG); such a span is split at the alias.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from extractors.config import ExtractorConfig

MENTIONS_VERSION = "mentions.v1"
_POSSESSIVE = re.compile(r"^\s*['’]s\s+")


@dataclass(frozen=True)
class Mention:
    start: int          # character offsets in the document
    end: int
    text: str
    name: str           # canonical name
    kind: str           # company | product | outlet | person | org
    owner: str | None = None

    @property
    def party(self) -> str:
        """The name a claim's object should carry: a product's owner, else the name."""
        return self.owner or self.name


class MentionFinder:
    """Finds mentions in a Doc; built once per pipeline from the extractor config."""

    def __init__(self, nlp_vocab, config: ExtractorConfig) -> None:
        self.config = config
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
        return self.by_alias.get(text) or self.by_alias.get(text.lower())

    def __call__(self, doc: Doc) -> list[Mention]:
        spans = [doc[s:e] for _, s, e in self.case_matcher(doc)] + [doc[s:e] for _, s, e in self.lower_matcher(doc)]
        spans = filter_spans(spans)
        mentions = []
        for span in spans:
            found = self._lookup(span.text)
            if found:
                name, kind, owner = found
                mentions.append(Mention(span.start_char, span.end_char, span.text, name, kind, owner))
        covered = [(m.start, m.end) for m in mentions]
        for ent in doc.ents:
            if ent.label_ not in ("ORG", "PERSON"):
                continue
            start, end, text = ent.start_char, ent.end_char, ent.text
            overlap = [c for c in covered if c[0] < end and start < c[1]]
            if overlap:
                # "Goldman’s James Schneider": keep what follows the alias's possessive
                tail_start = max(c[1] for c in overlap)
                m = _POSSESSIVE.match(doc.text[tail_start:end])
                if not m:
                    continue
                start = tail_start + m.end()
                text = doc.text[start:end]
                label = "PERSON" if len(text.split()) >= 2 and text.istitle() else ent.label_
            else:
                label = ent.label_
            text = text.strip()
            if not text or text in self.config.ignore or "\n" in text:
                continue
            if label == "ORG" and text.isupper() and len(text) <= 4:
                continue        # acronyms the model calls organisations (IP, API, AGI) are rarely parties
            known = self._lookup(text)
            name, kind, owner = known if known else (text, "person" if label == "PERSON" else "org", None)
            mentions.append(Mention(start, start + len(text), text, name, kind, owner))
        mentions.sort(key=lambda m: m.start)
        return mentions
