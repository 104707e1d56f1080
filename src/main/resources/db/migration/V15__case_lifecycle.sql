-- The case lifecycle (issue 11 §3, §4): each deadline of a case in its own row (sign, answer, rectify; a reopened
-- case's second round has its own), the clock paused while an appeal is open; the sender's event id, so that the
-- same event sent twice is recognised; what a case returns to after an appeal or an extension request.
CREATE TABLE case_deadline (
    case_id          uuid        NOT NULL REFERENCES rectification_case (case_id),
    round            smallint    NOT NULL,
    kind             text        NOT NULL CHECK (kind IN ('SIGN', 'ANSWER', 'RECTIFY')),
    policy           text        NOT NULL,
    runs_from        text        NOT NULL CHECK (runs_from IN ('rating', 'dispatch', 'signing', 'reopening')),
    started_at       timestamptz NOT NULL,
    due_at           timestamptz NOT NULL,
    calendar_assumed boolean     NOT NULL DEFAULT false,
    -- when the hub received the event that met it (never the sender's clock)
    met_at           timestamptz,
    paused_at        timestamptz,
    extended_days    integer     NOT NULL DEFAULT 0,
    near_due_at      timestamptz,
    overdue_at       timestamptz,
    PRIMARY KEY (case_id, round, kind)
);

-- what the deadline watch looks at: deadlines still running
CREATE INDEX case_deadline_running ON case_deadline (due_at) WHERE met_at IS NULL AND paused_at IS NULL;

INSERT INTO case_deadline (case_id, round, kind, policy, runs_from, started_at, due_at, calendar_assumed)
SELECT case_id, 1, 'RECTIFY', 'default', 'rating', assess_time, rectify_due_at, deadline_calendar_assumed
FROM rectification_case WHERE rectify_due_at IS NOT NULL;

ALTER TABLE rectification_case
    DROP COLUMN rectify_due_at,
    DROP COLUMN deadline_calendar_assumed,
    ADD COLUMN round       smallint NOT NULL DEFAULT 1,
    ADD COLUMN kind        text     NOT NULL DEFAULT 'complaint',
    -- the state an open appeal or extension request returns the case to
    ADD COLUMN resume_state text,
    ADD COLUMN requested_extension_days integer,
    ADD COLUMN invalid     boolean  NOT NULL DEFAULT false;

ALTER TABLE case_event ADD COLUMN event_key text;
-- a sender's event id is its own: the same id from the same source twice is one event
CREATE UNIQUE INDEX case_event_key ON case_event (source, event_key) WHERE event_key IS NOT NULL;
