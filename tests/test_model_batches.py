"""The model reads a bounded amount of text at a time (extractors/pipeline.py, BATCH_CHARS),
so its working memory does not grow with the texts of a call, and the claims are those of
one batch of every text."""
from __future__ import annotations

from dataclasses import replace

from claimtrack.extractors import pipeline

STORY = ("Acme Corp raised $40 million in a round led by Northwind Capital, the company said on Monday. "
         "The round values Acme at $900 million, up from $500 million a year ago. "
         "Its chief executive, Dana Ruiz, said revenue grew 35% in 2025.\n")


def test_the_model_reads_texts_in_batches_of_bounded_size_with_the_same_claims(extractor, monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH_CHARS", 2_000)         # the bound, made small for short texts
    texts = [STORY * (1 + i % 4) for i in range(16)]           # 16 texts of 3 to 12 sentences
    assert sum(map(len, texts)) > 3 * pipeline.BATCH_CHARS
    seen: list[int] = []
    nlp = extractor.nlp

    class Counting:
        """The real pipeline, recording the characters of each batch it is given."""
        def __getattr__(self, name):
            return getattr(nlp, name)

        def pipe(self, inputs, batch_size):
            inputs = list(inputs)
            seen.append(sum(len(d if isinstance(d, str) else d.text) for d in inputs))
            return nlp.pipe(inputs, batch_size=batch_size)

    counted = replace(extractor, nlp=Counting(), selective=False)
    got = list(counted.pipe(texts, batch_size=32))
    assert len(seen) > 3 and max(seen) <= pipeline.BATCH_CHARS
    assert sum(seen) == sum(map(len, texts))
    at_once = [[c.as_dict() for c in found] for found in
               replace(extractor, selective=False).pipe(texts, batch_size=32)]
    one_each = [[c.as_dict() for c in extractor.claims(t)] for t in (texts[0], texts[3])]
    assert [[c.as_dict() for c in found] for found in got] == at_once
    assert at_once[0] == one_each[0] and at_once[3] == one_each[1]
    assert {(c["metric"], c["value"]) for c in at_once[0]} >= {("funding_round", 40e6), ("valuation", 9e8)}
