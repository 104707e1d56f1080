package gov.js.evaluation.hub.store;

import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.ingest.IngestRecord;
import gov.js.evaluation.hub.ingest.RecordStatus;
import gov.js.evaluation.hub.national.NationalOutbox;
import gov.js.evaluation.hub.schema.Evaluation;
import gov.js.evaluation.hub.schema.EvaluationCodec;
import gov.js.evaluation.hub.schema.codes.CodedValue;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stage 4: commits a request's records in one transaction: accepted records into the evaluation
 * table and the national outbox, rejected ones into quarantine. Idempotent on (projectNo,
 * assessNumber): the same content again is DUPLICATE, different content is a conflict.
 * If the transaction fails nothing is reported accepted (the exception reaches the sender as 503).
 */
@Component
public class EvaluationStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final QuarantineStore quarantine;
    private final NationalOutbox outbox;

    public EvaluationStore(JdbcTemplate jdbc, TransactionTemplate transaction, QuarantineStore quarantine, NationalOutbox outbox) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.quarantine = quarantine;
        this.outbox = outbox;
    }

    public IngestBatch store(IngestBatch batch) {
        try {
            transaction.executeWithoutResult(tx -> {
                for (IngestRecord record : batch.records()) {
                    if (!record.hasErrors() && record.status() == null) {
                        storeOne(batch, record);
                    }
                    if (record.status() == RecordStatus.REJECTED) {
                        quarantine.keep(batch, record);
                    }
                }
            });
        } catch (RuntimeException e) {
            batch.records().forEach(r -> r.settle(null, null)); // nothing of a rolled-back request counts
            throw e;
        }
        return batch;
    }

    private void storeOne(IngestBatch batch, IngestRecord record) {
        Evaluation e = EvaluationCodec.fromWire(record.unified());
        String canonical = EvaluationCodec.toWire(e).toString();
        String digest = ContentDigest.sm3Hex(canonical);
        UUID id = UUID.randomUUID();
        int inserted = jdbc.update(connection -> {
            var ps = connection.prepareStatement("""
                    INSERT INTO evaluation (evaluation_id, project_no, assess_number, task_code, task_handle_item, task_name,
                        sub_matter, dept_code, pro_depart, pro_manager, area_code, pro_status, pf, user_prop, user_name,
                        user_page_type, cert_key, satisfaction, eval_detail, writing_evaluation, assess_time, accept_date,
                        promise_time, data_source, anonymity_flag, public_flag, source_id, source_record_id, adapter_id,
                        adapter_version, receipt_id, received_at, unified, content_hash, raw_payload, channel_detail)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb)
                    ON CONFLICT (project_no, assess_number) DO NOTHING""");
            Array evalDetail = connection.createArrayOf("text", e.evalDetail().toArray());
            Object[] values = {
                id, e.projectNo(), Short.parseShort(e.assessNumber().code()), e.taskCode(), e.taskHandleItem(), e.taskName(),
                code(e.subMatter()), e.deptCode(), e.proDepart(), e.proManager(), e.areaCode(), code(e.proStatus()),
                code(e.pf()), code(e.userProp()), e.userName(), e.userPageType(), e.certKey(),
                Short.parseShort(e.satisfaction().code()), evalDetail, e.writingEvaluation(), timestamp(e.assessTime()),
                timestamp(e.acceptDate()), code(e.promiseTime()), e.dataSource(), code(e.anonymityFlag()),
                code(e.publicFlag()), batch.source().id(), record.sourceRecordId(), batch.adapter().descriptor().id(),
                batch.adapter().descriptor().version(), UUID.fromString(batch.receiptId()), timestamp(batch.receivedAt()),
                canonical, digest, record.rawText(), channelDetailJson(record)};
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps;
        });
        if (inserted == 1) {
            outbox.enqueue(id);
            record.settle(RecordStatus.ACCEPTED, id);
            return;
        }
        List<Map<String, Object>> existing = jdbc.queryForList(
                "SELECT evaluation_id, content_hash FROM evaluation WHERE project_no = ? AND assess_number = ?",
                e.projectNo(), Short.parseShort(e.assessNumber().code()));
        Map<String, Object> row = existing.get(0);
        UUID existingId = (UUID) row.get("evaluation_id");
        if (digest.equals(row.get("content_hash"))) {
            record.settle(RecordStatus.DUPLICATE, existingId);
        } else {
            record.errors().add(FieldError.of("projectNo", ErrorCode.ALREADY_RATED_CONFLICT, "case " + e.projectNo()
                    + " already has rating number " + e.assessNumber().code() + " (evaluation " + existingId
                    + ") with different content; a case gets one first rating and at most one follow-up"));
            record.settle(RecordStatus.REJECTED, null);
        }
    }

    private static String channelDetailJson(IngestRecord record) {
        return record.channelDetail() == null ? "{}" : record.channelDetail().toString();
    }

    private static String code(CodedValue v) {
        return v == null ? null : v.code();
    }

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
