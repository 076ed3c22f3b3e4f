"""What `claimtrack eval` prints: the corpus halves (claims and warnings, by claim type, by
failure kind, claim time and status), the tracking check's changes, the seed article, the peer
suites beside quantulum3, and the dev half's misses when asked (never the test half's: it is
run and its figures read, nothing more)."""
from __future__ import annotations

from typing import Any

from rich.table import Table

from claimtrack.extractors.corpus_score import CorpusScore, Tally
from claimtrack.extractors.evaluate import Evaluation
from claimtrack.extractors.figure_score import FigureScore


def _pct(t: Tally, recall: bool) -> str:
    return _ratio(t.found, t.gold) if recall else _ratio(t.right, t.extracted)


def _corpus_table(corpus: dict[str, CorpusScore]) -> Table:
    t = Table(title="Real-news corpus (tests/corpus/news): core claims (metric, subject, value within 0.5%) "
                    "and risk warnings (speaker, topic, stance)", title_justify="left")
    for col in ("half", "passages", "core recall", "core precision", "warning recall", "warning precision",
                "speaker", "topic", "stance"):
        t.add_column(col, overflow="fold")
    for half, s in corpus.items():
        parts = [f"{s.risk_by[p]['found']}/{s.risk_by[p]['gold']}" for p in ("speaker", "topic", "stance")]
        t.add_row(half, str(s.passages), _pct(s.core, True), _pct(s.core, False), _pct(s.risk, True),
                  _pct(s.risk, False), *parts)
    if "dev" in corpus and "test" in corpus:
        gap = corpus["dev"].core.recall - corpus["test"].core.recall
        verdict = "more than a tenth: rules tuned on dev that do not carry over" if gap > 0.10 else "within a tenth"
        t.caption = f"dev core recall − test core recall = {gap:.3f} ({verdict})"
    return t


def _by_metric_table(corpus: dict[str, CorpusScore]) -> Table:
    t = Table(title="By claim type (recall | precision)", title_justify="left")
    t.add_column("claim type")
    for half in corpus:
        t.add_column(f"{half} recall", overflow="fold")
        t.add_column(f"{half} precision", overflow="fold")
    metrics = sorted({m for s in corpus.values() for m in s.by_metric})
    for m in metrics:
        cells = []
        for s in corpus.values():
            tally = s.by_metric.get(m, Tally())
            cells += [_pct(tally, True), _pct(tally, False)]
        t.add_row(m, *cells)
    return t


def _kinds_table(corpus: dict[str, CorpusScore]) -> Table:
    t = Table(title="By failure kind (found of the gold claims of that kind; claims of a gold value given "
                    "the wrong role or party)", title_justify="left")
    t.add_column("kind")
    for half in corpus:
        t.add_column(half, overflow="fold")
    kinds = sorted({k for s in corpus.values() for k in s.kinds})
    for k in kinds:
        cells = []
        for s in corpus.values():
            tally = s.kinds.get(k, Tally())
            cells.append(_pct(tally, True) if tally.gold else f"{tally.extracted} claims")
        t.add_row(k, *cells)
    return t


def _ratio(n: int, d: int) -> str:
    return f"{n}/{d} = {n / d:.2f}" if d else "—"


def _timing_table(corpus: dict[str, CorpusScore]) -> Table:
    t = Table(title="Claim time and status, on the core claims found: a plan (or forecast) read as one, the "
                    "time gold gives a figure found, and a figure gold does not date told as history",
                    title_justify="left")
    for col in ("half", "status agrees", "plans found", "said plans right", "dated as gold", "wrongly history"):
        t.add_column(col, overflow="fold")
    for half, s in corpus.items():
        c = s.timing
        t.add_row(half, _ratio(c["status right"], c["status"]), _ratio(c["planned found"], c["planned"]),
                  _ratio(c["planned found"], c["said planned"]), _ratio(c["dated found"], c["dated"]),
                  f"{c['undated told as history']} of {c['undated']}")
    return t


def tracking_table(scores: dict[str, Any]) -> Table:
    """The tracking check per half (flows/quality/tracking_check.py)."""
    t = Table(title="Tracking check: the corpus served as feeds through ingest and extract; changes listed "
                    "that go between two values really reported, in order, and the must-see changes found",
                    title_justify="left")
    for col in ("half", "changes listed", "right", "must-see found", "made by history", "wrong, by reason"):
        t.add_column(col, overflow="fold")
    for half, s in scores.items():
        t.add_row(half, str(s.listed), _ratio(s.right, s.listed), _ratio(s.must_see_found, s.must_see),
                  str(s.history_changes), ", ".join(f"{k} {v}" for k, v in sorted(s.reasons().items())) or "none")
    return t


def _seed_table(seed) -> Table:
    t = Table(title="Seed article: reference claims (metric + subject agree, value within 0.5%)", title_justify="left")
    for col in ("matched", "recall", "missed", "claims matching no reference"):
        t.add_column(col, overflow="fold")
    t.add_row(f"{len(seed.matched)}/{seed.references}", f"{seed.recall:.0%}", ", ".join(seed.missed) or "none",
              "; ".join(f"{c['subject']} {c['metric']} {c['value']}" for c in seed.unmatched_claims) or "none")
    return t


