-- The tracked_* tables were rebuilt by the tracking SQL with this fingerprint.
INSERT INTO internal.tracking_state (fingerprint, rebuilt_at) VALUES ($fingerprint, now())
