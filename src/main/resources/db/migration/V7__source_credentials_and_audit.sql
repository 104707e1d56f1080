-- Source credentials (HMAC-SM3 request signing), the nonces already used with them, and the
-- append-only audit of what operators did.

CREATE TABLE source_key (
    key_id     text PRIMARY KEY,
    source_id  text        NOT NULL,
    -- the shared secret, SM4-GCM encrypted (PersonalDataCipher's stored form "sm4:<keyId>:<base64>")
    secret     text        NOT NULL,
    state      text        NOT NULL CHECK (state IN ('ACTIVE', 'REVOKED')),
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text        NOT NULL,
    revoked_at timestamptz,
    revoked_by text
);

CREATE INDEX source_key_source ON source_key (source_id, state);

-- A nonce is refused a second time while its request's timestamp could still be accepted; kept in
-- PostgreSQL so every instance sees it. Expired rows are purged periodically.
CREATE TABLE source_used_nonce (
    source_id  text        NOT NULL,
    nonce      text        NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (source_id, nonce)
);

CREATE INDEX source_used_nonce_expiry ON source_used_nonce (expires_at);

CREATE TABLE operator_audit (
    id     bigserial PRIMARY KEY,
    at     timestamptz NOT NULL DEFAULT now(),
    actor  text        NOT NULL,
    action text        NOT NULL,
    target text        NOT NULL,
    detail jsonb       NOT NULL DEFAULT '{}'::jsonb
);

-- Append-only, enforced by the database so that no code path (nor a careless SQL session) can rewrite history.
CREATE FUNCTION operator_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'operator_audit is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER operator_audit_no_update_delete BEFORE UPDATE OR DELETE ON operator_audit
    FOR EACH ROW EXECUTE FUNCTION operator_audit_append_only();
CREATE TRIGGER operator_audit_no_truncate BEFORE TRUNCATE ON operator_audit
    FOR EACH STATEMENT EXECUTE FUNCTION operator_audit_append_only();
