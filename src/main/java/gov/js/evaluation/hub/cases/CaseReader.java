package gov.js.evaluation.hub.cases;

import gov.js.evaluation.hub.access.OperatorScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Rectification cases as operators read them: the rating's facts a handler needs, each deadline and its state, and
 * the timeline. The rater's name and ID number are kept encrypted on the case and never shown here (only whether they
 * are kept).
 */
@Component
public class CaseReader {

    public static final int MAX_LIMIT = 500;

    /** The states in which a case's deadlines run (the others wait for the rater, a supervisor, or are done). */
    public static final String OPEN_STATES = CaseState.sqlList(CaseState.IN_HANDLERS_HANDS);

    /**
     * A deadline is overdue when it is past due, not met, not paused, and its case is still in the handler's hands:
     * the one definition of overdue (the list filter, the deadline states, the watch and the metric use it).
     */
    public static final String OVERDUE_DEADLINE = "d.met_at IS NULL AND d.paused_at IS NULL AND d.due_at < now() AND c.state IN "
            + OPEN_STATES;

    private static final String COLUMNS = """
            c.case_id, c.project_no, c.evaluation_id, c.state, c.opened_at, c.source_id, c.satisfaction, c.assess_time, c.task_code,
            c.task_name, c.dept_code, c.pro_depart, c.area_code, c.pf, c.eval_detail, c.writing_evaluation, c.anonymous,
            c.rater_name IS NOT NULL OR c.rater_cert_key IS NOT NULL AS contact_kept, c.handler, c.events, c.last_event_at, c.round,
            c.kind, c.invalid, c.requested_extension_days,
            EXISTS (SELECT 1 FROM case_deadline d WHERE d.case_id = c.case_id AND\s""" + OVERDUE_DEADLINE + ") AS overdue";

    /** What a list asks for; null fields do not narrow it. */
    public record Filter(String state, String region, String department, Boolean overdue, Instant openedFrom, Instant openedTo) {

        public static final Filter ALL = new Filter(null, null, null, null, null, null);
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    /** One snapshot for the parts of one case (the row, deadlines, timeline, outbox): never a state older than its timeline. */
    private final TransactionTemplate snapshot;

    public CaseReader(JdbcTemplate jdbc, ObjectMapper json, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /**
    /**
     * Newest first, only the cases within the operator's {@code scope}; {@code region} is an area code prefix (3205 for
     * Suzhou), {@code department} the beginning of the handling department's credit code, {@code openedFrom}/{@code
     * openedTo} bound when the case opened.
     */
    public List<Map<String, Object>> list(Filter filter, OperatorScope scope, int limit, int offset) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (filter.state() != null) {
            where.append(" AND c.state = ?");
            args.add(filter.state());
        }
        if (filter.region() != null) {
            where.append(" AND c.area_code LIKE ?");
            args.add(filter.region() + "%");
        }
        if (filter.department() != null) {
            where.append(" AND c.dept_code LIKE ?");
            args.add(filter.department() + "%");
        }
        if (filter.overdue() != null) {
            where.append(filter.overdue() ? " AND" : " AND NOT").append(" EXISTS (SELECT 1 FROM case_deadline d WHERE d.case_id = c.case_id AND ")
                    .append(OVERDUE_DEADLINE).append(")");
        }
        if (filter.openedFrom() != null) {
            where.append(" AND c.opened_at >= ?");
            args.add(Timestamp.from(filter.openedFrom()));
        }
        if (filter.openedTo() != null) {
            where.append(" AND c.opened_at < ?");
            args.add(Timestamp.from(filter.openedTo()));
        }
        OperatorScope.SqlFilter inScope = scope.areaCondition("c.area_code");
        where.append(" AND ").append(inScope.condition());
        args.addAll(inScope.args());
        args.add(limit);
        args.add(offset);
        List<Map<String, Object>> cases = jdbc.query("SELECT " + COLUMNS + " FROM rectification_case c" + where
                + " ORDER BY c.opened_at DESC, c.case_id LIMIT ? OFFSET ?", (rs, n) -> row(rs), args.toArray());
        Map<String, List<Map<String, Object>>> deadlines = deadlines(cases.stream().map(c -> UUID.fromString((String) c.get("caseId"))).toList());
        cases.forEach(c -> c.put("deadlines", deadlines.getOrDefault((String) c.get("caseId"), List.of())));
        return cases;
    }

