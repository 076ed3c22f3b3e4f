-- The figures stored claims give each of the parties $names (as subject or object): whether a
-- short name and a longer one were told one figure, and so are one party (extractors/same_party.py).
SELECT subject AS subject, NULL AS object, metric, value FROM claims
WHERE subject IN (SELECT unnest($names)) AND value IS NOT NULL
UNION ALL
SELECT NULL, object, metric, value FROM claims
WHERE object IN (SELECT unnest($names)) AND value IS NOT NULL
