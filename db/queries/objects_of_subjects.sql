-- The objects stored claims give these subjects for these metrics (to join a claim whose
-- object was not found to its subject and metric's only key).
SELECT DISTINCT subject, metric, object
FROM claims
WHERE object IS NOT NULL
  AND subject IN (SELECT unnest($subjects)) AND metric IN (SELECT unnest($metrics))
