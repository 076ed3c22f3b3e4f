"""Why the selection (extractors/selection.py) parses what it parses: the share of sentences
chosen for a figure (by kind) or a warning word, kept only as context, left out, and the share
that holds a claim when the whole text is read, on this bench's corpus and on the real texts.

    .venv/bin/python bench/selection_share.py [--articles 200] [--words 600]

Only totals are printed, never a sentence: the bench's corpus mixes sentences of the real-news
corpus's test half, which may be run but not read; the real-news passages are the dev half's.
Sentences are the selection's, by rule.
Not a test.
"""
from __future__ import annotations

import argparse
import bisect
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

ROWS = (
    ("sentences", "sentences"),
    ("money", "chosen: a money amount, price or percentage"),
    ("count", "chosen: a counted quantity (no money or percentage)"),
    ("year", "chosen: a year a type that takes years can read"),
    ("warning", "chosen: a warning word alone"),
    ("dated", "a year no type can read, nothing else (not chosen)"),
    ("context", "kept as context only (before, after, names, quotation, first)"),
    ("left", "left out"),
    ("claim", "holds a claim when the whole text is read"),
    ("chosen without claim", "chosen, holds no claim"),
    ("claim not chosen", "holds a claim, not chosen (kept as context)"),
)


def shares(extractor, texts: list[str]) -> tuple[Counter, int, int]:
    """(counts by ROWS key, characters parsed, characters) over the texts."""
    from claimtrack.extractors.selection import BEFORE, AFTER, _context, candidates, claiming, select, sentences
    from claimtrack.extractors.figures import find_figures
    whole = list(replace(extractor, selective=False).pipe(texts))
    out: Counter = Counter()
    parsed = 0
    for text, claims in zip(texts, whole):
        spans = sentences(text)
        starts = [s for s, _ in spans]
        figures = find_figures(text, counts=True)
        readable = {id(f) for f in claiming(text, spans, figures, extractor.year_types)}
        kinds: list[set[str]] = [set() for _ in spans]
        for f in figures:
            i = max(bisect.bisect_right(starts, f.start) - 1, 0)
            kinds[i].add(f.kind if f.kind != "year" or id(f) in readable else "dated")
        chosen = candidates(text, spans, claiming(text, spans, figures, extractor.year_types), extractor.risk_words)
        keep = _context(text, spans, chosen, BEFORE, AFTER) if any(chosen) else chosen
        holding = {max(bisect.bisect_right(starts, c.start) - 1, 0) for c in claims}
        for i, kind in enumerate(kinds):
            out["sentences"] += 1
            if chosen[i]:
                out["money" if kind & {"money", "price", "percent"} else "count" if "count" in kind
                    else "year" if "year" in kind else "warning"] += 1
            elif "dated" in kind:
                out["dated"] += 1
            out["context"] += keep[i] and not chosen[i]
            out["left"] += not keep[i]
            out["claim"] += i in holding
            out["chosen without claim"] += chosen[i] and i not in holding
            out["claim not chosen"] += i in holding and not chosen[i]
        parsed += len(select(text, extractor.risk_words, years=extractor.year_types).text)
    return out, parsed, sum(map(len, texts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--words", type=int, default=600)
    args = parser.parse_args()
    from extract_bench import corpus, real_texts
    from claimtrack.extractors.pipeline import build_extractor
    extractor = build_extractor("auto", ROOT / "config" / "entities.toml", ROOT / "config" / "claims.toml",
                                ROOT / "config" / "risk.toml")
    groups = {f"this bench's corpus ({args.articles} articles)": corpus(args.articles, args.words)}
    from claimtrack.extractors.corpus import load_corpus
    real = real_texts()
    # the real-news passages of the dev half only: the test half's are run by the tests, not read
    real["real-news passages"] = [p.text for p in load_corpus(ROOT / "tests" / "corpus" / "news").half("dev")]
    groups.update((f"{name} (dev half)" if name == "real-news passages" else name, texts)
                  for name, texts in real.items() if texts)
    for name, texts in groups.items():
        counts, parsed, chars = shares(extractor, texts)
        total = counts["sentences"]
        print(f"{name}: {len(texts)} texts, characters parsed {parsed / chars:.0%}")
        for key, label in ROWS:
            print(f"  {label:66} {counts[key]:6,} {counts[key] / total:6.1%}")


if __name__ == "__main__":
    main()
