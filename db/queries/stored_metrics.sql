SELECT metric, kind, unit, tolerance_pct FROM metrics
