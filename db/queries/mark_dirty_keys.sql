-- These claim keys gained or lost claims: their tracking is recomputed at the end of the run.
INSERT INTO internal.tracking_dirty SELECT DISTINCT unnest($keys)
