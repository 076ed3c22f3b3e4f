SELECT
    (SELECT count(*) FROM feeds)                                 AS feeds,
    (SELECT count(*) FROM articles)                              AS articles,
    (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL) AS duplicates,
    (SELECT count(*) FROM claims)                                AS claims,
    (SELECT count(*) FROM fetch_failures)                        AS failures
