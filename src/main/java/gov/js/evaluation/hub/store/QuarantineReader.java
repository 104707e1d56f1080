package gov.js.evaluation.hub.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import gov.js.evaluation.hub.protection.PersonalDataDisclosure;
import gov.js.evaluation.hub.validate.FieldError;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a source's quarantined records, oldest first, a page at a time; the raw text decrypted, the
 * identifiers in it masked unless the caller may see personal data.
 */
@Repository
public class QuarantineReader {

    /** One rejected record: where it came from, why it is held (the latest reasons), and its text as received. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuarantineView(long quarantineId, String receiptId, int recordIndex, String sourceRecordId,
                                 String adapterId, String adapterVersion, String receivedAt, String quarantinedAt,
                                 int replayCount, String lastReplayedAt, List<FieldError> errors, String rawPayload) {
    }

    /** A page of a source's quarantine and how many records it holds in all. */
    public record QuarantinePage(String sourceId, long total, int limit, long offset, List<QuarantineView> records) {
    }

    private static final TypeReference<List<FieldError>> ERRORS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final PersonalDataDisclosure disclosure;

    public QuarantineReader(JdbcTemplate jdbc, ObjectMapper json, PersonalDataDisclosure disclosure) {
        this.jdbc = jdbc;
        this.json = json;
        this.disclosure = disclosure;
    }

    /** A page of the source's quarantine, oldest first; only one request's records when {@code receiptId} is given. */
    public QuarantinePage page(String sourceId, int limit, long offset, UUID receiptId) {
        String where = receiptId == null ? "source_id = ?" : "source_id = ? AND receipt_id = ?";
        Object[] keys = receiptId == null ? new Object[] {sourceId} : new Object[] {sourceId, receiptId};
        Long total = jdbc.queryForObject("SELECT count(*) FROM quarantine WHERE " + where, Long.class, keys);
        Object[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(keys), java.util.stream.Stream.of(limit, offset)).toArray();
        List<QuarantineView> records = jdbc.query("""
                SELECT quarantine_id, receipt_id, record_index, source_record_id, adapter_id, adapter_version, received_at,
                       quarantined_at, replay_count, last_replayed_at, errors::text AS errors, raw_payload
                FROM quarantine WHERE
                """ + where + " ORDER BY quarantine_id LIMIT ? OFFSET ?", this::view, args);
        return new QuarantinePage(sourceId, total == null ? 0 : total, limit, offset, records);
    }

    private QuarantineView view(ResultSet rs, int n) throws SQLException {
        return new QuarantineView(rs.getLong("quarantine_id"), rs.getString("receipt_id"), rs.getInt("record_index"),
                rs.getString("source_record_id"), rs.getString("adapter_id"), rs.getString("adapter_version"),
                time(rs, "received_at"), time(rs, "quarantined_at"), rs.getInt("replay_count"), time(rs, "last_replayed_at"),
                json.readValue(rs.getString("errors"), ERRORS), disclosure.rawText(rs.getString("raw_payload")));
    }

    private static String time(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().toString();
    }
}
