-- 001: feeds, articles, fetch failures, extraction runs and claims.
-- Every claim row carries its evidence: article, sentence, character span, extractor version.

CREATE TABLE feeds (
    feed_id              VARCHAR PRIMARY KEY,          -- sha1 of the feed URL, first 16 hex
    url                  VARCHAR NOT NULL UNIQUE,
    name                 VARCHAR,                      -- from config, else the channel title
    outlet               VARCHAR,                      -- the channel title as the feed gives it
    etag                 VARCHAR,
    last_modified        VARCHAR,
    last_polled_at       TIMESTAMPTZ,
    last_status          VARCHAR CHECK (last_status IN ('ok', 'not_modified', 'error')),
    http_status          INTEGER,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_error           VARCHAR,
    entries_seen         INTEGER NOT NULL DEFAULT 0,
    newest_entry_at      TIMESTAMPTZ
);

CREATE TABLE articles (
    article_id       VARCHAR PRIMARY KEY,              -- sha1 of the canonical URL, first 16 hex
    feed_id          VARCHAR NOT NULL REFERENCES feeds (feed_id),
    url              VARCHAR NOT NULL,
    canonical_url    VARCHAR NOT NULL UNIQUE,
    guid             VARCHAR,
    title            VARCHAR NOT NULL,
    author           VARCHAR,
    outlet           VARCHAR NOT NULL,
    published_at     TIMESTAMPTZ NOT NULL,
    published_source VARCHAR NOT NULL CHECK (published_source IN ('feed', 'page', 'fetch')),
    fetched_at       TIMESTAMPTZ NOT NULL,
    text             VARCHAR NOT NULL,
    text_source      VARCHAR NOT NULL CHECK (text_source IN ('feed', 'page')),
    content_hash     VARCHAR NOT NULL,                 -- sha1 of the normalised text
    duplicate_of     VARCHAR                           -- the article this one repeats, if any
);
CREATE INDEX articles_content_hash ON articles (content_hash);

CREATE TABLE fetch_failures (
    url         VARCHAR NOT NULL,
    feed_id     VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL CHECK (kind IN ('feed', 'page')),
    error       VARCHAR NOT NULL,
    transient   BOOLEAN NOT NULL,
    failed_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE extractions (
    article_id        VARCHAR PRIMARY KEY REFERENCES articles (article_id),
    extractor_version VARCHAR NOT NULL,
    extracted_at      TIMESTAMPTZ NOT NULL,
    claims            INTEGER NOT NULL,
    error             VARCHAR
);

CREATE TABLE claims (
    claim_id          VARCHAR PRIMARY KEY,             -- article, span and metric, hashed
    article_id        VARCHAR NOT NULL REFERENCES articles (article_id),
    claim_key         VARCHAR NOT NULL,                -- subject | metric | object
    subject           VARCHAR,
    object            VARCHAR,
    metric            VARCHAR NOT NULL,
    value             DOUBLE,
    unit              VARCHAR CHECK (unit IS NULL OR unit IN ('percent', 'percentage_points', 'basis_points', 'year', 'count')
                                     OR regexp_full_match(unit, '[A-Z]{3}')),
    previous_value    DOUBLE,
    qualifier         VARCHAR,
    topic             VARCHAR,
    stance            VARCHAR CHECK (stance IS NULL OR stance IN ('warns', 'dismisses')),
    attributed_to     VARCHAR,
    speaker           VARCHAR,
    sentence          VARCHAR NOT NULL,
    start_char        INTEGER NOT NULL CHECK (start_char >= 0),
    end_char          INTEGER NOT NULL,
    as_of             TIMESTAMPTZ NOT NULL,
    extractor_version VARCHAR NOT NULL,
    CHECK (end_char > start_char),
    CHECK (metric <> 'risk_warning' OR stance IS NOT NULL)
);
CREATE INDEX claims_key ON claims (claim_key);
CREATE INDEX claims_article ON claims (article_id);
