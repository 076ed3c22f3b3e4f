-- The pages of each asking feed found to be walls since its `since`: not fetched again before a
-- day has passed. The table given_feeds (lookup, feed_id, since) numbers the polls asking.
SELECT DISTINCT q.lookup, f.url
FROM given_feeds q
JOIN fetch_failures f ON f.feed_id = q.feed_id AND f.wall IS NOT NULL AND f.failed_at > q.since
