SELECT DISTINCT claim_key FROM internal.tracking_dirty
