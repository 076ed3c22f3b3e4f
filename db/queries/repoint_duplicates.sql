-- A new article published before a group's stored original becomes the group's original.
UPDATE articles
SET duplicate_of    = $new_original,
    duplicate_score = CASE WHEN article_id = $old_original THEN $score ELSE duplicate_score END
WHERE article_id = $old_original OR duplicate_of = $old_original
