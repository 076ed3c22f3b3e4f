SELECT feed, url, consecutive_failures, last_error, last_polled_at
FROM feed_health WHERE last_status = 'error' ORDER BY feed
