-- A source sent a rating under a case number (and rating number) another source's rating already holds, with other
-- content: the first stored rating keeps the key, the newcomer is rejected (ALREADY_RATED_CONFLICT), and the collision
-- is kept here for the province's operators (GET /api/v1/collisions), without telling the sender whose it was.
CREATE TABLE case_number_collision (
    collision_id         bigserial   PRIMARY KEY,
    at                   timestamptz NOT NULL DEFAULT now(),
    project_no           varchar(50) NOT NULL,
    assess_number        smallint    NOT NULL,
    source_id            varchar(64) NOT NULL,
    receipt_id           uuid        NOT NULL,
    record_index         integer     NOT NULL,
    holder_source_id     varchar(64) NOT NULL,
    holder_evaluation_id uuid        NOT NULL
);

CREATE INDEX case_number_collision_at ON case_number_collision (at);
