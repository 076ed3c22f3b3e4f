-- How stored claims spell the parties whose names, in lower case, are among $names (so that a
-- new claim writes a party the way the store already does: "Unicredit" joins "UniCredit").
SELECT name, count(*) AS reports
FROM (SELECT subject AS name FROM claims WHERE subject IS NOT NULL
      UNION ALL
      SELECT object FROM claims WHERE object IS NOT NULL)
WHERE lower(name) IN (SELECT unnest($names))
GROUP BY name
