SELECT DISTINCT claim_key FROM tracking_dirty
