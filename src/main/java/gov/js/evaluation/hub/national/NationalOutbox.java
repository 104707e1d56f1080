package gov.js.evaluation.hub.national;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The outbox towards the national platform: one row per accepted evaluation, written in the same transaction as the
 * evaluation, and the batches its records are sent in ({@code national_batch}). A batch is formed once (the oldest
 * pending records), then sent, and sent again with the same id and records until the platform answers it. Each send
 * is recorded before it goes out: a batch is SENDING with a lease; a drainer that dies (a kill, a lost outcome)
 * leaves it to be sent again once the lease has passed. Claims lock with SKIP LOCKED, so instances sharing a store
 * never send the same batch at the same time.
 */
@Repository
public class NationalOutbox {

    /** One record of a batch: its id (the record's idempotency key), the case key answers refer to, its unified JSON. */
    public record Record(UUID evaluationId, String projectNo, int assessNumber, String unifiedJson) {
    }

    /** A batch claimed for one send: its id, how many times it has now been sent (1: the first), its records. */
    public record Claimed(UUID batchId, int send, List<Record> records) {

        public boolean isResend() {
            return send > 1;
        }
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
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (var ps = connection.prepareStatement("""
                    INSERT INTO national_outbox (evaluation_id)
                    SELECT id FROM unnest(?::uuid[]) WITH ORDINALITY AS t(id, n) ORDER BY n""")) {
                ps.setArray(1, connection.createArrayOf("uuid", evaluationIds.toArray()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * In the caller's (short) transaction: the next batch to send, its send recorded: a waiting batch that is due, or
     * one whose sender's lease has passed (both sent again as they were), or else a new batch of the oldest pending
     * records. Empty when nothing is due.
     */
    public Optional<Claimed> claim(int batchSize, Instant now, Instant leaseUntil) {
        List<UUID> due = jdbc.queryForList("""
                SELECT batch_id FROM national_batch
                WHERE (state = 'WAITING' AND next_attempt_at <= ?) OR (state = 'SENDING' AND lease_until <= ?)
                ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED""", UUID.class, Timestamp.from(now), Timestamp.from(now));
        if (!due.isEmpty()) {
            return Optional.of(sendAgain(due.get(0), now, leaseUntil));
        }
        List<UUID> pending = jdbc.queryForList("""
                SELECT evaluation_id FROM national_outbox WHERE state = 'PENDING'
                ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED""", UUID.class, batchSize);
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        UUID batchId = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO national_batch (batch_id, state, records, sends, last_sent_at, lease_until)
                VALUES (?, 'SENDING', ?, 1, ?, ?)""", batchId, pending.size(), Timestamp.from(now), Timestamp.from(leaseUntil));
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (var ps = connection.prepareStatement("""
                    UPDATE national_outbox SET batch_id = ?, state = 'SENDING', attempts = attempts + 1, last_attempt_at = ?
                    WHERE evaluation_id = ANY(?::uuid[])""")) {
                ps.setObject(1, batchId);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setArray(3, connection.createArrayOf("uuid", pending.toArray()));
                ps.executeUpdate();
            }
            return null;
        });
        return Optional.of(new Claimed(batchId, 1, records(batchId)));
    }

    private Claimed sendAgain(UUID batchId, Instant now, Instant leaseUntil) {
        Integer send = jdbc.queryForObject("""
                UPDATE national_batch SET state = 'SENDING', sends = sends + 1, last_sent_at = ?, lease_until = ?, next_attempt_at = NULL
                WHERE batch_id = ? RETURNING sends""", Integer.class, Timestamp.from(now), Timestamp.from(leaseUntil), batchId);
        jdbc.update("""
                UPDATE national_outbox SET state = 'SENDING', attempts = attempts + 1, last_attempt_at = ?
                WHERE batch_id = ? AND state IN ('SENDING', 'RETRYING')""", Timestamp.from(now), batchId);
        return new Claimed(batchId, send == null ? 1 : send, records(batchId));
    }

    /** The batch's records in the order they were batched: the same for every send of it. */
    private List<Record> records(UUID batchId) {
        return jdbc.query("""
                SELECT o.evaluation_id, e.project_no, e.assess_number, e.unified::text AS unified
                FROM national_outbox o JOIN evaluation e ON e.evaluation_id = o.evaluation_id
                WHERE o.batch_id = ? AND o.state IN ('SENDING', 'RETRYING') ORDER BY o.seq""",
                (rs, i) -> new Record(rs.getObject("evaluation_id", UUID.class), rs.getString("project_no"),
                        rs.getInt("assess_number"), rs.getString("unified")), batchId);
    }

    /**
     * Locks the batch for its outcome; false when this send is no longer the batch's latest (its lease passed and
     * another drainer sent it again, or someone settled it): then that one records the outcome.
     */
    public boolean lockForOutcome(UUID batchId, int send) {
        return !jdbc.queryForList("SELECT 1 FROM national_batch WHERE batch_id = ? AND sends = ? AND state = 'SENDING' FOR UPDATE",
                Integer.class, batchId, send).isEmpty();
    }

    /** The platform answered: the batch is settled, its records delivered but for the dead ones (with their reasons). */
    public void settled(UUID batchId, Instant at, List<UUID> delivered, List<Note> notes) {
        jdbc.update("UPDATE national_batch SET state = 'SETTLED', settled_at = ?, lease_until = NULL, last_error = NULL WHERE batch_id = ?",
                Timestamp.from(at), batchId);
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (var ps = connection.prepareStatement("""
                    UPDATE national_outbox SET state = 'DELIVERED', delivered_at = ?, last_error = NULL
                    WHERE evaluation_id = ANY(?::uuid[])""")) {
                ps.setTimestamp(1, Timestamp.from(at));
                ps.setArray(2, connection.createArrayOf("uuid", delivered.toArray()));
                ps.executeUpdate();
            }
            return null;
        });
        for (Note note : notes) {
            jdbc.update("UPDATE national_outbox SET state = ?, delivered_at = ?, last_error = ? WHERE evaluation_id = ?",
                    note.state(), note.state().equals("DELIVERED") ? Timestamp.from(at) : null, note.text(), note.evaluationId());
        }
    }

    /** What the answer said of one record that is not simply delivered: DELIVERED (already rated) or DEAD, and why. */
    public record Note(UUID evaluationId, String state, String text) {
    }

    /** The send got no answer: the batch waits, whole, to be sent again at {@code next}. */
    public void waitToSendAgain(UUID batchId, Instant next, String error) {
        jdbc.update("UPDATE national_batch SET state = 'WAITING', next_attempt_at = ?, lease_until = NULL, last_error = ? WHERE batch_id = ?",
                Timestamp.from(next), error, batchId);
        jdbc.update("UPDATE national_outbox SET state = 'RETRYING', next_attempt_at = ?, last_error = ? WHERE batch_id = ? AND state = 'SENDING'",
                Timestamp.from(next), error, batchId);
    }

    /** The batch was sent as often as it may be without an answer: it stops, its records DEAD with the reason. */
    public void unsettled(UUID batchId, Instant at, String reason) {
        jdbc.update("UPDATE national_batch SET state = 'UNSETTLED', settled_at = ?, lease_until = NULL, last_error = ? WHERE batch_id = ?",
                Timestamp.from(at), reason, batchId);
        jdbc.update("UPDATE national_outbox SET state = 'DEAD', last_error = ? WHERE batch_id = ? AND state IN ('SENDING', 'RETRYING')",
                reason, batchId);
    }

    /**
     * The platform answers again: batches waiting because it did not are sent now, not after their backoff, so a
     * backlog built up during an outage drains at once. Answers how many.
     */
    public int sendWaitingNow(Instant now) {
        int batches = jdbc.update("UPDATE national_batch SET next_attempt_at = ? WHERE state = 'WAITING' AND next_attempt_at > ?",
                Timestamp.from(now), Timestamp.from(now));
        if (batches > 0) {
            jdbc.update("""
                    UPDATE national_outbox o SET next_attempt_at = ? FROM national_batch b
                    WHERE o.batch_id = b.batch_id AND b.state = 'WAITING' AND o.state = 'RETRYING'""", Timestamp.from(now));
        }
        return batches;
    }

    /** Records still to be delivered (not yet DELIVERED or DEAD). */
    public long backlog() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM national_outbox WHERE state IN ('PENDING', 'SENDING', 'RETRYING')", Long.class);
        return n == null ? 0 : n;
    }
}
