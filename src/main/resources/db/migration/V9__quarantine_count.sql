-- How many rejected records each source has in quarantine, kept with the rows (+ when kept, - when replayed
-- into the store or discarded), so that a source's quarantine is bounded (sources/<id>.yaml maxQuarantinedRecords,
-- hub.quarantine.max-records-per-source) without counting its rows per request.
CREATE TABLE quarantine_count (
    source_id varchar(64) PRIMARY KEY,
    records   bigint      NOT NULL
);

INSERT INTO quarantine_count (source_id, records)
SELECT source_id, count(*) FROM quarantine GROUP BY source_id;

-- a request's rejected records, for GET …/quarantine?receiptId= and DELETE …/quarantine?receiptId=
CREATE INDEX quarantine_receipt ON quarantine (receipt_id);
