-- Upsert feeds' polls and their health counters, one row per feed in the table given_polls (the
-- polls' rows as ingest makes them: flows/sources/ingest.py poll_row); a MERGE on the key, as a
-- DuckLake has no primary key to conflict on.
MERGE INTO feeds
USING (SELECT feed_id, url, name, outlet, etag, last_modified, polled_at AS last_polled_at, status AS last_status,
              http_status, consecutive_failures, error AS last_error, entries_seen, newest_entry_at, next_poll_at,
              CASE WHEN status = 'error' THEN NULL ELSE polled_at END AS last_ok_at,
              parse_problem, kind, tags, entries_filtered
       FROM given_polls) AS given
ON feeds.feed_id = given.feed_id
WHEN NOT MATCHED THEN INSERT (feed_id, url, name, outlet, etag, last_modified, last_polled_at, last_status,
                              http_status, consecutive_failures, last_error, entries_seen, newest_entry_at,
                              next_poll_at, last_ok_at, parse_problem, kind, tags, entries_filtered)
    VALUES (given.feed_id, given.url, given.name, given.outlet, given.etag, given.last_modified,
            given.last_polled_at, given.last_status, given.http_status, given.consecutive_failures,
            given.last_error, given.entries_seen, given.newest_entry_at, given.next_poll_at, given.last_ok_at,
            given.parse_problem, given.kind, given.tags, given.entries_filtered)
WHEN MATCHED THEN UPDATE SET
    name                 = coalesce(given.name, feeds.name),
    outlet               = coalesce(given.outlet, feeds.outlet),
    -- an ok poll stores exactly the validators it is given: none clears them, so a feed whose
    -- pages failed is read in full next time; a 304 or an error keeps the old ones
    etag                 = CASE WHEN given.last_status = 'ok' THEN given.etag ELSE feeds.etag END,
    last_modified        = CASE WHEN given.last_status = 'ok'
                                THEN given.last_modified ELSE feeds.last_modified END,
    last_polled_at       = given.last_polled_at,
    last_status          = given.last_status,
    http_status          = given.http_status,
    -- counted by the caller from the state at the start of its run, so in-run retries of one
    -- poll count once
    consecutive_failures = given.consecutive_failures,
    last_error           = given.last_error,
    entries_seen         = CASE WHEN given.last_status = 'ok'
                                THEN given.entries_seen ELSE feeds.entries_seen END,
    newest_entry_at      = greatest(given.newest_entry_at, feeds.newest_entry_at),
    next_poll_at         = given.next_poll_at,
    last_ok_at           = coalesce(given.last_ok_at, feeds.last_ok_at),
    -- a 304 says nothing about the document: the last parse's complaint stands
    parse_problem        = CASE WHEN given.last_status = 'ok'
                                THEN given.parse_problem ELSE feeds.parse_problem END,
    -- kind and tags are the config's, whatever the poll's outcome; the filtered count, like
    -- entries_seen, is of the last listing read
    kind                 = given.kind,
    tags                 = given.tags,
    entries_filtered     = CASE WHEN given.last_status = 'ok'
                                THEN given.entries_filtered ELSE feeds.entries_filtered END
