"""Full-text search over the stored articles: a word index kept in the database and brought up
to date before each search, articles ranked by BM25, each hit with its best sentence and claims.

DuckDB's own `fts` extension cannot be loaded here (it is downloaded per DuckDB version, and no
package ships it for the version we run), so the index is two tables and plain SQL
(db/migrations/012_search_index.sql, db/queries/search*.sql). Words are letters and digits in
lower case, not stemmed: "stake" does not find "stakes"; give both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import duckdb

from claimtrack.db import sql
from claimtrack.db.connection import run
from claimtrack.db.store import Store
from claimtrack.errors import ClaimtrackError

# words too common to say what an article is about; the query drops them (the index keeps them)
STOPWORDS = frozenset("""a an and are as at be but by for from has have in is it its of on or that the
their this to was were will with""".split())
_WORD = re.compile(r"[^\W_]+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
MAX_CLAIMS = 5                  # claims shown per hit


@dataclass(frozen=True)
class Hit:
    """One article a search found: where it is, how well it matched, and what it claims."""
    article_id: str
    title: str
    outlet: str
    url: str
    published_at: datetime
    score: float
    matched: int                  # how many of the query's words it holds
    snippet: str                  # its sentence holding the most of them
    claims: list[dict[str, Any]] = field(default_factory=list)


def query_terms(words: str) -> list[str]:
    """The words a query looks for, split and lower-cased as the index is, common words left out."""
    terms = [w for w in _WORD.findall(words.lower()) if len(w) > 1 or w.isdigit()]
    kept = [w for w in dict.fromkeys(terms) if w not in STOPWORDS]
    return kept or list(dict.fromkeys(terms))


def refresh_index(store: Store) -> int:
    """Index the articles that are new or changed since the last search, drop those gone; one
    transaction. Returns how many articles were (re)indexed."""
    def index(con: duckdb.DuckDBPyConnection) -> int:
        run(con, sql.query("search_drop_stale_terms"))
        run(con, sql.query("search_drop_stale_docs"))
        before = run(con, "SELECT count(*) FROM internal.search_docs")[0][0]
        run(con, sql.query("search_add_terms"))
        run(con, sql.query("search_add_docs"))
        return run(con, "SELECT count(*) FROM internal.search_docs")[0][0] - before
    return store.batch(index)


def snippet(text: str, terms: list[str], width: int = 240) -> str:
    """The sentence of `text` holding the most of `terms` (the first such), cut to `width`."""
    wanted = set(terms)
    best, best_count = "", -1
    for sentence in _SENTENCE.split(text):
        count = len(wanted & set(_WORD.findall(sentence.lower())))
        if count > best_count:
            best, best_count = sentence.strip(), count
    return best if len(best) <= width else best[: width - 1].rstrip() + "…"


def _relevant(claims: list[dict[str, Any]], terms: list[str]) -> list[dict[str, Any]]:
    """The claims whose sentence holds a query word, else the article's first ones."""
    wanted = set(terms)
    hits = [c for c in claims if wanted & set(_WORD.findall(c["sentence"].lower()))]
    return (hits or claims)[:MAX_CLAIMS]


def search(store: Store, words: str, limit: int = 10) -> list[Hit]:
    """Articles for `words`, best first: those holding more of the words, then by BM25."""
    terms = query_terms(words)
    if not terms:
        raise ClaimtrackError(f"search: no word to look for in {words[:60]!r}")
    if not 1 <= limit <= 1000:
        raise ClaimtrackError(f"search: --limit must be 1 to 1000, not {limit}")
    refresh_index(store)
    rows = store.query("search", terms=terms, limit=limit)
    claims: dict[str, list[dict[str, Any]]] = {}
    if rows:
        for c in store.query("search_hit_claims", ids=[r["article_id"] for r in rows]):
            claims.setdefault(c["article_id"], []).append(c)
    return [Hit(r["article_id"], r["title"], r["outlet"], r["url"], r["published_at"], float(r["score"]),
                int(r["matched"]), snippet(r["text"], terms), _relevant(claims.get(r["article_id"], []), terms))
            for r in rows]
