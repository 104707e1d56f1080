package gov.js.evaluation.hub.store;

import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.ingest.IngestRecord;
import java.sql.Timestamp;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;

/** Keeps every rejected record with its raw text, its source and the reasons, for inspection and replay. */
@Repository
public class QuarantineStore {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public QuarantineStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void keep(IngestBatch batch, IngestRecord record) {
        jdbc.update("""
                INSERT INTO quarantine (source_id, receipt_id, record_index, source_record_id, adapter_id, adapter_version,
                                        raw_payload, unified, errors, received_at, channel_detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb)""",
                batch.source().id(), UUID.fromString(batch.receiptId()), record.index(), record.sourceRecordId(),
                batch.adapter().descriptor().id(), batch.adapter().descriptor().version(), record.rawText(),
                record.unified() == null ? null : json.writeValueAsString(record.unified()),
                json.writeValueAsString(record.errors()), Timestamp.from(batch.receivedAt()),
                record.channelDetail() == null ? null : record.channelDetail().toString());
    }

    public int countForSource(String sourceId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM quarantine WHERE source_id = ?", Integer.class, sourceId);
        return n == null ? 0 : n;
    }
}
