package gov.js.evaluation.hub.national;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The outbox towards the national platform: one row per accepted evaluation, written in the same
 * transaction as the evaluation. Claims lock rows with SKIP LOCKED, so hub instances sharing a store
 * never hold, and never push, the same record at the same time.
 */
@Repository
public class NationalOutbox {

    /** A record claimed for one push: its id, the case key the answer refers to, and its unified JSON. */
    public record Claimed(UUID evaluationId, String projectNo, int assessNumber, int attempts, String unifiedJson) {
    }

    private final JdbcTemplate jdbc;

    public NationalOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Enqueues several evaluations with one statement, in the order given (their seq follows it). */
    public void enqueueAll(List<UUID> evaluationIds) {
        if (evaluationIds.isEmpty()) {
            return;
        }
        jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) connection -> {
            try (var ps = connection.prepareStatement("""
                    INSERT INTO national_outbox (evaluation_id)
                    SELECT id FROM unnest(?::uuid[]) WITH ORDINALITY AS t(id, n) ORDER BY n""")) {
                ps.setArray(1, connection.createArrayOf("uuid", evaluationIds.toArray()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Must run inside the transaction that later records the outcome: the row locks last until then. */
    public List<Claimed> claimDue(int limit, Instant now) {
        return jdbc.query("""
                SELECT o.evaluation_id, e.project_no, e.assess_number, o.attempts, e.unified::text AS unified
                FROM national_outbox o JOIN evaluation e ON e.evaluation_id = o.evaluation_id
                WHERE o.state IN ('PENDING', 'RETRYING') AND o.next_attempt_at <= ?
                ORDER BY o.next_attempt_at, o.seq
                LIMIT ?
                FOR UPDATE OF o SKIP LOCKED""",
                (rs, i) -> new Claimed(rs.getObject("evaluation_id", UUID.class), rs.getString("project_no"),
                        rs.getInt("assess_number"), rs.getInt("attempts"), rs.getString("unified")),
                Timestamp.from(now), limit);
    }

    public void delivered(UUID evaluationId, Instant at, String note) {
        jdbc.update("""
                UPDATE national_outbox SET state = 'DELIVERED', attempts = attempts + 1, last_attempt_at = ?,
                       delivered_at = ?, last_error = ? WHERE evaluation_id = ?""",
                Timestamp.from(at), Timestamp.from(at), note, evaluationId);
    }

    /** Several records delivered without a note, with one statement. */
    public void deliveredAll(List<UUID> evaluationIds, Instant at) {
        if (evaluationIds.isEmpty()) {
            return;
        }
        jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) connection -> {
            try (var ps = connection.prepareStatement("""
                    UPDATE national_outbox SET state = 'DELIVERED', attempts = attempts + 1, last_attempt_at = ?,
                           delivered_at = ?, last_error = NULL WHERE evaluation_id = ANY(?::uuid[])""")) {
                ps.setTimestamp(1, Timestamp.from(at));
                ps.setTimestamp(2, Timestamp.from(at));
                ps.setArray(3, connection.createArrayOf("uuid", evaluationIds.toArray()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    public void dead(UUID evaluationId, Instant at, String reason) {
        jdbc.update("""
                UPDATE national_outbox SET state = 'DEAD', attempts = attempts + 1, last_attempt_at = ?, last_error = ?
                WHERE evaluation_id = ?""", Timestamp.from(at), reason, evaluationId);
    }

    public void retryLater(UUID evaluationId, Instant at, Instant next, String error) {
        jdbc.update("""
                UPDATE national_outbox SET state = 'RETRYING', attempts = attempts + 1, last_attempt_at = ?,
                       next_attempt_at = ?, last_error = ? WHERE evaluation_id = ?""",
                Timestamp.from(at), Timestamp.from(next), error, evaluationId);
    }

    /** Records still to be delivered (PENDING or RETRYING). */
    public long backlog() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM national_outbox WHERE state IN ('PENDING', 'RETRYING')", Long.class);
        return n == null ? 0 : n;
    }
}
