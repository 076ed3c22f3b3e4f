SELECT metric, kind, unit, tolerance_pct, label, preposition FROM metrics
