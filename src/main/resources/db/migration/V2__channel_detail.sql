-- What the national field set has no place for: which mobile app, which device in which hall,
-- which 12345 work order. Kept in the provincial store, never pushed upward.
ALTER TABLE evaluation ADD COLUMN channel_detail jsonb NOT NULL DEFAULT '{}';
ALTER TABLE quarantine ADD COLUMN channel_detail jsonb;
