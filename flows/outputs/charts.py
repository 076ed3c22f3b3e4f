"""Chart images for the digest: a claim's value over time as a PNG, the current value as a
step line and one point per outlet report, so a reader sees who said what when. The values
plotted are the axis's ticks, nothing is cut at the edges, the legend below the plot names
every outlet and every kind of mark, and the type is sized to stay legible when a phone shrinks
the image to its width. Every text given to matplotlib goes through for_chart: an outlet named
"$...$" is not read as mathtext."""
from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from claimtrack.flows.formatting import format_value
from claimtrack.flows.untrusted import for_chart

# Shown 480 CSS pixels wide (the digest's <img width>), drawn at twice that for sharp screens;
# at 12 pt a tick label stays about 11 px high on a 360 px phone that scales the image down.
WIDTH_IN, HEIGHT_IN, DPI = 4.8, 3.0, 200
FONT_PT, TITLE_PT, LEGEND_PT = 12, 13, 11
PALETTE = ("#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#bf3989")
DODGE_PT = 7               # points between the marks of outlets reporting one value on one day
MIN_DAYS = timedelta(days=14)   # the shortest time axis
MIN_TICK_GAP = 0.09         # of the value span: closer plotted values share the nearer tick

# how a report's note is drawn: (marker, face filled?, ring, words in the legend)
MARKS = {
    "report": ("o", True, False, "report"),
    "stale": ("o", True, True, "ringed: stale repeat"),
    "disputed": ("s", True, False, "square: disputed"),
    "history": ("D", True, False, "diamond: history"),
    "plan": ("o", False, False, "hollow: plan, forecast"),
}


def mark_of(note: str | None) -> str:
    """The kind of mark (a key of MARKS) a report with this key_history note gets."""
    if note in ("planned", "forecast"):
        return "plan"
    return note if note in ("stale", "disputed", "history") else "report"


def axis_values(values: Sequence[float], preferred: Sequence[float] = ()) -> list[float]:
    """The values to tick on the value axis: every distinct plotted value, those of `preferred`
    (the current-value line, newest first) first, leaving out a value closer to a kept one than
    MIN_TICK_GAP of the span so that no two labels overlap."""
    distinct = sorted(set(values) | set(preferred))
    if not distinct:
        return []
    span = (distinct[-1] - distinct[0]) or abs(distinct[0]) or 1.0
    kept: list[float] = []
    for v in [*preferred, *sorted(distinct, key=lambda x: -list(values).count(x))]:
        if all(abs(v - k) >= span * MIN_TICK_GAP for k in kept):
            kept.append(v)
    return sorted(kept)


