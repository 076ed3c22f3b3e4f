-- The newest fetch failures first, for `claimtrack feeds` and tests.
SELECT url, feed_id, kind, error, transient, failed_at
FROM fetch_failures ORDER BY failed_at DESC, url LIMIT 100
