package gov.js.evaluation.hub.store;

import gov.js.evaluation.hub.decode.SourceTreeText;
import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.ingest.IngestRecord;
import gov.js.evaluation.hub.ingest.IngestRefusedException;
import gov.js.evaluation.hub.ingest.RecordStatus;
import gov.js.evaluation.hub.ingest.Verdicts;
import gov.js.evaluation.hub.validate.FieldError;
import gov.js.evaluation.hub.quarantine.QuarantineProperties;
import gov.js.evaluation.hub.source.SourceDefinition;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import gov.js.evaluation.hub.protection.PersonalFields;
import gov.js.evaluation.hub.validate.StoreFit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;

/**
 * Keeps every rejected record (a rating, or a handler system's case event) with its raw text, its source and the
 * reasons, for inspection and replay.
 * A replayed record that is rejected again keeps its place, with the new reasons; one that is taken
 * leaves. Replay locks the records it works on, so two replays never take the same record twice.
 */
@Repository
public class QuarantineStore {

    /** What replay needs of a quarantined record. */
    public record QuarantinedRecord(long quarantineId, String sourceId, UUID receiptId, String rawPayload,
                                    java.time.Instant receivedAt, String sourceTree) {
    }

    private static final String COLUMNS = "quarantine_id, source_id, receipt_id, raw_payload, received_at, source_tree";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final PersonalFields personal;
    private final QuarantineProperties settings;

    public QuarantineStore(JdbcTemplate jdbc, ObjectMapper json, PersonalFields personal, QuarantineProperties settings) {
        this.jdbc = jdbc;
        this.json = json;
        this.personal = personal;
        this.settings = settings;
    }

    /**
     * Keeps the rejected records of the batches (newly received; a replay's are updated in place), once per
     * (source, request or file import, record position): the same file imported again, or a chunk taken again after a
     * failure, adds no second row. Then the rows added are counted into each source's quarantine, in one statement, in
     * source order, so that concurrent transactions never wait on each other crosswise. A source whose quarantine would
     * hold more than its bound refuses the whole transaction: nothing of it is stored, and the sender is told to wait.
     */
    public void keepRejected(List<IngestBatch> batches, boolean eachUnderASavepoint, Verdicts verdicts) {
        Map<SourceDefinition, Integer> added = new TreeMap<>(Comparator.comparing(SourceDefinition::id));
        for (IngestBatch batch : batches) {
            List<IngestRecord> records = batch.records().stream().filter(r -> verdicts.statusOf(r) == RecordStatus.REJECTED).toList();
            if (records.isEmpty()) {
                continue;
            }
            int rows = eachUnderASavepoint
                    ? records.stream().mapToInt(r -> keepUnderASavepoint(batch, r, verdicts)).sum()
                    : keepAll(batch, records, verdicts);
            if (batch.replayOf() == null && rows > 0) {
                added.merge(batch.source(), rows, Integer::sum);
            }
        }
        reserve(added);
    }

    private void reserve(Map<SourceDefinition, Integer> added) {
        if (added.isEmpty()) {
            return;
        }
        List<SourceDefinition> sources = List.copyOf(added.keySet());
        Map<String, Long> held = new java.util.HashMap<>();
        jdbc.query("""
                INSERT INTO quarantine_count AS c (source_id, records)
                SELECT * FROM unnest(?::text[], ?::bigint[]) ORDER BY 1
                ON CONFLICT (source_id) DO UPDATE SET records = c.records + EXCLUDED.records
                RETURNING c.source_id, c.records""",
                rs -> {
                    held.put(rs.getString(1), rs.getLong(2));
                },
                sources.stream().map(SourceDefinition::id).toArray(String[]::new),
                sources.stream().map(added::get).map(Integer::longValue).toArray(Long[]::new));
        for (SourceDefinition source : sources) {
            long limit = settings.maxRecords(source);
            if (held.getOrDefault(source.id(), 0L) > limit) {
                throw new IngestRefusedException(429, "QUARANTINE_FULL", "source " + source.id() + " has as many rejected records "
                        + "waiting in quarantine as it may (" + limit + "); nothing of this request was stored. Records without "
                        + "errors are still taken; the province's operators replay or discard the waiting ones", 300);
            }
        }
    }

