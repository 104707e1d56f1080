package gov.js.evaluation.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.HubInstance.Response;
import gov.js.evaluation.hub.invitation.InvitationStore;
import gov.js.evaluation.hub.schema.ChinaTime;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One city cannot act for another: only the source allowed to invite posts SMS invitations, for cases of its own
 * region and of this time; a reply rates the invitation it answers, decided the same way every time; a case number
 * another source's rating holds tells the sender nothing of that rating and is recorded for the operators; the hub
 * decides the reporting province; a source takes records only through its own transport.
 */
class CrossSourceTest {

    private static final String SMS_INVITATIONS = "/api/v1/sources/sms/invitations";
    private static HubInstance hub;

    @BeforeAll
    static void start() {
        hub = HubInstance.start(Map.of("hub.invitations.reply-window", "1h"));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void onlyTheSourceAllowedToInvitePostsInvitations() {
        long before = invitations();
        Response nanjing = hub.post("/api/v1/sources/city-320100/invitations", invitation(phone(), "NJ-" + System.nanoTime(), "320102",
                at(Duration.ZERO)));

        assertThat(nanjing.status()).as(nanjing.toString()).isEqualTo(403);
        assertThat(nanjing.json().path("error").asString()).isEqualTo("INVITATIONS_NOT_ALLOWED");
        assertThat(invitations()).isEqualTo(before);
    }

    @Test
    void anInvitationIsForTheSourcesRegionAndOfThisTime() {
        assertInvitationRefused("sms", invitation(phone(), "X-1", "110000", at(Duration.ZERO)), "areaCode:AREA_NOT_JIANGSU");
        assertInvitationRefused("sms", invitation(phone(), "X-2", "", at(Duration.ZERO)), "areaCode:REQUIRED");
        assertInvitationRefused("sms", invitation(phone(), "X-3", "320102", "2099-01-01 00:00:00"), "sentAt:TIME_OUT_OF_RANGE");
        assertInvitationRefused("sms", invitation(phone(), "X-4", "320102", at(Duration.ofHours(-2))), "sentAt:TIME_OUT_OF_RANGE");
        assertInvitationRefused("sms", invitation(phone(), "P".repeat(51), "320102", at(Duration.ZERO)), "projectNo:TOO_LONG");
        assertInvitationRefused("sms", invitation(phone(), "X-5\\u0000", "320102", at(Duration.ZERO)), "projectNo:CONTROL_CHARACTER");
        assertInvitationRefused("test-invite-suzhou", invitation(phone(), "X-6", "320102", at(Duration.ZERO)),
                "areaCode:AREA_OUTSIDE_SOURCE_REGION");
        assertInvitationRefused("test-invite-suzhou", invitation(phone(), "321000-2026-YZ-" + System.nanoTime(), "320508", at(Duration.ZERO)),
                "projectNo:CASE_NUMBER_OUTSIDE_SOURCE_REGION");
        assertThat(hub.post("/api/v1/sources/test-invite-suzhou/invitations", invitation(phone(), "SZ-" + System.nanoTime(), "320508",
                at(Duration.ZERO))).status()).isEqualTo(201);
    }

    @Test
    void aReplyRatesTheInvitationItAnswersTheSameWayEveryTime() {
        String phone = phone();
        String early = "NJ-A-" + System.nanoTime();
        String late = "NJ-B-" + System.nanoTime();
        assertThat(hub.post(SMS_INVITATIONS, invitation(phone, early, "320102", at(Duration.ofMinutes(-30)))).status()).isEqualTo(201);
        assertThat(hub.post(SMS_INVITATIONS, invitation(phone, late, "320102", at(Duration.ofMinutes(2)))).status())
                .as("within the clock skew").isEqualTo(201);
        assertThat(hub.post(SMS_INVITATIONS, invitation(phone, "NJ-2099", "320102", "2099-12-31 23:59:59")).status())
                .as("an invitation of the far future cannot claim the phone's replies").isEqualTo(422);

        assertThat(projectNoRatedBy(reply(phone, "5", at(Duration.ofMinutes(-10))))).as("the one sent before the reply").isEqualTo(early);
        assertThat(projectNoRatedBy(reply(phone, "4", at(Duration.ofMinutes(3))))).as("the newest before the reply").isEqualTo(late);

        String stale = phone();
        hub.bean(InvitationStore.class).record("sms", stale, (ObjectNode) HubInstance.JSON.readTree(
                "{\"projectNo\": \"NJ-OLD-" + System.nanoTime() + "\", \"areaCode\": \"320102000000\"}"), Instant.now().minus(Duration.ofHours(2)));
        Response tooLate = reply(stale, "5", at(Duration.ZERO));
        assertThat(tooLate.status()).as("an invitation older than the reply window is not answered").isEqualTo(422);
    }

    @Test
    void aReplyAnswersOnlyTheInvitationsOfTheSourceItArrivesThrough() {
        String phone = phone();
        String yangzhou = "321000-2026-YZ-" + System.nanoTime();
        String suzhou = "320500-2026-SZ-" + System.nanoTime();
        invite("sms", phone, yangzhou, "321002", Duration.ofMinutes(-10));
        invite("test-invite-suzhou", phone, suzhou, "320508", Duration.ofMinutes(-5));

        assertThat(projectNoRatedBy(reply(phone, "5", at(Duration.ofMinutes(-1)))))
                .as("the SMS platform's own invitation, not another source's newer one").isEqualTo(yangzhou);

        String other = phone();
        String suzhouCase = "320500-2026-X2-" + System.nanoTime();
        invite("sms", other, suzhouCase, "320508", Duration.ofMinutes(-10));
        Response bySuzhou = reply("test-invite-suzhou", other, "1 太差", at(Duration.ofMinutes(-2)));
        assertThat(bySuzhou.status()).as("a source answers none of the invitations another source sent").isEqualTo(422);
        assertThat(bySuzhou.json().at("/records/0/errors/0/code").asString()).isEqualTo("MAPPING_FAILED");
        assertThat(bySuzhou.json().at("/records/0/errors/0/message").asString()).contains("no invitation");
        assertThat(projectNoRatedBy(reply(other, "4", at(Duration.ofMinutes(-1))))).as("the invitation stays open for its own source")
                .isEqualTo(suzhouCase);
    }

    @Test
    void aSourceThatSendsNoInvitationsAnswersNone() {
        String phone = phone();
        String yangzhou = "321000-2026-YZ-" + System.nanoTime();
        invite("sms", phone, yangzhou, "321002", Duration.ofMinutes(-10));

        Response forged = reply("test-sms-uninvited", phone, "1 非常差", at(Duration.ofMinutes(-2)));

        assertThat(forged.status()).as(forged.toString()).isEqualTo(422);
        assertThat(forged.json().at("/records/0/errors/0/code").asString()).isEqualTo("MAPPING_FAILED");
        assertThat(forged.json().at("/records/0/errors/0/message").asString()).contains("invitations: true");
        Response real = reply(phone, "5 很好", at(Duration.ofMinutes(-1)));
        assertThat(real.json().at("/records/0/status").asString()).as(real.toString()).isEqualTo("ACCEPTED");
        JsonNode rated = hub.get("/api/v1/evaluations/" + real.json().at("/records/0/evaluationId").asString()).json();
        assertThat(rated.at("/evaluation/projectNo").asString()).isEqualTo(yangzhou);
        assertThat(rated.at("/evaluation/satisfaction").asString()).isEqualTo("5");
    }

    @Test
    void aReplyToACaseAnotherSourceRatedLearnsNothingOfThatRating() {
        String projectNo = "321000-2026-YZ-" + System.nanoTime();
        Response city = hub.post("/api/v1/sources/city-321000/evaluations", Evaluations.valid().put("pf", "1").put("projectNo", projectNo)
                .put("areaCode", "321002").toString());
        assertThat(city.json().at("/records/0/status").asString()).as(city.toString()).isEqualTo("ACCEPTED");
        String heldId = city.json().at("/records/0/evaluationId").asString();
        String phone = phone();
        invite("sms", phone, projectNo, "321002", Duration.ofMinutes(-10));

        Response r = reply(phone, "5", at(Duration.ofMinutes(-1)));

        assertThat(r.json().at("/records/0/status").asString()).as(r.toString()).isEqualTo("REJECTED");
        assertThat(r.json().at("/records/0/errors/0/code").asString()).isEqualTo("ALREADY_RATED_CONFLICT");
        assertThat(r.body()).doesNotContain(heldId, "city-321000");
        JsonNode collision = hub.get("/api/v1/collisions?limit=1").json().at("/collisions/0");
        assertThat(collision.path("projectNo").asString()).isEqualTo(projectNo);
        assertThat(collision.path("sourceId").asString()).isEqualTo("sms");
        assertThat(collision.path("holderSourceId").asString()).isEqualTo("city-321000");
    }

    @Test
    void anInvitationNamesTheCaseAndItsRaterNeverTheRating() {
        for (String[] field : new String[][] {{"writingEvaluation", "\"服务很好\""}, {"satisfaction", "\"5\""}, {"evalDetail", "\"501\""},
                {"publicFlag", "\"1\""}, {"anonymityFlag", "\"1\""}, {"assessTime", "\"" + at(Duration.ofMinutes(-1)) + "\""},
                {"assessNumber", "2"}, {"pf", "\"1\""}, {"dataSource", "\"320\""}}) {
            String body = invitation(phone(), "NJ-F-" + System.nanoTime(), "320102", at(Duration.ZERO))
                    .replaceFirst("\\{", "{\"" + field[0] + "\": " + field[1] + ", ");
            assertInvitationRefused("sms", body, field[0] + ":NOT_A_CASE_FIELD");
        }

        // an invitation kept before the hub refused rating fields in it: the reply still takes only the case and the rater
        String phone = phone();
        String projectNo = "NJ-OLD-" + System.nanoTime();
        hub.bean(InvitationStore.class).record("sms", phone, (ObjectNode) HubInstance.JSON.readTree("""
                {"projectNo": "%s", "areaCode": "320102000000", "taskCode": "11320100MB1234567A4000117111", "taskName": "残疾人证办理",
                 "deptCode": "11320100MB1234567A", "proDepart": "南京市残疾人联合会", "userProp": "1", "userName": "李四",
                 "writingEvaluation": "服务很好", "evalDetail": "501", "publicFlag": "1", "anonymityFlag": "1"}""".formatted(projectNo)),
                Instant.now().minus(Duration.ofMinutes(5)));
        Response r = reply(phone, "5", at(Duration.ofMinutes(-1)));
        assertThat(r.json().at("/records/0/status").asString()).as(r.toString()).isEqualTo("ACCEPTED");
        JsonNode rated = hub.get("/api/v1/evaluations/" + r.json().at("/records/0/evaluationId").asString()).json().path("evaluation");
        assertThat(rated.path("projectNo").asString()).isEqualTo(projectNo);
        assertThat(rated.path("userName").asString()).as("the rater the case system invited").isNotBlank();
        assertThat(rated.has("writingEvaluation")).as("a comment the citizen never wrote").isFalse();
        assertThat(rated.path("evalDetail").asString("")).isEmpty();
        assertThat(rated.has("publicFlag")).isFalse();
        assertThat(rated.path("anonymityFlag").asString()).isEqualTo("2");
    }

    @Test
    void aCaseNumberAnotherSourceHoldsTellsTheSenderNothingOfThatRatingAndIsRecorded() {
        MeterRegistry meters = hub.bean(MeterRegistry.class);
        double collisionsBefore = meters.counter("hub.case.number.collisions", "source", "province-web", "holder", "city-320100").count();
        ObjectNode nanjing = Evaluations.valid().put("pf", "1");
        Response held = hub.post("/api/v1/sources/city-320100/evaluations", nanjing.toString());
        assertThat(held.status()).isEqualTo(200);
        String heldId = held.json().at("/records/0/evaluationId").asString();

        ObjectNode intruder = nanjing.deepCopy().put("satisfaction", "1").put("writingEvaluation", "差");
        Response refused = hub.post("/api/v1/sources/province-web/evaluations", intruder.toString());

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/records/0/errors/0/code").asString()).isEqualTo("ALREADY_RATED_CONFLICT");
        assertThat(refused.body()).as("nothing of the other source's rating").doesNotContain(heldId, "city-320100");
        JsonNode collision = hub.get("/api/v1/collisions?limit=5").json().at("/collisions/0");
        assertThat(collision.path("projectNo").asString()).isEqualTo(nanjing.path("projectNo").asString());
        assertThat(collision.path("sourceId").asString()).isEqualTo("province-web");
        assertThat(collision.path("holderSourceId").asString()).isEqualTo("city-320100");
        assertThat(collision.path("holderEvaluationId").asString()).isEqualTo(heldId);
        assertThat(meters.counter("hub.case.number.collisions", "source", "province-web", "holder", "city-320100").count())
                .isEqualTo(collisionsBefore + 1);

        Response sameContent = hub.post("/api/v1/sources/province-web/evaluations", nanjing.toString());
        assertThat(sameContent.status()).isEqualTo(422);
        assertThat(sameContent.json().at("/records/0")).as("the same answer whether or not the guess equals the stored rating")
                .isEqualTo(refused.json().at("/records/0"));
        assertThat(meters.counter("hub.case.number.collisions", "source", "province-web", "holder", "city-320100").count())
                .isEqualTo(collisionsBefore + 2);
        Response ownAgain = hub.post("/api/v1/sources/city-320100/evaluations", intruder.toString());
        assertThat(ownAgain.json().at("/records/0/errors/0/message").asString()).as("its own rating is named").contains(heldId);
    }

    @Test
    void aSourceTakesNoCaseNumberOfAnotherRegion() {
        for (String yangzhou : new String[] {"321000-2026-YZ-" + System.nanoTime(), "3210002026" + System.nanoTime(),
                "321002-2026-HJ-" + System.nanoTime()}) {
            ObjectNode preempted = Evaluations.valid().put("pf", "1").put("projectNo", yangzhou).put("areaCode", "320102");
            for (String path : new String[] {"/api/v1/sources/city-320100/evaluations", "/api/v1/sources/city-320100/evaluations/validate"}) {
                Response r = hub.post(path, preempted.toString());
                assertThat(r.status()).as(r.toString()).isEqualTo(422);
                assertThat(r.json().at("/records/0/errors/0/field").asString()).isEqualTo("projectNo");
                assertThat(r.json().at("/records/0/errors/0/code").asString()).as(r.toString()).isEqualTo("CASE_NUMBER_OUTSIDE_SOURCE_REGION");
                assertThat(r.json().at("/records/0/errors/0/message").asString()).contains("320100").doesNotContain("321");
            }
            assertThat(hub.jdbc().queryForObject("SELECT count(*) FROM evaluation WHERE project_no = ?", Long.class, yangzhou)).isZero();

            Response own = hub.post("/api/v1/sources/city-321000/evaluations", preempted.put("areaCode", "321002").toString());
            assertThat(own.json().at("/records/0/status").asString()).as("the case's own city rates it: " + own).isEqualTo("ACCEPTED");
        }
        Response province = hub.post("/api/v1/sources/province-web/evaluations", Evaluations.valid().put("pf", "1")
                .put("projectNo", "320500-2026-SZ-" + System.nanoTime()).put("areaCode", "320508").toString());
        assertThat(province.json().at("/records/0/status").asString()).as("a province-wide source, any Jiangsu case").isEqualTo("ACCEPTED");
        Response noPrefix = hub.post("/api/v1/sources/city-320100/evaluations", Evaluations.valid().put("pf", "1").toString());
        assertThat(noPrefix.json().at("/records/0/status").asString()).as("a case number without a region prefix").isEqualTo("ACCEPTED");
    }

    @Test
    void theDryRunAnswersWhatTheSendWould() {
        ObjectNode rating = Evaluations.valid().put("pf", "1").put("projectNo", "321000-2026-YZ-" + System.nanoTime()).put("areaCode", "321002");
        ObjectNode changed = rating.deepCopy().put("writingEvaluation", "办事很快");
        Response stored = hub.post("/api/v1/sources/city-321000/evaluations", rating.toString());
        assertThat(stored.json().at("/records/0/status").asString()).as(stored.toString()).isEqualTo("ACCEPTED");
        String heldId = stored.json().at("/records/0/evaluationId").asString();
        long evaluations = hub.jdbc().queryForObject("SELECT count(*) FROM evaluation", Long.class);
        long collisions = hub.jdbc().queryForObject("SELECT count(*) FROM case_number_collision", Long.class);

        Response again = hub.post("/api/v1/sources/city-321000/evaluations/validate", rating.toString());
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().at("/records/0/status").asString()).isEqualTo("DUPLICATE");
        assertThat(again.json().at("/records/0/evaluationId").asString()).as("its own rating").isEqualTo(heldId);
        Response ownChanged = hub.post("/api/v1/sources/city-321000/evaluations/validate", changed.toString());
        assertThat(ownChanged.status()).isEqualTo(422);
        assertThat(ownChanged.json().at("/records/0/errors/0/code").asString()).isEqualTo("ALREADY_RATED_CONFLICT");
        assertThat(ownChanged.json().at("/records/0/errors/0/message").asString()).contains(heldId);

        Response otherSame = hub.post("/api/v1/sources/province-web/evaluations/validate", rating.toString());
        Response otherChanged = hub.post("/api/v1/sources/province-web/evaluations/validate", changed.toString());
        assertThat(otherSame.status()).as(otherSame.toString()).isEqualTo(422);
        assertThat(otherSame.json().at("/records/0/errors/0/code").asString()).isEqualTo("ALREADY_RATED_CONFLICT");
        assertThat(otherSame.json().at("/records/0/errors")).isEqualTo(otherChanged.json().at("/records/0/errors"));
        assertThat(otherSame.body() + otherChanged.body()).doesNotContain(heldId, "city-321000");
        assertThat(hub.jdbc().queryForObject("SELECT count(*) FROM evaluation", Long.class)).as("read-only").isEqualTo(evaluations);
        assertThat(hub.jdbc().queryForObject("SELECT count(*) FROM case_number_collision", Long.class)).isEqualTo(collisions);
        Response otherSent = hub.post("/api/v1/sources/province-web/evaluations", rating.toString());
        assertThat(otherSent.json().at("/records/0/errors")).as("the send's answer").isEqualTo(otherSame.json().at("/records/0/errors"));

        ObjectNode fresh = Evaluations.valid().put("pf", "1");
        Response twice = hub.post("/api/v1/sources/province-web/evaluations/validate", "[" + fresh + "," + fresh + ","
                + fresh.deepCopy().put("writingEvaluation", "办事很快") + "]");
        assertThat(twice.json().path("records").valueStream().map(r -> r.path("status").asString() + r.at("/errors/0/code").asString("")))
                .as("the first record of a case number in a request takes it").containsExactly("ACCEPTED", "DUPLICATE", "REJECTEDALREADY_RATED_CONFLICT");
    }

