package gov.js.evaluation.hub.cases;

import gov.js.evaluation.hub.cases.CaseEventListener.RecordedCaseEvent;
import gov.js.evaluation.hub.cases.DeadlinePolicies.Kind;
import gov.js.evaluation.hub.cases.DeadlinePolicies.Policy;
import gov.js.evaluation.hub.cases.DeadlinePolicies.RunsFrom;
import gov.js.evaluation.hub.validate.ErrorCode;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies case events, one case at a time: under the case row's lock (two events of one case arriving at once are
 * applied one after the other), checked by the {@link CaseLifecycle}, recognised when the same source sends the same
 * event id again, recorded on the append-only timeline with the deadlines it meets, pauses, moves or opens, and handed
 * to the {@link CaseEventListener}s, all in one transaction. Deadlines run on the hub's clock: an event is taken when
 * the hub receives it, whatever time its sender gives.
 */
@Component
public class CaseEvents {

    /** What became of an event. */
    public sealed interface Outcome {
    }

    /** Recorded as {@code seq} of the case; the case is now {@code state}. */
    public record Applied(UUID caseId, int seq, CaseState state) implements Outcome {
    }

    /** The source sent this event id for this case before: recorded then as {@code seq}, nothing done now. */
    public record Duplicate(UUID caseId, int seq) implements Outcome {
    }

    /** Not recorded, with the code and the reason. */
    public record Refused(ErrorCode code, String reason) implements Outcome {
    }

    private record CaseRow(UUID caseId, String projectNo, CaseState state, int round, int events, String areaCode,
                           String deptCode, String kind, Integer requestedDays) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final WorkingClock workingClock;
    private final DeadlinePolicies policies;
    private final Clock clock;
    private final ObjectMapper json;
    private final List<CaseEventListener> listeners;
    private final DistributionSummary timeToSign;
    private final DistributionSummary timeToRectify;

    public CaseEvents(JdbcTemplate jdbc, TransactionTemplate transaction, WorkingClock workingClock, DeadlinePolicies policies,
                      Clock clock, ObjectMapper json, List<CaseEventListener> listeners, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.workingClock = workingClock;
        this.policies = policies;
        this.clock = clock;
        this.json = json;
        this.listeners = listeners;
        this.timeToSign = DistributionSummary.builder("hub.cases.time.to.sign.working.hours")
                .description("working hours from a case's dispatch to its signing").register(meters);
        this.timeToRectify = DistributionSummary.builder("hub.cases.time.to.rectify.working.hours")
                .description("working hours from a rating to its case's rectification (each round from its start)").register(meters);
    }

    /** Applies one event in its own transaction. */
    public Outcome apply(CaseEvent event, CaseActor actor) {
        if (!event.kind().comesFrom(actor.origin())) {
            return new Refused(ErrorCode.EVENT_NOT_ALLOWED, event.kind() + " is not an event a " + actor.origin().name().toLowerCase()
                    + " records");
        }
        return transaction.execute(status -> applyLocked(event, actor));
    }

