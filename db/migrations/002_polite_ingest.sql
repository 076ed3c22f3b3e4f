-- 002: what ingestion needs to run unattended for months.
--  * feeds back off after repeated failures or a Retry-After (next_poll_at), remember their last
--    good poll, and keep a parser complaint apart from a failure;
--  * articles remember the link their feed gave (a redirect or rel=canonical may change the
--    canonical URL) and their language;
--  * the raw HTML each article's text came from is kept compressed, so text extraction can be
--    re-run without fetching again;
--  * MinHash band keys find near-duplicates (syndicated copies, reposts) among stored articles.

ALTER TABLE feeds ADD COLUMN next_poll_at TIMESTAMPTZ;      -- not polled before this (backoff)
ALTER TABLE feeds ADD COLUMN last_ok_at TIMESTAMPTZ;        -- the last poll that was not an error
ALTER TABLE feeds ADD COLUMN parse_problem VARCHAR;         -- what the parser complained of, last ok poll

ALTER TABLE articles ADD COLUMN entry_url VARCHAR;          -- canonical form of the link in the feed entry
ALTER TABLE articles ADD COLUMN language VARCHAR;           -- ISO 639-1 code, when known
ALTER TABLE articles ADD COLUMN duplicate_score DOUBLE;     -- similarity to duplicate_of (1 = same text)

-- DuckDB updates an indexed column as delete + insert, which a table referenced by foreign
-- keys refuses; content_hash changes when `claimtrack reparse` re-reads an article, so it is
-- not indexed (a scan of the hashes is fast enough for the duplicate check).
DROP INDEX articles_content_hash;
CREATE INDEX articles_entry_url ON articles (entry_url);
CREATE INDEX articles_guid ON articles (guid);

CREATE TABLE article_raw (
    article_id   VARCHAR PRIMARY KEY REFERENCES articles (article_id),
    source       VARCHAR NOT NULL CHECK (source IN ('feed', 'page')),
    url          VARCHAR NOT NULL,                 -- where the HTML came from
    content_type VARCHAR,
    encoding     VARCHAR NOT NULL CHECK (encoding IN ('zlib')),
    raw_bytes    INTEGER NOT NULL CHECK (raw_bytes >= 0),   -- size before compression
    raw          BLOB NOT NULL
);

CREATE TABLE article_bands (
    band_key   BIGINT NOT NULL,                    -- one MinHash band of the article's text, hashed
    article_id VARCHAR NOT NULL REFERENCES articles (article_id)
);
CREATE INDEX article_bands_key ON article_bands (band_key);

CREATE TABLE article_signatures (
    article_id VARCHAR PRIMARY KEY REFERENCES articles (article_id),
    minhash    UINTEGER[] NOT NULL                 -- to confirm a band match by estimated Jaccard
);