    /**
     * The case's own facts and its deadlines, without timeline or outbox (what a message to a target is mapped from; in
     * the caller's transaction).
     */
    public Optional<Map<String, Object>> facts(UUID caseId) {
        Optional<Map<String, Object>> found = jdbc.query("SELECT " + COLUMNS + " FROM rectification_case c WHERE c.case_id = ?",
                (rs, n) -> row(rs), caseId).stream().findFirst();
        found.ifPresent(c -> c.put("deadlines", deadlines(List.of(caseId)).getOrDefault(caseId.toString(), List.of())));
        return found;
    }

    /** The case with its deadlines, timeline and outbox messages, in one snapshot, if it is there and within {@code scope}. */
    public Optional<Map<String, Object>> find(UUID caseId, OperatorScope scope) {
        return snapshot.execute(tx -> read(caseId, scope));
    }

    private Optional<Map<String, Object>> read(UUID caseId, OperatorScope scope) {
        OperatorScope.SqlFilter inScope = scope.areaCondition("c.area_code");
        Optional<Map<String, Object>> found = jdbc.query("SELECT " + COLUMNS + " FROM rectification_case c WHERE c.case_id = ? AND "
                + inScope.condition(), (rs, n) -> row(rs), inScope.argsBetween(List.of(caseId))).stream().findFirst();
        found.ifPresent(c -> {
            c.put("deadlines", deadlines(List.of(caseId)).getOrDefault(caseId.toString(), List.of()));
            c.put("timeline", jdbc.query(
                    "SELECT seq, at, kind, source, actor, detail::text FROM case_event WHERE case_id = ? ORDER BY seq", (rs, n) -> {
                        Map<String, Object> e = new LinkedHashMap<>();
                        e.put("seq", rs.getInt(1));
                        e.put("at", rs.getTimestamp(2).toInstant().toString());
                        e.put("kind", rs.getString(3));
                        e.put("source", rs.getString(4));
                        e.put("actor", rs.getString(5));
                        e.put("detail", json.readTree(rs.getString(6)));
                        return e;
                    }, caseId));
            outbox(c, caseId);
        });
        return found;
    }

    /**
     * The case outbox's messages of the case (V17): {@code dispatch} {target, rule, state, sends, lastError, workOrderNo,
     * settledAt} of its latest dispatch (null before V17 enqueued one), {@code upward} {state (NONE, PENDING, DELIVERED, DEAD: the worst of
     * its records), records: [{seq, state, sends, lastError}]}, {@code reminders} [{seq, state, sends, lastError}].
     */
    private void outbox(Map<String, Object> c, UUID caseId) {
        List<Map<String, Object>> messages = jdbc.query("""
                SELECT purpose, seq, target, route_rule, state, sends, last_error, work_order_no, settled_at
                FROM case_outbox WHERE case_id = ? ORDER BY seq""", (rs, n) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("purpose", rs.getString(1));
            m.put("seq", rs.getInt(2));
            m.put("target", rs.getString(3));
            m.put("rule", rs.getString(4));
            m.put("state", rs.getString(5));
            m.put("sends", rs.getInt(6));
            m.put("lastError", rs.getString(7));
            m.put("workOrderNo", rs.getString(8));
            m.put("settledAt", instant(rs, 9));
            return m;
        }, caseId);
        // the latest dispatch: a reopened case goes out again for its new round
        c.put("dispatch", messages.stream().filter(m -> "DISPATCH".equals(m.get("purpose"))).reduce((first, later) -> later).map(m -> {
            Map<String, Object> d = new LinkedHashMap<>(m);
            d.remove("purpose");
            d.remove("seq");
            return d;
        }).orElse(null));
        List<Map<String, Object>> upward = messages.stream().filter(m -> "UPWARD".equals(m.get("purpose"))).toList();
        c.put("reminders", messages.stream().filter(m -> "REMINDER".equals(m.get("purpose"))).map(CaseReader::brief).toList());
        Map<String, Object> up = new LinkedHashMap<>();
        up.put("state", upward.isEmpty() ? "NONE" : upward.stream().anyMatch(m -> "DEAD".equals(m.get("state"))) ? "DEAD"
                : upward.stream().allMatch(m -> "DELIVERED".equals(m.get("state"))) ? "DELIVERED" : "PENDING");
        up.put("records", upward.stream().map(CaseReader::brief).toList());
        c.put("upward", up);
    }

