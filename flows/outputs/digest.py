"""The week's report rendered: HTML (CSS inlined, charts as cid: images) and text for email,
HTML without images, and Markdown for chat channels. The facts come from flows/outputs/week_report.py;
here they are only formatted, templated and inlined, so each channel picks one rendering."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from email.utils import make_msgid
from pathlib import Path
from typing import Any

import css_inline
from jinja2 import Environment, PackageLoader, select_autoescape

from claimtrack.db.store import Store
from claimtrack.flows.outputs.channels import Rendering
from claimtrack.errors import DigestError
from claimtrack.flows.formatting import basis_note, change_words, claim_phrase, format_range, format_value
from claimtrack.flows.outputs.site_paths import claim_page, site_link
from claimtrack.flows.untrusted import MarkdownSafe, for_markdown, markdown_link, template_finalize
from claimtrack.flows.outputs.week_report import CHARTS, WeekReport, gather_report

FORMATS = ("email", "html", "text", "markdown")

# Mail clients drop or ignore <style>; rules are copied onto each element, and the block is
# kept for the clients that read it (the phone layout's max-width needs it).
_INLINER = css_inline.CSSInliner(keep_style_tags=True)


@dataclass(frozen=True)
class Digest:
    """The week as an email: both documents and the charts the HTML shows."""
    week: str               # "2025-W44"
    subject: str
    html: str               # CSS inlined; charts referenced as cid:<id>
    text: str
    charts: tuple[tuple[str, bytes], ...] = ()      # (content id, PNG) for each chart in the HTML

    def as_rendering(self) -> Rendering:
        """The email rendering a channel delivers (the text part, its HTML alternative, the charts)."""
        return Rendering(self.week, "email", self.subject, self.text, self.html, self.charts)


def _is_web_url(url: Any) -> bool:
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))


def _day(when: Any) -> str:
    """A date as a reader of the week's digest wants it: 'Tue 28 Oct'."""
    return when.strftime("%a %d %b") if when is not None else ""


def _env() -> Environment:
    """The templates' environment: every expression is cleaned of control characters (finalize),
    then HTML-escaped in the .html templates (autoescape)."""
    env = Environment(loader=PackageLoader("claimtrack.flows.outputs", "templates"), finalize=template_finalize,
                      autoescape=select_autoescape(["html", "html.j2"]), keep_trailing_newline=True)
    env.tests["web_url"] = _is_web_url
    env.filters["day"] = _day
    return env


def _markdown_finalize(value: Any) -> str:
    """Every expression of a Markdown template: one line, Markdown's inline syntax escaped
    (a link or a claim's name, assembled from escaped parts, as it is)."""
    return value if isinstance(value, MarkdownSafe) else for_markdown(value)


def _markdown_env() -> Environment:
    env = Environment(loader=PackageLoader("claimtrack.flows.outputs", "templates"), finalize=_markdown_finalize,
                      autoescape=False, keep_trailing_newline=True)
    env.filters["link"] = markdown_link
    env.filters["day"] = _day
    return env


def digest_subject(report: WeekReport) -> str:
    """The digest's subject line: how much happened that week."""
    return (f"claimtrack {report.week}: {len(report.changes)} changed, {len(report.new_keys)} new, "
            f"{len(report.risks)} risk notes")


def _with(rows: tuple[dict[str, Any], ...], labels: dict[str, Any], **formats: Any) -> list[dict[str, Any]]:
    """Copies of `rows` with the claim in words (`claim_fmt`: "Microsoft's stake in OpenAI") and
    formatted fields added: each keyword maps a field name to a function of the row (the
    report's own rows are never changed)."""
    def claim(r: dict[str, Any]) -> str:
        return claim_phrase(r["subject"], r["metric"], r.get("object"), labels) if "metric" in r else ""
    return [{**r, "claim_fmt": claim(r), **{name: fn(r) for name, fn in formats.items()}} for r in rows]


def _first_per_outlet(field: str):
    """A row's reports (`field`: outlet, url, at; earliest first) cut to each outlet's first."""
    def first(r: dict[str, Any]) -> list[dict[str, Any]]:
        seen: dict[str, dict[str, Any]] = {}
        for s in r.get(field) or ():
            seen.setdefault(s["outlet"], s)
        return list(seen.values())
    return first


def summary_lines(report: WeekReport) -> list[dict[str, Any]]:
    """A line in words for each of the week's biggest changes, as parts each rendering joins
    (and links): claim "Microsoft's stake in OpenAI", change "27%, down from 32.5%", outlet
    "The Ledger", url, day "Tue 28 Oct", and `page`, the claim's page on the site ('' if none)."""
    return [{"claim": claim_phrase(c["subject"], c["metric"], c["object"], report.labels),
             "change": change_words(c["previous_value"], c["new_value"], c["unit"]),
             "outlet": c["first_outlet"], "url": c["first_url"], "day": _day(c["changed_at"]),
             "page": site_link(report.site_url, claim_page(c["claim_key"]))}
            for c in report.changes[:CHARTS]]


def summary_text(line: dict[str, Any]) -> str:
    """One summary line as plain words: "Microsoft's stake in OpenAI: 27%, down from 32.5%, first
    reported by The Ledger on Tue 28 Oct"."""
    return f"{line['claim']}: {line['change']}, first reported by {line['outlet']} on {line['day']}"


