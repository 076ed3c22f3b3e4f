-- What happened to one week's digest for one recipient (replacing an earlier attempt's row).
INSERT OR REPLACE INTO digest_log (week, recipient, status, message_id, attempts, error, updated_at)
VALUES ($week, $recipient, $status, $message_id, $attempts, $error, now())
