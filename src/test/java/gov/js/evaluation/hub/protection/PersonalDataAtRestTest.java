package gov.js.evaluation.hub.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.ConfigFolder;
import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.HubInstance.Response;
import gov.js.evaluation.hub.national.NationalReceiver;
import gov.js.evaluation.hub.quarantine.LabelledSatisfactionSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ID numbers, names and phone numbers are SM4-encrypted wherever the hub stores them, found again by their
 * blind index, masked in answers, and still in clear where they must be: the national push and replay.
 */
class PersonalDataAtRestTest {

    private static final String SOURCE = "/api/v1/sources/pd-replay";
    static final List<String> TABLES = List.of("evaluation", "quarantine", "sms_invitation", "national_outbox");

    @TempDir
    static Path configDir;
    private static ConfigFolder config;
    private static NationalReceiver receiver;
    private static HubInstance hub;

    @BeforeAll
    static void start() {
        config = ConfigFolder.copyOfRepository(configDir);
        LabelledSatisfactionSource.install(config, "pd-replay", LabelledSatisfactionSource.LABELS_WITHOUT_VERY_SATISFIED);
        receiver = new NationalReceiver();
        receiver.answerOk();
        Map<String, Object> settings = new HashMap<>(config.hubSettings());
        settings.put("hub.national.url", receiver.url());
        hub = HubInstance.start(settings);
    }

    @AfterAll
    static void stop() {
        hub.close();
        receiver.close();
    }

