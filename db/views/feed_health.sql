-- feed_health: the state of each feed as of its last poll.
CREATE OR REPLACE VIEW feed_health AS
SELECT
    f.feed_id,
    coalesce(f.name, f.outlet, f.url) AS feed,
    f.url,
    f.last_polled_at,
    f.last_status,
    f.http_status,
    f.consecutive_failures,
    f.last_error,
    f.next_poll_at,                   -- backing off until then (NULL: polled on every run)
    f.last_ok_at,
    f.parse_problem,                  -- what the parser complained of in the last document read
    f.entries_seen,
    f.newest_entry_at,
    (SELECT count(*) FROM articles a WHERE a.feed_id = f.feed_id) AS articles,
    (SELECT count(*) FROM articles a WHERE a.feed_id = f.feed_id AND a.duplicate_of IS NOT NULL) AS duplicates,
    f.kind,                           -- rss, sitemap, urls, or a kind registered in code
    CASE WHEN coalesce(f.tags, '') = '' THEN []::VARCHAR[] ELSE string_split(f.tags, ',') END AS tags,
    f.entries_filtered                -- new entries of the last listing read that the filters left out
FROM feeds f;

COMMENT ON VIEW feed_health IS 'Each feed as of its last poll: status, failures in a row, backoff, last error, entries, articles and copies stored.';
COMMENT ON COLUMN feed_health.feed_id IS 'The feed''s id (feeds.feed_id).';
COMMENT ON COLUMN feed_health.feed IS 'The feed''s name: from the config, else the listing''s title, else its URL.';
COMMENT ON COLUMN feed_health.url IS 'The listing polled: an http(s) URL, or a file: URL.';
COMMENT ON COLUMN feed_health.last_polled_at IS 'When the feed was last polled (UTC).';
COMMENT ON COLUMN feed_health.last_status IS 'The outcome of the last poll: ok, not_modified (HTTP 304) or error.';
COMMENT ON COLUMN feed_health.http_status IS 'The HTTP status code of the last poll; NULL for a file or when no answer came.';
COMMENT ON COLUMN feed_health.consecutive_failures IS 'Polls in a row that ended in an error; 0 after a good one.';
COMMENT ON COLUMN feed_health.last_error IS 'The error of the last poll that failed, in one line.';
COMMENT ON COLUMN feed_health.next_poll_at IS 'Not polled before this time while backing off; NULL: polled on every run.';
COMMENT ON COLUMN feed_health.last_ok_at IS 'When a poll last ended in no error.';
COMMENT ON COLUMN feed_health.parse_problem IS 'What the feed parser complained of in the last document read that still gave entries; NULL: nothing.';
COMMENT ON COLUMN feed_health.entries_seen IS 'How many entries the listing held at its last read.';
COMMENT ON COLUMN feed_health.newest_entry_at IS 'The date of the newest entry at its last read.';
COMMENT ON COLUMN feed_health.articles IS 'Articles stored from this feed.';
COMMENT ON COLUMN feed_health.duplicates IS 'Of those, how many repeat another article (syndicated copies, reposts).';
COMMENT ON COLUMN feed_health.kind IS 'How the listing is read: rss (RSS, Atom, JSON Feed), sitemap, urls, or a kind registered in code.';
COMMENT ON COLUMN feed_health.tags IS 'The feed''s tags in the config (a list).';
COMMENT ON COLUMN feed_health.entries_filtered IS 'Of the new entries the last listing read gave, how many the include/exclude filters left out.';
