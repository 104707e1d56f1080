package gov.js.evaluation.hub.invitation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import gov.js.evaluation.hub.protection.PersonalFields;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * SMS invitations in the provincial store. An invitation counts as answered as soon as its source stored an
 * evaluation of its case (first rating), so "used" commits together with the rating; a rating of the case that
 * another source holds does not answer it (the reply's rating then meets that one in the store, which tells the
 * sender nothing of it).
 * The phone number and the case's personal fields are stored encrypted; the phone is found by its blind index.
 */
@Repository
public class InvitationStore implements InvitationLookup {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final PersonalFields personal;
    private final InvitationProperties settings;

    public InvitationStore(JdbcTemplate jdbc, ObjectMapper json, PersonalFields personal, InvitationProperties settings) {
        this.jdbc = jdbc;
        this.json = json;
        this.personal = personal;
        this.settings = settings;
    }

    public UUID record(String sourceId, String phone, ObjectNode caseFields, Instant sentAt) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO sms_invitation (invitation_id, source_id, phone, phone_index, project_no, case_fields, sent_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)""",
                id, sourceId, personal.protect(phone), personal.indexOf(phone), caseFields.path("projectNo").asString(),
                personal.protect(caseFields).toString(), Timestamp.from(sentAt));
        return id;
    }

    @Override
    public Optional<SmsInvitation> answeredBy(String sourceId, String phone, Instant repliedAt) {
        List<SmsInvitation> found = jdbc.query("""
                SELECT i.invitation_id, i.source_id, i.case_fields::text AS case_fields, i.sent_at, e.evaluation_id
                FROM sms_invitation i
                LEFT JOIN evaluation e ON e.project_no = i.project_no AND e.assess_number = 1 AND e.source_id = i.source_id
                WHERE i.phone_index = ? AND i.source_id = ? AND i.sent_at <= ? AND i.sent_at >= ?
                ORDER BY i.sent_at DESC, i.created_at DESC, i.invitation_id DESC
                LIMIT 1""",
                (rs, n) -> new SmsInvitation(rs.getObject("invitation_id", UUID.class), rs.getString("source_id"),
                        personal.reveal((ObjectNode) json.readTree(rs.getString("case_fields"))), rs.getTimestamp("sent_at").toInstant(),
                        rs.getObject("evaluation_id", UUID.class)),
                personal.indexOf(phone), sourceId, Timestamp.from(repliedAt), Timestamp.from(repliedAt.minus(settings.replyWindow())));
        return found.stream().findFirst();
    }
}
