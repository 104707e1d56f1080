package gov.js.evaluation.hub.store;

import gov.js.evaluation.hub.access.OperatorScope;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Ratings a source sent under a case number another source's rating already holds, with other content: kept for the
 * province's operators (the sender is told only that the case is rated) and counted,
 * {@code hub_case_number_collisions_total{source, holder}}, once the transaction that found them commits.
 */
@Repository
public class CaseNumberCollisions {

    /** One collision as operators see it. */
    public record Collision(long collisionId, String at, String projectNo, int assessNumber, String sourceId, String receiptId,
                            int recordIndex, String holderSourceId, String holderEvaluationId) {
    }

    public record CollisionPage(long total, int limit, long offset, List<Collision> collisions) {
    }

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;

    public CaseNumberCollisions(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /** Records a collision in the current transaction. */
    void record(String projectNo, short assessNumber, String sourceId, String receiptId, int recordIndex, String holderSourceId,
                UUID holderEvaluationId) {
        jdbc.update("""
                INSERT INTO case_number_collision (project_no, assess_number, source_id, receipt_id, record_index, holder_source_id,
                                                   holder_evaluation_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
                projectNo, assessNumber, sourceId, UUID.fromString(receiptId), recordIndex, holderSourceId, holderEvaluationId);
        Runnable count = () -> meters.counter("hub.case.number.collisions", "source", sourceId, "holder", holderSourceId).increment();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        } else {
            count.run();
        }
    }

    /** Newest first, those whose sending source meets {@code inScope} (the operator's). */
    public CollisionPage page(int limit, long offset, OperatorScope.SqlFilter inScope) {
        Long total = jdbc.queryForObject("SELECT count(*) FROM case_number_collision WHERE " + inScope.condition(), Long.class,
                inScope.argsBetween(List.of()));
        List<Collision> collisions = jdbc.query("""
                SELECT collision_id, at, project_no, assess_number, source_id, receipt_id, record_index, holder_source_id,
                       holder_evaluation_id
                FROM case_number_collision WHERE""" + " " + inScope.condition() + " ORDER BY collision_id DESC LIMIT ? OFFSET ?",
                (rs, n) -> new Collision(rs.getLong(1), rs.getTimestamp(2).toInstant().toString(), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8), rs.getString(9)),
                inScope.argsBetween(List.of(), limit, offset));
        return new CollisionPage(total == null ? 0 : total, limit, offset, collisions);
    }
}