    /** How many rejected records of the source wait in quarantine. */
    public long countOf(String sourceId) {
        List<Long> n = jdbc.queryForList("SELECT records FROM quarantine_count WHERE source_id = ?", Long.class, sourceId);
        return n.isEmpty() ? 0 : n.get(0);
    }

    private void released(String sourceId, int records) {
        jdbc.update("UPDATE quarantine_count SET records = greatest(records - ?, 0) WHERE source_id = ?", records, sourceId);
    }

    /**
     * Discards a source's quarantined records (those of one receipt when {@code receiptId} is given); answers how
     * many. Their reasons and raw texts are gone afterwards: the sender must send them again.
     */
    public int discard(String sourceId, UUID receiptId) {
        int deleted = receiptId == null
                ? jdbc.update("DELETE FROM quarantine WHERE source_id = ?", sourceId)
                : jdbc.update("DELETE FROM quarantine WHERE source_id = ? AND receipt_id = ?", sourceId, receiptId);
        released(sourceId, deleted);
        return deleted;
    }

    /** Answers the rows added (0 when the record was kept before). */
    private int keep(IngestBatch batch, IngestRecord record, Verdicts verdicts) {
        if (batch.replayOf() != null) {
            keepAgain(batch.replayOf(), batch, record, verdicts);
            return 0;
        }
        return jdbc.update("""
                INSERT INTO quarantine (source_id, receipt_id, record_index, source_record_id, adapter_id, adapter_version,
                                        raw_payload, unified, errors, received_at, channel_detail, source_tree, record_kind)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?, ?)
                ON CONFLICT (source_id, receipt_id, record_index) DO NOTHING""",
                batch.source().id(), UUID.fromString(batch.receiptId()), record.index(), recordId(record),
                batch.adapter().descriptor().id(), batch.adapter().descriptor().version(), personal.protect(record.rawText()),
                unified(record), errors(verdicts.errorsOf(record)), Timestamp.from(batch.receivedAt()),
                channelDetail(record), sourceTree(record), recordKind(batch));
    }

    /** Keeps several rejected records of one batch, with one batched statement for new records; answers the rows added. */
    private int keepAll(IngestBatch batch, List<IngestRecord> records, Verdicts verdicts) {
        if (batch.replayOf() != null || records.size() == 1) {
            return records.stream().mapToInt(r -> keep(batch, r, verdicts)).sum();
        }
        int[] rows = jdbc.batchUpdate("""
                INSERT INTO quarantine (source_id, receipt_id, record_index, source_record_id, adapter_id, adapter_version,
                                        raw_payload, unified, errors, received_at, channel_detail, source_tree, record_kind)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?, ?)
                ON CONFLICT (source_id, receipt_id, record_index) DO NOTHING""",
                records.stream().map(record -> new Object[] {
                    batch.source().id(), UUID.fromString(batch.receiptId()), record.index(), recordId(record),
                    batch.adapter().descriptor().id(), batch.adapter().descriptor().version(), personal.protect(record.rawText()),
                    unified(record), errors(verdicts.errorsOf(record)), Timestamp.from(batch.receivedAt()),
                    channelDetail(record), sourceTree(record), recordKind(batch)})
                        .toList());
        return java.util.Arrays.stream(rows).map(n -> n < 0 ? 1 : n).sum(); // SUCCESS_NO_INFO counts as a row
    }

    /**
     * One rejected record under a savepoint of the current transaction; should even its inspection copies be
     * refused, the record is kept without them (its reasons, and its raw text, encrypted and so storable).
     */
    private int keepUnderASavepoint(IngestBatch batch, IngestRecord record, Verdicts verdicts) {
        try {
            return StoreRefusals.underASavepoint(jdbc, () -> keep(batch, record, verdicts));
        } catch (RuntimeException e) {
            if (!StoreRefusals.isRecordRefused(e) || batch.replayOf() != null) {
                throw e;
            }
            return jdbc.update("""
                    INSERT INTO quarantine (source_id, receipt_id, record_index, adapter_id, adapter_version, raw_payload, errors,
                                            received_at, record_kind)
                    VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                    ON CONFLICT (source_id, receipt_id, record_index) DO NOTHING""",
                    batch.source().id(), UUID.fromString(batch.receiptId()), record.index(), batch.adapter().descriptor().id(),
                    batch.adapter().descriptor().version(), personal.protect(record.rawText()), errors(verdicts.errorsOf(record)),
                    Timestamp.from(batch.receivedAt()), recordKind(batch));
        }
    }

