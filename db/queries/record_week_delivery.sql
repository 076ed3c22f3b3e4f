-- What happened to one week's digest for one channel's target (replacing an earlier attempt's
-- row; a MERGE on the key: a DuckLake has no primary key for INSERT OR REPLACE).
MERGE INTO delivery_log
USING (SELECT $week AS week, $channel AS channel, $target AS target, $status AS status,
              $message_id AS message_id, $attempts AS attempts, $error AS error, now() AS updated_at) AS given
ON delivery_log.week = given.week AND delivery_log.channel = given.channel AND delivery_log.target = given.target
WHEN MATCHED THEN UPDATE SET status = given.status, message_id = given.message_id, attempts = given.attempts,
                             error = given.error, updated_at = given.updated_at
WHEN NOT MATCHED THEN INSERT (week, channel, target, status, message_id, attempts, error, updated_at)
    VALUES (given.week, given.channel, given.target, given.status, given.message_id, given.attempts,
            given.error, given.updated_at)
