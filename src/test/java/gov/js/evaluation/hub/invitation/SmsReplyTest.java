package gov.js.evaluation.hub.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.HubInstance.Response;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** SMS ratings end to end: the invitation, the reply matched by phone through the plugin jar, the store. */
class SmsReplyTest {

    private static HubInstance hub;

    @BeforeAll
    static void start() {
        hub = HubInstance.start(Map.of()); // the sms-reply adapter comes from a plugin jar (HubInstance builds it)
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static String phone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private static String invite(String phone, String projectNo) {
        Response r = hub.post("/api/v1/sources/sms/invitations", """
                {"phone": "%s", "sentAt": "%s", "projectNo": "%s",
                 "taskCode": "11320100MB1234567A4000117111", "taskName": "残疾人证办理",
                 "deptCode": "11320100MB1234567A", "proDepart": "扬州市残疾人联合会", "areaCode": "321002", "userProp": "1"}"""
                .formatted(phone, minutesAgo(10), projectNo));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("invitationId").asString();
    }

    private static Response reply(String phone, String text) {
        return hub.post("/api/v1/sources/sms/evaluations", """
                {"messageId": "MO-%d", "phone": "%s", "text": "%s", "receivedAt": "%s"}"""
                .formatted(System.nanoTime(), phone, text, minutesAgo(5)));
    }

    @Test
    void aReplyRatesTheInvitedCaseAndASecondReplyIsADuplicate() {
        String phone = phone();
        String projectNo = "SMS-" + System.nanoTime();
        String invitationId = invite(phone, projectNo);

        Response first = reply(phone, "５ 很好");

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().at("/records/0/status").asString()).isEqualTo("ACCEPTED");
        String id = first.json().at("/records/0/evaluationId").asString();
        JsonNode view = hub.get("/api/v1/evaluations/" + id).json();
        assertThat(view.at("/evaluation/projectNo").asString()).isEqualTo(projectNo);
        assertThat(view.at("/evaluation/pf").asString()).isEqualTo("7");
        assertThat(view.at("/evaluation/satisfaction").asString()).isEqualTo("5");
        assertThat(view.at("/evaluation/writingEvaluation").asString()).isEqualTo("很好");
        assertThat(view.at("/evaluation/areaCode").asString()).isEqualTo("321002000000");
        assertThat(view.at("/source/channelDetail/invitationId").asString()).isEqualTo(invitationId);

        Response second = reply(phone, "1 其实不太好");

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().at("/records/0/status").asString()).isEqualTo("DUPLICATE");
        assertThat(second.json().at("/records/0/evaluationId").asString()).isEqualTo(id);
        assertThat(hub.get("/api/v1/evaluations/" + id).json().at("/evaluation/satisfaction").asString()).isEqualTo("5");
    }

    @Test
    void aReplyWithoutInvitationOrWithUnreadableTextIsQuarantinedAndTheInvitationStaysOpen() {
        Response stranger = reply(phone(), "5");
        assertThat(stranger.status()).isEqualTo(422);
        assertThat(stranger.json().at("/records/0/errors/0/message").asString()).contains("no invitation");

        String phone = phone();
        invite(phone, "SMS-" + System.nanoTime());
        Response unreadable = reply(phone, "好的呀");
        assertThat(unreadable.status()).isEqualTo(422);
        assertThat(unreadable.json().at("/records/0/errors/0/message").asString()).contains("cannot be read as a rating");
        assertThat(hub.jdbc().queryForObject("SELECT count(*) FROM quarantine WHERE receipt_id = ?::uuid", Integer.class,
                unreadable.json().path("receiptId").asString())).isEqualTo(1);
        assertThat(unreadable.body()).as("the phone number is not echoed").doesNotContain(phone);

        Response readable = reply(phone, "满意");
        assertThat(readable.json().at("/records/0/status").asString()).isEqualTo("ACCEPTED");
    }

    @Test
    void anInvitationWithoutAPhoneOrCaseIsRefusedFieldByField() {
        Response r = hub.post("/api/v1/sources/sms/invitations", "{\"phone\": \"12345\", \"sentAt\": \"yesterday\", \"colour\": \"red\"}");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("errors").valueStream().map(e -> e.path("field").asString() + ":" + e.path("code").asString()))
                .containsExactlyInAnyOrder("phone:INVALID_FORMAT", "sentAt:INVALID_FORMAT", "colour:UNKNOWN_FIELD", "projectNo:REQUIRED", "areaCode:REQUIRED");
        assertThat(hub.post("/api/v1/sources/nowhere/invitations", "{}").status()).isEqualTo(404);
    }

    @Test
    void anUnknownFieldIsNamedOnlyWhenItsNameIsPlainOtherwiseByItsPosition() {
        Response r = hub.post("/api/v1/sources/sms/invitations", "{\"phone\": \"13912345678\", \"zqx\\u0000<script>13912345678\": 1, "
                + "\"sentAt\": \"" + minutesAgo(1) + "\", \"tel13912345678\": 2, \"" + "a".repeat(40) + "\": 3, \"备注\": 4, \"colour\": 5}");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("errors").valueStream().filter(e -> e.path("code").asString().equals("UNKNOWN_FIELD"))
                .map(e -> e.path("field").asString())).containsExactly("#2", "#4", "#5", "#6", "colour");
        assertThat(r.body()).doesNotContain("script", "<", "\\u0000", "1391234", "aaaaaaaa", "备注");
    }

    /** A time a few minutes ago, China time: invitations and replies are of this time (hub.invitations.reply-window). */
    static String minutesAgo(int minutes) {
        return gov.js.evaluation.hub.schema.ChinaTime.format(java.time.Instant.now().minusSeconds(60L * minutes));
    }
}
