-- claim_values: the claims that carry a figure reported as so (no plans or forecasts), each
-- with its metric's kind and tolerance and its group of equal values (kept in internal.tracked_values,
-- see db/tracking/10_tracked_values.sql). claim_kind is the claim's (typed or open), key_kind its
-- key's: open when every claim of the key is open, else typed.
CREATE OR REPLACE VIEW claim_values AS
SELECT t.claim_key, t.subject, t.metric, t.object, t.value, t.unit, t.previous_value, t.as_of,
       t.outlet, t.attributed_to, t.article_url, t.sentence, t.article_id, t.claim_id,
       v.kind, v.tolerance_pct, v.value_group,
       t.as_of_basis, t.as_of_precision, t.as_of_text, t.status, t.history, t.event_key, t.published_at,
       t.claim_kind, v.key_kind
FROM claim_timeline t
JOIN internal.tracked_values v ON v.claim_id = t.claim_id AND v.claim_key = t.claim_key;   -- a key filter reaches both
