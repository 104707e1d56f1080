-- Where the hub has read each pulled source up to. rest-pull keeps the cursor the city's API returned
-- with the last committed page; jdbc-poll keeps the watermark columns' values of the last committed row
-- (a JSON object, values in the city database's own text form). A watermark moves in the same
-- transaction as the records it covers, and only from the value the puller started from, so after a
-- restart (or with several hub instances) nothing is fetched twice or missed.
CREATE TABLE pull_watermark (
    source_id   varchar(64) PRIMARY KEY,
    transport   varchar(16) NOT NULL,
    watermark   text        NOT NULL,
    records     bigint      NOT NULL DEFAULT 0,   -- records committed while this source's watermark moved
    advanced_at timestamptz NOT NULL DEFAULT now()
);
