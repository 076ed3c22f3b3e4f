-- The ISO week (Monday, UTC) of the newest claim: the week a digest preview shows by default.
SELECT date_trunc('week', max(as_of AT TIME ZONE 'UTC'))::DATE AS week_start FROM claims
