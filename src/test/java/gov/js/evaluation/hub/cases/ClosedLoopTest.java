package gov.js.evaluation.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.dispatch.StrictReceiver;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole loop over HTTP, as docs/closed-loop.md walks it: a bad rating → its case → dispatched to a strict fake
 * 江苏12345在线 → the 12345 system posts its work-order steps back, signed: SIGNED → RECTIFIED → RETURN_VISITED still
 * dissatisfied → REOPENED (sent back to 12345 for round 2) → RECTIFIED → RETURN_VISITED satisfied → CLOSED; every
 * upward record reaches a strict fake national receiver once.
 */
class ClosedLoopTest {

    private static final String SECRET = "closed-loop-12345-secret";
    private static final String NATIONAL_KEY = "test-national-hmac-key";
    private static final String EVENTS = "/api/v1/sources/handler-12345/case-events";

    private static StrictReceiver hotline;
    private static StrictReceiver national;
    private static HubInstance hub;

    @BeforeAll
    static void start() {
        hotline = StrictReceiver.workOrders(SECRET, "好差评案件编号", "办件编号", "评价等级", "办理时限.整改时限").start();
        national = StrictReceiver.nationalCases(NATIONAL_KEY, "projectNo", "caseId", "resultType", "resultTime", "effective").start();
        Map<String, Object> s = new HashMap<>();
        s.put("hub.dispatch.targets.hotline-12345-workorder.url", hotline.url("/12345/api/workorders"));
        s.put("hub.dispatch.targets.hotline-12345-workorder.secret", SECRET);
        s.put("hub.dispatch.targets.national-cases.url", national.url("/national/case-results"));
        s.put("hub.dispatch.interval-ms", "200");
        hub = HubInstance.start(s);
    }

    @AfterAll
    static void stop() {
        hub.close();
        hotline.close();
        national.close();
    }

    private static JsonNode awaitCase(String caseId, Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> hub.get("/api/v1/cases/" + caseId).json(), until::test);
    }

    private static List<String> kinds(JsonNode c) {
        return c.path("timeline").valueStream().map(e -> e.path("kind").asString()).toList();
    }

    private static List<StrictReceiver.Received> workOrders(String caseId) {
        return hotline.taken(b -> caseId.equals(b.path("好差评案件编号").asString()) && b.has("诉求类型"));
    }

    /** One step as 12345 posts it, signed; answers the state the case is in after it. */
    private static String post(ObjectNode step) {
        HubInstance.Response receipt = CaseEventsApiTest.send(hub, EVENTS, step);
        assertThat(receipt.status()).as(receipt.toString()).isEqualTo(200);
        assertThat(receipt.json().at("/records/0/status").asString()).isEqualTo("ACCEPTED");
        return receipt.json().at("/records/0/state").asString();
    }

    private static ObjectNode visit(String caseId, String result) {
        ObjectNode v = CaseEventsApiTest.step(caseId, "回访");
        ((ObjectNode) v.get("回访")).put("结果", result);
        return v;
    }

    @Test
    void aBadRatingGoesAroundTheWholeLoopTwiceAndEveryResultArrivesUpwardOnce() {
        // the rating: Thursday 2026-04-30, before the Labour Day holiday week
        ObjectNode bad = Evaluations.valid();
        bad.put("satisfaction", "1");
        bad.put("writingEvaluation", "窗口排队两个小时");
        bad.put("acceptDate", "2026-04-29 09:00:00");
        bad.put("assessTime", "2026-04-30 10:15:00");
        assertThat(hub.post("/api/v1/sources/province-web/evaluations", "[" + bad + "]").status()).isEqualTo(200);
        String caseId = hub.get("/api/v1/cases?limit=500").json().path("cases").valueStream()
                .filter(c -> bad.path("projectNo").asString().equals(c.path("projectNo").asString())).findFirst().orElseThrow()
                .path("caseId").asString();

        // out to 12345, once; its rectification due at the close of Monday 2026-05-11 (05-01..05 off, Saturday 05-09 worked)
        JsonNode c = awaitCase(caseId, j -> kinds(j).contains("DISPATCHED"));
        assertThat(c.path("state").asString()).isEqualTo("DISPATCHED");
        assertThat(c.at("/dispatch/workOrderNo").asString()).startsWith("GD");
        assertThat(workOrders(caseId)).singleElement().satisfies(order -> {
            assertThat(order.body().path("办理轮次").asInt()).isEqualTo(1);
            assertThat(order.body().at("/办理时限/整改时限").asString()).isEqualTo("2026-05-11 17:30:00");
        });

        // 12345's steps, signed, in its own field names
        assertThat(post(CaseEventsApiTest.step(caseId, "签收"))).isEqualTo("SIGNED");
        assertThat(post(CaseEventsApiTest.step(caseId, "整改"))).isEqualTo("REPLIED");
        assertThat(post(visit(caseId, "不满意"))).as("still dissatisfied: 发回重办").isEqualTo("REOPENED");
        c = awaitCase(caseId, j -> workOrders(caseId).size() == 2 && j.path("round").asInt() == 2);
        assertThat(workOrders(caseId).get(1).body().path("办理轮次").asInt()).as("back to 12345 for round 2").isEqualTo(2);
        assertThat(post(CaseEventsApiTest.step(caseId, "整改"))).isEqualTo("REPLIED");
        assertThat(post(visit(caseId, "满意"))).isEqualTo("RETURN_VISITED");
        assertThat(post(CaseEventsApiTest.step(caseId, "办结"))).isEqualTo("CLOSED");

        c = awaitCase(caseId, j -> "DELIVERED".equals(j.at("/upward/state").asString()) && j.at("/upward/records").size() == 4);
        assertThat(kinds(c)).containsSubsequence("OPENED", "DISPATCHED", "SIGNED", "RECTIFIED", "RETURN_VISITED", "REOPENED",
                "DISPATCHED", "RECTIFIED", "RETURN_VISITED", "CLOSED");
        assertThat(c.path("deadlines").valueStream().filter(d -> d.path("kind").asString().equals("RECTIFY"))
                .map(d -> d.path("round").asInt() + ":" + d.path("state").asString()))
                .as("round 1 rectified long after 2026-05-11, round 2 within its new deadline").containsExactly("1:MET_LATE", "2:MET");

        // upward: each result once (rectified twice, visited back twice), no record taken twice
        List<StrictReceiver.Received> up = national.taken(d -> caseId.equals(d.path("data").path("caseId").asString()));
        assertThat(up).hasSize(4);
        assertThat(up.stream().map(StrictReceiver.Received::key).distinct()).hasSize(4);
        assertThat(up.stream().map(r -> r.body().at("/data/resultType").asString() + "/" + r.body().at("/data/round").asString()))
                .containsExactly("1/1", "3/1", "1/2", "3/2");
        assertThat(up.get(1).body().at("/data/visitSatisfied").asBoolean()).isFalse();
        assertThat(up.get(3).body().at("/data/visitSatisfied").asBoolean()).isTrue();
        assertThat(national.received()).as("nothing refused or re-sent under another key").allMatch(r -> r.status() == 200);
    }
}
