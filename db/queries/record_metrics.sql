-- The metric catalogue row of one claim type, replacing what an earlier extraction wrote.
INSERT OR REPLACE INTO metrics (metric, kind, unit, tolerance_pct, label, preposition)
VALUES ($metric, $kind, $unit, $tolerance_pct, $label, $preposition)