    private Outcome applyLocked(CaseEvent event, CaseActor actor) {
        CaseRow c = lock(event);
        if (c == null || !actor.covers(c.areaCode()) && actor.origin() == CaseEventKind.Origin.SUPERVISOR) {
            // a supervisor outside the case's region learns nothing of it
            return new Refused(ErrorCode.UNKNOWN_CASE, "no case has this " + (event.caseId() != null ? "caseId" : "projectNo"));
        }
        if (!actor.covers(c.areaCode())) {
            return new Refused(ErrorCode.CASE_OUTSIDE_SOURCE_REGION, "the case is outside the region this source may act for");
        }
        if (event.eventId() != null) {
            List<Map<String, Object>> seen = jdbc.queryForList("SELECT case_id, seq FROM case_event WHERE source = ? AND event_key = ?",
                    actor.source(), event.eventId());
            if (!seen.isEmpty()) {
                UUID sameCase = (UUID) seen.get(0).get("case_id");
                return sameCase.equals(c.caseId()) ? new Duplicate(c.caseId(), (Integer) seen.get(0).get("seq"))
                        : new Refused(ErrorCode.EVENT_ID_REUSED, "this source used the eventId for another case; give every event its own id");
            }
        }
        if ((event.kind() == CaseEventKind.NEAR_DUE || event.kind() == CaseEventKind.OVERDUE) && !stillRunning(c, event)) {
            return new Refused(ErrorCode.EVENT_NOT_ALLOWED, "the deadline was met, paused or marked meanwhile");
        }
        CaseLifecycle.Round round = roundOf(c);
        CaseLifecycle.Step step = CaseLifecycle.next(c.state(), event.kind(), round, event.stillDissatisfied());
        if (!step.allowed()) {
            return new Refused(ErrorCode.EVENT_NOT_ALLOWED, step.refusal() + CaseLifecycle.takesNow(c.state(), round, actor.origin()));
        }
        Instant now = clock.instant();
        ObjectNode detail = event.detail() == null ? json.createObjectNode() : event.detail().deepCopy();
        if (event.occurredAt() != null) {
            detail.put("occurredAt", event.occurredAt());
        }
        if (event.actor() != null) {
            detail.put("by", event.actor());
        }
        maskTexts(detail);
        CaseState to = step.to() == CaseState.REOPENED && event.kind() == CaseEventKind.RETURN_VISITED
                ? CaseState.RETURN_VISITED : step.to();
        int seq = record(c, c.events() + 1, event.kind(), actor.source(), event.eventId(), detail, to, now);
        effects(c, event.kind(), detail, now);
        if (to != step.to()) { // the return visit found the rater still dissatisfied: the hub reopens the case
            ObjectNode why = json.createObjectNode().put("reason", "the return visit found the rater still dissatisfied")
                    .put("returnVisit", seq);
            CaseRow visited = new CaseRow(c.caseId(), c.projectNo(), to, c.round(), seq, c.areaCode(), c.deptCode(), c.kind(), null);
            seq = record(visited, seq + 1, CaseEventKind.REOPENED, CaseActor.HUB.source(), null, why, CaseState.REOPENED, now);
            effects(visited, CaseEventKind.REOPENED, why, now);
        }
        return new Applied(c.caseId(), seq, step.to());
    }

    /**
     * What the case's current round holds in. Only a REPLIED case can hold one answer and wait for the other (the
     * lifecycle asks nowhere else), so the timeline is read for that state only: a dispatch, a reminder or a signing
     * costs no look at it.
     */
    private CaseLifecycle.Round roundOf(CaseRow c) {
        if (c.state() != CaseState.REPLIED) {
            return new CaseLifecycle.Round(false, false);
        }
        List<String> answered = jdbc.queryForList("""
                SELECT kind FROM case_event WHERE case_id = ? AND kind IN ('RECTIFIED', 'REPLIED') AND seq > coalesce(
                    (SELECT max(seq) FROM case_event WHERE case_id = ? AND kind = 'REOPENED'), 0)""", String.class, c.caseId(), c.caseId());
        return new CaseLifecycle.Round(answered.contains("RECTIFIED"), answered.contains("REPLIED"));
    }

    /**
     * A reply, a note or an actor's name is typed by a person and may hold a rater's ID-card or mobile number: every
     * text of the event is kept with those masked, as a rating's comment is (the timeline is a clear column).
     */
    private static void maskTexts(ObjectNode detail) {
        for (String name : List.copyOf(detail.propertyNames())) {
            tools.jackson.databind.JsonNode value = detail.get(name);
            if (value.isString()) {
                detail.put(name, gov.js.evaluation.hub.schema.PersonalDataMask.maskIdentifiersIn(value.asString()));
            } else if (value.isObject()) {
                maskTexts((ObjectNode) value);
            }
        }
    }

