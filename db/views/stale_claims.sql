-- stale_claims: reports repeating a value older than the latest value known when they were
-- published (kept in internal.tracked_stale, computed by db/tracking/30_tracked_stale.sql).
CREATE OR REPLACE VIEW stale_claims AS
SELECT * FROM internal.tracked_stale
ORDER BY claim_key, as_of;
