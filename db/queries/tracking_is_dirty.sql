-- Whether a write left claim keys whose tracking is not recomputed yet (checked before a tracked read).
SELECT EXISTS (SELECT 1 FROM internal.tracking_dirty) AS dirty
