-- Every bad rating opens one rectification case, in the evaluation's own transaction (issue 11 §1).
-- One case per case number: a follow-up rating (assessNumber 2) of the same case joins it.
CREATE TABLE rectification_case (
    case_id            uuid         PRIMARY KEY,
    project_no         text         NOT NULL UNIQUE,
    evaluation_id      uuid         NOT NULL UNIQUE REFERENCES evaluation (evaluation_id),
    state              text         NOT NULL DEFAULT 'NEW' CHECK (state IN ('NEW', 'DISPATCHED', 'SIGNED', 'RECTIFYING',
                           'APPEALING', 'EXTENSION_PENDING', 'REPLIED', 'RETURN_VISITED', 'CLOSED', 'REOPENED', 'INVALIDATED')),
    opened_at          timestamptz  NOT NULL DEFAULT now(),
    source_id          text         NOT NULL,
    -- what a handler needs, copied from the rating (personal values stay as the evaluation stores them: encrypted)
    satisfaction       smallint     NOT NULL,
    assess_time        timestamptz  NOT NULL,
    task_code          text,
    task_name          text,
    dept_code          text,
    pro_depart         text,
    area_code          text,
    pf                 text,
    eval_detail        text[]       NOT NULL DEFAULT '{}',
    writing_evaluation text,
    anonymous          boolean      NOT NULL,
    rater_name         text,
    rater_cert_key     text,
    handler            text,
    -- the timeline's length: events are numbered under this row's lock, so concurrent events of one case queue
    events             integer      NOT NULL DEFAULT 0,
    last_event_at      timestamptz  NOT NULL DEFAULT now()
);

CREATE INDEX rectification_case_state ON rectification_case (state, opened_at);
CREATE INDEX rectification_case_area ON rectification_case (area_code, opened_at);

CREATE TABLE case_event (
    case_id  uuid        NOT NULL REFERENCES rectification_case (case_id),
    seq      integer     NOT NULL,
    at       timestamptz NOT NULL DEFAULT now(),
    kind     text        NOT NULL,
    source   text        NOT NULL,
    actor    text        NOT NULL,
    detail   jsonb       NOT NULL DEFAULT '{}',
    PRIMARY KEY (case_id, seq)
);

-- the timeline is append-only: what happened stays as it was recorded
CREATE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'case_event is append-only (% refused)', TG_OP;
END $$;

CREATE TRIGGER case_event_append_only BEFORE UPDATE OR DELETE ON case_event
    FOR EACH ROW EXECUTE FUNCTION case_event_append_only();
