-- The case outbox (issue 11 §2, §4, §5): one message per (case, event, purpose), written in the event's own
-- transaction: DISPATCH when a case opens (with the OPENED event), REMINDER (督办) for NEAR_DUE / OVERDUE, UPWARD for
-- RECTIFIED, APPEAL_UPHELD and RETURN_VISITED. message_id is the idempotency key a target de-duplicates on; body is
-- built once, at the first send, and sent the same every time after.
CREATE TABLE case_outbox (
    message_id      uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id         uuid        NOT NULL REFERENCES rectification_case (case_id),
    seq             integer     NOT NULL,
    purpose         text        NOT NULL CHECK (purpose IN ('DISPATCH', 'REMINDER', 'UPWARD')),
    -- a case's messages go in seq order within a lane: dispatch and reminders to the handler, upward records
    lane            text        NOT NULL CHECK (lane IN ('handler', 'upward')),
    -- null until the first send: the routing rules in use then choose a dispatch's target
    target          text,
    route_rule      text,
    state           text        NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'SENDING', 'RETRYING', 'DELIVERED', 'DEAD')),
    sends           integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_until     timestamptz,
    last_sent_at    timestamptz,
    settled_at      timestamptz,
    last_error      text,
    -- the target's own number for the case (a 12345 work order), from its answer to the dispatch
    work_order_no   text,
    body            text,
    UNIQUE (case_id, seq, purpose)
);

-- what the drainer looks at: messages not yet settled
CREATE INDEX case_outbox_open ON case_outbox (next_attempt_at) WHERE state IN ('PENDING', 'SENDING', 'RETRYING');
CREATE INDEX case_outbox_case ON case_outbox (case_id, lane, seq);

-- cases opened before this migration and not yet dispatched get their dispatch now
INSERT INTO case_outbox (case_id, seq, purpose, lane)
SELECT case_id, 1, 'DISPATCH', 'handler' FROM rectification_case WHERE state = 'NEW';
