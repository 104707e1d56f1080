package gov.js.evaluation.hub.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Watches the running deadlines (routes/case-deadlines.yaml calls {@link #scan} every
 * {@code hub.cases.deadline-watch-interval}): a deadline within {@code hub.cases.near-due-working-days} of working time
 * of its due time (at most half its own length) is recorded NEAR_DUE, one past it OVERDUE, each once per due time, as hub events on the case's
 * timeline (the dispatch outbox turns them into reminders, 督办, to the handler). Computed on the hub's clock.
 */
@Component
public class DeadlineWatch {

    private static final Logger log = LoggerFactory.getLogger(DeadlineWatch.class);
    /** Deadlines looked at per scan; the next scan takes the rest. */
    static final int PER_SCAN = 500;

    private record Running(UUID caseId, String kind, Instant started, Instant due, boolean nearDueRecorded) {
    }

    private final JdbcTemplate jdbc;
    private final CaseEvents events;
    private final WorkingClock workingClock;
    private final Duration nearDue;
    private final Clock clock;
    private final ObjectMapper json;

    public DeadlineWatch(JdbcTemplate jdbc, CaseEvents events, WorkingClock workingClock, CasesProperties settings, Clock clock,
                         ObjectMapper json) {
        this.jdbc = jdbc;
        this.events = events;
        this.workingClock = workingClock;
        this.nearDue = workingClock.workingDay().multipliedBy(settings.nearDueWorkingDays());
        this.clock = clock;
        this.json = json;
    }

    /**
     * How much working time left makes this deadline near due: {@code hub.cases.near-due-working-days}, but at most half
     * of the deadline's own length, so that a deadline shorter than that (signing within 1 working hour) is not near due
     * the moment it starts.
     */
    private Duration nearDueOf(Running r) {
        Duration half = workingClock.workingTimeBetween(r.started(), r.due()).dividedBy(2);
        return half.compareTo(nearDue) < 0 ? half : nearDue;
    }

    /** One look: the events it recorded. */
    public int scan() {
        Instant now = clock.instant();
        // near due is measured in working time: a holiday week puts up to ~12 calendar days before one working day
        List<Running> running = jdbc.query("""
                SELECT d.case_id, d.kind, d.started_at, d.due_at, d.near_due_at IS NOT NULL FROM case_deadline d
                JOIN rectification_case c ON c.case_id = d.case_id AND c.round = d.round
                WHERE d.met_at IS NULL AND d.paused_at IS NULL AND d.overdue_at IS NULL AND d.due_at < ?
                AND c.state IN\s""" + CaseReader.OPEN_STATES + " ORDER BY d.due_at LIMIT " + PER_SCAN,
                (rs, n) -> new Running(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant(), rs.getBoolean(5)),
                Timestamp.from(now.plus(Duration.ofDays(14))));
        int recorded = 0;
        for (Running r : running) {
            CaseEventKind kind = !r.due().isAfter(now) ? CaseEventKind.OVERDUE
                    : !r.nearDueRecorded() && workingClock.workingTimeBetween(now, r.due()).compareTo(nearDueOf(r)) <= 0
                    ? CaseEventKind.NEAR_DUE : null;
            if (kind == null) {
                continue;
            }
            var detail = json.createObjectNode().put("deadline", r.kind()).put("dueAt", r.due().toString());
            try {
                if (events.apply(new CaseEvent(null, r.caseId(), null, kind, null, null, detail), CaseActor.HUB)
                        instanceof CaseEvents.Applied) {
                    recorded++;
                }
            } catch (RuntimeException e) {
                log.warn("deadline watch: case {} not marked {} this time: {}", r.caseId(), kind, e.getClass().getName());
            }
        }
        return recorded;
    }
}
