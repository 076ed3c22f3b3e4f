-- claim_conflicts: two values of one key, beyond the tolerance apart, reported within 7 days of
-- each other (kept in internal.tracked_conflicts, computed by db/tracking/40_tracked_conflicts.sql).
CREATE OR REPLACE VIEW claim_conflicts AS
SELECT * FROM internal.tracked_conflicts
ORDER BY claim_key, window_start;
