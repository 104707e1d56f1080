package gov.js.evaluation.hub.store;

import gov.js.evaluation.hub.crypto.Sm3;
import gov.js.evaluation.hub.cases.CaseOpener;
import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.ingest.IngestRecord;
import gov.js.evaluation.hub.ingest.RecordStatus;
import gov.js.evaluation.hub.ingest.Verdicts;
import gov.js.evaluation.hub.national.NationalOutbox;
import gov.js.evaluation.hub.protection.PersonalFields;
import gov.js.evaluation.hub.schema.Evaluation;
import gov.js.evaluation.hub.schema.EvaluationCodec;
import gov.js.evaluation.hub.schema.PersonalDataMask;
import gov.js.evaluation.hub.schema.codes.CodedValue;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stage 4: commits a request's records in one transaction: accepted records into the evaluation
 * table and the national outbox, rejected ones into quarantine. Idempotent on (projectNo,
 * assessNumber): the same content of the same source again is DUPLICATE, different content, or any record under
 * another source's rating, is a conflict. {@link #preview} answers a dry run the same way, reading only.
 * If the transaction fails nothing is reported accepted (the exception reaches the sender as 503).
 *
 * <p>The records of a transaction are written with few statements: one multi-row
 * {@code INSERT … ON CONFLICT DO NOTHING RETURNING} per slice of records, one lookup of the keys that
 * were not inserted (duplicate or conflict, decided as before: the first record of a key in the
 * transaction wins), one outbox insert, one quarantine batch. Small requests that are not part of a
 * caller's transaction go through a {@link GroupCommit}: concurrent requests share one transaction and
 * each is answered after its commit.
 */
