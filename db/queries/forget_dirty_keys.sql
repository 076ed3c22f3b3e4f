DELETE FROM tracking_dirty
