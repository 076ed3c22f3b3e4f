-- Polling state of one feed, or of every feed when $feed_id is NULL.
SELECT feed_id, url, etag, last_modified, consecutive_failures, last_polled_at, next_poll_at, last_error
FROM feeds WHERE $feed_id IS NULL OR feed_id = $feed_id
