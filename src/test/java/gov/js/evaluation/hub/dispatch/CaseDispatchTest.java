package gov.js.evaluation.hub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.cases.CaseActor;
import gov.js.evaluation.hub.cases.CaseEvent;
import gov.js.evaluation.hub.cases.CaseEventKind;
import gov.js.evaluation.hub.cases.CaseEvents;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hub sends every case out and reports results up, through the case outbox: a bad rating's case goes to a strict
 * fake 江苏12345在线 (WireMock) as one signed work order in the target's field names; reminders of overdue deadlines
 * follow it; results reach a strict fake national receiver once each. Real hub, real HTTP.
 */
class CaseDispatchTest {

    static final String INGEST = "/api/v1/sources/province-web/evaluations";
    static final String SECRET = "test-12345-secret";
    static final String NATIONAL_KEY = "test-national-hmac-key";
    static final String WORK_ORDERS = "/12345/api/workorders";
    static final String NATIONAL_CASES = "/national/case-results";
    static final String SUPERVISOR = "test-supervisor";

    private static StrictReceiver hotline;
    private static StrictReceiver national;
    private static HubInstance hub;

    static StrictReceiver hotline() {
        return StrictReceiver.workOrders(SECRET, "好差评案件编号", "办件编号", "评价等级", "行政区划代码", "办理时限.整改时限");
    }

    static StrictReceiver national() {
        return StrictReceiver.nationalCases(NATIONAL_KEY, "projectNo", "caseId", "resultType", "resultTime", "effective");
    }

    static Map<String, Object> settings(StrictReceiver hotline, StrictReceiver national) {
        Map<String, Object> s = new HashMap<>();
        s.put("hub.dispatch.targets.hotline-12345-workorder.url", hotline.url(WORK_ORDERS));
        s.put("hub.dispatch.targets.hotline-12345-workorder.secret", SECRET);
        s.put("hub.dispatch.targets.national-cases.url", national.url(NATIONAL_CASES));
        s.put("hub.dispatch.interval-ms", "200");
        s.put("hub.dispatch.initial-backoff", "200ms");
        s.put("hub.dispatch.max-backoff", "1s");
        s.put("hub.cases.deadline-watch-interval", "300ms");
        s.put("hub.security.operators." + SUPERVISOR + ".password", "{noop}" + gov.js.evaluation.hub.HubClient.PASSWORD);
        s.put("hub.security.operators." + SUPERVISOR + ".roles", "supervisor");
        return s;
    }

    @BeforeAll
    static void start() {
        hotline = hotline().start();
        national = national().start();
        hub = HubInstance.start(settings(hotline, national));
    }

    @AfterAll
    static void stop() {
        hub.close();
        hotline.close();
        national.close();
    }

    @AfterEach
    void healthyAgain() {
        hotline.start();
        hotline.down(false);
        national.down(false);
        hotline.refuse(b -> false);
    }

    static ObjectNode badRating() {
        ObjectNode r = Evaluations.valid();
        r.put("satisfaction", "1");
        r.put("writingEvaluation", "等了两个小时，窗口只开了一个");
        return r;
    }

    /** Sends the rating and answers its case's id. */
    static String caseOf(HubInstance hub, ObjectNode rating) {
        HubInstance.Response answer = hub.post(INGEST, "[" + rating + "]");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        String projectNo = rating.path("projectNo").asString();
        return hub.get("/api/v1/cases?limit=500").json().path("cases").valueStream()
                .filter(c -> projectNo.equals(c.path("projectNo").asString())).findFirst().orElseThrow().path("caseId").asString();
    }

    static JsonNode read(HubInstance hub, String caseId) {
        return hub.get("/api/v1/cases/" + caseId).json();
    }

