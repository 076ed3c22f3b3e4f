"""A sum a buyer "will pay" with nothing bought named beside it, restated as a price per share
("Nuveen will pay £9.9bn or 612p a share"): what is paid for is a company's shares, all of them,
so the sum is the takeover's price even when no takeover was told before it."""
from __future__ import annotations

from claimtrack.extractors.figures import Figure
from claimtrack.extractors.frames import Frame, lemma
from claimtrack.extractors.text import doc_text


def per_share_beside(frame: Frame, fig: Figure, figs: list[Figure]) -> bool:
    """Whether a sum paid is restated "or" as a price per share right after it."""
    return frame.anchor is not None and lemma(frame.anchor) == "pay" and any(
        f.kind == "price" and f.per in ("share", "each") and 0 < f.start - fig.end < 8
        and "or" in doc_text(frame.figure.doc)[fig.end:f.start].split() for f in figs)
