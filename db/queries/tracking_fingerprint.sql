-- The fingerprint of the tracking SQL that built the tracked_* tables (NULL: never built).
SELECT max(fingerprint) AS fingerprint FROM internal.tracking_state
