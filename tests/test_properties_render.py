"""Property tests (hypothesis) for issue 16: any text, put where a feed's words go, renders in
every renderer (the CLI's Rich tables on a console, the digest's text and HTML templates, a
chart's title and legend) without raising and with no control character but the line break
in the output. `make fuzz` runs them at scale with the "fuzz" profile of conftest.py."""
import io
import re
from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st
from rich.console import Console

from claimtrack.flows.terminal.tables import claims_table, feeds_table, history_table, rows_table

CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")      # every control character but \n
HOSTILE = "Wire [/x] [/] [bold]$\\notacommand{x}$ \x1b]52;c;aGk=\x07 \x1b]8;;http://e.test/\x1b\\ \x1b[2J\x9d\r\n:smile: \\"
# any text, and text built from what renderers treat as code: markup, mathtext, escapes
TEXT = st.one_of(st.text(), st.lists(st.sampled_from(
    ["[", "]", "[/]", "[/x]", "[bold red]", "[link=http://e.test]", "\\", "$", "$x$", "$\\frac$", "^", "_", "{", "}",
     "\x1b", "\x1b[2J", "\x1b]52;c;", "\x07", "\x9b", "\x9d", "\x00", "\r", "\n", "\t", ":smile:", "<", "&", "a", " "]),
    max_size=30).map("".join))
WHEN = datetime(2025, 10, 28, 10, 0, tzinfo=timezone.utc)


def _assert_clean(output: str, where: str) -> None:
    found = sorted({hex(ord(c)) for c in CONTROLS.findall(output)})
    assert not found, f"{where}: control characters {found}"


def _claim_row(s: str) -> dict:
    return {"subject": s, "metric": s, "object": s, "value": 27.0, "unit": "percent", "stance": s, "topic": s,
            "as_of": WHEN, "as_of_precision": None, "as_of_basis": "sentence", "as_of_text": s, "outlet": s,
            "attributed_to": s, "sentence": s, "note": s, "qualifier": s}


class _History:
    def __init__(self, s: str) -> None:
        self.claim_key, self.reports = f"{s}|{s}|{s}", [_claim_row(s)]


@example(HOSTILE)
@given(TEXT)
def test_any_text_in_a_terminal_table_renders_without_control_characters(s):
    feed = {"feed": s, "last_polled_at": WHEN, "last_status": "error", "http_status": 500, "consecutive_failures": 1,
            "next_poll_at": None, "entries_seen": 0, "newest_entry_at": None, "articles": 0, "last_error": s,
            "parse_problem": s}
    tables = {"claims": claims_table([_claim_row(s)]), "feeds": feeds_table([feed]),
              "history": history_table(_History(s)), "sql": rows_table([s, "n"], [(s, 1)])}
    for name, table in tables.items():
        out = io.StringIO()
        Console(file=out, width=100, emoji=False).print(table)
        _assert_clean(out.getvalue(), name)


def _digest_context(s: str) -> dict:
    row = {**_claim_row(s), "previous_value": 30.0, "new_value": 27.0, "change_pct": -10.0, "previous_fmt": s,
           "new_fmt": s, "basis_note": s, "first_url": s, "first_outlet": s, "changed_at": WHEN, "chart_cid": s,
           "value_fmt": s, "low_fmt": s, "high_fmt": s, "low_outlets": [s], "high_outlets": [s], "window_start": WHEN,
           "window_end": WHEN, "article_url": s, "stale_fmt": s, "current_fmt": s, "current_since": WHEN,
           "current_first_outlet": s, "outlets": [s], "cited": [s], "status": s, "speaker": s, "key_outlets": [s],
           "claim_fmt": s, "page": s, "as_of": WHEN}
    links = [{"outlet": s, "url": s, "at": WHEN}, {"outlet": s, "url": "https://a.test/" + s, "at": WHEN}]
    row.update(links=links, low_links=links, high_links=links)
    summary = [{"claim": s, "change": s, "outlet": s, "url": s, "day": s, "page": s, "text": s}]
    return {"week": "2025-W44", "week_start": WHEN.date(), "week_end_incl": WHEN.date(), "changes": [row],
            "summary": summary, "site_index": s,
            "open_changes": [row], "new_keys": [row], "conflicts": [row], "stale": [row], "reported": [row],
            "plans": [row], "risks": [row],
            "failing": [{"feed": s, "last_error": s, "consecutive_failures": 2}], "feed_health": True, "subject": s}


@settings(deadline=None)
@example(HOSTILE)
@given(TEXT)
def test_any_text_in_the_digest_templates_renders_without_control_characters(s):
    from claimtrack.flows.outputs.digest import render_documents
    html, text = render_documents(_digest_context(s))
    _assert_clean(html, "html")
    _assert_clean(text, "text")
    shown = CONTROLS.sub("", s.replace("\r\n", " ").replace("\r", " ").replace("\t", " ").replace("\n", " "))
    assert f": {shown} -> {shown}, first reported by {shown} on 2025-10-28" in text          # as written, on one line


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")        # text in scripts DejaVu lacks
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(HOSTILE)
@given(TEXT)
def test_any_text_as_a_chart_title_or_outlet_renders(s):
    from claimtrack.flows.outputs.charts import claim_chart_png
    reports = [{"as_of": WHEN, "value": 27.0, "outlet": s, "note": "change"},
               {"as_of": WHEN.replace(day=27), "value": 30.0, "outlet": s + "$", "note": "first"}]
    png = claim_chart_png(s, [(WHEN.replace(day=27), 30.0), (WHEN, 27.0)], reports, "USD")
    assert png.startswith(b"\x89PNG")


@example(HOSTILE)
@given(TEXT)
def test_each_rule_shows_any_text_as_written_less_its_control_characters(s):
    """Escaping is lossless: Rich reads back, and matplotlib shows, exactly the cleaned text."""
    from matplotlib.text import Text as ChartText
    from rich.text import Text
    from claimtrack.flows.untrusted import clean, for_chart, for_terminal, for_terminal_line
    assert not CONTROLS.search(clean(s)) and "\n" not in clean(s, lines=False)
    assert Text.from_markup(for_terminal(s), emoji=False).plain == clean(s)
    assert Text.from_markup(for_terminal_line(s), emoji=False).plain == clean(s, lines=False)
    label = for_chart(s)
    assert ChartText(text=label)._preprocess_math(label) == (clean(s, lines=False), False)    # no mathtext
