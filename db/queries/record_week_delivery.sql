-- What happened to one week's digest for one channel's target (replacing an earlier attempt's row).
INSERT OR REPLACE INTO delivery_log (week, channel, target, status, message_id, attempts, error, updated_at)
VALUES ($week, $channel, $target, $status, $message_id, $attempts, $error, now())