    static JsonNode awaitCase(HubInstance hub, String caseId, Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> read(hub, caseId), until::test);
    }

    static Predicate<JsonNode> ofCase(String caseId) {
        return b -> caseId.equals(b.path("好差评案件编号").asString());
    }

    static boolean isDispatch(JsonNode body) {
        return body.has("诉求类型");
    }

    static List<String> kinds(JsonNode c) {
        return c.path("timeline").valueStream().map(e -> e.path("kind").asString()).toList();
    }

    @Test
    void aBadRatingGoesOutAsOneSignedWorkOrderInTheTargetsFieldsAndTheCaseShowsTheDispatch() {
        ObjectNode rating = badRating();
        String caseId = caseOf(hub, rating);

        JsonNode c = awaitCase(hub, caseId, j -> "DELIVERED".equals(j.at("/dispatch/state").asString())
                && kinds(j).contains("DISPATCHED"));
        List<StrictReceiver.Received> taken = hotline.taken(ofCase(caseId).and(CaseDispatchTest::isDispatch));
        assertThat(taken).hasSize(1);
        JsonNode order = taken.get(0).body();
        assertThat(order.path("请求流水号").asString()).as("the idempotency key in the body is the header's").isEqualTo(taken.get(0).key());
        assertThat(order.path("办件编号").asString()).isEqualTo(rating.path("projectNo").asString());
        assertThat(order.path("诉求类型").asString()).isEqualTo("投诉");
        assertThat(order.path("评价等级").asString()).as("a code table of inbound mappings, run the other way round").isEqualTo("非常不满意");
        assertThat(order.path("行政区划代码").asString()).isEqualTo("320102");
        assertThat(order.at("/事项/事项编码").asString()).isEqualTo(rating.path("taskCode").asString());
        assertThat(order.at("/承办单位/名称").asString()).isEqualTo(rating.path("proDepart").asString());
        assertThat(order.path("评价时间").asString()).isEqualTo(rating.path("assessTime").asString());
        assertThat(order.path("评价内容").asString()).isEqualTo("等了两个小时，窗口只开了一个");
        assertThat(order.at("/办理时限/整改时限").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(order.toString()).as("no personal data goes out").doesNotContain("张三", "320102199003071239");

        assertThat(c.path("state").asString()).as(c.toString()).isEqualTo("DISPATCHED");
        assertThat(c.at("/dispatch/target").asString()).isEqualTo("hotline-12345-workorder");
        assertThat(c.at("/dispatch/rule").asString()).isEqualTo("default");
        assertThat(c.at("/dispatch/sends").asInt()).isEqualTo(1);
        String workOrder = hotline.workOrderOf(taken.get(0).key());
        assertThat(c.at("/dispatch/workOrderNo").asString()).isEqualTo(workOrder);
        JsonNode dispatched = c.path("timeline").valueStream().filter(e -> e.path("kind").asString().equals("DISPATCHED")).findFirst()
                .orElseThrow();
        assertThat(dispatched.at("/detail/target").asString()).isEqualTo("hotline-12345-workorder");
        assertThat(dispatched.at("/detail/workOrderNo").asString()).isEqualTo(workOrder);
        assertThat(hotline.received().stream().filter(r -> ofCase(caseId).test(r.body()) && r.status() != 200))
                .as("nothing refused by the strict receiver").isEmpty();
    }

    @Test
    void aTargetDownForAWhileGetsEachMessageOnceWithTheSameKeyAndTheReminderAfterTheDispatch() {
        hotline.down(true);
        ObjectNode rating = badRating();
        rating.put("acceptDate", "2026-10-09 09:00:00");
        rating.put("assessTime", "2026-10-12 10:00:00"); // weeks ago: its rectification is overdue
        String caseId = caseOf(hub, rating);

        JsonNode waiting = awaitCase(hub, caseId, j -> j.at("/dispatch/sends").asInt() >= 3 && kinds(j).contains("OVERDUE")
                && j.path("reminders").size() >= 1);
        assertThat(waiting.at("/dispatch/state").asString()).isIn("RETRYING", "SENDING");
        assertThat(waiting.at("/dispatch/lastError").asString()).contains("503");
        assertThat(waiting.at("/reminders/0/sends").asInt()).as("the reminder waits for the case's dispatch").isZero();
        assertThat(waiting.path("state").asString()).isEqualTo("NEW");

        hotline.down(false);
        JsonNode c = awaitCase(hub, caseId, j -> "DELIVERED".equals(j.at("/dispatch/state").asString())
                && j.path("reminders").valueStream().allMatch(r -> "DELIVERED".equals(r.path("state").asString())));

        List<StrictReceiver.Received> ofThisCase = hotline.received().stream().filter(r -> ofCase(caseId).test(r.body())).toList();
        List<StrictReceiver.Received> dispatches = ofThisCase.stream().filter(r -> isDispatch(r.body())).toList();
        assertThat(dispatches.size()).isGreaterThanOrEqualTo(3);
        assertThat(dispatches).extracting(StrictReceiver.Received::key).as("one key for every send").containsOnly(dispatches.get(0).key());
        assertThat(dispatches).extracting(r -> r.body().toString()).as("the same body every time").containsOnly(dispatches.get(0).body().toString());
        assertThat(hotline.taken(ofCase(caseId).and(CaseDispatchTest::isDispatch))).as("taken once").hasSize(1);

        int dispatchTaken = ofThisCase.indexOf(hotline.taken(ofCase(caseId).and(CaseDispatchTest::isDispatch)).get(0));
        List<StrictReceiver.Received> reminders = ofThisCase.stream().filter(r -> r.body().has("督办类型")).toList();
        assertThat(reminders).isNotEmpty();
        assertThat(ofThisCase.indexOf(reminders.get(0))).as("the reminder goes after the dispatch").isGreaterThan(dispatchTaken);
        JsonNode overdue = reminders.stream().map(StrictReceiver.Received::body)
                .filter(b -> b.path("督办类型").asString().equals("超期督办")).findFirst().orElseThrow();
        assertThat(overdue.path("工单编号").asString()).as("the reminder names the work order").isEqualTo(c.at("/dispatch/workOrderNo").asString());
        assertThat(overdue.path("时限类型").asString()).isEqualTo("整改");
        assertThat(hotline.received().stream().filter(r -> r.status() == 409)).as("nothing sent twice unmarked").isEmpty();
    }

    @Test
    void aTargetThatRefusesConnectionsGetsTheCaseOnceWhenItListensAgain() {
        hotline.stop();
        String caseId = caseOf(hub, badRating());
        JsonNode waiting = awaitCase(hub, caseId, j -> j.at("/dispatch/sends").asInt() >= 2);
        assertThat(waiting.at("/dispatch/lastError").asString()).contains("could not reach hotline-12345-workorder");
        assertThat(waiting.at("/dispatch/state").asString()).isIn("RETRYING", "SENDING");

        hotline.start();
        JsonNode c = awaitCase(hub, caseId, j -> "DISPATCHED".equals(j.path("state").asString()));
        assertThat(c.at("/dispatch/state").asString()).isEqualTo("DELIVERED");
        List<StrictReceiver.Received> sends = hotline.received().stream().filter(r -> ofCase(caseId).test(r.body()) && isDispatch(r.body()))
                .toList();
        assertThat(sends).as("nothing reached it while it was down; once after").hasSize(1);
        assertThat(sends.get(0).send()).as("a re-send of the same message").isGreaterThanOrEqualTo(3);
        assertThat(sends.get(0).key()).isEqualTo(c.at("/timeline").valueStream().filter(e -> e.path("kind").asString().equals("DISPATCHED"))
                .findFirst().orElseThrow().at("/detail/messageId").asString());
    }

    @Test
    void aCaseTheTargetRefusesIsDeadWithTheReasonAndTheCaseSaysDispatchFailed() {
        hotline.refuse(b -> "不存在的部门".equals(b.at("/承办单位/名称").asString()));
        ObjectNode rating = badRating();
        rating.put("proDepart", "不存在的部门");
        String caseId = caseOf(hub, rating);

        JsonNode c = awaitCase(hub, caseId, j -> kinds(j).contains("DISPATCH_FAILED"));
        assertThat(c.at("/dispatch/state").asString()).isEqualTo("DEAD");
        assertThat(c.at("/dispatch/sends").asInt()).as("a refusal is not sent again").isEqualTo(1);
        assertThat(c.at("/dispatch/lastError").asString()).contains("HTTP 400", "承办单位不存在");
        JsonNode failed = c.path("timeline").valueStream().filter(e -> e.path("kind").asString().equals("DISPATCH_FAILED")).findFirst()
                .orElseThrow();
        assertThat(failed.at("/detail/reason").asString()).contains("承办单位不存在");
        assertThat(failed.path("actor").asString()).isEqualTo("hub");
        assertThat(c.path("state").asString()).isEqualTo("NEW");

        // the department is put right at 12345: a supervisor sends the case out again, once
        hotline.refuse(b -> false);
        String redispatch = "/api/v1/cases/" + caseId + "/actions/redispatch";
        HubInstance.Response again = hub.postAs(SUPERVISOR, redispatch, "{\"note\":\"承办单位已在12345登记\"}");
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        c = awaitCase(hub, caseId, j -> kinds(j).contains("DISPATCHED"));
        assertThat(c.path("state").asString()).isEqualTo("DISPATCHED");
        assertThat(c.at("/dispatch/state").asString()).isEqualTo("DELIVERED");
        assertThat(kinds(c)).containsSubsequence("OPENED", "DISPATCH_FAILED", "DISPATCH_REQUESTED", "DISPATCHED");
        assertThat(hotline.taken(ofCase(caseId).and(CaseDispatchTest::isDispatch))).hasSize(1);
        HubInstance.Response twice = hub.postAs(SUPERVISOR, redispatch, "");
        assertThat(twice.status()).as("a dispatched case is not sent again: " + twice).isEqualTo(409);
    }

    @Test
    void rectificationUpheldAppealAndReturnVisitReachTheStrictNationalReceiverOnceEach() {
        String visited = caseOf(hub, badRating());
        String appealed = caseOf(hub, badRating());
        awaitCase(hub, visited, j -> "DISPATCHED".equals(j.path("state").asString()));
        awaitCase(hub, appealed, j -> "DISPATCHED".equals(j.path("state").asString()));
        CaseEvents events = hub.bean(CaseEvents.class);
        CaseActor handler = CaseActor.handler("hotline-12345", "320000");

        national.down(true); // the first upward record waits, and goes as a marked re-send
        apply(events, visited, CaseEventKind.SIGNED, handler, null);
        apply(events, visited, CaseEventKind.RECTIFIED, handler, HubInstance.JSON.createObjectNode().put("rectification", "增开两个窗口"));
        awaitCase(hub, visited, j -> j.at("/upward/records/0/sends").asInt() >= 2);
        national.down(false);
        apply(events, visited, CaseEventKind.RETURN_VISITED, handler,
                HubInstance.JSON.createObjectNode().put("reached", true).put("satisfied", true).put("channel", "phone"));
        apply(events, appealed, CaseEventKind.SIGNED, handler, null);
        apply(events, appealed, CaseEventKind.APPEALED, handler, HubInstance.JSON.createObjectNode().put("appealReason", "MALICIOUS"));
        apply(events, appealed, CaseEventKind.APPEAL_UPHELD, CaseActor.supervisor("supervisor", gov.js.evaluation.hub.access.OperatorScope.province()), null);

        JsonNode v = awaitCase(hub, visited, j -> "DELIVERED".equals(j.at("/upward/state").asString()) && j.at("/upward/records").size() == 2);
        awaitCase(hub, appealed, j -> "DELIVERED".equals(j.at("/upward/state").asString()) && j.at("/upward/records").size() == 1);
        assertThat(v.at("/upward/records/0/sends").asInt()).isGreaterThanOrEqualTo(2);

        List<StrictReceiver.Received> up = national.taken(d -> d.path("data").path("caseId").asString().equals(visited));
        assertThat(up).extracting(r -> r.body().at("/data/resultType").asString()).containsExactly("1", "3");
        JsonNode rectified = up.get(0).body();
        assertThat(rectified.at("/data/rectification").asString()).isEqualTo("增开两个窗口");
        assertThat(rectified.at("/data/workOrderNo").asString()).isEqualTo(v.at("/dispatch/workOrderNo").asString());
        assertThat(rectified.path("resend").asBoolean()).as("taken as a marked re-send after the outage").isTrue();
        assertThat(up.get(1).body().at("/data/visitSatisfied").asString()).isEqualTo("true");
        List<StrictReceiver.Received> invalid = national.taken(d -> d.path("data").path("caseId").asString().equals(appealed));
        assertThat(invalid).hasSize(1);
        assertThat(invalid.get(0).body().at("/data/resultType").asString()).isEqualTo("2");
        assertThat(invalid.get(0).body().at("/data/effective").asString()).as("the rating is not effective").isEqualTo("0");
        assertThat(invalid.get(0).body().at("/data/appealReason").asString()).isEqualTo("MALICIOUS");
        assertThat(national.received().stream().filter(r -> r.status() != 200 && r.status() != 503))
                .as("the strict receiver refused nothing: signature, fields, no unmarked duplicate").isEmpty();
    }

    @Test
    void theOutboxBacklogIsAMetricByPurpose() {
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.get("/actuator/prometheus").body().lines()
                .filter(l -> l.startsWith("hub_dispatch_outbox_backlog{")).count() == 3);
    }

    static void apply(CaseEvents events, String caseId, CaseEventKind kind, CaseActor actor, ObjectNode detail) {
        CaseEvents.Outcome outcome = events.apply(new CaseEvent(UUID.randomUUID().toString(), UUID.fromString(caseId), null, kind,
                null, null, detail), actor);
        assertThat(outcome).as(kind.name()).isInstanceOf(CaseEvents.Applied.class);
    }
}
