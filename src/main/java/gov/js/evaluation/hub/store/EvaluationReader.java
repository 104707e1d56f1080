package gov.js.evaluation.hub.store;

import gov.js.evaluation.hub.access.OperatorScope;
import gov.js.evaluation.hub.protection.PersonalDataDisclosure;
import gov.js.evaluation.hub.protection.PersonalFields;
import gov.js.evaluation.hub.schema.EvaluationCodec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reads stored evaluations with their delivery state, personal fields decrypted and (unless revealed) masked. */
@Repository
public class EvaluationReader {

    /** The most evaluations one certKey lookup answers (the newest first). */
    public static final int MAX_BY_CERT_KEY = 200;

    private static final String SELECT = """
            SELECT e.evaluation_id, e.unified::text AS unified, e.source_id, e.source_record_id, e.receipt_id,
                   e.received_at, e.adapter_id, e.adapter_version, e.stored_at, e.channel_detail::text AS channel_detail,
                   o.state, o.attempts, o.batch_id, o.last_error, o.last_attempt_at, o.next_attempt_at, o.delivered_at,
                   c.case_id, c.state AS case_state, c.invalid
            FROM evaluation e LEFT JOIN national_outbox o ON o.evaluation_id = e.evaluation_id
            LEFT JOIN rectification_case c ON c.project_no = e.project_no
            """;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final PersonalDataDisclosure disclosure;
    private final PersonalFields personal;

    public EvaluationReader(JdbcTemplate jdbc, ObjectMapper json, PersonalDataDisclosure disclosure, PersonalFields personal) {
        this.jdbc = jdbc;
        this.json = json;
        this.disclosure = disclosure;
        this.personal = personal;
    }

    /** The evaluation, if it is stored and its areaCode lies within the operator's scope. */
    public Optional<EvaluationView> find(UUID evaluationId, OperatorScope scope) {
        OperatorScope.SqlFilter inScope = scope.areaCondition("e.area_code");
        return jdbc.query(SELECT + "WHERE e.evaluation_id = ? AND " + inScope.condition(), this::view,
                inScope.argsBetween(List.of(evaluationId))).stream().findFirst();
    }

    /**
     * The evaluations of an ID-card number or credit code (exact, through its blind index) within the operator's scope,
     * newest first.
     */
    public List<EvaluationView> findByCertKey(String certKey, OperatorScope scope) {
        OperatorScope.SqlFilter inScope = scope.areaCondition("e.area_code");
        return jdbc.query(SELECT + "WHERE e.cert_key_index = ? AND " + inScope.condition()
                + " ORDER BY e.stored_at DESC, e.evaluation_id LIMIT ?", this::view,
                inScope.argsBetween(List.of(personal.indexOf(certKey)), MAX_BY_CERT_KEY));
    }

    private EvaluationView view(ResultSet rs, int row) throws SQLException {
        // jsonb keeps keys in its own order; the codec restores the schema's field order
        ObjectNode unified = EvaluationCodec.toWire(EvaluationCodec.fromWire(
                disclosure.unified((ObjectNode) json.readTree(rs.getString("unified")))));
        var source = new EvaluationView.Source(rs.getString("source_id"), rs.getString("source_record_id"),
                rs.getString("receipt_id"), time(rs, "received_at"), rs.getString("adapter_id"), rs.getString("adapter_version"),
                (ObjectNode) json.readTree(rs.getString("channel_detail")));
        String state = rs.getString("state");
        int sends = rs.getInt("attempts");
        var national = state == null ? null : new EvaluationView.National(state, sends, Math.max(0, sends - 1),
                rs.getString("batch_id"), rs.getString("last_error"), time(rs, "last_attempt_at"),
                "RETRYING".equals(state) ? time(rs, "next_attempt_at") : null, time(rs, "delivered_at"));
        String caseId = rs.getString("case_id");
        var rectification = caseId == null ? null : new EvaluationView.RectificationCase(caseId, rs.getString("case_state"),
                rs.getBoolean("invalid"));
        return new EvaluationView(rs.getString("evaluation_id"), unified, source,
                time(rs, "stored_at"), national, rectification);
    }

    private static String time(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().toString();
    }
}
