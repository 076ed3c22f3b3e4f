-- 004: which digest went to whom, so a week is never sent twice to a recipient.
-- A row is written as 'sending' before the message goes out and becomes 'sent' (or 'failed')
-- after; a 'sending' row left by a process that died mid-send may have been delivered, so it
-- is not sent again without --resend.
CREATE TABLE digest_log (
    week        VARCHAR NOT NULL,                 -- ISO week, 2025-W44
    recipient   VARCHAR NOT NULL,
    status      VARCHAR NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
    message_id  VARCHAR NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    error       VARCHAR,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (week, recipient)
);
