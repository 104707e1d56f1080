package gov.js.evaluation.hub.access;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What operators did, in the append-only table operator_audit (the database refuses UPDATE, DELETE and
 * TRUNCATE). The actor is the operator name of the current request. Details never hold personal data.
 */
@Component
public class OperatorAudit {

    /** One entry as {@code GET /api/v1/admin/audit} shows it. */
    public record Entry(long id, Instant at, String actor, String action, String target, JsonNode detail) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public OperatorAudit(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The operator of the current request (its HTTP Basic name). */
    public static String currentOperator() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller == null ? "unknown" : caller.getName();
    }

    /** What the operator of the current request did. */
    public void record(String action, String target, Map<String, ?> detail) {
        recordAs(currentOperator(), action, target, detail);
    }

    /** An entry of an actor who is not the current request's operator (a failed login: the name tried). */
    public void recordAs(String actor, String action, String target, Map<String, ?> detail) {
        jdbc.update("INSERT INTO operator_audit (actor, action, target, detail) VALUES (?, ?, ?, CAST(? AS jsonb))",
                actor, action, target, json.writeValueAsString(detail));
    }

    /** Newest first. */
    public List<Entry> recent(int limit, long offset) {
        return jdbc.query("SELECT id, at, actor, action, target, detail::text FROM operator_audit ORDER BY id DESC LIMIT ? OFFSET ?",
                (rs, n) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), json.readTree(rs.getString(6))), limit, offset);
    }

    public long count() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM operator_audit", Long.class);
        return n == null ? 0 : n;
    }

}