    @Test
    void theHubDecidesTheReportingProvince() {
        Response other = hub.post("/api/v1/sources/city-320100/evaluations", Evaluations.valid().put("pf", "1").put("dataSource", "110")
                .toString());
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().at("/records/0/errors/0/code").asString()).isEqualTo("DATA_SOURCE_NOT_THIS_PROVINCE");

        ObjectNode silent = Evaluations.valid().put("pf", "1");
        silent.remove("dataSource");
        Response r = hub.post("/api/v1/sources/city-320100/evaluations", silent.toString());
        assertThat(r.status()).isEqualTo(200);
        assertThat(hub.get("/api/v1/evaluations/" + r.json().at("/records/0/evaluationId").asString()).json()
                .at("/evaluation/dataSource").asString()).isEqualTo("320");
    }

    @Test
    void aSourceTakesRecordsOnlyThroughItsOwnTransport() {
        long before = hub.jdbc().queryForObject("SELECT count(*) FROM evaluation WHERE source_id = 'city-320200'", Long.class);
        String csv = "评价编号,办件编号,事项编码,事项名称,部门代码,办理部门,区划,渠道,评价人类型,证件号码,满意度,评价指标,文字评价,评价时间\n"
                + "WX-9,320200-T-" + System.nanoTime() + ",11320100MB1234567A4000117301,出生医学证明,11320100MB1234567A,无锡市卫生健康委员会,"
                + "320213,政务服务网,自然人,,5,,,20261126081500\n";
        byte[] gbk = csv.getBytes(java.nio.charset.Charset.forName("GBK"));

        Response pushed = hub.post("/api/v1/sources/city-320200/evaluations", gbk, "text/csv");
        assertThat(pushed.status()).as(pushed.toString()).isEqualTo(403);
        assertThat(pushed.json().path("error").asString()).isEqualTo("TRANSPORT_NOT_HTTP_PUSH");
        assertThat(hub.jdbc().queryForObject("SELECT count(*) FROM evaluation WHERE source_id = 'city-320200'", Long.class)).isEqualTo(before);

        Response dryRun = hub.post("/api/v1/sources/city-320200/evaluations/validate", gbk, "text/csv");
        assertThat(dryRun.status()).as("its dry run stays open").isEqualTo(200);
    }

    private static void assertInvitationRefused(String source, String body, String fieldAndCode) {
        Response r = hub.post("/api/v1/sources/" + source + "/invitations", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().path("errors").valueStream().map(e -> e.path("field").asString() + ":" + e.path("code").asString()))
                .as(r.toString()).contains(fieldAndCode);
    }

    private static String invitation(String phone, String projectNo, String areaCode, String sentAt) {
        return """
                {"phone": "%s", "sentAt": "%s", "projectNo": "%s", "taskCode": "11320100MB1234567A4000117111", "taskName": "残疾人证办理",
                 "deptCode": "11320100MB1234567A", "proDepart": "南京市残疾人联合会", "areaCode": "%s", "userProp": "1"}"""
                .formatted(phone, sentAt, projectNo, areaCode);
    }

    private static void invite(String source, String phone, String projectNo, String areaCode, Duration sentFromNow) {
        Response r = hub.post("/api/v1/sources/" + source + "/invitations", invitation(phone, projectNo, areaCode, at(sentFromNow)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private static Response reply(String phone, String text, String receivedAt) {
        return reply("sms", phone, text, receivedAt);
    }

    private static Response reply(String source, String phone, String text, String receivedAt) {
        return hub.post("/api/v1/sources/" + source + "/evaluations", """
                {"messageId": "MO-%d", "phone": "%s", "text": "%s", "receivedAt": "%s"}""".formatted(System.nanoTime(), phone, text, receivedAt));
    }

    private static String projectNoRatedBy(Response reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return hub.get("/api/v1/evaluations/" + reply.json().at("/records/0/evaluationId").asString()).json()
                .at("/evaluation/projectNo").asString();
    }

    private static String at(Duration fromNow) {
        return ChinaTime.format(Instant.now().plus(fromNow));
    }

    private static String phone() {
        return "137" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private static long invitations() {
        return hub.jdbc().queryForObject("SELECT count(*) FROM sms_invitation", Long.class);
    }
}
