package gov.js.evaluation.hub.cases;

import gov.js.evaluation.hub.access.OperatorScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Rectification cases as operators read them: the rating's facts a handler needs and the timeline. The rater's
 * name and ID number are kept encrypted on the case and never shown here (only whether they are kept).
 */
@Component
public class CaseReader {

    public static final int MAX_LIMIT = 500;

    private static final String COLUMNS = """
            case_id, project_no, evaluation_id, state, opened_at, source_id, satisfaction, assess_time, task_code, task_name,
            dept_code, pro_depart, area_code, pf, eval_detail, writing_evaluation, anonymous, rater_name IS NOT NULL
            OR rater_cert_key IS NOT NULL AS contact_kept, handler, events, last_event_at, rectify_due_at, deadline_calendar_assumed""";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public CaseReader(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Newest first, only the cases within the operator's {@code scope}; {@code state} and {@code region} (an area code
     * prefix, as 3205 for Suzhou) narrow the list.
     */
    public List<Map<String, Object>> list(String state, String region, OperatorScope scope, int limit, int offset) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (state != null) {
            where.append(" AND state = ?");
            args.add(state);
        }
        if (region != null) {
            where.append(" AND area_code LIKE ?");
            args.add(region + "%");
        }
        OperatorScope.SqlFilter inScope = scope.areaCondition("area_code");
        where.append(" AND ").append(inScope.condition());
        args.addAll(inScope.args());
        args.add(limit);
        args.add(offset);
        return jdbc.query("SELECT " + COLUMNS + " FROM rectification_case" + where + " ORDER BY opened_at DESC, case_id LIMIT ? OFFSET ?",
                (rs, n) -> row(rs), args.toArray());
    }

    /** The case with its timeline, if it is there and within the operator's {@code scope}. */
    public Optional<Map<String, Object>> find(UUID caseId, OperatorScope scope) {
        OperatorScope.SqlFilter inScope = scope.areaCondition("area_code");
        Optional<Map<String, Object>> found = jdbc.query("SELECT " + COLUMNS + " FROM rectification_case WHERE case_id = ? AND "
                + inScope.condition(), (rs, n) -> row(rs), inScope.argsBetween(List.of(caseId))).stream().findFirst();
        found.ifPresent(c -> c.put("timeline", jdbc.query(
                "SELECT seq, at, kind, source, actor, detail::text FROM case_event WHERE case_id = ? ORDER BY seq", (rs, n) -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("seq", rs.getInt(1));
                    e.put("at", rs.getTimestamp(2).toInstant().toString());
                    e.put("kind", rs.getString(3));
                    e.put("source", rs.getString(4));
                    e.put("actor", rs.getString(5));
                    e.put("detail", json.readTree(rs.getString(6)));
                    return e;
                }, caseId)));
        return found;
    }

    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("caseId", rs.getObject("case_id", UUID.class).toString());
        c.put("projectNo", rs.getString("project_no"));
        c.put("evaluationId", rs.getObject("evaluation_id", UUID.class).toString());
        c.put("state", rs.getString("state"));
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
        java.sql.Timestamp due = rs.getTimestamp("rectify_due_at");
        c.put("rectifyDueAt", due == null ? null : due.toInstant().toString());
        c.put("deadlineCalendarAssumed", rs.getBoolean("deadline_calendar_assumed"));
        c.put("events", rs.getInt("events"));
        c.put("lastEventAt", rs.getTimestamp("last_event_at").toInstant().toString());
        return c;
    }
}
