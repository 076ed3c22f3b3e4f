"""The week's report as data and its renderers (issue 18): the report holds the query results
unformatted; HTML and text for email come out as before, HTML for other channels carries no
images, and the Markdown rendering shows every name as written with only web links."""
import re

import pytest
from hypothesis import example, given, settings as hypothesis_settings

from claimtrack.db.store import Store
from claimtrack.flows.outputs.digest import email_digest, render_html, render_markdown, render_text, rendering
from claimtrack.errors import DigestError
from claimtrack.flows.outputs.week_report import WeekReport, gather_report
from test_properties_render import CONTROLS, HOSTILE, TEXT, _digest_context


@pytest.fixture(scope="module")
def w44(demo_db) -> WeekReport:
    return gather_report(Store(demo_db.storage.db), "2025-W44")


def test_the_report_is_the_queries_results_with_nothing_formatted(w44):
    assert (w44.week, str(w44.monday), str(w44.sunday)) == ("2025-W44", "2025-10-27", "2025-11-02")
    stake = next(c for c in w44.changes if c["claim_key"] == "Microsoft|stake_pct|OpenAI")
    assert (stake["previous_value"], stake["new_value"], stake["unit"]) == (32.5, 27.0, "percent")
    assert not any(k.endswith("_fmt") or k == "chart_cid" for section in (w44.changes, w44.new_keys, w44.stale)
                   for row in section for k in row)
    assert len(w44.risks) == 5 and [c["outlet"] for c in w44.stale] == ["Signal Daily"]
    reports, line = w44.series["Microsoft|stake_pct|OpenAI"]        # the chart's data, not the chart
    assert [r["value"] for r in reports][:2] == [32.5, 32.5] and line[-1][1] == 27.0


def test_the_email_rendering_is_the_digest_and_rendering_twice_changes_nothing(w44):
    first, second = email_digest(w44), email_digest(w44)
    assert first.text == second.text == render_text(w44)
    assert first.subject == "claimtrack 2025-W44: 2 changed, 6 new, 5 risk notes"
    assert len(first.charts) == 2 and first.html.count('src="cid:') == 2
    assert not any("_fmt" in k for c in w44.changes for k in c)        # the report was not changed by rendering
    email = rendering(w44, "email")
    assert (email.format, email.body, len(email.images), email.html.count("cid:")) == ("email", first.text, 2, 2)


def test_the_html_rendering_for_other_channels_has_no_images(w44):
    page = render_html(w44)
    assert "32.5% → 27%" in page and "<img" not in page and "cid:" not in page and 'style="' in page


def test_the_markdown_rendering_escapes_names_and_links_only_web_addresses(w44, hostile_outlet_db):
    md = render_markdown(w44)
    assert md.startswith("**claimtrack weekly digest**, ISO week 2025-W44 (2025-10-27 to 2025-11-02, UTC)")
    assert ("- **Microsoft's stake in OpenAI**: 27%, down from 32.5%, first reported by [The Ledger]"
            "(https://ledger.example/markets/microsoft-openai-definitive-agreement) on Tue 28 Oct") in md
    assert ("- Microsoft's stake in OpenAI: 32.5% → 27% (-16.9%), first reported by [The Ledger]"
            "(https://ledger.example/markets/microsoft-openai-definitive-agreement) on 2025-10-28") in md
    assert "- Signal Daily still says Microsoft's stake in OpenAI is 32.5% on 2025-11-02" in md
    assert rendering(w44, "markdown").body == md
    hostile = render_markdown(gather_report(Store(hostile_outlet_db.storage.db), "2025-W44"))
    assert "[\\<script\\>alert(1)\\</script\\> Daily](http://evil.test/2)" in hostile
    assert not re.search(r"(?<!\\)[<>]", hostile)                 # no HTML a Markdown renderer would pass on


def test_an_unknown_rendering_is_a_clear_error(w44):
    with pytest.raises(DigestError, match="no rendering 'pdf' of the digest"):
        rendering(w44, "pdf")


@hypothesis_settings(deadline=None, max_examples=50)
@example(HOSTILE)
@given(TEXT)
def test_any_text_in_the_markdown_template_stays_on_its_line_and_shows_as_written(s):
    from claimtrack.flows.outputs.digest import _markdown_env
    md = _markdown_env().get_template("digest.md.j2").render(**_digest_context(s))
    assert not CONTROLS.search(md)
    items = [line for line in md.splitlines() if line.startswith("- ")]
    assert len(items) == 10                                     # the summary line, one item per section, none broken or added
    assert not re.search(r"(?<!\\)[<>\[\]`*]", items[-1].removeprefix("- "))    # a stranger's syntax is escaped
