-- Rows of one derived tracking table (internal.{table}, named by db/tracking/, never by input) for
-- these keys, or all of them, before they are computed again.
DELETE FROM internal.{table} WHERE $all OR claim_key IN (SELECT unnest($keys))
