-- What was delivered of one alert rule's message about one change through one channel, by target.
SELECT target, status, message_id, attempts, error, updated_at
FROM alert_log
WHERE alert = $alert AND claim_key = $claim_key AND previous_value = $previous_value AND new_value = $new_value
  AND channel = $channel
