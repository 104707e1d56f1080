-- Effectively-once delivery to the national platform. A batch, once formed, never changes: the same records under
-- the same batch id, sent again (same content, same idempotency keys) until the platform answers it, so the platform
-- can recognise a re-send. Each send is recorded before it goes out (sends, last_sent_at, lease_until), the HTTP call
-- holds no connection, and its outcome is committed in a transaction of its own.
CREATE TABLE national_batch (
    batch_id        uuid        PRIMARY KEY,
    seq             bigserial   NOT NULL,
    -- SENDING: a send is (or may be) under way; a drainer that died leaves it so until lease_until
    -- WAITING: the last send got no answer (timeout, refused, 5xx); sent again from next_attempt_at
    -- SETTLED: the platform answered; its records are DELIVERED or DEAD
    -- UNSETTLED: hub.national.max-sends sends without an answer; its records are DEAD with that reason
    state           varchar(10) NOT NULL CHECK (state IN ('SENDING', 'WAITING', 'SETTLED', 'UNSETTLED')),
    records         integer     NOT NULL,
    sends           integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_sent_at    timestamptz,
    lease_until     timestamptz,
    next_attempt_at timestamptz,
    last_error      text,
    settled_at      timestamptz
);

CREATE INDEX national_batch_waiting ON national_batch (next_attempt_at) WHERE state = 'WAITING';
CREATE INDEX national_batch_sending ON national_batch (lease_until) WHERE state = 'SENDING';

-- a record's batch; attempts counts the sends that carried it (a re-send after a crash or timeout included)
ALTER TABLE national_outbox ADD COLUMN batch_id uuid REFERENCES national_batch (batch_id);
ALTER TABLE national_outbox DROP CONSTRAINT national_outbox_state_check;
ALTER TABLE national_outbox ADD CONSTRAINT national_outbox_state_check
    CHECK (state IN ('PENDING', 'SENDING', 'RETRYING', 'DELIVERED', 'DEAD'));
-- records retrying under the old design (no batch) are batched anew
UPDATE national_outbox SET state = 'PENDING' WHERE state = 'RETRYING';
CREATE INDEX national_outbox_batch ON national_outbox (batch_id) WHERE batch_id IS NOT NULL;
-- new batches take the oldest pending records
CREATE INDEX national_outbox_pending ON national_outbox (seq) WHERE state = 'PENDING';
