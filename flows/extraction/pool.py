"""Extraction on several processes, for runs large enough to pay for it.

spaCy's own `n_process` cannot carry claimtrack's custom Doc attributes back, so each worker
process builds the whole pipeline once and returns the claims of the texts it is given;
the parent keeps the single database writer. Workers are spawned, not forked: the parent
runs threads (Prefect, HTTP), which a fork would copy in an unknown state.
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from claimtrack.errors import ExtractionError

MIN_ARTICLES = 100          # below this, loading the model in each worker costs more than it saves

_extractor: Any = None      # the pipeline of this worker process


def _start(model: str, entities: Path | None, claims: Path | None, risk: Path | None, selective: bool) -> None:
    global _extractor
    from claimtrack.extractors.pipeline import build_extractor
    _extractor = build_extractor(model, entities, claims, risk, selective)


def _claims(texts: list[str], batch_size: int) -> list[Any]:
    from claimtrack.flows.extraction.extract import run_texts
    out = run_texts(_extractor, texts, batch_size)
    # exceptions cross the process boundary as plain RuntimeErrors with the original's name
    return [RuntimeError(f"{type(o).__name__}: {o}") if isinstance(o, Exception) else o for o in out]


class ExtractorPool:
    """`pool(texts, batch_size)` gives what `run_texts` would, computed on `processes` workers."""

    def __init__(self, processes: int, model: str, entities: Path | None, claims: Path | None,
                 risk: Path | None, selective: bool = True) -> None:
        self.processes = processes
        self.executor = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_start, initargs=(model, entities, claims, risk, selective))

    def __call__(self, texts: list[str], batch_size: int) -> list[Any]:
        step = -(-len(texts) // self.processes)
        parts = [texts[i:i + step] for i in range(0, len(texts), step)]
        out: list[Any] = []
        try:
            for claims in self.executor.map(_claims, parts, [batch_size] * len(parts)):
                out.extend(claims)
        except BrokenProcessPool as exc:    # a worker killed (out of memory) or unable to load the model
            raise ExtractionError(f"the extraction worker processes stopped ({exc}); nothing of this batch "
                                  "was stored and its articles are extracted by the next run") from None
        return out

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