def claim_chart(title: str, line: Sequence[tuple[datetime, float]], reports: Sequence[dict[str, Any]],
                unit: str | None):
    """One claim's chart as a matplotlib Figure (close it when done); `reports` need as_of,
    value, outlet and note (flows/outputs/history.py: key_series)."""
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import dates as mdates
    from matplotlib import pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    from matplotlib.transforms import offset_copy

    fig, ax = plt.subplots(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    handles: list[Any] = []
    # outlets reporting one value on one day side by side, DODGE_PT apart, rather than hidden under each other
    same_spot: dict[tuple[Any, float], list[str]] = {}
    for r in reports:
        spot = same_spot.setdefault((r["as_of"].date(), r["value"]), [])
        if r["outlet"] not in spot:
            spot.append(r["outlet"])
    times = [r["as_of"] for r in reports] + [t for t, _ in line]
    if line:
        xs = [t for t, _ in line] + [max(times)]
        ys = [v for _, v in line] + [line[-1][1]]
        handles += ax.step(xs, ys, where="post", color="#1d2430", linewidth=1.8, label="current value")
    if reports:     # marks drawn with a shifted transform do not widen the axes: these invisible points do
        ax.plot([r["as_of"] for r in reports], [r["value"] for r in reports], linestyle="", marker="")
    outlets = sorted({r["outlet"] for r in reports})
    kinds_seen: set[str] = set()
    for i, outlet in enumerate(outlets):
        color = PALETTE[i % len(PALETTE)]
        for kind, (marker, filled, ring, _words) in MARKS.items():
            mine = [r for r in reports if r["outlet"] == outlet and mark_of(r.get("note")) == kind]
            for r in mine:
                spot = same_spot[(r["as_of"].date(), r["value"])]
                shift = (spot.index(outlet) - (len(spot) - 1) / 2) * DODGE_PT
                ax.scatter([r["as_of"]], [r["value"]], s=70, zorder=3, marker=marker, clip_on=False,
                           facecolors=color if filled else "white", edgecolors="#000" if ring else color,
                           linewidths=2.2 if ring else 1.5,
                           transform=offset_copy(ax.transData, fig=fig, x=shift, units="points"))
            if mine:
                kinds_seen.add(kind)
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=8, color=color,
                              label=for_chart(textwrap.shorten(str(outlet), 28, placeholder="…"))))
    for kind, (marker, filled, ring, words) in MARKS.items():
        if kind in kinds_seen and kind != "report":
            handles.append(Line2D([], [], marker=marker, linestyle="", markersize=8, markeredgewidth=2 if ring else 1.5,
                                  markerfacecolor="#8c959f" if filled else "white",
                                  markeredgecolor="#000" if ring else "#8c959f", label=words))

    plotted = [r["value"] for r in reports] + [v for _, v in line]
    ticks = axis_values(plotted, [v for _, v in reversed(line)])
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: for_chart(format_value(v, unit))))
    if ticks:
        low, high = min(plotted), max(plotted)
        pad = (high - low) * 0.18 or abs(high) * 0.1 or 1.0     # room above and below: no point cut in half
        ax.set_ylim(low - pad, high + pad)
    ax.margins(x=0.08)
    if times and max(times) - min(times) < MIN_DAYS:      # a day's reports: a fortnight around them, not hours
        middle = min(times) + (max(times) - min(times)) / 2
        ax.set_xlim(middle - MIN_DAYS / 2, middle + MIN_DAYS / 2)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=5)
    ax.xaxis.set_major_locator(locator)
    # every tick says its month and year where they change, so no offset text is needed below the axis
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(
        locator, formats=["%Y", "%b %Y", "%d %b", "%H:%M", "%H:%M", "%S"],
        zero_formats=["", "%Y", "%b %Y", "%d %b", "%H:%M", "%H:%M"], show_offset=False))
    ax.set_title("\n".join(textwrap.wrap(for_chart(title), 44)), fontsize=TITLE_PT, loc="left")
    ax.tick_params(labelsize=FONT_PT)
    ax.grid(axis="y", color="#eef1f5")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(handles=handles, fontsize=LEGEND_PT, frameon=False, loc="upper left", bbox_to_anchor=(0, -0.14),
              ncol=1 if any(len(h.get_label()) > 22 for h in handles) else 2,
              handletextpad=0.3, columnspacing=1.0, borderaxespad=0)
    return fig


def chart_description(fig) -> str:
    """What a chart shows, in words (its value ticks and its legend): the PNG's Description."""
    fig.canvas.draw()
    ax = fig.axes[0]
    ticks = ", ".join(t.get_text() for t in ax.get_yticklabels())
    legend = ", ".join(t.get_text() for t in ax.get_legend().get_texts())
    return f"values: {ticks}; legend: {legend}".replace("\\$", "$")      # as read, not as escaped for mathtext


def claim_chart_png(title: str, line: Sequence[tuple[datetime, float]], reports: Sequence[dict[str, Any]],
                    unit: str | None) -> bytes:
    """The PNG bytes of one claim's chart (claim_chart), cropped to what it draws, legend
    included, with its title and chart_description as PNG text."""
    from matplotlib import pyplot as plt
    fig = claim_chart(title, line, reports, unit)
    try:
        buf = io.BytesIO()
        fig.savefig(buf, format="png", bbox_inches="tight", pad_inches=0.12,
                    metadata={"Title": for_chart(title), "Description": chart_description(fig)})
        return buf.getvalue()
    finally:
        plt.close(fig)
