"""Tracked claims as schema.org ClaimReview in JSON-LD, the shape fact-checkers and newsrooms
exchange claims in (https://schema.org/ClaimReview).

One review per value a tracked key took (a row of `claim_changes`): the claim reviewed says the
value in words; the claim itself carries it machine-readably (`about`, a PropertyValue with the
key, the value and its unit), the time it holds from (`temporalCoverage`, the first report's
claim time), its first appearance (the outlet that reported it first) and every report of it as
an appearance (URL, date, headline, the outlet as author). claimtrack rates no claim true or
false: the rating says whether the value is the key's current one or was superseded, and by what.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote

from claimtrack.db.store import Store
from claimtrack.errors import ClaimtrackError
from claimtrack.flows.formatting import format_value

FILE_NAME = "claimreview.jsonld"


@dataclass(frozen=True)
class ClaimReviewExport:
    path: Path
    reviews: int
    keys: int


def _party(name: str | None) -> dict[str, Any] | None:
    return {"@type": "Organization", "name": name} if name else None


def _article(r: dict[str, Any]) -> dict[str, Any]:
    """A report's article; a file:// address (a local feed) is left out: it names a local path."""
    url = r["article_url"] if str(r["article_url"]).startswith(("http://", "https://")) else None
    article = {"@type": "NewsArticle", "url": url, "headline": r["article_title"],
               "datePublished": r["published_at"].isoformat(), "author": _party(r["outlet"])}
    return {k: v for k, v in article.items() if v is not None}


def _statement(r: dict[str, Any]) -> str:
    """The claim in words: 'Microsoft · stake_pct · OpenAI: 27%'."""
    parties = " · ".join(p for p in (r["subject"] or "?", r["metric"], r["object"]) if p)
    return f"{parties}: {format_value(r['new_value'], r['unit'])}"


def _rating(change: dict[str, Any], after: dict[str, Any] | None) -> dict[str, Any]:
    if after is None:
        name, why = "Current value", f"The latest value claimtrack tracks for {change['claim_key']}."
    else:
        name = f"Superseded by {format_value(after['new_value'], after['unit'])}"
        why = f"{after['first_outlet']} reported {format_value(after['new_value'], after['unit'])} first, " \
              f"for {after['changed_at']:%Y-%m-%d}."
    reported = f" Reported by {change['outlets']} outlet(s) in {change['reports']} report(s)."
    return {"@type": "Rating", "alternateName": name, "ratingExplanation": why + reported}


def claim_reviews(store: Store, reviewer: str = "claimtrack", now: datetime | None = None) -> list[dict[str, Any]]:
    """A ClaimReview for each row of claim_changes, in key and time order."""
    now = now or datetime.now(timezone.utc)
    changes: dict[tuple[str, int, datetime], dict[str, Any]] = {}
    reports: dict[tuple[str, int, datetime], list[dict[str, Any]]] = {}
    for r in store.query("claimreview_reports"):
        key = (r["claim_key"], r["value_group"], r["changed_at"])
        changes.setdefault(key, r)
        reports.setdefault(key, []).append(r)
    ordered = list(changes)
    reviews = []
    for i, key in enumerate(ordered):
        change = changes[key]
        after = changes[ordered[i + 1]] if i + 1 < len(ordered) and ordered[i + 1][0] == key[0] else None
        first = next((r for r in reports[key] if r["outlet"] == change["first_outlet"]
                      and r["article_url"] == change["first_url"]), reports[key][0])
        claim = {"@type": "Claim", "text": _statement(change),
                 "about": {"@type": "PropertyValue", "propertyID": change["claim_key"], "name": change["metric"],
                           "value": change["new_value"], "unitText": change["unit"] or ""},
                 "temporalCoverage": change["changed_at"].isoformat(),
                 "firstAppearance": _article(first),
                 "appearance": [_article(r) for r in reports[key]]}
        maker = first["attributed_to"] or first["speaker"]
        if maker:
            claim["author"] = _party(maker)
        reviews.append({
            "@type": "ClaimReview",
            "@id": f"urn:claimtrack:{quote(change['claim_key'], safe='')}:{key[2].isoformat()}",
            "claimReviewed": _statement(change),
            "datePublished": now.date().isoformat(),
            "author": _party(reviewer),
            "itemReviewed": claim,
            "reviewRating": _rating(change, after),
        })
    return reviews


def write_claimreview(store: Store, folder: Path, reviewer: str = "claimtrack") -> ClaimReviewExport:
    """FOLDER/claimreview.jsonld: every review in one JSON-LD graph, written whole or not at all."""
    reviews = claim_reviews(store, reviewer)
    path = folder / FILE_NAME
    tmp = folder / f".{FILE_NAME}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps({"@context": "https://schema.org", "@graph": reviews}, ensure_ascii=False, indent=1),
                       encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ClaimtrackError(f"{path}: cannot write the ClaimReview export: {exc.strerror or exc}") from None
    return ClaimReviewExport(path, len(reviews), len({r["itemReviewed"]["about"]["propertyID"] for r in reviews}))
