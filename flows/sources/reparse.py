"""Re-read stored raw HTML into article text, without fetching anything again.

When the text extraction improves (a new trafilatura, a fixed fallback), `claimtrack reparse`
runs it over the compressed HTML kept in `internal.article_raw`; an article whose text changes gets
the new text and duplicate fingerprint and loses its extraction row, so the next
`claimtrack extract` redoes its claims. Duplicate links already made are left as they are.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from claimtrack.db.store import Store
from claimtrack.flows.sources.articles import ArticleText, article_text, html_to_text, page_text
from claimtrack.db.dedupe import fingerprint
from claimtrack.errors import ClaimtrackError
from claimtrack.flows.sources.ingest import raw_html

BATCH = 200


@dataclass
class ReparseResult:
    checked: int = 0
    changed: list[str] = field(default_factory=list)       # article ids
    failed: list[str] = field(default_factory=list)        # "article_id: why"


def reread(row: dict) -> ArticleText:
    """The text ingest would store today for this raw row (title line, then the body)."""
    html = raw_html(row)
    if row["source"] == "feed":
        body = html_to_text(html)
    else:
        body = page_text(html, row["url"], find_date=False).text
    return article_text(row["title"], body)


def reparse_articles(store: Store, article_ids: list[str] | None = None) -> ReparseResult:
    """Re-derive the text of stored articles (all, or `article_ids`) from their raw HTML."""
    result = ReparseResult()
    offset = 0
    while True:
        rows = store.query("raw_articles", ids=article_ids, limit=BATCH, offset=offset)
        if not rows:
            return result
        offset += len(rows)
        updates = []
        for row in rows:
            result.checked += 1
            try:
                article = reread(row)
            except ClaimtrackError as exc:
                result.failed.append(f"{row['article_id']}: {exc}")
                continue
            if article.text != row["text"]:
                updates.append({"article_id": row["article_id"], "text": article.text,
                                "fingerprint": fingerprint(row["article_id"], None, article.body)})
        if updates:
            store.update_article_texts(updates)
            result.changed.extend(u["article_id"] for u in updates)
