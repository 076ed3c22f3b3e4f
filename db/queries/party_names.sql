-- Every party stored claims name, with how many claims name it, so that a new claim writes a
-- party the way the store already does: "Unicredit" joins "UniCredit", "Beacon" joins
-- "Beacon Roofing" (extractors/same_party.py decides which names are one party).
SELECT name, count(*) AS reports
FROM (SELECT subject AS name FROM claims WHERE subject IS NOT NULL
      UNION ALL
      SELECT object FROM claims WHERE object IS NOT NULL)
GROUP BY name
