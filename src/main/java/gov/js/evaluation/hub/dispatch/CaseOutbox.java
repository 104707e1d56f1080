package gov.js.evaluation.hub.dispatch;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The case outbox ({@code case_outbox}, V17): one message per (case, event seq, purpose). A message is sent in the
 * order of its case's events within its lane (a later one waits until the earlier ones are DELIVERED or DEAD), its
 * send recorded before it goes out (SENDING with a lease: a drainer that dies leaves it to be sent again, with the
 * same key and body, once the lease has passed). Claims lock with SKIP LOCKED, so hubs sharing a store never send
 * one message at the same time.
 */
@Repository
public class CaseOutbox {

    /** The states in which a message still has to go. */
    static final String OPEN = "('PENDING', 'SENDING', 'RETRYING')";

    /** A message claimed for a send, before its send is recorded. */
    public record Due(UUID messageId, UUID caseId, int seq, Purpose purpose, String target, String rule, int sends, String body) {
    }

    private final JdbcTemplate jdbc;

    public CaseOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** In the caller's transaction (the event's); a message for the same (case, seq, purpose) is there already. */
    public void enqueue(UUID caseId, int seq, Purpose purpose, String target) {
        jdbc.update("INSERT INTO case_outbox (case_id, seq, purpose, lane, target) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                caseId, seq, purpose.name(), purpose.lane(), target);
    }

    /**
     * In the caller's (short) transaction: the next message that is due, locked: waiting and due, or sent and its
     * lease passed, and no earlier message of its case and lane still to go. Written so that it walks the open
     * messages' index in due order and stops at the first (the form with an OR of two states had the planner scan,
     * join and sort the whole backlog for every message: 12.8 ms a claim at 4,400 waiting, against 1.7 ms now).
     */
    public Optional<Due> nextDue(Instant now) {
        return jdbc.query("""
                SELECT o.message_id, o.case_id, o.seq, o.purpose, o.target, o.route_rule, o.sends, o.body FROM case_outbox o
                WHERE o.state IN\s""" + OPEN + """
                AND o.next_attempt_at <= ? AND (o.state <> 'SENDING' OR o.lease_until <= ?)
                AND NOT EXISTS (SELECT 1 FROM case_outbox p WHERE p.case_id = o.case_id AND p.lane = o.lane AND p.seq < o.seq
                                AND p.state IN\s""" + OPEN + """
                )
                ORDER BY o.next_attempt_at LIMIT 1 FOR UPDATE OF o SKIP LOCKED""",
                (rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3), Purpose.valueOf(rs.getString(4)),
                        rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8)),
                Timestamp.from(now), Timestamp.from(now)).stream().findFirst();
    }

    /** The dispatch of a case: its target and state and the target's work-order number, if it has one. */
    public record Dispatch(String target, String state, String workOrderNo) {
    }

    public Optional<Dispatch> dispatchOf(UUID caseId) {
        return jdbc.query("SELECT target, state, work_order_no FROM case_outbox WHERE case_id = ? AND purpose = 'DISPATCH' "
                + "ORDER BY seq DESC LIMIT 1",
                (rs, n) -> new Dispatch(rs.getString(1), rs.getString(2), rs.getString(3)), caseId).stream().findFirst();
    }

    /** Records the send before it goes out: SENDING until {@code leaseUntil}, with the target and the body every send repeats. */
    public void lease(UUID messageId, String target, String rule, String body, Instant now, Instant leaseUntil) {
        jdbc.update("""
                UPDATE case_outbox SET state = 'SENDING', sends = sends + 1, target = ?, route_rule = ?, body = ?, last_sent_at = ?,
                    lease_until = ? WHERE message_id = ?""", target, rule, body, Timestamp.from(now), Timestamp.from(leaseUntil), messageId);
    }

    /** Not sent now (its target has no address or no secret yet): tried again at {@code next}, the reason kept. */
    public void notNow(UUID messageId, String target, String rule, Instant next, String reason) {
        jdbc.update("UPDATE case_outbox SET target = ?, route_rule = ?, next_attempt_at = ?, last_error = ? WHERE message_id = ?",
                target, rule, Timestamp.from(next), reason, messageId);
    }

    /** Locks the message for its outcome; false when this send is no longer its latest (its lease passed, another sent it). */
    public boolean lockForOutcome(UUID messageId, int send) {
        return !jdbc.queryForList("SELECT 1 FROM case_outbox WHERE message_id = ? AND sends = ? AND state = 'SENDING' FOR UPDATE",
                Integer.class, messageId, send).isEmpty();
    }

    public void delivered(UUID messageId, Instant at, String workOrderNo) {
        jdbc.update("""
                UPDATE case_outbox SET state = 'DELIVERED', settled_at = ?, lease_until = NULL, last_error = NULL, work_order_no = ?
                WHERE message_id = ?""", Timestamp.from(at), workOrderNo, messageId);
    }

    /** The send got no answer: sent again, the same, at {@code next}. */
    public void retry(UUID messageId, Instant next, String reason) {
        jdbc.update("UPDATE case_outbox SET state = 'RETRYING', next_attempt_at = ?, lease_until = NULL, last_error = ? WHERE message_id = ?",
                Timestamp.from(next), reason, messageId);
    }

    /** Refused: it stops, with the reason. */
    public void dead(UUID messageId, Instant at, String reason) {
        jdbc.update("UPDATE case_outbox SET state = 'DEAD', settled_at = ?, lease_until = NULL, last_error = ? WHERE message_id = ?",
                Timestamp.from(at), reason, messageId);
    }

    /** The target answers again: its messages waiting for a backoff go now, so a backlog built in an outage drains at once. */
    public int dueNow(String target, Instant now) {
        return jdbc.update("UPDATE case_outbox SET next_attempt_at = ? WHERE target = ? AND state = 'RETRYING' AND next_attempt_at > ?",
                Timestamp.from(now), target, Timestamp.from(now));
    }

    /** Every waiting message routed to {@code target} is put off to {@code next}, with the reason (the target is not ready). */
    public int notNowAll(String target, Instant next, String reason) {
        return jdbc.update("UPDATE case_outbox SET next_attempt_at = ?, last_error = ? WHERE target = ? AND state IN ('PENDING', 'RETRYING') "
                + "AND next_attempt_at < ?", Timestamp.from(next), reason, target, Timestamp.from(next));
    }

    /** At start: every waiting message is due now (a setting given since may let it go). */
    public int allDueNow(Instant now) {
        return jdbc.update("UPDATE case_outbox SET next_attempt_at = ? WHERE state IN ('PENDING', 'RETRYING') AND next_attempt_at > ?",
                Timestamp.from(now), Timestamp.from(now));
    }

    /** Messages still to go, by purpose. */
    public Map<Purpose, Long> backlog() {
        Map<Purpose, Long> backlog = new EnumMap<>(Purpose.class);
        for (Purpose p : Purpose.values()) {
            backlog.put(p, 0L);
        }
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT purpose, count(*) AS n FROM case_outbox WHERE state IN " + OPEN
                + " GROUP BY purpose");
        rows.forEach(r -> backlog.put(Purpose.valueOf((String) r.get("purpose")), ((Number) r.get("n")).longValue()));
        return backlog;
    }
}
