-- claim_changes: per key of a standing figure, its first value and each change in time order,
-- with the outlet that reported the new value first (kept in internal.tracked_changes, computed by
-- db/tracking/20_tracked_changes.sql for the keys each write touches).
CREATE OR REPLACE VIEW claim_changes AS
SELECT * FROM internal.tracked_changes
ORDER BY claim_key, changed_at;
