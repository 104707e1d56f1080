package gov.js.evaluation.hub.store;

import gov.js.evaluation.hub.protection.PersonalDataCipher;
import gov.js.evaluation.hub.protection.PersonalDataKeys;
import gov.js.evaluation.hub.protection.PersonalFields;
import gov.js.evaluation.hub.schema.PersonalDataMask;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Brings every stored personal value under the active key, after start-up and in the background: rows
 * written in clear before encryption at rest, and rows under a retired key (rotation), in chunks of one
 * transaction each. Rows are locked with SKIP LOCKED, so several instances share the work. Until a row is
 * converted it still reads (clear values pass through), but a certKey lookup does not find it yet.
 */
@Component
public class StoredPersonalDataEncryption {

    private static final Logger log = LoggerFactory.getLogger(StoredPersonalDataEncryption.class);
    static final int CHUNK = 500;

    /** A value not in the active key's stored form; ? is the prefix "sm4:<active key id>:". */
    private static final String STALE = "(%1$s IS NOT NULL AND NOT starts_with(%1$s, ?))";
    /** A personal field of a JSON object that is a string not in the active key's stored form. */
    private static final String STALE_FIELD = "(jsonb_typeof(%1$s->'%2$s') = 'string' AND NOT starts_with(%1$s->>'%2$s', ?))";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final PersonalFields personal;
    private final ObjectMapper json;
    private final String activeKeyId;
    private final String prefix;

    public StoredPersonalDataEncryption(JdbcTemplate jdbc, TransactionTemplate transaction, PersonalFields personal,
                                        ObjectMapper json, PersonalDataKeys keys) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.personal = personal;
        this.json = json;
        this.activeKeyId = keys.activeKeyId();
        this.prefix = PersonalDataCipher.PREFIX + activeKeyId + ":";
    }

    @EventListener(ApplicationReadyEvent.class)
    void startInBackground() {
        Thread t = new Thread(this::runLogged, "personal-data-encryption");
        t.setDaemon(true);
        t.start();
    }

    private void runLogged() {
        try {
            int[] n = run();
            if (n[0] + n[1] + n[2] > 0) {
                log.info("personal data brought under key {}: {} evaluations, {} quarantined records, {} SMS invitations",
                        activeKeyId, n[0], n[1], n[2]);
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the cipher's own words: a key id that is not configured, a value that does not authenticate
            log.error("encrypting stored personal data stopped; it is tried again at the next start: {}", e.getMessage());
        } catch (RuntimeException e) {
            // a database message may quote a row, so only its kind is logged
            log.error("encrypting stored personal data stopped ({}); it is tried again at the next start", e.getClass().getName());
        }
    }

    /** Converts every stale row; answers how many evaluations, quarantined records and invitations. */
    public int[] run() {
        return new int[] {evaluations(), quarantine(), invitations()};
    }

    private int evaluations() {
        String where = String.join(" OR ", STALE.formatted("raw_payload"), STALE.formatted("cert_key"),
                STALE.formatted("user_name"), "(cert_key IS NOT NULL AND cert_key_index IS NULL)",
                STALE_FIELD.formatted("unified", "writingEvaluation"), STALE_FIELD.formatted("unified", "proManager"));
        return inChunks("SELECT evaluation_id, cert_key, user_name, raw_payload, unified::text AS unified FROM evaluation WHERE "
                + where, 5, rs -> {
                    String certKey = rs.getString("cert_key");
                    ObjectNode clear = personal.reveal((ObjectNode) json.readTree(rs.getString("unified")));
                    // the clear columns of free text carry it with the numbers a person wrote into it masked
                    jdbc.update("""
                            UPDATE evaluation SET cert_key = ?, cert_key_index = ?, user_name = ?, raw_payload = ?,
                                   unified = ?::jsonb, writing_evaluation = ?, pro_manager = ? WHERE evaluation_id = ?""",
                            personal.rewrap(certKey), certKey == null ? null : personal.indexOf(certKey),
                            personal.rewrap(rs.getString("user_name")), personal.rewrap(rs.getString("raw_payload")),
                            personal.rewrap(clear).toString(), masked(clear, "writingEvaluation"), masked(clear, "proManager"),
                            rs.getObject("evaluation_id", UUID.class));
                });
    }

    private static String masked(ObjectNode clear, String field) {
        return clear.path(field).isString() ? PersonalDataMask.maskIdentifiersIn(clear.path(field).asString()) : null;
    }

    private int quarantine() {
        String where = String.join(" OR ", STALE.formatted("raw_payload"), STALE.formatted("source_tree"),
                STALE_FIELD.formatted("unified", "certKey"), STALE_FIELD.formatted("unified", "userName"),
                STALE_FIELD.formatted("unified", "writingEvaluation"), STALE_FIELD.formatted("unified", "proManager"));
        return inChunks("SELECT quarantine_id, raw_payload, source_tree, unified::text AS unified FROM quarantine WHERE "
                + where, 6, rs -> jdbc.update(
                        "UPDATE quarantine SET raw_payload = ?, source_tree = ?, unified = ?::jsonb WHERE quarantine_id = ?",
                        personal.rewrap(rs.getString("raw_payload")), personal.rewrap(rs.getString("source_tree")),
                        unified(rs.getString("unified")), rs.getLong("quarantine_id")));
    }

    private int invitations() {
        String where = String.join(" OR ", STALE.formatted("phone"), "phone_index IS NULL",
                STALE_FIELD.formatted("case_fields", "certKey"), STALE_FIELD.formatted("case_fields", "userName"),
                STALE_FIELD.formatted("case_fields", "writingEvaluation"), STALE_FIELD.formatted("case_fields", "proManager"));
        return inChunks("SELECT invitation_id, phone, case_fields::text AS case_fields FROM sms_invitation WHERE " + where, 5,
                rs -> {
                    String phone = rs.getString("phone");
                    jdbc.update("UPDATE sms_invitation SET phone = ?, phone_index = ?, case_fields = ?::jsonb WHERE invitation_id = ?",
                            personal.rewrap(phone), personal.indexOf(phone), unified(rs.getString("case_fields")),
                            rs.getObject("invitation_id", UUID.class));
                });
    }

    /** Runs the select (with {@code prefixes} prefix parameters) a chunk at a time until a chunk comes back short. */
    private int inChunks(String select, int prefixes, RowConversion conversion) {
        Object[] args = new Object[prefixes + 1];
        Arrays.fill(args, prefix);
        args[prefixes] = CHUNK;
        int total = 0;
        int n;
        do {
            Integer done = transaction.execute(tx -> {
                List<Integer> converted = jdbc.query(select + " LIMIT ? FOR UPDATE SKIP LOCKED", (rs, i) -> {
                    conversion.convert(rs);
                    return 1;
                }, args);
                return converted.size();
            });
            n = done == null ? 0 : done;
            total += n;
        } while (n == CHUNK);
        return total;
    }

    private String unified(String stored) {
        return stored == null ? null : personal.rewrap((ObjectNode) json.readTree(stored)).toString();
    }

    @FunctionalInterface
    private interface RowConversion {
        void convert(ResultSet rs) throws SQLException;
    }
}
