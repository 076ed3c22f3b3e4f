-- The feeds the digest's operator section lists: those failing now, and those gone quiet (they
-- answer, but nothing new for four of their usual gaps: feed_health), each with why.
SELECT feed, url, consecutive_failures, last_polled_at, quiet,
       CASE WHEN last_status = 'error' THEN last_error
            ELSE 'quiet: nothing new since ' || coalesce(strftime(newest_entry_at, '%Y-%m-%d'), 'its last article')
                 || ', when it usually has something every ' || usual_gap_hours || ' h' END AS last_error
FROM feed_health WHERE last_status = 'error' OR quiet ORDER BY quiet, feed
