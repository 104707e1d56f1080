-- Replay of quarantined records through the source's current adapter: how often a record was
-- replayed and when last (its errors are then the latest replay's), and keyset chunks per source.

ALTER TABLE quarantine
    ADD COLUMN replay_count     integer NOT NULL DEFAULT 0,
    ADD COLUMN last_replayed_at timestamptz;

CREATE INDEX quarantine_source_id ON quarantine (source_id, quarantine_id);
