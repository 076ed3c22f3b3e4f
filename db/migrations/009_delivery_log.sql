-- 009: one delivery log for every channel. What went where is keyed by (week, channel, target),
-- so "never twice" holds for email, Apprise and any other channel alike; digest_log's rows
-- (week, recipient) are kept as the 'email' channel's. A row is 'sending' before a delivery
-- and 'sent' or 'failed' after; a 'sending' row left by a process that died mid-send may have
-- been delivered, so it is not sent again without --resend.
CREATE TABLE delivery_log (
    week        VARCHAR NOT NULL,                 -- ISO week of the digest, 2025-W44
    channel     VARCHAR NOT NULL,                 -- 'email' ([digest] recipients) or a [[channels]] name
    target      VARCHAR NOT NULL,                 -- an address, an Apprise URL without its secrets, $VARIABLE
    status      VARCHAR NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
    message_id  VARCHAR,                          -- the Message-ID of an email, the id of any delivery
    attempts    INTEGER NOT NULL DEFAULT 0,
    error       VARCHAR,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (week, channel, target)
);

INSERT INTO delivery_log (week, channel, target, status, message_id, attempts, error, updated_at)
SELECT week, 'email', recipient, status, message_id, attempts, error, updated_at FROM digest_log;

DROP TABLE digest_log;

-- Alerts ([[alerts]] rules) sent on a change of a tracked figure, once per rule, change and
-- target: a change is known by its key and its two values, whatever run finds it again.
CREATE TABLE alert_log (
    alert           VARCHAR NOT NULL,             -- the rule's name
    claim_key       VARCHAR NOT NULL,
    previous_value  DOUBLE NOT NULL,
    new_value       DOUBLE NOT NULL,
    channel         VARCHAR NOT NULL,
    target          VARCHAR NOT NULL,
    status          VARCHAR NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
    message_id      VARCHAR,
    attempts        INTEGER NOT NULL DEFAULT 0,
    error           VARCHAR,
    updated_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (alert, claim_key, previous_value, new_value, channel, target)
);