def _peers_table(result: Evaluation) -> Table:
    t = Table(title="Peer suites: English money and percentage cases (exact figures, no extras), "
                    "claimtrack and quantulum3 on the same cases", title_justify="left")
    for col in ("suite", "cases", "claimtrack", "quantulum3", "marked unsupported upstream (claimtrack passed)",
                "out of scope"):
        t.add_column(col, overflow="fold")
    for name, s in result.peers.items():
        q = result.quantulum.get(name)
        scope = ", ".join(f"{n} {why}" for why, n in s.out_of_scope.most_common()) or "none"
        t.add_row(name, str(s.scored), f"{s.passed} = {s.rate:.1%}",
                  f"{q.passed} = {q.rate:.1%}" if q else "not installed",
                  f"{s.upstream_unsupported} ({s.upstream_unsupported_passed})", scope)
    return t


def _misses_tables(result: Evaluation) -> list[Table]:
    out = []
    dev = result.corpus.get("dev")
    if dev is not None and (dev.missed or dev.wrong):
        t = Table(title=f"Dev half: gold claims missed ({len(dev.missed)})", title_justify="left")
        for col in ("passage", "metric", "subject / speaker", "value / topic, stance", "surface"):
            t.add_column(col, overflow="fold")
        for m in dev.missed:
            what = f"{m['topic']}, {m['stance']}" if m["metric"] == "risk_warning" else f"{m['value']:,.10g} {m['unit']}"
            t.add_row(m["id"], m["metric"], m["speaker"] or m["subject"], what, m["surface"] or "")
        out.append(t)
        t = Table(title=f"Dev half: claims matching no gold claim ({len(dev.wrong)})", title_justify="left")
        for col in ("passage", "metric", "subject / speaker", "value / topic, stance", "sentence"):
            t.add_column(col, overflow="fold")
        for w in dev.wrong:
            what = f"{w['topic']}, {w['stance']}" if w["metric"] == "risk_warning" else f"{w['value']:,.10g} {w['unit']}"
            t.add_row(w["id"], w["metric"], w["speaker"] or w["subject"] or "", what, w["sentence"])
        out.append(t)
    misses = [(s.suite, m) for s in result.peers.values() for m in s.misses]
    if misses:
        t = Table(title=f"Peer suites: cases claimtrack misses ({len(misses)})", title_justify="left")
        for col in ("suite", "text", "expected", "found"):
            t.add_column(col, overflow="fold")
        for suite, m in misses:
            t.add_row(suite.split("/")[-1], m["text"], _figs(m["expected"]), _figs(m["found"]))
        out.append(t)
    return out


def _figures_table(figures: dict[str, FigureScore]) -> Table:
    t = Table(title="Every figure (issue 17): typed and open claims against every figure a reader tracks "
                    "(subject and value within 0.5%, metric ignored), and two outlets' reports of one quantity "
                    "given one key", title_justify="left")
    for col in ("half", "recall", "precision", "untyped figures found", "typed precision", "open precision",
                "pairs sharing a key", "of pairs both found"):
        t.add_column(col, overflow="fold")
    for half, s in figures.items():
        typed, opened = s.by_kind.get("typed", Tally()), s.by_kind.get("open", Tally())
        t.add_row(half, _pct(s.all, True), _pct(s.all, False), _pct(s.open_gold, True), _pct(typed, False),
                  _pct(opened, False), _ratio(s.pairs_shared, s.pairs), _ratio(s.pairs_shared, s.pairs_found))
    return t


def _figs(figs) -> str:
    return ", ".join(f"{v:,.10g} {u}" for _, v, u in figs) or "—"     # exact: misses hinge on cents


def tables(result: Evaluation, show_misses: bool) -> list[Table]:
    out = []
    if result.corpus:
        out += [_corpus_table(result.corpus), _by_metric_table(result.corpus), _kinds_table(result.corpus),
                _timing_table(result.corpus)]
    if result.figures:
        out.append(_figures_table(result.figures))
    if result.seed is not None:
        out.append(_seed_table(result.seed))
    if result.peers:
        out.append(_peers_table(result))
    if show_misses:
        out += _misses_tables(result)
    return out


def rows(result: Evaluation) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [{"suite": f"corpus/{half}", **s.as_dict()} for half, s in result.corpus.items()]
    out += [{"suite": f"figures/{half}", **s.as_dict()} for half, s in result.figures.items()]
    seed = result.seed
    if seed is not None:
        out.append({"suite": "seed", "matched": seed.matched, "missed": seed.missed,
                    "unmatched": len(seed.unmatched_claims), "recall": seed.recall})
    for name, s in result.peers.items():
        q = result.quantulum.get(name)
        out.append({"suite": s.suite, "scored": s.scored, "passed": s.passed, "rate": s.rate,
                    "quantulum3_passed": q.passed if q else None, "quantulum3_rate": q.rate if q else None,
                    "upstream_unsupported": s.upstream_unsupported,
                    "upstream_unsupported_passed": s.upstream_unsupported_passed,
                    "out_of_scope": dict(s.out_of_scope), "misses": s.misses})
    return out
