-- feed_health: the state of each feed as of its last poll; whether it has gone quiet (a feed
-- that still answers but whose newest entry is older than four times its usual gap between
-- articles: the median of its last 30 gaps, at least a day, learned from its history); and the
-- walls (paywalls, consent walls, bot challenges, error pages) its pages were in the last 30 days.
CREATE OR REPLACE VIEW feed_health AS
WITH recent AS (
    SELECT feed_id, published_at,
           row_number() OVER (PARTITION BY feed_id ORDER BY published_at DESC) AS n
    FROM articles
),
gaps AS (
    SELECT feed_id, epoch(published_at - lag(published_at) OVER (PARTITION BY feed_id ORDER BY published_at)) AS seconds
    FROM recent WHERE n <= 31
),
usual AS (
    SELECT feed_id, median(seconds) / 3600.0 AS usual_gap_hours, count(seconds) AS known_gaps
    FROM gaps WHERE seconds IS NOT NULL GROUP BY feed_id
),
newest AS (
    SELECT feed_id, max(published_at) AS newest_article_at FROM articles GROUP BY feed_id
),
walls AS (                            -- pages found to be walls in the 30 days before the last poll
    SELECT w.feed_id, string_agg(w.wall || ' ' || w.n, ', ' ORDER BY w.wall) AS walls
    FROM (SELECT x.feed_id, x.wall, count(*) AS n
          FROM fetch_failures x JOIN feeds g ON g.feed_id = x.feed_id
          WHERE x.wall IS NOT NULL AND x.failed_at > g.last_polled_at - INTERVAL 30 DAY
          GROUP BY x.feed_id, x.wall) w
    GROUP BY w.feed_id
)
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
    f.entries_filtered,               -- new entries of the last listing read that the filters left out
    round(u.usual_gap_hours, 1) AS usual_gap_hours,   -- median hours between its articles (5+ gaps known)
    coalesce(
        f.last_status IN ('ok', 'not_modified') AND u.known_gaps >= 5
        AND f.last_polled_at - greatest(coalesce(f.newest_entry_at, n.newest_article_at), n.newest_article_at)
            > to_hours(CAST(greatest(4 * u.usual_gap_hours, 24) AS BIGINT)),
        false) AS quiet,               -- answers, but nothing new for 4 usual gaps (at least a day)
    w.walls                           -- e.g. 'bot_challenge 1, paywall 3' (flows/sources/walls.py)
FROM feeds f
LEFT JOIN usual u ON u.feed_id = f.feed_id
LEFT JOIN newest n ON n.feed_id = f.feed_id
LEFT JOIN walls w ON w.feed_id = f.feed_id;

COMMENT ON VIEW feed_health IS 'Each feed as of its last poll: status, failures in a row, backoff, last error, entries, articles and copies stored, whether it has gone quiet, and the walls its pages were.';
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
COMMENT ON COLUMN feed_health.usual_gap_hours IS 'The median hours between the feed''s articles (its last 30), learned from its history; NULL with fewer than two articles.';
COMMENT ON COLUMN feed_health.quiet IS 'True when the feed answers but its newest entry, at its last poll, is older than four usual gaps (and at least a day), once five gaps are known.';
COMMENT ON COLUMN feed_health.walls IS 'Pages of this feed found to be walls in the 30 days before its last poll, by kind: e.g. ''bot_challenge 1, paywall 3''; NULL: none.';
