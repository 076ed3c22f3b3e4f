-- What happened to one alert about one change for one channel's target (replacing an earlier
-- attempt's row; a MERGE on the key: a DuckLake has no primary key for INSERT OR REPLACE).
MERGE INTO alert_log
USING (SELECT $alert AS alert, $claim_key AS claim_key, $previous_value AS previous_value,
              $new_value AS new_value, $channel AS channel, $target AS target, $status AS status,
              $message_id AS message_id, $attempts AS attempts, $error AS error, now() AS updated_at) AS given
ON alert_log.alert = given.alert AND alert_log.claim_key = given.claim_key
   AND alert_log.previous_value = given.previous_value AND alert_log.new_value = given.new_value
   AND alert_log.channel = given.channel AND alert_log.target = given.target
WHEN MATCHED THEN UPDATE SET status = given.status, message_id = given.message_id, attempts = given.attempts,
                             error = given.error, updated_at = given.updated_at
WHEN NOT MATCHED THEN INSERT (alert, claim_key, previous_value, new_value, channel, target, status, message_id,
                              attempts, error, updated_at)
    VALUES (given.alert, given.claim_key, given.previous_value, given.new_value, given.channel, given.target,
            given.status, given.message_id, given.attempts, given.error, given.updated_at)
