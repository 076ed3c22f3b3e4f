"""The digest's charts, read through matplotlib's objects and the PNG's text, not its pixels:
the values plotted are the axis's ticks, no mark is cut at the edge, the legend names every
outlet and every kind of mark, and the type stays legible when a phone shrinks the image."""
import io
from datetime import datetime, timedelta, timezone

import pytest
from PIL import Image

from claimtrack.db.store import Store
from claimtrack.flows.outputs.charts import (DPI, FONT_PT, LEGEND_PT, WIDTH_IN, axis_values, claim_chart,
                                             claim_chart_png)
from claimtrack.flows.outputs.history import key_series

UTC = timezone.utc


def _reports():
    """Microsoft's stake in OpenAI as the demo outlets told it: a first value, a history point,
    the change, two outlets the same day, and a stale repeat."""
    day = datetime(2025, 10, 28, 13, 5, tzinfo=UTC)
    return [{"as_of": day - timedelta(days=46), "value": 32.5, "outlet": "Signal Daily", "note": "first"},
            {"as_of": day - timedelta(days=1), "value": 32.5, "outlet": "The Ledger", "note": "history"},
            {"as_of": day, "value": 27.0, "outlet": "The Ledger", "note": "change"},
            {"as_of": day, "value": 27.0, "outlet": "Northwind Wire", "note": ""},
            {"as_of": day + timedelta(days=5), "value": 32.5, "outlet": "Signal Daily", "note": "stale"},
            {"as_of": day + timedelta(days=6), "value": 40.0, "outlet": "Northwind Wire", "note": "planned"}], \
        [(day - timedelta(days=46), 32.5), (day, 27.0)]


def test_the_values_plotted_are_the_axis_ticks_and_no_mark_is_cut():
    reports, line = _reports()
    fig = claim_chart("Microsoft's stake in OpenAI", line, reports, "percent")
    try:
        fig.canvas.draw()
        ax = fig.axes[0]
        assert [t.get_text() for t in ax.get_yticklabels()] == ["27%", "32.5%", "40%"]
        low, high = ax.get_ylim()
        assert low < 27.0 and high > 40.0
        box = ax.get_window_extent()
        for collection in ax.collections:                 # every mark, drawn with its side-by-side shift
            for x, y in collection.get_offset_transform().transform(collection.get_offsets()):
                radius = (collection.get_sizes()[0] ** 0.5) / 2 * DPI / 72
                assert box.x0 <= x - radius and x + radius <= box.x1 + 1 and box.y0 < y - radius and y + radius < box.y1
        # two outlets reporting 27% on the same day are side by side, not one under the other
        spots = {tuple(c.get_offset_transform().transform(c.get_offsets())[0].round()) for c in ax.collections}
        assert len(spots) == len(reports)
    finally:
        fig.clf()


def test_the_legend_explains_every_outlet_and_every_kind_of_mark():
    reports, line = _reports()
    fig = claim_chart("Microsoft's stake in OpenAI", line, reports, "percent")
    try:
        legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    finally:
        fig.clf()
    assert legend[:4] == ["current value", "Northwind Wire", "Signal Daily", "The Ledger"]
    assert set(legend[4:]) == {"ringed: stale repeat", "diamond: history", "hollow: plan, forecast"}
    two = claim_chart("x", line[:1], reports[:1], "percent")
    try:                                                   # only the marks a chart draws are explained
        assert [t.get_text() for t in two.axes[0].get_legend().get_texts()] == ["current value", "Signal Daily"]
    finally:
        two.clf()


def test_the_png_says_what_it_shows_and_stays_legible_at_phone_width():
    reports, line = _reports()
    png = claim_chart_png("Microsoft's stake in OpenAI", line, reports, "percent")
    image = Image.open(io.BytesIO(png))
    assert image.info["Title"] == "Microsoft's stake in OpenAI"
    assert image.info["Description"].startswith("values: 27%, 32.5%, 40%; legend: current value, Northwind Wire")
    assert "ringed: stale repeat" in image.info["Description"]
    # the digest shows it 480 CSS px wide; a 360 px phone shrinks that to about 330
    assert image.width >= WIDTH_IN * DPI * 0.9
    shown_px = 330 / 480 * (min(FONT_PT, LEGEND_PT) * DPI / 72) * (480 / (WIDTH_IN * DPI))
    assert shown_px >= 10, f"the smallest text is {shown_px:.1f} px on a phone"


@pytest.mark.parametrize("values, preferred, ticks", [
    ([27.0, 32.5, 32.5], [27.0, 32.5], [27.0, 32.5]),
    ([130e9, 135e9, 135e9, 500e9], [500e9], [135e9, 500e9]),        # 130 and 135 would overlap: the more reported stays
    ([2025.0], [2025.0], [2025.0]),
    ([], [], []),
])
def test_axis_values_keep_every_value_that_does_not_overlap(values, preferred, ticks):
    assert axis_values(values, preferred) == ticks


def test_the_demo_stake_chart_ticks_its_two_values(demo_db):
    reports, line = key_series(Store(demo_db.storage.db), "Microsoft|stake_pct|OpenAI")
    fig = claim_chart("Microsoft's stake in OpenAI", line, reports, "percent")
    try:
        fig.canvas.draw()
        assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["27%", "32.5%"]
        assert "ringed: stale repeat" in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    finally:
        fig.clf()


def test_an_event_without_a_value_line_still_frames_its_reports():
    """A funding round has no current-value line: its reports alone set the axes."""
    rounds = [{"as_of": datetime(2024, 10, 2, tzinfo=UTC), "value": 6.6e9, "outlet": "The Ledger", "note": ""},
              {"as_of": datetime(2025, 3, 31, tzinfo=UTC), "value": 40e9, "outlet": "Northwind Wire", "note": ""}]
    png = claim_chart_png("OpenAI's funding round", [], rounds, "USD")
    image = Image.open(io.BytesIO(png))
    assert image.width < 2 * WIDTH_IN * DPI and image.info["Description"].startswith("values: $6.6B, $40B;")
