-- Upsert one feed's poll and its health counters.
INSERT INTO feeds (feed_id, url, name, outlet, etag, last_modified, last_polled_at, last_status,
                   http_status, consecutive_failures, last_error, entries_seen, newest_entry_at,
                   next_poll_at, last_ok_at, parse_problem, kind, tags, entries_filtered)
VALUES ($feed_id, $url, $name, $outlet, $etag, $last_modified, $polled_at, $status,
        $http_status, $consecutive_failures, $error, $entries_seen, $newest_entry_at,
        $next_poll_at, CASE WHEN $status = 'error' THEN NULL ELSE $polled_at END, $parse_problem,
        $kind, $tags, $entries_filtered)
ON CONFLICT (feed_id) DO UPDATE SET
    name                 = coalesce(EXCLUDED.name, feeds.name),
    outlet               = coalesce(EXCLUDED.outlet, feeds.outlet),
    -- an ok poll stores exactly the validators it is given: none clears them, so a feed whose
    -- pages failed is read in full next time; a 304 or an error keeps the old ones
    etag                 = CASE WHEN EXCLUDED.last_status = 'ok' THEN EXCLUDED.etag ELSE feeds.etag END,
    last_modified        = CASE WHEN EXCLUDED.last_status = 'ok'
                                THEN EXCLUDED.last_modified ELSE feeds.last_modified END,
    last_polled_at       = EXCLUDED.last_polled_at,
    last_status          = EXCLUDED.last_status,
    http_status          = EXCLUDED.http_status,
    -- counted by the caller from the state at the start of its run, so in-run retries of one
    -- poll count once
    consecutive_failures = EXCLUDED.consecutive_failures,
    last_error           = EXCLUDED.last_error,
    entries_seen         = CASE WHEN EXCLUDED.last_status = 'ok'
                                THEN EXCLUDED.entries_seen ELSE feeds.entries_seen END,
    newest_entry_at      = greatest(EXCLUDED.newest_entry_at, feeds.newest_entry_at),
    next_poll_at         = EXCLUDED.next_poll_at,
    last_ok_at           = coalesce(EXCLUDED.last_ok_at, feeds.last_ok_at),
    -- a 304 says nothing about the document: the last parse's complaint stands
    parse_problem        = CASE WHEN EXCLUDED.last_status = 'ok'
                                THEN EXCLUDED.parse_problem ELSE feeds.parse_problem END,
    -- kind and tags are the config's, whatever the poll's outcome; the filtered count, like
    -- entries_seen, is of the last listing read
    kind                 = EXCLUDED.kind,
    tags                 = EXCLUDED.tags,
    entries_filtered     = CASE WHEN EXCLUDED.last_status = 'ok'
                                THEN EXCLUDED.entries_filtered ELSE feeds.entries_filtered END
