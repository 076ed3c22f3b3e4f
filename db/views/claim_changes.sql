-- claim_changes: per key of a standing figure, its first value and each change in time order,
-- with the outlet that reported the new value first (kept in internal.tracked_changes, computed by
-- db/tracking/20_tracked_changes.sql for the keys each write touches).
CREATE OR REPLACE VIEW claim_changes AS
SELECT * FROM internal.tracked_changes
ORDER BY claim_key, changed_at;

COMMENT ON VIEW claim_changes IS 'Per key of a standing figure, its first value (previous_value NULL) and each change in order of claim time, with the outlet that reported the new value first.';
COMMENT ON COLUMN claim_changes.claim_key IS 'What "the same claim" means across outlets: subject|metric|object, the canonical names of the parties and the metric joined by |. A subject the sentence does not name is ?, and a claim with no object ends in | (Microsoft|stake_pct|OpenAI, OpenAI|valuation|, ?|risk_warning|).';
COMMENT ON COLUMN claim_changes.subject IS 'Whose figure it is (claims.subject).';
COMMENT ON COLUMN claim_changes.metric IS 'What the figure measures (claims.metric).';
COMMENT ON COLUMN claim_changes.object IS 'The other party, if the metric has one (claims.object).';
COMMENT ON COLUMN claim_changes.previous_value IS 'The value before the change; NULL on the key''s first value.';
COMMENT ON COLUMN claim_changes.new_value IS 'The value from changed_at on, as its first report gave it.';
COMMENT ON COLUMN claim_changes.unit IS 'The unit of the values (claims.unit).';
COMMENT ON COLUMN claim_changes.change_pct IS 'The change relative to previous_value, in percent (rounded to 2 places); NULL on the first value or from 0.';
COMMENT ON COLUMN claim_changes.first_outlet IS 'The outlet that reported new_value first (by publication; history told later aside).';
COMMENT ON COLUMN claim_changes.first_url IS 'The link of that first report.';
COMMENT ON COLUMN claim_changes.changed_at IS 'Since when new_value holds: the claim time of its first report (UTC).';
COMMENT ON COLUMN claim_changes.outlets IS 'How many outlets reported new_value.';
COMMENT ON COLUMN claim_changes.reports IS 'How many reports gave new_value.';
COMMENT ON COLUMN claim_changes.change IS 'new_value minus previous_value, in unit (points for a percentage).';
COMMENT ON COLUMN claim_changes.explicit IS 'Whether a report of new_value named the value before ("27%, down from 32.5%").';
COMMENT ON COLUMN claim_changes.value_group IS 'The group of equal values new_value stands for (claim_values.value_group).';
COMMENT ON COLUMN claim_changes.as_of_basis IS 'How changed_at is known (see claim_timeline.as_of_basis).';
COMMENT ON COLUMN claim_changes.key_kind IS 'The key''s kind: open when every claim of the key is open, else typed.';
