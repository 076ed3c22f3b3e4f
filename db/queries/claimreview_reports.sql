-- Every report of each value a tracked key took: the value's row of claim_changes (its first
-- report, the value before it) beside each claim of its value group, for the ClaimReview export.
SELECT c.claim_key, c.subject, c.metric, c.object, c.unit, c.value_group, c.previous_value, c.new_value,
       c.first_outlet, c.first_url, c.changed_at, c.outlets, c.reports,
       t.claim_id, t.value, t.outlet, t.article_url, t.article_title, t.published_at, t.as_of,
       t.attributed_to, t.speaker, t.sentence
FROM claim_changes c
JOIN internal.tracked_values v ON v.claim_key = c.claim_key AND v.value_group = c.value_group
JOIN claim_timeline t ON t.claim_id = v.claim_id
ORDER BY c.claim_key, c.changed_at, t.published_at, t.claim_id
