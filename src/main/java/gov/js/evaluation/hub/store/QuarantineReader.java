package gov.js.evaluation.hub.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import gov.js.evaluation.hub.access.OperatorScope;
import gov.js.evaluation.hub.protection.PersonalDataDisclosure;
import gov.js.evaluation.hub.validate.FieldError;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a source's quarantined records, oldest first, a page at a time; the raw text decrypted, the
 * identifiers in it masked unless the caller may see personal data. A page is bounded in bytes, whatever the
 * records hold: it shows the first {@value #MAX_SHOWN_RAW_CHARS} characters of each record's text (the whole text:
 * {@link #rawText(long)}), and it ends before the rows that would take it past {@value #MAX_PAGE_BYTES} bytes of JSON,
 * saying where the next page starts ({@code nextOffset}). The texts are read from the store a few at a time, so a
 * page never holds more than one large text besides the rows it answers.
 */
@Repository
public class QuarantineReader {

    /** Characters of a record's text a page shows. */
    public static final int MAX_SHOWN_RAW_CHARS = 16 * 1024;
    /** Bytes of JSON the rows of one page take at most (a page holds at least one row). */
    public static final int MAX_PAGE_BYTES = 1024 * 1024;
    /** Stored bytes of raw texts read from the store in one query (a larger text is read alone). */
    private static final long READ_BYTES = 1024 * 1024;

    /**
     * One rejected record (recordKind: evaluation, or case-event for a handler system's event): where it came from, why it is held (the latest reasons), and its text as received; when
     * the text is longer than a page shows, {@code rawPayloadTruncated} is true and {@code rawPayloadLength} its length.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuarantineView(long quarantineId, String receiptId, int recordIndex, String sourceRecordId,
                                 String adapterId, String adapterVersion, String receivedAt, String quarantinedAt,
                                 int replayCount, String lastReplayedAt, List<FieldError> errors, String rawPayload,
                                 Boolean rawPayloadTruncated, Integer rawPayloadLength, String recordKind) {

        /** This view with the text shown of the record ({@code null}: it left quarantine meanwhile). */
        QuarantineView withRawText(String text) {
            if (text == null) {
                return this;
            }
            if (text.length() <= MAX_SHOWN_RAW_CHARS) {
                return new QuarantineView(quarantineId, receiptId, recordIndex, sourceRecordId, adapterId, adapterVersion, receivedAt,
                        quarantinedAt, replayCount, lastReplayedAt, errors, text, null, null, recordKind);
            }
            int cut = Character.isHighSurrogate(text.charAt(MAX_SHOWN_RAW_CHARS - 1)) ? MAX_SHOWN_RAW_CHARS - 1 : MAX_SHOWN_RAW_CHARS;
            return new QuarantineView(quarantineId, receiptId, recordIndex, sourceRecordId, adapterId, adapterVersion, receivedAt,
                    quarantinedAt, replayCount, lastReplayedAt, errors, text.substring(0, cut), Boolean.TRUE, text.length(), recordKind);
        }
    }

    /**
     * A page of a source's quarantine and how many records it holds in all; {@code nextOffset} is where the next page
     * starts (absent on the last page): a page may end before {@code limit} rows when they would take too many bytes.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuarantinePage(String sourceId, long total, int limit, long offset, List<QuarantineView> records, Long nextOffset) {
    }

    private record Row(QuarantineView view, long storedBytes) {
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
        List<Row> rows = jdbc.query("""
                SELECT quarantine_id, receipt_id, record_index, source_record_id, adapter_id, adapter_version, received_at,
                       quarantined_at, replay_count, last_replayed_at, errors::text AS errors, octet_length(raw_payload) AS stored_bytes,
                       record_kind
                FROM quarantine WHERE
                """ + where + " ORDER BY quarantine_id LIMIT ? OFFSET ?", this::row, args);
        List<QuarantineView> shown = new ArrayList<>();
        long pageBytes = 0;
        boolean full = false;
        for (int from = 0; from < rows.size() && !full; ) {
            int to = from + 1;
            long readBytes = rows.get(from).storedBytes();
            while (to < rows.size() && readBytes + rows.get(to).storedBytes() <= READ_BYTES) {
                readBytes += rows.get(to++).storedBytes();
            }
            Map<Long, String> texts = rawTexts(rows.subList(from, to));
            for (Row row : rows.subList(from, to)) {
                String stored = texts.get(row.view().quarantineId());
                QuarantineView view = row.view().withRawText(stored == null ? null : disclosure.rawText(stored));
                long bytes = json.writeValueAsBytes(view).length;
                if (!shown.isEmpty() && pageBytes + bytes > MAX_PAGE_BYTES) {
                    full = true;
                    break;
                }
                shown.add(view);
                pageBytes += bytes;
            }
            from = to;
        }
        long count = total == null ? 0 : total;
        Long nextOffset = offset + shown.size() < count && (full || shown.size() == limit) ? offset + shown.size() : null;
        return new QuarantinePage(sourceId, count, limit, offset, shown, nextOffset);
    }

    /**
     * A quarantined record's whole text as received (identifiers masked as on a page), if it is still in quarantine and
     * its source_id meets {@code inScope} (the operator's, {@code OperatorScope#sourceCondition}).
     */
    public Optional<String> rawText(long quarantineId, OperatorScope.SqlFilter inScope) {
        return jdbc.query("SELECT raw_payload FROM quarantine WHERE quarantine_id = ? AND " + inScope.condition(),
                (rs, n) -> rs.getString(1), inScope.argsBetween(List.of(quarantineId))).stream().findFirst().map(disclosure::rawText);
    }

    private Map<Long, String> rawTexts(List<Row> rows) {
        Long[] ids = rows.stream().map(r -> r.view().quarantineId()).toArray(Long[]::new);
        Map<Long, String> texts = new HashMap<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT quarantine_id, raw_payload FROM quarantine WHERE quarantine_id = ANY (?)");
            statement.setArray(1, connection.createArrayOf("bigint", ids));
            return statement;
        }, (org.springframework.jdbc.core.RowCallbackHandler) rs -> texts.put(rs.getLong(1), rs.getString(2)));
        return texts;
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        return new Row(new QuarantineView(rs.getLong("quarantine_id"), rs.getString("receipt_id"), rs.getInt("record_index"),
                rs.getString("source_record_id"), rs.getString("adapter_id"), rs.getString("adapter_version"),
                time(rs, "received_at"), time(rs, "quarantined_at"), rs.getInt("replay_count"), time(rs, "last_replayed_at"),
                json.readValue(rs.getString("errors"), ERRORS), null, null, null, rs.getString("record_kind")), rs.getLong("stored_bytes"));
    }

    private static String time(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().toString();
    }
}
