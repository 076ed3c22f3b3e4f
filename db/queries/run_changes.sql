-- Changes of tracked figures first reported by articles extracted since $since (this run's).
SELECT c.claim_key, c.previous_value, c.new_value, c.unit, c.change_pct, c.first_outlet, c.changed_at
FROM claim_changes c
JOIN articles a ON a.canonical_url = c.first_url
JOIN extractions e ON e.article_id = a.article_id
WHERE e.extracted_at >= $since AND c.previous_value IS NOT NULL
ORDER BY c.changed_at
