-- The pages of a feed found to be walls since $since: not fetched again before a day has passed.
SELECT DISTINCT url FROM fetch_failures
WHERE feed_id = $feed_id AND wall IS NOT NULL AND failed_at > $since
