package gov.js.evaluation.hub.protection;

import static gov.js.evaluation.hub.protection.PersonalDataAtRestTest.accepted;
import static gov.js.evaluation.hub.protection.PersonalDataAtRestTest.clearValuesStored;
import static gov.js.evaluation.hub.protection.PersonalDataAtRestTest.idNumber;
import static gov.js.evaluation.hub.protection.PersonalDataAtRestTest.invite;
import static gov.js.evaluation.hub.protection.PersonalDataAtRestTest.maskedId;
import static gov.js.evaluation.hub.protection.PersonalDataAtRestTest.name;
import static gov.js.evaluation.hub.protection.PersonalDataAtRestTest.phone;
import static gov.js.evaluation.hub.protection.PersonalDataAtRestTest.rating;
import static gov.js.evaluation.hub.protection.PersonalDataAtRestTest.smsReply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.HubInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * A store with rows written in clear (as before encryption at rest) and rows under key t1 is restarted with
 * t2 active and t1 kept: everything still reads, and the start-up job leaves every row under t2, the clear
 * ones included, with their blind indexes.
 */
class PersonalDataKeyRotationTest {

    private static final String INGEST = "/api/v1/sources/province-web/evaluations";

    @Test
    void clearRowsAndRowsUnderTheRetiredKeyEndUnderTheNewActiveKey() {
        Path dataDir = HubInstance.freshDataDir();
        String underT1 = idNumber(false);
        String underT1Name = name();
        String legacy = idNumber(false);
        String legacyName = name();
        String legacyPhone = phone();
        String smsId = idNumber(false);
        String quarantinedId = idNumber(false);
        String commentPhone = phone();
        String underT1Evaluation;
        String legacyEvaluation;
        try (HubInstance before = HubInstance.start(Map.of("hub.store.embedded-data-dir", dataDir.toString()))) {
            underT1Evaluation = accepted(before, INGEST, rating(underT1, underT1Name).toString());
            ObjectNode old = rating(legacy, legacyName);
            legacyEvaluation = accepted(before, INGEST, old.toString());
            invite(before, legacyPhone, "SMS-" + System.nanoTime(), smsId, name());
            ObjectNode rejected = rating(quarantinedId, name());
            rejected.put("satisfaction", "9");
            assertThat(before.post(INGEST, rejected.toString()).status()).isEqualTo(422);
            // put these back as a hub before encryption at rest wrote them: clear, without blind indexes
            JdbcTemplate jdbc = before.jdbc();
            // and, as a hub before free text was protected wrote them, a comment with a phone number in clear everywhere
            jdbc.update("""
                    UPDATE evaluation SET cert_key = ?, user_name = ?, raw_payload = ?, cert_key_index = NULL, writing_evaluation = ?,
                           unified = jsonb_set(jsonb_set(jsonb_set(unified, '{certKey}', to_jsonb(?::text)), '{userName}',
                                     to_jsonb(?::text)), '{writingEvaluation}', to_jsonb(?::text))
                    WHERE evaluation_id = ?::uuid""", legacy, legacyName, old.toString(), "请回电" + commentPhone, legacy, legacyName,
                    "请回电" + commentPhone, legacyEvaluation);
            jdbc.update("UPDATE sms_invitation SET phone = ?, phone_index = NULL, case_fields = jsonb_set(case_fields, '{certKey}', to_jsonb(?::text))",
                    legacyPhone, smsId);
            jdbc.update("""
                    UPDATE quarantine SET raw_payload = ?, source_tree = ?,
                           unified = jsonb_set(unified, '{certKey}', to_jsonb(?::text))""",
                    rejected.toString(), rejected.toString(), quarantinedId);
            assertThat(clearValuesStored(jdbc, List.of(legacy, legacyPhone, smsId, quarantinedId, commentPhone))).containsExactlyInAnyOrder(
                    "evaluation holds " + legacy, "quarantine holds " + quarantinedId, "sms_invitation holds " + legacyPhone,
                    "sms_invitation holds " + smsId, "evaluation holds " + commentPhone);
        }

        Map<String, Object> rotated = Map.of("hub.store.embedded-data-dir", dataDir.toString(),
                "hub.personal-data.keys.t2", TestPersonalData.KEY_T2, "hub.personal-data.active-key-id", "t2");
        try (HubInstance after = HubInstance.start(rotated)) {
            JdbcTemplate jdbc = after.jdbc();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.queryForObject("""
                    SELECT (SELECT count(*) FROM evaluation WHERE NOT starts_with(cert_key, 'sm4:t2:')
                              OR NOT starts_with(raw_payload, 'sm4:t2:') OR NOT starts_with(unified->>'userName', 'sm4:t2:')
                              OR NOT starts_with(unified->>'writingEvaluation', 'sm4:t2:') OR cert_key_index IS NULL)
                         + (SELECT count(*) FROM quarantine WHERE NOT starts_with(raw_payload, 'sm4:t2:')
                              OR NOT starts_with(source_tree, 'sm4:t2:') OR NOT starts_with(unified->>'certKey', 'sm4:t2:'))
                         + (SELECT count(*) FROM sms_invitation WHERE NOT starts_with(phone, 'sm4:t2:') OR phone_index IS NULL
                              OR NOT starts_with(case_fields->>'certKey', 'sm4:t2:'))""", Long.class) == 0);
            assertThat(clearValuesStored(jdbc, List.of(underT1, underT1Name, legacy, legacyName, legacyPhone, smsId, quarantinedId,
                    commentPhone))).isEmpty();
            assertThat(jdbc.queryForObject("SELECT writing_evaluation FROM evaluation WHERE evaluation_id = ?::uuid", String.class,
                    legacyEvaluation)).as("the clear column keeps the comment, the number masked")
                    .isEqualTo("请回电" + commentPhone.substring(0, 3) + "****" + commentPhone.substring(7));
            assertThat(after.get("/api/v1/sources/province-web/quarantine").json().at("/records/0/rawPayload").asString())
                    .as("the converted quarantined record still reads").contains(maskedId(quarantinedId));

            assertThat(after.get("/api/v1/evaluations/" + underT1Evaluation).json().at("/evaluation/certKey").asString())
                    .isEqualTo(maskedId(underT1));
            assertThat(after.get("/api/v1/evaluations?certKey=" + legacy).json().at("/evaluations/0/evaluationId").asString())
                    .as("the converted clear row has its blind index").isEqualTo(legacyEvaluation);

            String newId = idNumber(false);
            String newEvaluation = accepted(after, INGEST, rating(newId, name()).toString());
            assertThat(jdbc.queryForObject("SELECT cert_key FROM evaluation WHERE evaluation_id = ?::uuid", String.class, newEvaluation))
                    .startsWith("sm4:t2:");
            assertThat(after.get("/api/v1/evaluations?certKey=" + newId).json().path("count").asInt()).isEqualTo(1);

            // the invitation stored in clear is found by its phone number once converted
            String reply = smsReply(after, legacyPhone);
            assertThat(after.get("/api/v1/evaluations/" + reply).json().at("/evaluation/certKey").asString()).isEqualTo(maskedId(smsId));
        }
    }
}
