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