@Component
public class EvaluationStore implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EvaluationStore.class);

    /** Rows per multi-row INSERT: 37 parameters each, well below PostgreSQL's 65535 per statement. */
    static final int ROWS_PER_INSERT = 500;

    private static final String COLUMNS = """
            evaluation_id, project_no, assess_number, task_code, task_handle_item, task_name,
            sub_matter, dept_code, pro_depart, pro_manager, area_code, pro_status, pf, user_prop, user_name,
            user_page_type, cert_key, satisfaction, eval_detail, writing_evaluation, assess_time, accept_date,
            promise_time, data_source, anonymity_flag, public_flag, source_id, source_record_id, adapter_id,
            adapter_version, receipt_id, received_at, unified, content_hash, raw_payload, channel_detail, cert_key_index""";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final QuarantineStore quarantine;
    private final NationalOutbox outbox;
    private final PersonalFields personal;
    private final CaseNumberCollisions collisions;
    private final CaseOpener cases;
    private final GroupCommit group;
    private final int groupMaxRecords;

    public EvaluationStore(JdbcTemplate jdbc, TransactionTemplate transaction, QuarantineStore quarantine, NationalOutbox outbox,
                           PersonalFields personal, CaseNumberCollisions collisions, StoreProperties store, CaseOpener cases) {
        this.cases = cases;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.quarantine = quarantine;
        this.outbox = outbox;
        this.personal = personal;
        this.collisions = collisions;
        StoreProperties.GroupCommitSettings groupCommit = store.groupCommit();
        this.groupMaxRecords = groupCommit.maxRecords();
        this.group = groupCommit.enabled() ? new GroupCommit(this::storeTogether, groupCommit.writers(), groupCommit.maxRecords()) : null;
    }

    /**
     * Stores the batch and returns it with every record settled, once committed. Inside a caller's
     * transaction (a pull page with its watermark, a replay) the records join that transaction.
     */
    public IngestBatch store(IngestBatch batch) {
        if (group != null && batch.replayOf() == null && batch.records().size() <= groupMaxRecords
                && !TransactionSynchronizationManager.isActualTransactionActive()) {
            group.store(batch);
            return batch;
        }
        storeAlone(batch);
        return batch;
    }

    /**
     * Stores several batches in one transaction of their own (not through the group commit), in the order
     * given: the first record of a key wins, as in one batch. Returns when committed, with every record
     * settled; when it fails nothing is stored, every record is as it was before, and the failure is thrown.
     */
    public void storeInOneTransaction(List<IngestBatch> batches) {
        if (!batches.isEmpty()) {
            storeTogether(batches);
        }
    }

    /** One batch in its own transaction (or the caller's); nothing counts when it fails (no record is settled). */
    void storeAlone(IngestBatch batch) {
        storeTogether(List.of(batch));
    }

    /**
     * Several batches in one transaction (or the caller's). When the database refuses a record's value
     * (a data exception no rule foresaw), the transaction is written again with each record under a savepoint
     * of its own, so that only the records the database refuses are rejected (STORE_REFUSED); inside a
     * caller's transaction the refusal is thrown, as that transaction is already aborted. Each attempt keeps what it
     * finds in {@link Verdicts} of its own: the records are settled once, after the commit; an attempt that failed
     * leaves them as the checks did (so that the group commit can try the batches again one by one), and the failure
     * is thrown. Inside a caller's transaction the records are settled when this part of it is done.
     */
    void storeTogether(List<IngestBatch> batches) {
        boolean callersTransaction = TransactionSynchronizationManager.isActualTransactionActive();
        Verdicts verdicts;
        try {
            verdicts = transaction.execute(tx -> write(batches, false));
        } catch (RuntimeException e) {
            if (callersTransaction || !StoreRefusals.isRecordRefused(e)) {
                throw e;
            }
            log.warn("the store refused a value of a record ({}); storing the records one by one to find it", StoreRefusals.describe(e));
            verdicts = transaction.execute(tx -> write(batches, true));
        }
        verdicts.settle(batches);
    }

    /** Writes the batches' records in the current transaction; {@code isolated}: each record under a savepoint. */
    private Verdicts write(List<IngestBatch> batches, boolean isolated) {
        Verdicts verdicts = new Verdicts();
        List<Row> rows = new ArrayList<>();
        for (IngestBatch batch : batches) {
            for (IngestRecord record : batch.records()) {
                if (verdicts.toBeTaken(record)) {
                    try {
                        rows.add(new Row(batch, record, personal));
                    } catch (RuntimeException e) {
                        log.error("record {} of receipt {} could not be prepared for the store: {}", record.index(),
                                batch.receiptId(), e.getClass().getName());
                        notPrepared(record, verdicts);
                    }
                }
            }
        }
        Set<UUID> inserted = new HashSet<>();
        if (isolated) {
            inserted.addAll(insertEachUnderASavepoint(rows, verdicts));
            rows = rows.stream().filter(r -> verdicts.statusOf(r.record) != RecordStatus.REJECTED).toList();
        } else {
            for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
                inserted.addAll(insert(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT))));
            }
        }
        List<UUID> accepted = new ArrayList<>();
        List<CaseOpener.Stored> stored = new ArrayList<>();
        List<Row> notInserted = new ArrayList<>();
        for (Row row : rows) {
            if (inserted.contains(row.id)) {
                accepted.add(row.id);
                stored.add(new CaseOpener.Stored(row.id, row.e.assessTime(), Integer.parseInt(row.e.satisfaction().code()),
                        row.key.assessNumber(), row.e.areaCode(), row.e.deptCode()));
                verdicts.accepted(row.record, row.id);
            } else {
                notInserted.add(row);
            }
        }
        outbox.enqueueAll(accepted);
        cases.openFor(stored);
        if (!notInserted.isEmpty()) {
            answerExisting(notInserted, verdicts);
        }
        quarantine.keepRejected(batches, isolated, verdicts);
        return verdicts;
    }

    /** Each row alone, under a savepoint: a row the database refuses is rejected, the others are inserted. */
    private Set<UUID> insertEachUnderASavepoint(List<Row> rows, Verdicts verdicts) {
        Set<UUID> inserted = new HashSet<>();
        for (Row row : rows) {
            try {
                inserted.addAll(StoreRefusals.underASavepoint(jdbc, () -> insert(List.of(row))));
            } catch (RuntimeException e) {
                if (!StoreRefusals.isRecordRefused(e)) {
                    throw e;
                }
                log.warn("the store refused record {} of receipt {}: {}", row.record.index(), row.batch.receiptId(),
                        StoreRefusals.describe(e));
                verdicts.rejected(row.record, List.of(FieldError.of("record", ErrorCode.STORE_REFUSED, "the provincial store "
                        + "cannot hold a value of this record (" + StoreRefusals.describe(e) + "); it is kept in quarantine for the "
                        + "province's operators")));
            }
        }
        return inserted;
    }

    /** Inserts the rows with one statement; answers the ids of the rows inserted (the others' keys exist). */
    private Set<UUID> insert(List<Row> rows) {
        return jdbc.execute((ConnectionCallback<Set<UUID>>) connection -> {
            StringBuilder sql = new StringBuilder("INSERT INTO evaluation (").append(COLUMNS).append(") VALUES ");
            for (int i = 0; i < rows.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(ROW);
            }
            sql.append(" ON CONFLICT (project_no, assess_number) DO NOTHING RETURNING evaluation_id");
            Set<UUID> ids = new HashSet<>();
            try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
                int p = 1;
                for (Row row : rows) {
                    for (Object value : row.values(connection)) {
                        ps.setObject(p++, value);
                    }
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            return ids;
        });
    }

    /**
     * Rows whose key was already stored (before, or earlier in this transaction): duplicate or conflict. The first
     * stored rating keeps its key.
     */
    private void answerExisting(List<Row> rows, Verdicts verdicts) {
        Map<String, Existing> existing = lookUp(rows.stream().map(r -> r.key).toList());
        for (Row row : rows) {
            Existing found = existing.get(row.key.id());
            if (found == null) {
                // not inserted and not found: the key's row went away in between; no record may count as accepted
                throw new IllegalStateException("a case's rating was neither stored nor found (receipt " + row.batch.receiptId() + ")");
            }
            if (!answerTaken(row.batch, row.record, row.key, found, verdicts)) {
                collisions.record(row.key.projectNo(), row.key.assessNumber(), row.batch.source().id(), row.batch.receiptId(),
                        row.record.index(), found.sourceId(), found.id());
            }
        }
    }

    /**
     * The dry run's store stage: answers each record that passed the checks as the store would, reading the store
     * only: DUPLICATE or ALREADY_RATED_CONFLICT under a key that is stored or taken by an earlier record of the
     * batch; the others ACCEPTED (without an id: none is made). Nothing is written, no collision recorded.
     */
    public IngestBatch preview(IngestBatch batch) {
        Verdicts verdicts = new Verdicts();
        Map<IngestRecord, CaseKey> keys = new LinkedHashMap<>();
        for (IngestRecord record : batch.records()) {
            if (verdicts.toBeTaken(record)) {
                try {
                    keys.put(record, CaseKey.of(Canonical.of(record, personal)));
                } catch (RuntimeException e) {
                    log.error("record {} of dry run {} could not be prepared for the store: {}", record.index(), batch.receiptId(),
                            e.getClass().getName());
                    notPrepared(record, verdicts);
                }
            }
        }
        Map<String, Existing> taken = keys.isEmpty() ? Map.of() : lookUp(List.copyOf(keys.values()));
        keys.forEach((record, key) -> {
            Existing found = taken.get(key.id());
            if (found == null) {
                taken.put(key.id(), new Existing(null, key.digest(), batch.source().id()));
                verdicts.accepted(record, null);
            } else {
                answerTaken(batch, record, key, found, verdicts);
            }
        });
        verdicts.settle(batch);
        return batch;
    }

    /** The stored ratings of the keys, by {@link CaseKey#id()}. */
    private Map<String, Existing> lookUp(List<CaseKey> keys) {
        Map<String, Existing> existing = new HashMap<>();
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    SELECT e.project_no, e.assess_number, e.evaluation_id, e.content_hash, e.source_id
                    FROM evaluation e JOIN unnest(?::text[], ?::smallint[]) AS k(project_no, assess_number)
                      ON e.project_no = k.project_no AND e.assess_number = k.assess_number""")) {
                ps.setArray(1, connection.createArrayOf("text", keys.stream().map(CaseKey::projectNo).toArray()));
                ps.setArray(2, connection.createArrayOf("int2", keys.stream().map(CaseKey::assessNumber).toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        existing.put(CaseKey.id(rs.getString(1), rs.getShort(2)),
                                new Existing(rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5)));
                    }
                }
            }
            return null;
        });
        return existing;
    }

    /**
     * Answers a record whose key a rating holds; false when that rating is another source's. A sender learns only
     * what it may know. Of its own rating: DUPLICATE of it (its id) for the same content, else ALREADY_RATED_CONFLICT
     * naming it. Of another source's rating: ALREADY_RATED_CONFLICT with the same words whatever the record holds,
     * so that no sender can tell whether a guessed record equals the stored one, nor whose or which rating it is.
     */
    private static boolean answerTaken(IngestBatch batch, IngestRecord record, CaseKey key, Existing found, Verdicts verdicts) {
        boolean ownRating = found.sourceId().equals(batch.source().id());
        if (ownRating && key.digest().equals(found.hash())) {
            verdicts.duplicate(record, found.id());
            return true;
        }
        String whose = !ownRating ? "" : found.id() == null ? " with different content (an earlier record of this request)"
                : " with different content (evaluation " + found.id() + ", sent by this source)";
        verdicts.rejected(record, List.of(FieldError.of("projectNo", ErrorCode.ALREADY_RATED_CONFLICT, "this case already has "
                + "a rating of this number" + whose + "; a case gets one first rating and at most one follow-up. If the case "
                + "number is this source's own, tell the province's operators")));
        return ownRating;
    }

    private static void notPrepared(IngestRecord record, Verdicts verdicts) {
        verdicts.rejected(record, List.of(FieldError.of("record", ErrorCode.PROCESSING_FAILED, "the hub could not prepare "
                + "this record for the store; it is kept in quarantine for the province's operators")));
    }

    /** The rating stored under a key: its id (null for an earlier record of a dry run's batch), digest and source. */
    private record Existing(UUID id, String hash, String sourceId) {
    }

    /** A record's key and the digest of its clear canonical form. */
    private record CaseKey(String projectNo, short assessNumber, String digest) {

        static CaseKey of(Canonical c) {
            return new CaseKey(c.e.projectNo(), Short.parseShort(c.e.assessNumber().code()), c.digest);
        }

        String id() {
            return id(projectNo, assessNumber);
        }

        static String id(String projectNo, short assessNumber) {
            return assessNumber + "/" + projectNo;
        }
    }

    /**
     * A record's clear canonical form and its digest. The digest is of the clear form, so duplicate and conflict are
     * decided as before encryption at rest (a fresh nonce makes every encryption differ).
     */
    private record Canonical(Evaluation e, ObjectNode canonical, String digest) {

        static Canonical of(IngestRecord record, PersonalFields personal) {
            Evaluation e = EvaluationCodec.fromWire(personal.reveal(record.unified()));
            ObjectNode canonical = EvaluationCodec.toWire(e);
            return new Canonical(e, canonical, Sm3.hex(canonical.toString()));
        }
    }

    @Override
    public void destroy() {
        if (group != null) {
            group.close();
        }
    }

    /** One record to insert, with its key and digest, stored form and new id; the personal values stored encrypted. */
    private static final class Row {
        final IngestBatch batch;
        final IngestRecord record;
        final Evaluation e;
        final CaseKey key;
        final String stored;
        final String userName;
        final String certKey;
        final String certKeyIndex;
        final String rawText;
        final UUID id = UUID.randomUUID();

        Row(IngestBatch batch, IngestRecord record, PersonalFields personal) {
            this.batch = batch;
            this.record = record;
            Canonical canonical = Canonical.of(record, personal);
            this.e = canonical.e();
            this.key = CaseKey.of(canonical);
            this.stored = personal.protect(canonical.canonical()).toString();
            this.userName = personal.protect(e.userName());
            this.certKey = personal.protect(e.certKey());
            this.certKeyIndex = personal.indexOf(e.certKey());
            this.rawText = personal.protect(record.rawText());
        }

        Object[] values(Connection connection) throws SQLException {
            return new Object[] {
                id, e.projectNo(), key.assessNumber(), e.taskCode(), e.taskHandleItem(), e.taskName(),
                code(e.subMatter()), e.deptCode(), e.proDepart(), PersonalDataMask.maskIdentifiersIn(e.proManager()), e.areaCode(),
                code(e.proStatus()),
                code(e.pf()), code(e.userProp()), userName, e.userPageType(), certKey,
                Short.parseShort(e.satisfaction().code()), connection.createArrayOf("text", e.evalDetail().toArray()),
                PersonalDataMask.maskIdentifiersIn(e.writingEvaluation()), timestamp(e.assessTime()), timestamp(e.acceptDate()), code(e.promiseTime()),
                e.dataSource(), code(e.anonymityFlag()), code(e.publicFlag()), batch.source().id(), record.sourceRecordId(),
                batch.adapter().descriptor().id(), batch.adapter().descriptor().version(), UUID.fromString(batch.receiptId()),
                timestamp(batch.receivedAt()), stored, key.digest(), rawText,
                record.channelDetail() == null ? "{}" : StoredChannelDetail.of(record.channelDetail()), certKeyIndex};
        }
    }

    private static String code(CodedValue v) {
        return v == null ? null : v.code();
    }

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
