-- What happened to one alert about one change for one channel's target (replacing an earlier attempt's row).
INSERT OR REPLACE INTO alert_log (alert, claim_key, previous_value, new_value, channel, target, status, message_id,
                                  attempts, error, updated_at)
VALUES ($alert, $claim_key, $previous_value, $new_value, $channel, $target, $status, $message_id, $attempts, $error,
        now())
