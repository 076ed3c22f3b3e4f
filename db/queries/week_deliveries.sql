-- What was delivered of one week's digest through one channel, by target.
SELECT target, status, message_id, attempts, error, updated_at
FROM delivery_log WHERE week = $week AND channel = $channel