    /** A replayed record rejected again: the new reasons replace the old ones. */
    private void keepAgain(long quarantineId, IngestBatch batch, IngestRecord record, Verdicts verdicts) {
        jdbc.update("""
                UPDATE quarantine SET source_record_id = ?, adapter_id = ?, adapter_version = ?, unified = ?::jsonb,
                                      errors = ?::jsonb, channel_detail = ?::jsonb, replay_count = replay_count + 1,
                                      last_replayed_at = now()
                WHERE quarantine_id = ?""",
                recordId(record), batch.adapter().descriptor().id(), batch.adapter().descriptor().version(),
                unified(record), errors(verdicts.errorsOf(record)), channelDetail(record), quarantineId);
    }

    /** A replayed record was taken (accepted or a duplicate of a stored one): it leaves quarantine. */
    public void release(long quarantineId) {
        List<String> source = jdbc.queryForList("DELETE FROM quarantine WHERE quarantine_id = ? RETURNING source_id", String.class,
                quarantineId);
        source.forEach(id -> released(id, 1));
    }

    /** One record, locked until the transaction ends; empty when it is not (or no longer) in quarantine. */
    public Optional<QuarantinedRecord> lock(long quarantineId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM quarantine WHERE quarantine_id = ? FOR UPDATE",
                this::row, quarantineId).stream().findFirst();
    }

    /**
     * The next records of a source after {@code afterId} up to {@code upToId}, oldest first, locked
     * until the transaction ends; records another replay holds are skipped.
     */
    public List<QuarantinedRecord> lockChunk(String sourceId, long afterId, long upToId, int limit) {
        return jdbc.query("SELECT " + COLUMNS + """
                 FROM quarantine WHERE source_id = ? AND quarantine_id > ? AND quarantine_id <= ?
                ORDER BY quarantine_id LIMIT ? FOR UPDATE SKIP LOCKED""", this::row, sourceId, afterId, upToId, limit);
    }

    /** The newest quarantine id of a source, 0 when it has none. */
    public long lastIdOf(String sourceId) {
        Long id = jdbc.queryForObject("SELECT max(quarantine_id) FROM quarantine WHERE source_id = ?", Long.class, sourceId);
        return id == null ? 0 : id;
    }

    /** A rating, or a handler system's case event (its adapter maps case events). */
    private static String recordKind(IngestBatch batch) {
        return batch.adapter().adapter().producesCaseEvents() ? "case-event" : "evaluation";
    }

    /** The source's id of the record as far as the column holds it (the raw text keeps it whole). */
    private static String recordId(IngestRecord record) {
        return StorableText.text(record.sourceRecordId(), StoreFit.MAX_RECORD_ID_LENGTH);
    }

    private String errors(List<FieldError> errors) {
        return StorableText.json(json.writeValueAsString(errors));
    }

    /** The unified record as far as it was mapped, its personal fields encrypted. */
    private String unified(IngestRecord record) {
        return record.unified() == null ? null : StorableText.json(json.writeValueAsString(personal.protect(record.unified())));
    }

    /** The decoded record (it holds everything the source sent), encrypted as a whole; it always reads back (SourceTreeText). */
    private String sourceTree(IngestRecord record) {
        return record.source().isParsed() ? personal.protect(SourceTreeText.write(record.source().content())) : null;
    }

    private static String channelDetail(IngestRecord record) {
        return StoredChannelDetail.of(record.channelDetail());
    }

    /** Replay maps the record again: its texts decrypted. */
    private QuarantinedRecord row(ResultSet rs, int n) throws SQLException {
        return new QuarantinedRecord(rs.getLong("quarantine_id"), rs.getString("source_id"),
                rs.getObject("receipt_id", UUID.class), personal.reveal(rs.getString("raw_payload")),
                rs.getTimestamp("received_at").toInstant(), personal.reveal(rs.getString("source_tree")));
    }
}
