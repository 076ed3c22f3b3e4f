-- 012: the word index behind `claimtrack search`. An article's title and text are split into
-- words (lower case, letters and digits) once; title words count twice. The index is brought
-- up to date before each search (db/search.py): articles that are new or whose title or text
-- changed are indexed again, and those gone are dropped. Internal: read by the search only.
CREATE SCHEMA IF NOT EXISTS internal;

CREATE TABLE internal.search_docs (
    article_id   VARCHAR PRIMARY KEY,
    source_hash  VARCHAR NOT NULL,      -- md5 of the title and content hash indexed, to notice a reparse
    length       INTEGER NOT NULL       -- weighted words, for BM25's length normalisation
);

CREATE TABLE internal.search_terms (
    article_id   VARCHAR NOT NULL,
    term         VARCHAR NOT NULL,
    tf           INTEGER NOT NULL       -- weighted occurrences in the article (title words twice)
);                                      -- no key: an ART index on millions of rows costs more than it saves
