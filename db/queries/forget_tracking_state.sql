DELETE FROM internal.tracking_state
