-- Changes of tracked figures an alert may report: those first reported by articles extracted
-- since $since (this run's), and those an alert failed to deliver before (tried again).
SELECT c.claim_key, c.subject, c.metric, c.object, c.previous_value, c.new_value, c.unit, c.change_pct,
       c.first_outlet, c.first_url, c.changed_at, c.as_of_basis
FROM claim_changes c
WHERE c.previous_value IS NOT NULL
  AND (EXISTS (SELECT 1 FROM articles a JOIN extractions e ON e.article_id = a.article_id
               WHERE a.canonical_url = c.first_url AND e.extracted_at >= $since)
       OR EXISTS (SELECT 1 FROM alert_log l
                  WHERE l.claim_key = c.claim_key AND l.previous_value = c.previous_value
                    AND l.new_value = c.new_value AND l.status = 'failed'))
ORDER BY c.changed_at, c.claim_key