    private static Map<String, Object> brief(Map<String, Object> message) {
        Map<String, Object> b = new LinkedHashMap<>();
        for (String k : List.of("seq", "target", "state", "sends", "lastError", "settledAt")) {
            b.put(k, message.get(k));
        }
        return b;
    }

    /**
     * Each deadline of the case, by round: due when, by which policy, from what, and its state: RUNNING, PAUSED (an
     * appeal is open), MET, MET_LATE, OVERDUE, or LAPSED (not met, and the case left the handler's hands).
     */
    private Map<String, List<Map<String, Object>>> deadlines(List<UUID> caseIds) {
        Map<String, List<Map<String, Object>>> byCase = new LinkedHashMap<>();
        if (caseIds.isEmpty()) {
            return byCase;
        }
        jdbc.query("""
                SELECT d.round, d.kind, d.policy, d.runs_from, d.started_at, d.due_at, d.calendar_assumed, d.met_at, d.paused_at,
                       d.extended_days, d.near_due_at, d.overdue_at,
                       CASE WHEN d.met_at IS NOT NULL THEN CASE WHEN d.met_at <= d.due_at THEN 'MET' ELSE 'MET_LATE' END
                            WHEN d.paused_at IS NOT NULL THEN 'PAUSED'
                            WHEN c.state NOT IN\s""" + OPEN_STATES + """
                 THEN 'LAPSED'
                            WHEN d.due_at < now() THEN 'OVERDUE' ELSE 'RUNNING' END,
                       d.case_id
                FROM case_deadline d JOIN rectification_case c ON c.case_id = d.case_id
                WHERE d.case_id = ANY (?::uuid[]) ORDER BY d.case_id, d.round, d.started_at, d.kind""", rs -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("round", rs.getInt(1));
            d.put("kind", rs.getString(2));
            d.put("policy", rs.getString(3));
            d.put("runsFrom", rs.getString(4));
            d.put("startedAt", instant(rs, 5));
            d.put("dueAt", instant(rs, 6));
            d.put("calendarAssumed", rs.getBoolean(7));
            d.put("metAt", instant(rs, 8));
            d.put("pausedAt", instant(rs, 9));
            d.put("extendedDays", rs.getInt(10));
            d.put("nearDueAt", instant(rs, 11));
            d.put("overdueAt", instant(rs, 12));
            d.put("state", rs.getString(13));
            byCase.computeIfAbsent(rs.getString(14), k -> new ArrayList<>()).add(d);
        }, (Object) caseIds.stream().map(UUID::toString).toArray(String[]::new));
        return byCase;
    }

    private static String instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().toString();
    }

    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("caseId", rs.getObject("case_id", UUID.class).toString());
        c.put("projectNo", rs.getString("project_no"));
        c.put("evaluationId", rs.getObject("evaluation_id", UUID.class).toString());
        c.put("state", rs.getString("state"));
        c.put("round", rs.getInt("round"));
        c.put("kind", rs.getString("kind"));
        c.put("openedAt", rs.getTimestamp("opened_at").toInstant().toString());
        c.put("sourceId", rs.getString("source_id"));
        c.put("satisfaction", String.valueOf(rs.getShort("satisfaction")));
        c.put("assessTime", rs.getTimestamp("assess_time").toInstant().toString());
        c.put("taskCode", rs.getString("task_code"));
        c.put("taskName", rs.getString("task_name"));
        c.put("deptCode", rs.getString("dept_code"));
        c.put("proDepart", rs.getString("pro_depart"));
        c.put("areaCode", rs.getString("area_code"));
        c.put("pf", rs.getString("pf"));
        c.put("evalDetail", Arrays.asList((String[]) rs.getArray("eval_detail").getArray()));
        c.put("writingEvaluation", rs.getString("writing_evaluation"));
        c.put("anonymous", rs.getBoolean("anonymous"));
        c.put("raterContactKept", rs.getBoolean("contact_kept"));
        c.put("handler", rs.getString("handler"));
        c.put("invalid", rs.getBoolean("invalid"));
        c.put("requestedExtensionDays", rs.getObject("requested_extension_days"));
        c.put("overdue", rs.getBoolean("overdue"));
        c.put("events", rs.getInt("events"));
        c.put("lastEventAt", rs.getTimestamp("last_event_at").toInstant().toString());
        return c;
    }
}
