DELETE FROM internal.tracking_dirty