    /** A resident ID number with a valid GB 11643 check digit, ending in X when asked. */
    static String idNumber(boolean endingInX) {
        while (true) {
            String body = "320102" + (1950 + ThreadLocalRandom.current().nextInt(50)) + "0307"
                    + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
            int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += (body.charAt(i) - '0') * weights[i];
            }
            char check = "10X98765432".charAt(sum % 11);
            if ((check == 'X') == endingInX) {
                return body + check;
            }
        }
    }

    /** A name no other record has: 测 and two random CJK characters. */
    static String name() {
        return "测" + (char) (0x4E00 + ThreadLocalRandom.current().nextInt(0x4000)) + (char) (0x4E00 + ThreadLocalRandom.current().nextInt(0x4000));
    }

    static String phone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    static ObjectNode rating(String certKey, String userName) {
        ObjectNode r = Evaluations.valid();
        r.put("certKey", certKey);
        r.put("userName", userName);
        return r;
    }

    static String accepted(HubInstance hub, String path, String body) {
        Response r = hub.post(path, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/records/0/status").asString()).as(r.toString()).isEqualTo("ACCEPTED");
        return r.json().at("/records/0/evaluationId").asString();
    }

    static void invite(HubInstance hub, String phone, String projectNo, String certKey, String userName) {
        Response r = hub.post("/api/v1/sources/sms/invitations", """
                {"phone": "%s", "sentAt": "%s", "projectNo": "%s", "certKey": "%s", "userName": "%s",
                 "taskCode": "11320100MB1234567A4000117111", "taskName": "残疾人证办理", "userPageType": "111",
                 "deptCode": "11320100MB1234567A", "proDepart": "扬州市残疾人联合会", "areaCode": "321002", "userProp": "1"}"""
                .formatted(phone, minutesAgo(10), projectNo, certKey, userName));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    static String smsReply(HubInstance hub, String phone) {
        return accepted(hub, "/api/v1/sources/sms/evaluations", """
                {"messageId": "MO-%d", "phone": "%s", "text": "5 很好", "receivedAt": "%s"}"""
                .formatted(System.nanoTime(), phone, minutesAgo(5)));
    }

    /** Every personal value, as sent and (ID numbers) with a lower-case x, found in any stored row. */
    static List<String> clearValuesStored(JdbcTemplate jdbc, List<String> values) {
        List<String> found = new ArrayList<>();
        for (String table : TABLES) {
            for (String row : jdbc.queryForList("SELECT t::text FROM " + table + " t", String.class)) {
                for (String v : values) {
                    if (row.contains(v) || row.contains(v.toLowerCase(Locale.ROOT))) {
                        found.add(table + " holds " + v);
                    }
                }
            }
        }
        return found;
    }

    static String maskedId(String id) {
        return id.substring(0, 4) + "**********" + id.substring(14);
    }

    @Test
    void personalDataIsEncryptedAtRestFoundByBlindIndexMaskedInAnswersAndClearUpward() {
        String id = idNumber(false);
        String name = name();
        String idWithX = idNumber(true);
        String otherName = name();
        ObjectNode first = rating(id, name);
        String firstId = accepted(hub, "/api/v1/sources/province-web/evaluations", first.toString());
        String secondId = accepted(hub, "/api/v1/sources/province-web/evaluations", rating(idWithX, otherName).toString());

        String quarantinedId = idNumber(false);
        String quarantinedName = name();
        ObjectNode veryHappy = rating(quarantinedId, quarantinedName);
        veryHappy.put("satisfaction", "很满意");
        Response rejected = hub.post(SOURCE + "/evaluations", veryHappy.toString());
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(422);

        String phone = phone();
        String smsId = idNumber(false);
        String smsName = name();
        invite(hub, phone, "SMS-" + System.nanoTime(), smsId, smsName);
        String smsEvaluation = smsReply(hub, phone);

        // the national platform gets the clear values, as before
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.deliveredCopies(first.path("projectNo").asString()) > 0);
        JsonNode pushed = receiver.bodiesAnswered(200).stream().flatMap(b -> b.path("data").valueStream())
                .filter(d -> d.path("projectNo").asString().equals(first.path("projectNo").asString())).findFirst().orElseThrow();
        assertThat(pushed.path("certKey").asString()).isEqualTo(id);
        assertThat(pushed.path("userName").asString()).isEqualTo(name);

        // nothing personal in clear in any stored row; the stored forms name the active key
        JdbcTemplate jdbc = hub.jdbc();
        assertThat(clearValuesStored(jdbc, List.of(id, name, idWithX, otherName, quarantinedId, quarantinedName, phone, smsId, smsName)))
                .isEmpty();
        Map<String, Object> row = jdbc.queryForMap("SELECT cert_key, user_name, raw_payload, unified->>'certKey' AS u_cert,"
                + " unified->>'userName' AS u_name FROM evaluation WHERE evaluation_id = ?::uuid", firstId);
        assertThat(row.values()).allSatisfy(v -> assertThat((String) v).startsWith("sm4:t1:"));
        Map<String, Object> held = jdbc.queryForMap("SELECT raw_payload, source_tree, unified->>'certKey' AS u_cert FROM quarantine"
                + " WHERE source_id = 'pd-replay'");
        assertThat(held.values()).allSatisfy(v -> assertThat((String) v).startsWith("sm4:t1:"));
        assertThat(jdbc.queryForObject("SELECT phone FROM sms_invitation", String.class)).startsWith("sm4:t1:");
        assertThat(jdbc.queryForObject("SELECT case_fields->>'certKey' FROM sms_invitation", String.class)).startsWith("sm4:t1:");

        // answers mask
        Response view = hub.get("/api/v1/evaluations/" + firstId);
        assertThat(view.json().at("/evaluation/certKey").asString()).isEqualTo(maskedId(id));
        assertThat(view.json().at("/evaluation/userName").asString()).isEqualTo(name.charAt(0) + "**");
        assertThat(view.body()).doesNotContain(id, name);
        assertThat(hub.get("/api/v1/evaluations/" + smsEvaluation).json().at("/evaluation/certKey").asString())
                .isEqualTo(maskedId(smsId));

        // exact lookup through the blind index, the check digit in either case
        JsonNode byId = hub.get("/api/v1/evaluations?certKey=" + id).json();
        assertThat(byId.path("count").asInt()).isEqualTo(1);
        assertThat(byId.at("/evaluations/0/evaluationId").asString()).isEqualTo(firstId);
        Response byLowerX = hub.get("/api/v1/evaluations?certKey=" + idWithX.toLowerCase(Locale.ROOT));
        assertThat(byLowerX.json().path("count").asInt()).as(byLowerX.toString()).isEqualTo(1);
        assertThat(byLowerX.json().at("/evaluations/0/evaluationId").asString()).isEqualTo(secondId);
        assertThat(byLowerX.json().at("/evaluations/0/evaluation/certKey").asString()).isEqualTo(maskedId(idWithX));
        assertThat(byLowerX.body()).doesNotContain(idWithX, otherName);
        assertThat(hub.get("/api/v1/evaluations?certKey=" + idNumber(false)).json().path("count").asInt()).isZero();
        Response missing = hub.get("/api/v1/evaluations");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("error").asString()).isEqualTo("MISSING_PARAMETER");

        // the quarantine listing decrypts and masks; replay decrypts and maps again
        Response page = hub.get(SOURCE + "/quarantine");
        JsonNode listed = page.json().at("/records/0");
        assertThat(listed.path("rawPayload").asString()).contains(maskedId(quarantinedId), "很满意");
        assertThat(page.body()).doesNotContain(quarantinedId);
        LabelledSatisfactionSource.relabel(config, "pd-replay", LabelledSatisfactionSource.ALL_LABELS);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() ->
                hub.post(SOURCE + "/evaluations/validate", veryHappy.toString()).json().at("/records/0/status").asString(),
                "ACCEPTED"::equals);
        Response replayed = hub.post("/api/v1/quarantine/" + listed.path("quarantineId").asLong() + "/replay", "");
        assertThat(replayed.json().at("/records/0/status").asString()).as(replayed.toString()).isEqualTo("ACCEPTED");
        assertThat(hub.get("/api/v1/evaluations?certKey=" + quarantinedId).json().at("/evaluations/0/evaluationId").asString())
                .isEqualTo(replayed.json().at("/records/0/evaluationId").asString());
        assertThat(clearValuesStored(jdbc, List.of(quarantinedId, quarantinedName))).isEmpty();
    }

    /** A time a few minutes ago, China time: invitations and replies are of this time (hub.invitations.reply-window). */
    static String minutesAgo(int minutes) {
        return gov.js.evaluation.hub.schema.ChinaTime.format(java.time.Instant.now().minusSeconds(60L * minutes));
    }
}
