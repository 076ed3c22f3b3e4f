-- The metric catalogue row of one claim type, replacing what an earlier extraction wrote
-- (a MERGE on the key: a DuckLake has no primary key for INSERT OR REPLACE).
MERGE INTO metrics
USING (SELECT $metric AS metric, $kind AS kind, $unit AS unit, $tolerance_pct AS tolerance_pct,
              $label AS label, $preposition AS preposition) AS given
ON metrics.metric = given.metric
WHEN MATCHED THEN UPDATE SET kind = given.kind, unit = given.unit, tolerance_pct = given.tolerance_pct,
                             label = given.label, preposition = given.preposition
WHEN NOT MATCHED THEN INSERT (metric, kind, unit, tolerance_pct, label, preposition)
    VALUES (given.metric, given.kind, given.unit, given.tolerance_pct, given.label, given.preposition)
