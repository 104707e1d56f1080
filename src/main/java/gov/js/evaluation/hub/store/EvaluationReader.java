package gov.js.evaluation.hub.store;

import gov.js.evaluation.hub.schema.EvaluationCodec;
import gov.js.evaluation.hub.schema.PersonalDataMask;
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

/** Reads stored evaluations with their delivery state, personal fields masked. */
@Repository
public class EvaluationReader {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public EvaluationReader(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<EvaluationView> find(UUID evaluationId) {
        List<EvaluationView> rows = jdbc.query("""
                SELECT e.evaluation_id, e.unified::text AS unified, e.source_id, e.source_record_id, e.receipt_id,
                       e.received_at, e.adapter_id, e.adapter_version, e.stored_at, e.channel_detail::text AS channel_detail,
                       o.state, o.attempts, o.last_error, o.last_attempt_at, o.next_attempt_at, o.delivered_at
                FROM evaluation e LEFT JOIN national_outbox o ON o.evaluation_id = e.evaluation_id
                WHERE e.evaluation_id = ?""", this::view, evaluationId);
        return rows.stream().findFirst();
    }

    private EvaluationView view(ResultSet rs, int row) throws SQLException {
        // jsonb keeps keys in its own order; the codec restores the schema's field order
        ObjectNode unified = EvaluationCodec.toWire(EvaluationCodec.fromWire(json.readTree(rs.getString("unified"))));
        var source = new EvaluationView.Source(rs.getString("source_id"), rs.getString("source_record_id"),
                rs.getString("receipt_id"), time(rs, "received_at"), rs.getString("adapter_id"), rs.getString("adapter_version"),
                (ObjectNode) json.readTree(rs.getString("channel_detail")));
        String state = rs.getString("state");
        var national = state == null ? null : new EvaluationView.National(state, rs.getInt("attempts"),
                rs.getString("last_error"), time(rs, "last_attempt_at"),
                "DELIVERED".equals(state) || "DEAD".equals(state) ? null : time(rs, "next_attempt_at"),
                time(rs, "delivered_at"));
        return new EvaluationView(rs.getString("evaluation_id"), PersonalDataMask.mask(unified), source,
                time(rs, "stored_at"), national);
    }

    private static String time(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().toString();
    }
}