    /**
     * The watch chose the deadline before it held the case's lock: an event applied meanwhile may have met, paused or
     * moved it, or another watch marked it.
     */
    private boolean stillRunning(CaseRow c, CaseEvent event) {
        String mark = event.kind() == CaseEventKind.NEAR_DUE ? "near_due_at" : "overdue_at";
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM case_deadline WHERE case_id = ? AND round = ? AND kind = ? "
                + "AND met_at IS NULL AND paused_at IS NULL AND " + mark + " IS NULL AND due_at = ?::timestamptz)", Boolean.class, c.caseId(),
                c.round(), event.detail().path("deadline").asString(), event.detail().path("dueAt").asString()));
    }

    private CaseRow lock(CaseEvent event) {
        String where = event.caseId() != null ? "case_id = ?" : "project_no = ?";
        Object key = event.caseId() != null ? event.caseId() : event.projectNo();
        if (key == null) {
            return null;
        }
        return jdbc.query("SELECT case_id, project_no, state, round, events, area_code, dept_code, kind, requested_extension_days "
                + "FROM rectification_case WHERE " + where + " FOR UPDATE", (rs, n) -> new CaseRow(rs.getObject(1, UUID.class),
                rs.getString(2), CaseState.valueOf(rs.getString(3)), rs.getInt(4), rs.getInt(5), rs.getString(6), rs.getString(7),
                rs.getString(8), (Integer) rs.getObject(9)), key).stream().findFirst().orElse(null);
    }

    private int record(CaseRow c, int seq, CaseEventKind kind, String source, String eventKey, ObjectNode detail, CaseState to,
                       Instant now) {
        int round = kind == CaseEventKind.REOPENED ? c.round() + 1 : c.round();
        detail.put("from", c.state().name()).put("to", to.name()).put("round", round);
        jdbc.update("INSERT INTO case_event (case_id, seq, at, kind, source, actor, detail, event_key) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)",
                c.caseId(), seq, Timestamp.from(now), kind.name(), source, detail.path("by").asString(source), detail.toString(), eventKey);
        jdbc.update("UPDATE rectification_case SET state = ?, events = ?, last_event_at = ?, round = ? WHERE case_id = ?",
                to.name(), seq, Timestamp.from(now), round, c.caseId());
        RecordedCaseEvent recorded = new RecordedCaseEvent(c.caseId(), c.projectNo(), seq, round, kind, c.state(), to, source, detail);
        listeners.forEach(l -> l.recorded(recorded));
        return seq;
    }

    /** What the event does to the case's deadlines and open requests. */
    private void effects(CaseRow c, CaseEventKind kind, ObjectNode detail, Instant now) {
        switch (kind) {
            case DISPATCHED -> openDeadlines(c, c.round(), RunsFrom.DISPATCH, now);
            case SIGNED -> {
                meet(c, Kind.SIGN, now, timeToSign);
                openDeadlines(c, c.round(), RunsFrom.SIGNING, now);
            }
            case APPEALED -> jdbc.update("UPDATE case_deadline SET paused_at = ? WHERE case_id = ? AND met_at IS NULL AND paused_at IS NULL",
                    Timestamp.from(now), c.caseId());
            case APPEAL_REJECTED -> resumePaused(c, now);
            case EXTENSION_REQUESTED -> jdbc.update("UPDATE rectification_case SET requested_extension_days = ? WHERE case_id = ?",
                    detail.path("workingDays").asInt(), c.caseId());
            case EXTENSION_APPROVED -> extend(c, detail.has("workingDays") ? detail.path("workingDays").asInt()
                    : c.requestedDays() == null ? 0 : c.requestedDays());
            case EXTENSION_REFUSED -> jdbc.update("UPDATE rectification_case SET requested_extension_days = NULL WHERE case_id = ?", c.caseId());
            case APPEAL_UPHELD -> jdbc.update("UPDATE rectification_case SET invalid = true WHERE case_id = ?", c.caseId());
            case RECTIFIED -> {
                meet(c, Kind.RECTIFY, now, timeToRectify);
                meet(c, Kind.ANSWER, now, null); // the rectification answers the case too
            }
            case REPLIED -> meet(c, Kind.ANSWER, now, null);
            case REOPENED -> reopen(c, now);
            case NEAR_DUE, OVERDUE -> jdbc.update("UPDATE case_deadline SET " + (kind == CaseEventKind.NEAR_DUE ? "near_due_at" : "overdue_at")
                    + " = ? WHERE case_id = ? AND round = ? AND kind = ?", Timestamp.from(now), c.caseId(), c.round(),
                    detail.path("deadline").asString());
            default -> {
            }
        }
    }

    /** The deadlines of {@code round} that run from {@code from}, by the case's policy. */
    void openDeadlines(CaseRow c, int round, RunsFrom from, Instant at) {
        Policy policy = policies.forCase(c.areaCode(), c.deptCode(), c.kind());
        for (Kind kind : Kind.values()) {
            DeadlinePolicies.Deadline d = policy.deadline(kind);
            // a case signed before the hub recorded its dispatch has no sign deadline to run
            boolean signedAlready = from == RunsFrom.DISPATCH && c.state() != CaseState.NEW && c.state() != CaseState.DISPATCHED;
            boolean runs = from == RunsFrom.REOPENING ? kind != Kind.SIGN : d.from() == from && !(kind == Kind.SIGN && signedAlready);
            if (runs) {
                WorkingClock.Due due = d.after(workingClock, at);
                jdbc.update("""
                        INSERT INTO case_deadline (case_id, round, kind, policy, runs_from, started_at, due_at, calendar_assumed)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", c.caseId(), round, kind.name(), policy.id(),
                        from.written(), Timestamp.from(at), Timestamp.from(due.at()), due.calendarAssumed());
            }
        }
    }

    private void meet(CaseRow c, Kind kind, Instant now, DistributionSummary took) {
        List<Timestamp> started = jdbc.queryForList("""
                UPDATE case_deadline SET met_at = ? WHERE case_id = ? AND round = ? AND kind = ? AND met_at IS NULL
                RETURNING started_at""", Timestamp.class, Timestamp.from(now), c.caseId(), c.round(), kind.name());
        if (took != null && !started.isEmpty()) {
            double hours = workingClock.workingTimeBetween(started.get(0).toInstant(), now).toSeconds() / 3600.0;
            afterCommit(() -> took.record(hours));
        }
    }

    /** The appeal is decided: each paused deadline is due later by the working time it was paused. */
    private void resumePaused(CaseRow c, Instant now) {
        jdbc.query("SELECT kind, due_at, paused_at FROM case_deadline WHERE case_id = ? AND paused_at IS NOT NULL", rs -> {
            Duration paused = workingClock.workingTimeBetween(rs.getTimestamp(3).toInstant(), now);
            WorkingClock.Due due = workingClock.afterWorkingHours(rs.getTimestamp(2).toInstant(), paused);
            jdbc.update("""
                    UPDATE case_deadline SET due_at = ?, paused_at = NULL, calendar_assumed = calendar_assumed OR ?,
                        near_due_at = CASE WHEN ? THEN near_due_at END, overdue_at = CASE WHEN ? THEN overdue_at END
                    WHERE case_id = ? AND kind = ? AND paused_at IS NOT NULL""",
                    Timestamp.from(due.at()), due.calendarAssumed(), paused.isZero(), paused.isZero(), c.caseId(), rs.getString(1));
        }, c.caseId());
    }

    /** An approved extension: the open answer and rectify deadlines of the round end {@code days} working days later. */
    private void extend(CaseRow c, int days) {
        jdbc.update("UPDATE rectification_case SET requested_extension_days = NULL WHERE case_id = ?", c.caseId());
        if (days < 1) {
            return;
        }
        jdbc.query("SELECT kind, due_at FROM case_deadline WHERE case_id = ? AND round = ? AND kind <> 'SIGN' AND met_at IS NULL",
                rs -> {
                    WorkingClock.Due due = workingClock.afterWorkingDays(rs.getTimestamp(2).toInstant(), days);
                    jdbc.update("""
                            UPDATE case_deadline SET due_at = ?, extended_days = extended_days + ?, near_due_at = NULL, overdue_at = NULL,
                                calendar_assumed = calendar_assumed OR ? WHERE case_id = ? AND round = ? AND kind = ?""",
                            Timestamp.from(due.at()), days, due.calendarAssumed(), c.caseId(), c.round(), rs.getString(1));
                }, c.caseId(), c.round());
    }

    /** 发回重办: the next round, with its own answer and rectify deadlines counted from now. */
    private void reopen(CaseRow c, Instant now) {
        openDeadlines(c, c.round() + 1, RunsFrom.REOPENING, now);
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
