-- A rejected record is kept once per (source, request or file import, record position): importing the same file
-- again, or taking a chunk again after a failure, adds no second row (the import id of a file is derived from the
-- file). Rows kept twice before are removed, the oldest staying, and the counts are made anew.
DELETE FROM quarantine q USING quarantine older
WHERE q.source_id = older.source_id AND q.receipt_id = older.receipt_id AND q.record_index = older.record_index
  AND q.quarantine_id > older.quarantine_id;

CREATE UNIQUE INDEX quarantine_once_per_record ON quarantine (source_id, receipt_id, record_index);

DELETE FROM quarantine_count;
INSERT INTO quarantine_count (source_id, records) SELECT source_id, count(*) FROM quarantine GROUP BY source_id;
