-- A re-read article's new text (its extraction is dropped by forget_extraction.sql).
UPDATE articles SET text = $text, content_hash = $content_hash WHERE article_id = $article_id
