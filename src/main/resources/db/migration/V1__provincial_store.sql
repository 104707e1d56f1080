-- The provincial store: accepted evaluations with queryable columns, the raw payload beside them,
-- the outbox towards the national platform, and the quarantine of rejected records.

CREATE TABLE evaluation (
    evaluation_id      uuid PRIMARY KEY,
    project_no         varchar(50)  NOT NULL,
    assess_number      smallint     NOT NULL,
    task_code          varchar(50)  NOT NULL,
    task_handle_item   varchar(50),
    task_name          varchar(500) NOT NULL,
    sub_matter         varchar(2),
    dept_code          char(18)     NOT NULL,
    pro_depart         varchar(200) NOT NULL,
    pro_manager        varchar(100),
    area_code          char(12)     NOT NULL,
    pro_status         varchar(2),
    pf                 varchar(2)   NOT NULL,
    user_prop          varchar(2)   NOT NULL,
    user_name          varchar(100),
    user_page_type     varchar(10),
    cert_key           varchar(50),
    satisfaction       smallint     NOT NULL,
    eval_detail        text[]       NOT NULL DEFAULT '{}',
    writing_evaluation text,
    assess_time        timestamptz  NOT NULL,
    accept_date        timestamptz,
    promise_time       varchar(2),
    data_source        char(3)      NOT NULL,
    anonymity_flag     varchar(2),
    public_flag        varchar(2),
    -- where it came from
    source_id          varchar(64)  NOT NULL,
    source_record_id   varchar(128),
    adapter_id         varchar(64)  NOT NULL,
    adapter_version    varchar(32)  NOT NULL,
    receipt_id         uuid         NOT NULL,
    received_at        timestamptz  NOT NULL,
    stored_at          timestamptz  NOT NULL DEFAULT now(),
    -- the unified record as pushed upward, its digest (duplicate vs conflict), and what the source sent
    unified            jsonb        NOT NULL,
    content_hash       char(64)     NOT NULL,
    raw_payload        text         NOT NULL,
    CONSTRAINT evaluation_one_rating_per_case UNIQUE (project_no, assess_number)
);

CREATE INDEX evaluation_source_received ON evaluation (source_id, received_at);
CREATE INDEX evaluation_area_assess_time ON evaluation (area_code, assess_time);
CREATE INDEX evaluation_bad_ratings ON evaluation (assess_time) WHERE satisfaction < 3;

CREATE TABLE national_outbox (
    evaluation_id   uuid PRIMARY KEY REFERENCES evaluation (evaluation_id),
    seq             bigserial   NOT NULL,
    state           varchar(10) NOT NULL DEFAULT 'PENDING'
                    CHECK (state IN ('PENDING', 'RETRYING', 'DELIVERED', 'DEAD')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_attempt_at timestamptz,
    last_error      text,
    delivered_at    timestamptz,
    enqueued_at     timestamptz NOT NULL DEFAULT now()
);

-- the drain's query: due rows that still need sending, oldest first
CREATE INDEX national_outbox_due ON national_outbox (next_attempt_at, seq) WHERE state IN ('PENDING', 'RETRYING');

CREATE TABLE quarantine (
    quarantine_id    bigserial PRIMARY KEY,
    source_id        varchar(64) NOT NULL,
    receipt_id       uuid        NOT NULL,
    record_index     integer     NOT NULL,
    source_record_id varchar(128),
    adapter_id       varchar(64) NOT NULL,
    adapter_version  varchar(32) NOT NULL,
    raw_payload      text,
    unified          jsonb,
    errors           jsonb       NOT NULL,
    received_at      timestamptz NOT NULL,
    quarantined_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX quarantine_source ON quarantine (source_id, quarantined_at);
