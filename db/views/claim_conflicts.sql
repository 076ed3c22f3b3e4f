-- claim_conflicts: two values of one key, beyond the tolerance apart, reported within 7 days of
-- each other (kept in internal.tracked_conflicts, computed by db/tracking/40_tracked_conflicts.sql).
CREATE OR REPLACE VIEW claim_conflicts AS
SELECT * FROM internal.tracked_conflicts
ORDER BY claim_key, window_start;

COMMENT ON VIEW claim_conflicts IS 'Two values of one key, beyond the tolerance apart, reported within 7 days of each other (stale repeats and history aside): one row per pair of values, with the outlets on each side.';
COMMENT ON COLUMN claim_conflicts.claim_key IS 'What "the same claim" means across outlets: subject|metric|object, the canonical names of the parties and the metric joined by |. A subject the sentence does not name is ?, and a claim with no object ends in | (Microsoft|stake_pct|OpenAI, OpenAI|valuation|, ?|risk_warning|).';
COMMENT ON COLUMN claim_conflicts.subject IS 'Whose figure it is (claims.subject).';
COMMENT ON COLUMN claim_conflicts.metric IS 'What the figure measures (claims.metric).';
COMMENT ON COLUMN claim_conflicts.object IS 'The other party, if the metric has one (claims.object).';
COMMENT ON COLUMN claim_conflicts.low_value IS 'The lower of the two values, as its first report gave it.';
COMMENT ON COLUMN claim_conflicts.low_outlets IS 'The outlets that reported the lower value (a list).';
COMMENT ON COLUMN claim_conflicts.high_value IS 'The higher of the two values, as its first report gave it.';
COMMENT ON COLUMN claim_conflicts.high_outlets IS 'The outlets that reported the higher value (a list).';
COMMENT ON COLUMN claim_conflicts.unit IS 'The unit of the values (claims.unit).';
COMMENT ON COLUMN claim_conflicts.difference_pct IS 'How far above low_value high_value is, in percent (rounded to 2 places).';
COMMENT ON COLUMN claim_conflicts.window_start IS 'The claim time of the earliest report in the pair (UTC).';
COMMENT ON COLUMN claim_conflicts.window_end IS 'The claim time of the latest report in the pair (UTC).';
COMMENT ON COLUMN claim_conflicts.reports IS 'How many reports the pair holds.';
COMMENT ON COLUMN claim_conflicts.key_kind IS 'The key''s kind: open when every claim of the key is open, else typed.';
