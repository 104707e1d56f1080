package gov.js.evaluation.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every stored bad rating opens one rectification case, in its own transaction; a follow-up joins it. */
class CaseOpeningTest {

    private static final String INGEST = "/api/v1/sources/province-web/evaluations";
    private static HubInstance hub;

    @BeforeAll
    static void start() {
        hub = HubInstance.start(Map.of());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static ObjectNode rating(String satisfaction) {
        ObjectNode r = Evaluations.valid();
        r.put("satisfaction", satisfaction);
        r.put("writingEvaluation", "等了两个小时，窗口只开了一个");
        return r;
    }

    private static String send(ObjectNode... records) {
        StringBuilder body = new StringBuilder("[");
        for (ObjectNode r : records) {
            body.append(body.length() > 1 ? "," : "").append(r);
        }
        HubInstance.Response answer = hub.post(INGEST, body.append("]").toString());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().at("/records/0/evaluationId").asString();
    }

    private static JsonNode casesOf(String projectNo) {
        JsonNode all = hub.get("/api/v1/cases?limit=500").json().path("cases");
        return HubInstance.JSON.createArrayNode().addAll(all.valueStream().filter(c -> projectNo.equals(c.path("projectNo").asString())).toList());
    }

    @Test
    void aBadRatingOpensOneCaseWithWhatAHandlerNeedsAndAGoodOneNone() {
        ObjectNode bad = rating("1");
        bad.put("taskName", "不动产登记");
        String evaluationId = send(bad);
        ObjectNode good = rating("4");
        send(good);
        ObjectNode neutral = rating("3");
        send(neutral);

        JsonNode cases = casesOf(bad.path("projectNo").asString());
        assertThat(cases.size()).isEqualTo(1);
        JsonNode opened = cases.get(0);
        assertThat(opened.path("state").asString()).isEqualTo("NEW");
        assertThat(opened.path("evaluationId").asString()).isEqualTo(evaluationId);
        assertThat(opened.path("taskName").asString()).isEqualTo("不动产登记");
        assertThat(opened.path("deptCode").asString()).isEqualTo(bad.path("deptCode").asString());
        assertThat(opened.path("areaCode").asString()).startsWith("320102");
        assertThat(opened.path("satisfaction").asString()).isEqualTo("1");
        assertThat(opened.path("writingEvaluation").asString()).isEqualTo("等了两个小时，窗口只开了一个");
        assertThat(opened.path("anonymous").asBoolean()).isFalse();
        assertThat(opened.path("raterContactKept").asBoolean()).as("a rater who gave a name can be called back").isTrue();
        assertThat(opened.toString()).as("the rater's name and ID number are never shown")
                .doesNotContain("张三", "320102199003071239");
        assertThat(casesOf(good.path("projectNo").asString()).size()).isZero();
        assertThat(casesOf(neutral.path("projectNo").asString()).size()).isZero();

        JsonNode detail = hub.get("/api/v1/cases/" + opened.path("caseId").asString()).json();
        assertThat(detail.path("timeline").size()).isEqualTo(1);
        assertThat(detail.at("/timeline/0/kind").asString()).isEqualTo("OPENED");
        assertThat(detail.at("/timeline/0/source").asString()).isEqualTo("province-web");
        assertThat(detail.at("/timeline/0/detail/evaluationId").asString()).isEqualTo(evaluationId);
    }

    @Test
    void aCaseIsDueFiveWorkingDaysAfterItsRatingCountedThroughTheLabourDayHolidays() {
        ObjectNode bad = rating("1");
        bad.put("acceptDate", "2026-04-29 09:00:00");
        bad.put("assessTime", "2026-04-30 10:15:00");
        send(bad);

        JsonNode opened = casesOf(bad.path("projectNo").asString()).get(0);
        // 05-01..05 off, Saturday 05-09 worked: the close of Monday 2026-05-11, 17:30 China time
        JsonNode rectify = opened.at("/deadlines/0");
        assertThat(rectify.path("kind").asString()).isEqualTo("RECTIFY");
        assertThat(rectify.path("policy").asString()).isEqualTo("default");
        assertThat(rectify.path("runsFrom").asString()).isEqualTo("rating");
        assertThat(rectify.path("dueAt").asString()).isEqualTo("2026-05-11T09:30:00Z");
        assertThat(rectify.path("calendarAssumed").asBoolean()).isFalse();
        assertThat(rectify.path("state").asString()).isEqualTo("OVERDUE");
        assertThat(opened.path("overdue").asBoolean()).isTrue();
        JsonNode detail = hub.get("/api/v1/cases/" + opened.path("caseId").asString()).json();
        assertThat(java.time.OffsetDateTime.parse(detail.at("/timeline/0/detail/rectifyDueAt").asString()).toInstant())
                .isEqualTo(java.time.Instant.parse("2026-05-11T09:30:00Z"));
        // long past its deadline and not rectified: overdue in Prometheus (read in the background)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            String metrics = hub.get("/actuator/prometheus").body();
            return metrics.lines().anyMatch(l -> l.startsWith("hub_cases_overdue ") && !l.endsWith(" 0.0"))
                    && metrics.lines().anyMatch(l -> l.startsWith("hub_cases{state=\"NEW\"}") && !l.endsWith(" 0.0"));
        });
    }

    @Test
    void anAnonymousBadRatingKeepsNoContact() {
        ObjectNode bad = rating("2");
        bad.put("anonymityFlag", "1");
        send(bad);

        JsonNode opened = casesOf(bad.path("projectNo").asString()).get(0);
        assertThat(opened.path("anonymous").asBoolean()).isTrue();
        assertThat(opened.path("raterContactKept").asBoolean()).isFalse();
    }

    @Test
    void theSameRatingSentAgainOpensNoSecondCaseAndAFollowUpJoinsTheCase() {
        ObjectNode first = rating("1");
        send(first);
        send(first.deepCopy()); // DUPLICATE
        ObjectNode followUp = first.deepCopy();
        followUp.put("assessNumber", 2);
        followUp.put("satisfaction", "2");
        followUp.put("assessTime", "2026-11-27 09:00:00");
        String followUpId = send(followUp);

        JsonNode cases = casesOf(first.path("projectNo").asString());
        assertThat(cases.size()).isEqualTo(1);
        JsonNode detail = hub.get("/api/v1/cases/" + cases.get(0).path("caseId").asString()).json();
        assertThat(detail.path("timeline").valueStream().map(e -> e.path("kind").asString()).toList())
                .containsExactly("OPENED", "FOLLOW_UP_RATED");
        assertThat(detail.at("/timeline/1/detail/evaluationId").asString()).isEqualTo(followUpId);
    }

    @Test
    void aBadRatingAndItsFollowUpInOneRequestMakeOneCaseOpenedByTheFirst() {
        ObjectNode first = rating("1");
        ObjectNode followUp = first.deepCopy();
        followUp.put("assessNumber", 2);
        followUp.put("assessTime", "2026-11-27 09:00:00");
        String firstId = send(first, followUp);

        JsonNode cases = casesOf(first.path("projectNo").asString());
        assertThat(cases.size()).isEqualTo(1);
        assertThat(cases.get(0).path("evaluationId").asString()).isEqualTo(firstId);
        assertThat(cases.get(0).path("events").asInt()).isEqualTo(2);
    }

    @Test
    void aCaseThatCannotBeOpenedTakesItsRatingWithIt() {
        JdbcTemplate jdbc = hub.bean(JdbcTemplate.class);
        ObjectNode bad = rating("1");
        // the case's first event fails as a store going away would, after the rating's row was written
        jdbc.execute("""
                CREATE FUNCTION test_refuse_case() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'test: the store goes away' USING ERRCODE = 'admin_shutdown'; END $$""");
        jdbc.execute("CREATE TRIGGER test_refuse_case BEFORE INSERT ON case_event FOR EACH ROW EXECUTE FUNCTION test_refuse_case()");
        HubInstance.Response answer;
        try {
            answer = hub.post(INGEST, "[" + bad + "]");
        } finally {
            jdbc.execute("DROP TRIGGER test_refuse_case ON case_event");
            jdbc.execute("DROP FUNCTION test_refuse_case()");
        }

        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM evaluation WHERE project_no = ?", Long.class,
                bad.path("projectNo").asString())).as("one transaction: no rating without its case").isZero();
        assertThat(casesOf(bad.path("projectNo").asString()).size()).isZero();
        send(bad);
        assertThat(casesOf(bad.path("projectNo").asString()).size()).as("sent again, both are stored").isEqualTo(1);
    }

    @Test
    void theTimelineCannotBeRewritten() {
        ObjectNode bad = rating("1");
        send(bad);
        JdbcTemplate jdbc = hub.bean(JdbcTemplate.class);

        assertThatThrownBy(() -> jdbc.update("UPDATE case_event SET kind = 'CLOSED'")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM case_event")).hasMessageContaining("append-only");
    }

    @Test
    void whichRatingsOpenACaseIsASetting() {
        try (HubInstance strict = HubInstance.start(Map.of("hub.cases.open-at-or-below", "3"))) {
            ObjectNode neutral = rating("3");
            HubInstance.Response answer = strict.post(INGEST, "[" + neutral + "]");
            assertThat(answer.status()).isEqualTo(200);

            assertThat(strict.get("/api/v1/cases?limit=500").json().path("cases").valueStream()
                    .filter(c -> c.path("projectNo").asString().equals(neutral.path("projectNo").asString())).count()).isEqualTo(1);
        }
    }

    @Test
    void aWrongFilterIsNamed() {
        HubInstance.Response r = hub.get("/api/v1/cases?state=OPEN");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error").asString()).isEqualTo("INVALID_PARAMETER");
        assertThat(r.json().path("message").asString()).contains("state");
        assertThat(hub.get("/api/v1/cases/not-a-uuid").status()).isEqualTo(400);
        assertThat(hub.get("/api/v1/cases/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
    }
}
