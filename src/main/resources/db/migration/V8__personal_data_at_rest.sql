-- Personal data at rest: certKey, rater names, phone numbers and the source's own texts are stored
-- SM4-encrypted ("sm4:<keyId>:<base64>", longer than the clear values), with keyed SM3 blind indexes
-- for exact lookups. Rows written in clear before this change are encrypted at start-up by the hub
-- (StoredPersonalDataEncryption), which also fills the indexes.

ALTER TABLE evaluation
    ALTER COLUMN cert_key TYPE text,
    ALTER COLUMN user_name TYPE text,
    ADD COLUMN cert_key_index char(64);

CREATE INDEX evaluation_cert_key_index ON evaluation (cert_key_index);

-- the decoded record is kept encrypted as a whole, which is no longer JSON
ALTER TABLE quarantine ALTER COLUMN source_tree TYPE text USING source_tree::text;

ALTER TABLE sms_invitation
    ALTER COLUMN phone TYPE text,
    ADD COLUMN phone_index char(64);

DROP INDEX sms_invitation_phone;
CREATE INDEX sms_invitation_phone_index ON sms_invitation (phone_index, sent_at DESC);
