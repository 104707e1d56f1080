-- Issue 11 §3: the handler systems' case events come through sources as ratings do, and a refused one is kept in its
-- source's quarantine as a rejected rating is (same table, same bound, same replay); record_kind says which it is.
ALTER TABLE quarantine
    ADD COLUMN record_kind text NOT NULL DEFAULT 'evaluation' CHECK (record_kind IN ('evaluation', 'case-event'));
