SELECT feed_id, url, etag, last_modified, consecutive_failures, last_polled_at
FROM feeds WHERE feed_id = $feed_id
