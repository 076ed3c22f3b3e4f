"""A small chart drawn with characters, for a terminal: a claim's current value as a step line
over time, and every report as a dot on it (or off it, for stale and disputed reports)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

LINE, ON, OFF = "─", "●", "○"


def step_chart(line: Sequence[tuple[datetime, float]], dots: Sequence[tuple[datetime, float, bool]],
               label: Callable[[float], str], width: int = 56, height: int = 7) -> str:
    """`line`: (since, value) steps in time order; `dots`: (when, value, on_line). Returns the
    chart as lines of text with the value axis on the left and the first and last date below."""
    times = [t for t, _ in line] + [t for t, _, _ in dots]
    values = [v for _, v in line] + [v for _, v, _ in dots]
    if not times:
        return ""
    t0, t1 = min(times), max(times)
    v0, v1 = min(values), max(values)
    span_t = (t1 - t0).total_seconds() or 1.0
    span_v = (v1 - v0) or 1.0

    def col(t: datetime) -> int:
        return min(width - 1, int((t - t0).total_seconds() / span_t * (width - 1) + 0.5))

    def row(v: float) -> int:          # 0 is the top row
        return height - 1 - min(height - 1, int((v - v0) / span_v * (height - 1) + 0.5))

    grid = [[" "] * width for _ in range(height)]
    steps = sorted(line)
    for i, (since, value) in enumerate(steps):
        end = col(steps[i + 1][0]) if i + 1 < len(steps) else width
        for c in range(col(since), end):
            grid[row(value)][c] = LINE
    for when, value, on_line in dots:
        grid[row(value)][col(when)] = ON if on_line else OFF

    labels = {row(v): label(v) for _, v in steps}          # every value the line takes
    labels.setdefault(0, label(v1))
    labels.setdefault(height - 1, label(v0))
    pad = max(len(s) for s in labels.values())
    out = [f"{labels.get(r, ''):>{pad}} ┤{''.join(grid[r])}" for r in range(height)]
    first, last = t0.strftime("%Y-%m-%d"), t1.strftime("%Y-%m-%d")
    axis = first + last.rjust(width - len(first)) if width > len(first) + len(last) else first
    out.append(" " * pad + " └" + "─" * width)
    out.append(" " * (pad + 2) + axis)
    return "\n".join(out)
