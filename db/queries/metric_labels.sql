-- What a reader calls each claim type (NULL where an extraction before migration 010 wrote it).
SELECT metric, label, preposition FROM metrics