def template_context(report: WeekReport, chart_cids: Sequence[str] = ()) -> dict[str, Any]:
    """What the templates show: the report's rows with their claims in words and values
    formatted ('$135B', '27%'), a summary line per top change, links to the claim site when it
    is published, and on the first changes the content ids of their charts when the rendering
    carries charts."""
    labels = report.labels

    def value(field: str):
        return lambda r: format_value(r[field], r["unit"])

    def range_of(prefix: str):
        return lambda r: format_range(r[f"{prefix}_value"], r["unit"], r[f"{prefix}_low"], r[f"{prefix}_high"])

    def basis(r: dict[str, Any]) -> str:
        return basis_note(r["as_of_basis"])

    def page(r: dict[str, Any]) -> str:
        return site_link(report.site_url, claim_page(r["claim_key"]))

    changes = _with(report.changes, labels, previous_fmt=value("previous_value"), new_fmt=value("new_value"),
                    basis_note=basis, page=page)
    for c, cid in zip(changes, chart_cids):
        c["chart_cid"] = cid
    firsts = _first_per_outlet("sources")
    return {"week": report.week, "week_start": report.monday, "week_end_incl": report.sunday,
            "summary": [{**line, "text": summary_text(line)} for line in summary_lines(report)],
            "site_index": site_link(report.site_url, "index.html"),
            "changes": changes,
            "open_changes": _with(report.open_changes, labels, previous_fmt=range_of("previous"),
                                  new_fmt=range_of("new"), basis_note=basis, page=page),
            "new_keys": _with(report.new_keys, labels, value_fmt=value("value"), page=page),
            "conflicts": _with(report.conflicts, labels, low_fmt=value("low_value"), high_fmt=value("high_value"),
                               low_links=_first_per_outlet("low_sources"),
                               high_links=_first_per_outlet("high_sources"), page=page),
            "stale": _with(report.stale, labels, stale_fmt=value("stale_value"), current_fmt=value("current_value"),
                           page=page),
            "reported": _with(report.reported, labels, value_fmt=value("value"), links=firsts, page=page),
            "plans": _with(report.plans, labels, value_fmt=value("value"), links=firsts, page=page),
            "risks": list(report.risks), "failing": list(report.failing), "feed_health": report.feed_health,
            "subject": digest_subject(report)}


def _charts(report: WeekReport) -> tuple[tuple[str, bytes], ...]:
    """(content id, PNG) of a chart of each of the biggest changes, from the series the report carries."""
    from claimtrack.flows.outputs.charts import claim_chart_png
    charts = []
    for c in report.changes[:CHARTS]:
        reports, line = report.series[c["claim_key"]]
        cid = make_msgid(idstring="chart", domain="claimtrack.local")[1:-1]
        title = claim_phrase(c["subject"], c["metric"], c["object"], report.labels)
        charts.append((cid, claim_chart_png(title, line, reports, c["unit"])))
    return tuple(charts)


def render_documents(context: dict[str, Any]) -> tuple[str, str]:
    """The digest's HTML (CSS inlined) and text from the templates' context."""
    env = _env()
    html = _INLINER.inline(env.get_template("digest.html.j2").render(**context))
    return html, env.get_template("digest.txt.j2").render(**context)


def email_digest(report: WeekReport) -> Digest:
    """The report as an email: text, HTML with CSS inlined, and the charts it links by cid:."""
    charts = _charts(report)
    context = template_context(report, [cid for cid, _ in charts])
    return Digest(report.week, context["subject"], *render_documents(context), charts)


def render_digest(store: Store, week: str | None = None, today: date | None = None, site_url: str = "",
                  feed_health: bool = False) -> Digest:
    """The email digest of `week`, by default the last full week before `today` (UTC), linking
    to the claim site at `site_url` when it is published; failing feeds only with `feed_health`
    ([digest] feed_health)."""
    return email_digest(gather_report(store, week, today, site_url, feed_health))


def render_text(report: WeekReport) -> str:
    """The report as plain text (the email's text part)."""
    return _env().get_template("digest.txt.j2").render(**template_context(report))


def render_html(report: WeekReport) -> str:
    """The report as one HTML page with its CSS inlined and no images (charts only travel by email)."""
    return _INLINER.inline(_env().get_template("digest.html.j2").render(**template_context(report)))


def render_markdown(report: WeekReport) -> str:
    """The report as Markdown, for chat channels: the same sections, each line shown as written."""
    return _markdown_env().get_template("digest.md.j2").render(**template_context(report))


def rendering(report: WeekReport, fmt: str) -> Rendering:
    """The report in one of FORMATS, as a channel delivers it."""
    if fmt == "email":
        return email_digest(report).as_rendering()
    renderers = {"html": render_html, "text": render_text, "markdown": render_markdown}
    if fmt not in renderers:
        raise DigestError(f"no rendering {fmt!r} of the digest (known: {', '.join(FORMATS)})")
    return Rendering(report.week, fmt, digest_subject(report), renderers[fmt](report))


def write_preview(digest: Digest, out_dir: Path) -> tuple[Path, Path]:
    """Write DIR/<week>.html (its charts as DIR/<week>-chart-N.png beside it) and
    DIR/<week>.txt; returns the two documents' paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    html, text = out_dir / f"{digest.week}.html", out_dir / f"{digest.week}.txt"
    page = digest.html
    for n, (cid, png) in enumerate(digest.charts, start=1):
        name = f"{digest.week}-chart-{n}.png"
        (out_dir / name).write_bytes(png)
        page = page.replace(f"cid:{cid}", name)
    html.write_text(page, encoding="utf-8")
    text.write_text(digest.text, encoding="utf-8")
    return html, text
