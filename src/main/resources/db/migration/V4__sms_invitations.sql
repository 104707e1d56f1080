-- SMS rating invitations: sent after a case ends, matched with the reply by phone number.
-- Answered = an evaluation of the case exists (joined, not flagged), so it commits with the rating.
CREATE TABLE sms_invitation (
    invitation_id uuid PRIMARY KEY,
    source_id     varchar(64)  NOT NULL,
    phone         varchar(20)  NOT NULL,
    project_no    varchar(50)  NOT NULL,
    case_fields   jsonb        NOT NULL,
    sent_at       timestamptz  NOT NULL,
    created_at    timestamptz  NOT NULL DEFAULT now()
);

CREATE INDEX sms_invitation_phone ON sms_invitation (phone, sent_at DESC);
