"""Chart images for the digest: a claim's value over time as a PNG, the current value as a
step line and one point per outlet report, so a reader sees who said what when. Every text
given to matplotlib goes through for_chart: an outlet named "$...$" is not read as mathtext."""
from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from claimtrack.flows.formatting import format_value
from claimtrack.flows.untrusted import for_chart

WIDTH_PX, HEIGHT_PX, DPI = 560, 220, 100


def claim_chart_png(title: str, line: Sequence[tuple[datetime, float]], reports: Sequence[dict[str, Any]],
                    unit: str | None) -> bytes:
    """The PNG bytes of one claim's chart; `reports` need as_of, value, outlet and note."""
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import FuncFormatter

    fig, ax = plt.subplots(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    try:
        times = [r["as_of"] for r in reports] + [t for t, _ in line]
        if line:
            xs = [t for t, _ in line] + [max(times)]
            ys = [v for _, v in line] + [line[-1][1]]
            ax.step(xs, ys, where="post", color="#1d2430", linewidth=1.5, label="current value")
        outlets = sorted({r["outlet"] for r in reports})
        palette = ["#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#bf3989"]
        for i, outlet in enumerate(outlets):
            mine = [r for r in reports if r["outlet"] == outlet]
            ax.scatter([r["as_of"] for r in mine], [r["value"] for r in mine], s=36, zorder=3,
                       color=palette[i % len(palette)], label=for_chart(outlet),
                       edgecolors=["#000" if r["note"] in ("stale", "disputed") else "none" for r in mine])
        ax.set_title(for_chart(title), fontsize=10, loc="left")
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: for_chart(format_value(v, unit))))
        ax.tick_params(labelsize=8)
        ax.grid(axis="y", color="#eef1f5")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.legend(fontsize=7, frameon=False, loc="best")
        fig.autofmt_xdate()
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        return buf.getvalue()
    finally:
        plt.close(fig)
