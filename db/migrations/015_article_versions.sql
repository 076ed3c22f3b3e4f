-- 015: stories are updated. A known article whose feed entry changed (or, within
-- [ingest] recheck_days of publication, whose page changed) and whose text is now different is
-- a new version of it (flows/sources/versions.py): `articles` holds the newest text, and
-- `article_versions` every text an updated article has had, the first included; each is
-- extracted, and its claims carry the version and date it was read from, so a figure that
-- changes between versions is a change reported by that outlet at the update.
ALTER TABLE articles ADD COLUMN version INTEGER DEFAULT 1;      -- the newest version's number (1: never updated)
ALTER TABLE articles ADD COLUMN updated_at TIMESTAMPTZ;         -- when the newest version came out; NULL for version 1
ALTER TABLE articles ADD COLUMN entry_hash VARCHAR;             -- the feed entry as last seen (title, summary, content, updated)

CREATE TABLE article_versions (
    article_id       VARCHAR NOT NULL REFERENCES articles (article_id),
    version          INTEGER NOT NULL CHECK (version >= 1),
    title            VARCHAR NOT NULL,
    text             VARCHAR NOT NULL,
    text_source      VARCHAR NOT NULL,
    content_hash     VARCHAR NOT NULL,
    published_at     TIMESTAMPTZ NOT NULL,
    published_source VARCHAR NOT NULL CHECK (published_source IN ('feed', 'page', 'fetch')),
    seen_at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, version)
);

ALTER TABLE claims ADD COLUMN version INTEGER DEFAULT 1;

-- validators of the article's page, for a conditional GET when it is read again
ALTER TABLE internal.article_raw ADD COLUMN etag VARCHAR;
ALTER TABLE internal.article_raw ADD COLUMN last_modified VARCHAR;

COMMENT ON COLUMN articles.version IS 'How many versions of the article have been seen: 1 until its feed entry or page changes with a new text (article_versions holds them all then).';
COMMENT ON COLUMN articles.updated_at IS 'When the newest version came out (the entry''s updated date, else when it was seen); NULL for an article never updated.';
COMMENT ON COLUMN articles.entry_hash IS 'A hash of the feed entry as last seen (title, summary, content, updated date): when it changes the article is read again.';
COMMENT ON TABLE article_versions IS 'Every text an updated article has had, version 1 its first: stories republished under the same link with new figures. articles holds the newest; claims.version says which one a claim was read from.';
COMMENT ON COLUMN article_versions.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN article_versions.version IS 'The version''s number, 1 for the text first stored.';
COMMENT ON COLUMN article_versions.title IS 'The headline of this version.';
COMMENT ON COLUMN article_versions.text IS 'The text of this version, the evidence its claims'' character spans point into.';
COMMENT ON COLUMN article_versions.text_source IS 'Where this version''s text came from: page (the article''s page) or feed (the entry''s content or summary).';
COMMENT ON COLUMN article_versions.content_hash IS 'Hash of this version''s text with case and spacing folded.';
COMMENT ON COLUMN article_versions.published_at IS 'When this version came out (UTC): for version 1 the article''s date, for a later one the entry''s updated date, else when it was seen.';
COMMENT ON COLUMN article_versions.published_source IS 'How published_at is known: feed (the entry''s date), page (the page''s date) or fetch (when claimtrack saw it).';
COMMENT ON COLUMN article_versions.seen_at IS 'When claimtrack fetched this version.';
COMMENT ON COLUMN claims.version IS 'Which version of its article the claim was read from (article_versions.version; 1 for an article never updated).';
COMMENT ON COLUMN claims.published_at IS 'When its article was published (articles.published_at), kept on the claim; for a claim of a later version of the article, when that version came out (article_versions.published_at).';
COMMENT ON COLUMN claims.start_char IS 'Where the sentence starts in the text of the article''s version it was read from (articles.text, or article_versions.text for an updated article; 0-based character offset).';
COMMENT ON COLUMN claims.end_char IS 'Where the sentence ends in that text (exclusive).';
