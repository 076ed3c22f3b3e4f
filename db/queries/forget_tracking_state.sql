DELETE FROM tracking_state
