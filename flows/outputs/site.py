"""The claim site: static pages anyone can browse with no server (`claimtrack site --out DIR`,
rewritten by `serve` after each scheduled run). An index of tracked claims (current value, last
change, outlets, a small trend line, a search box), one page per claim key (its chart, changes,
disagreements, stale repeats and every report with its sentence, link, date, outlet and whom it
cites) and one page per outlet. Facts come from named queries; claims are named by their labels,
values by flows/formatting.py, and every stranger's text is escaped by Jinja's autoescape after
flows/untrusted.py's template_finalize."""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from claimtrack.db import sql
from claimtrack.db.store import Store
from claimtrack.errors import SiteError
from claimtrack.flows.formatting import (basis_note, change_words, claim_phrase, format_range, format_value,
                                         format_when, metric_label)
from claimtrack.flows.outputs.site_paths import claim_page, outlet_page
from claimtrack.flows.untrusted import template_finalize

ASSETS = ("site.css", "site.js")
MARKER = ".claimtrack-site"       # says a folder is a site this module wrote, so it may be replaced


@dataclass(frozen=True)
class SiteResult:
    out_dir: Path
    claims: int
    outlets: int


def _rows(con: Any, name: str, **params: Any) -> list[dict[str, Any]]:
    cur = con.execute(sql.query(name), params or None)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def _is_web_url(url: Any) -> bool:
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))


def _env() -> Environment:
    env = Environment(loader=PackageLoader("claimtrack.flows.outputs", "templates"), finalize=template_finalize,
                      autoescape=select_autoescape(["html", "html.j2"]), keep_trailing_newline=True)
    env.tests["web_url"] = _is_web_url
    env.filters["day"] = lambda when: when.strftime("%d %b %Y") if when is not None else ""
    return env


def sparkline(values: list[float], width: int = 96, height: int = 24) -> str:
    """The points of a small SVG polyline of `values` in order (numbers only, no text)."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = width / max(len(values) - 1, 1)
    pad = 3
    points = [(i * step if len(values) > 1 else width / 2, height - pad - (v - low) / span * (height - 2 * pad))
              for i, v in enumerate(values)]
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _claim_rows(con: Any, labels: dict[str, Any]) -> list[dict[str, Any]]:
    """The index's rows: each tracked key in words, its values formatted, its page and trend."""
    out = []
    for r in _rows(con, "site_claims"):
        unit = r["unit"]
        out.append({**r, "claim_fmt": claim_phrase(r["subject"], r["metric"], r["object"], labels),
                    "label": metric_label(r["metric"], labels), "page": claim_page(r["claim_key"]),
                    "value_fmt": format_value(r["value"], unit),
                    "change_fmt": (change_words(r["previous_value"], r["value"], unit)
                                   if r["changes"] else ""),
                    "search": " ".join(str(p) for p in (r["subject"], r["object"] or "", r["metric"],
                                                        metric_label(r["metric"], labels))).lower(),
                    "trend": sparkline([float(v) for v in r["trend"]])})
    return out


def _claim_context(con: Any, row: dict[str, Any], chart: str | None) -> dict[str, Any]:
    """What one claim's page shows."""
    key, unit = row["claim_key"], row["unit"]

    def value(v: Any, u: Any = unit) -> str:
        return format_value(v, u)

    reports = [{**r, "value_fmt": format_range(r["value"], r["unit"], r["low"], r["high"]),
                "when_fmt": format_when(r["as_of"], r["as_of_precision"]),
                "basis": basis_note(r["as_of_basis"], r["as_of_text"]), "outlet_page": outlet_page(r["outlet"]),
                "note": ("stale" if r["stale"] else r["status"] if r["status"] in ("planned", "forecast")
                         else "history" if r["history"] else "")}
               for r in _rows(con, "site_key_reports", key=key)]
    changes = [{**c, "previous_fmt": value(c["previous_value"], c["unit"]), "new_fmt": value(c["new_value"], c["unit"])}
               for c in _rows(con, "site_key_changes", key=key)]
    conflicts = [{**c, "low_fmt": value(c["low_value"], c["unit"]), "high_fmt": value(c["high_value"], c["unit"])}
                 for c in _rows(con, "site_key_conflicts", key=key)]
    stale = [{**s, "stale_fmt": value(s["stale_value"], s["unit"]), "current_fmt": value(s["current_value"], s["unit"])}
             for s in _rows(con, "site_key_stale", key=key)]
    return {"claim": row, "reports": reports, "changes": changes, "conflicts": conflicts, "stale": stale,
            "chart": chart, "root": "../"}


