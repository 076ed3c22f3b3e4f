SELECT feed, url, last_polled_at, last_status, http_status, consecutive_failures, last_error,
       next_poll_at, last_ok_at, parse_problem, entries_seen, newest_entry_at, articles,
       kind, tags, entries_filtered, usual_gap_hours, quiet, walls
FROM feed_health ORDER BY feed
