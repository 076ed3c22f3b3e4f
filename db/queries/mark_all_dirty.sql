-- Every claim key must be tracked again (the metric catalogue changed).
INSERT INTO internal.tracking_dirty SELECT DISTINCT claim_key FROM claims
