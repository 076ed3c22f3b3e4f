-- Every claim key that carries figures, with its parts (to find a key from words).
SELECT DISTINCT claim_key, subject, metric, object FROM claim_values ORDER BY claim_key
