SELECT recipient, status, message_id, attempts, error, updated_at FROM digest_log WHERE week = $week