def _outlet_context(con: Any, outlet: dict[str, Any], pages: set[str], labels: dict[str, Any]) -> dict[str, Any]:
    reports = [{**r, "claim_fmt": claim_phrase(r["subject"], r["metric"], r["object"], labels),
                "value_fmt": format_range(r["value"], r["unit"], r["low"], r["high"]),
                "when_fmt": format_when(r["as_of"], r["as_of_precision"]),
                "page": claim_page(r["claim_key"]) if r["claim_key"] in pages else ""}
               for r in _rows(con, "site_outlet_claims", outlet=outlet["outlet"])]
    return {"outlet": outlet, "reports": reports, "root": "../"}


def _chart(store_con: Any, row: dict[str, Any], labels: dict[str, Any]) -> bytes:
    from claimtrack.flows.outputs.charts import claim_chart_png
    reports = _rows(store_con, "key_history", key=row["claim_key"])
    line = [(r["changed_at"], r["new_value"]) for r in _rows(store_con, "key_changes", key=row["claim_key"])]
    return claim_chart_png(claim_phrase(row["subject"], row["metric"], row["object"], labels), line,
                           [r for r in reports if r["unit"] == row["unit"]], row["unit"])


def write_site(store: Store, out_dir: Path) -> SiteResult:
    """Write the whole site to `out_dir`, replacing what was there only once every page is
    written (a reader or web server never sees half a site). Returns what it holds."""
    env = _env()
    out_dir = Path(out_dir)
    if out_dir.exists() and (not out_dir.is_dir() or (any(out_dir.iterdir()) and not (out_dir / MARKER).exists())):
        raise SiteError(f"site: {out_dir} holds something other than a claimtrack site; "
                        "name a new or empty folder (it is replaced whole on every write)")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        for folder in ("claims", "outlets"):
            (build / folder).mkdir()
        with store.read(tracked=True) as con:
            labels = {r["metric"]: r for r in _rows(con, "metric_labels")}
            claims = _claim_rows(con, labels)
            outlets = [{**o, "page": outlet_page(o["outlet"])} for o in _rows(con, "site_outlets")]
            pages = {c["claim_key"] for c in claims}
            claim_template = env.get_template("site_claim.html.j2")
            for row in claims:
                chart = row["page"].removesuffix(".html") + ".png"
                (build / chart).write_bytes(_chart(con, row, labels))
                page = claim_template.render(**_claim_context(con, row, Path(chart).name))
                (build / row["page"]).write_text(page, encoding="utf-8")
            outlet_template = env.get_template("site_outlet.html.j2")
            for outlet in outlets:
                page = outlet_template.render(**_outlet_context(con, outlet, pages, labels))
                (build / outlet["page"]).write_text(page, encoding="utf-8")
        index = env.get_template("site_index.html.j2").render(claims=claims, outlets=outlets, root="")
        (build / "index.html").write_text(index, encoding="utf-8")
        templates = Path(__file__).parent / "templates"
        for asset in ASSETS:
            shutil.copyfile(templates / asset, build / asset)
        (build / MARKER).write_text("written by claimtrack site; replaced whole on every write\n", encoding="utf-8")
        _swap(build, out_dir)
    except OSError as exc:
        shutil.rmtree(build, ignore_errors=True)
        raise SiteError(f"site: cannot write {out_dir}: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    return SiteResult(out_dir, len(claims), len(outlets))


def _swap(build: Path, out_dir: Path) -> None:
    """Put the finished `build` where `out_dir` was: renames, so the old site stays whole until then."""
    os.chmod(build, 0o755)
    old = None
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}-old-{os.getpid()}")
        out_dir.rename(old)
    build.rename(out_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
