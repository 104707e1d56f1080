package gov.js.evaluation.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The handler systems report case events back through their sources (issue 11 §3): 12345's work-order steps, signed
 * and in its own field names (mappings/handler-12345.yaml), applied to the cases bad ratings opened; every refusal
 * answered with its reason and kept in the source's quarantine, duplicates recognised, events of one case applied one
 * after the other.
 */
class CaseEventsApiTest {

    static final String EVENTS = "/api/v1/sources/handler-12345/case-events";
    private static HubInstance hub;

    @BeforeAll
    static void start() {
        hub = HubInstance.start(Map.of());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    /** A bad rating of a Nanjing (320102) case: its case, NEW. */
    static String openCase(HubInstance hub) {
        ObjectNode bad = Evaluations.valid();
        bad.put("satisfaction", "1");
        bad.put("writingEvaluation", "窗口排队两个小时");
        HubInstance.Response answer = hub.post("/api/v1/sources/province-web/evaluations", bad.toString());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        String projectNo = bad.path("projectNo").asString();
        return hub.get("/api/v1/cases?limit=500").json().path("cases").valueStream()
                .filter(c -> projectNo.equals(c.path("projectNo").asString())).findFirst().orElseThrow()
                .path("caseId").asString();
    }

    /** One work-order step as 12345 writes it. */
    static ObjectNode step(String caseId, String type) {
        ObjectNode s = HubInstance.JSON.createObjectNode();
        s.put("事件编号", "GD-" + UUID.randomUUID());
        s.put("好差评案件编号", caseId);
        s.put("事件类型", type);
        s.put("发生时间", "2026/12/01 09:12:00");
        s.put("办理单位", "南京市玄武区政务服务管理办公室");
        switch (type) {
            case "预审" -> s.putObject("预审").put("是否属实", "是").put("是否合理", "是");
            case "整改" -> s.put("整改情况", "增开两个窗口；已电话联系办事人13912345678说明情况");
            case "答复" -> s.put("答复内容", "已增开窗口，感谢监督");
            case "回访" -> s.putObject("回访").put("方式", "电话").put("是否联系上", "是").put("结果", "满意");
            default -> {
            }
        }
        return s;
    }

    static HubInstance.Response send(HubInstance hub, String path, ObjectNode... steps) {
        ArrayNode body = HubInstance.JSON.createArrayNode();
        for (ObjectNode s : steps) {
            body.add(s);
        }
        return hub.post(path, body.toString());
    }

    private static JsonNode caseOf(String caseId) {
        return hub.get("/api/v1/cases/" + caseId).json();
    }

    private static JsonNode quarantineOf(String sourceId) {
        return hub.get("/api/v1/sources/" + sourceId + "/quarantine?limit=500").json().path("records");
    }

    private static JsonNode quarantined(String sourceId, String receiptId) {
        return hub.get("/api/v1/sources/" + sourceId + "/quarantine?limit=500&receiptId=" + receiptId).json().path("records");
    }

    @Test
    void aWholeRoundIsAppliedAndEachRefusalNamesItsReasonAndWaitsInQuarantine() {
        String caseId = openCase(hub);

        // RECTIFIED before SIGNED
        HubInstance.Response early = send(hub, EVENTS, step(caseId, "整改"));
        assertThat(early.status()).as(early.toString()).isEqualTo(422);
        JsonNode refused = early.json().at("/records/0");
        assertThat(refused.path("status").asString()).isEqualTo("REJECTED");
        assertThat(refused.at("/errors/0/code").asString()).isEqualTo("EVENT_NOT_ALLOWED");
        assertThat(refused.at("/errors/0/field").asString()).isEqualTo("kind");
        assertThat(refused.at("/errors/0/message").asString())
                .isEqualTo("the case is NEW: a case is rectified after it is signed (it takes SIGNED now)");
        JsonNode kept = quarantined("handler-12345", early.json().path("receiptId").asString());
        assertThat(kept.size()).isEqualTo(1);
        assertThat(kept.at("/0/recordKind").asString()).isEqualTo("case-event");
        assertThat(kept.at("/0/errors/0/code").asString()).isEqualTo("EVENT_NOT_ALLOWED");
        assertThat(caseOf(caseId).path("state").asString()).isEqualTo("NEW");

        // a whole round in one request; the second CLOSED is refused, the events beside it are applied
        ObjectNode closed = step(caseId, "办结");
        ObjectNode closedAgain = step(caseId, "办结");
        HubInstance.Response round = send(hub, EVENTS, step(caseId, "签收"), step(caseId, "预审"), step(caseId, "整改"),
                step(caseId, "回访"), closed, closedAgain);
        assertThat(round.status()).as(round.toString()).isEqualTo(200);
        JsonNode records = round.json().path("records");
        List<String> states = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            assertThat(records.get(i).path("status").asString()).as(round.toString()).isEqualTo("ACCEPTED");
            assertThat(records.get(i).path("caseId").asString()).isEqualTo(caseId);
            assertThat(records.get(i).path("seq").asInt()).isEqualTo(i + 2); // 1 is OPENED
            states.add(records.get(i).path("state").asString());
        }
        assertThat(states).containsExactly("SIGNED", "RECTIFYING", "REPLIED", "RETURN_VISITED", "CLOSED");
        assertThat(records.get(5).path("status").asString()).isEqualTo("REJECTED");
        assertThat(records.get(5).at("/errors/0/code").asString()).isEqualTo("EVENT_NOT_ALLOWED");
        assertThat(records.get(5).at("/errors/0/message").asString())
                .isEqualTo("the case is CLOSED: it takes no more CLOSED events (it takes no event of a handler now)");
        assertThat(round.json().path("accepted").asInt()).isEqualTo(5);
        assertThat(round.json().path("rejected").asInt()).isEqualTo(1);
        assertThat(quarantined("handler-12345", round.json().path("receiptId").asString()).size()).isEqualTo(1);

        JsonNode theCase = caseOf(caseId);
        assertThat(theCase.path("state").asString()).isEqualTo("CLOSED");
        JsonNode timeline = theCase.path("timeline");
        assertThat(timeline.valueStream().map(e -> e.path("kind").asString()).toList())
                .containsExactly("OPENED", "SIGNED", "PRE_REVIEWED", "RECTIFIED", "RETURN_VISITED", "CLOSED");
        JsonNode rectified = timeline.get(3);
        assertThat(rectified.path("source").asString()).isEqualTo("handler-12345");
        assertThat(rectified.at("/detail/rectification").asString()).as("a phone number typed in is masked")
                .contains("139****5678").doesNotContain("13912345678");
        assertThat(rectified.at("/detail/occurredAt").asString()).isEqualTo("2026-12-01 09:12:00");
        assertThat(theCase.toString()).doesNotContain("13912345678");
        assertThat(hub.get("/actuator/prometheus").body().lines()
                .filter(l -> l.startsWith("hub_case_events_total{") && l.contains("source=\"handler-12345\"") && l.contains("ACCEPTED")))
                .as("the events counted per source and outcome").hasSize(1);
        assertThat(quarantineOf("handler-12345").toString()).doesNotContain("13912345678");
    }

    @Test
    void anEventForAnUnknownCaseOrFromOutsideTheCasesRegionIsRefusedAndKept() {
        String caseId = openCase(hub);

        HubInstance.Response unknown = send(hub, EVENTS, step(UUID.randomUUID().toString(), "签收"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().at("/records/0/errors/0/code").asString()).isEqualTo("UNKNOWN_CASE");
        assertThat(unknown.json().at("/records/0/errors/0/field").asString()).isEqualTo("caseId");
        assertThat(quarantined("handler-12345", unknown.json().path("receiptId").asString()).size()).isEqualTo(1);

        // Wuxi's handler system, for a Nanjing case
        HubInstance.Response outside = send(hub, "/api/v1/sources/test-handler-wuxi/case-events", step(caseId, "签收"));
        assertThat(outside.status()).isEqualTo(422);
        assertThat(outside.json().at("/records/0/errors/0/code").asString()).isEqualTo("CASE_OUTSIDE_SOURCE_REGION");
        JsonNode kept = quarantined("test-handler-wuxi", outside.json().path("receiptId").asString());
        assertThat(kept.size()).isEqualTo(1);
        assertThat(kept.at("/0/errors/0/code").asString()).isEqualTo("CASE_OUTSIDE_SOURCE_REGION");
        assertThat(caseOf(caseId).path("state").asString()).isEqualTo("NEW");
    }

    @Test
    void theSameEventSentTwiceIsADuplicateNotASecondTransition() {
        String caseId = openCase(hub);
        ObjectNode signed = step(caseId, "签收");

        HubInstance.Response first = send(hub, EVENTS, signed);
        HubInstance.Response again = send(hub, EVENTS, signed);

        assertThat(first.json().at("/records/0/status").asString()).isEqualTo("ACCEPTED");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().at("/records/0/status").asString()).isEqualTo("DUPLICATE");
        assertThat(again.json().at("/records/0/seq").asInt()).isEqualTo(first.json().at("/records/0/seq").asInt());
        assertThat(again.json().path("duplicates").asInt()).isEqualTo(1);
        assertThat(caseOf(caseId).path("timeline").valueStream().filter(e -> e.path("kind").asString().equals("SIGNED")).count())
                .isEqualTo(1);
    }

    @Test
    void twoEventsOfOneCaseSentAtOnceAreAppliedOneAfterTheOther() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                String caseId = openCase(hub);
                assertThat(send(hub, EVENTS, step(caseId, "签收"), step(caseId, "预审")).json().path("accepted").asInt()).isEqualTo(2);
                // RECTIFIED and REPLIED: each allowed before and after the other
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<HubInstance.Response>> sent = new ArrayList<>();
                for (String type : List.of("整改", "答复")) {
                    ObjectNode event = step(caseId, type);
                    sent.add(threads.submit(() -> {
                        together.await();
                        return send(hub, EVENTS, event);
                    }));
                }
                List<Integer> seqs = new ArrayList<>();
                for (Future<HubInstance.Response> answer : sent) {
                    JsonNode r = answer.get().json().at("/records/0");
                    assertThat(r.path("status").asString()).as(r.toString()).isEqualTo("ACCEPTED");
                    seqs.add(r.path("seq").asInt());
                }
                assertThat(seqs).containsExactlyInAnyOrder(4, 5);
                JsonNode theCase = caseOf(caseId);
                assertThat(theCase.path("state").asString()).isEqualTo("REPLIED");
                assertThat(theCase.path("timeline").valueStream().map(e -> e.path("seq").asInt()).toList()).containsExactly(1, 2, 3, 4, 5);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aDryRunAnswersAsTheSendWouldAndStoresNothing() {
        String caseId = openCase(hub);
        long quarantinedBefore = quarantineOf("handler-12345").size();

        HubInstance.Response dry = send(hub, EVENTS + "/validate", step(caseId, "签收"), step(caseId, "回访"));

        assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
        assertThat(dry.json().path("dryRun").asBoolean()).isTrue();
        assertThat(dry.json().at("/records/0/status").asString()).isEqualTo("ACCEPTED");
        assertThat(dry.json().at("/records/0/state").asString()).isEqualTo("SIGNED");
        assertThat(dry.json().at("/records/1/status").asString()).isEqualTo("REJECTED");
        assertThat(dry.json().at("/records/1/errors/0/code").asString()).isEqualTo("EVENT_NOT_ALLOWED");
        JsonNode theCase = caseOf(caseId);
        assertThat(theCase.path("state").asString()).isEqualTo("NEW");
        assertThat(theCase.path("timeline").size()).isEqualTo(1);
        assertThat(quarantineOf("handler-12345").size()).isEqualTo(quarantinedBefore);
        // and the same event sent for real afterwards is new, not a duplicate of the dry run
        assertThat(send(hub, EVENTS, step(caseId, "签收")).json().at("/records/0/status").asString()).isEqualTo("ACCEPTED");
    }

    @Test
    void aQuarantinedEventReplayedAfterTheMissingSigningIsApplied() {
        String caseId = openCase(hub);
        HubInstance.Response early = send(hub, EVENTS, step(caseId, "整改"));
        long quarantineId = quarantined("handler-12345", early.json().path("receiptId").asString()).at("/0/quarantineId").asLong();

        JsonNode stillEarly = hub.post("/api/v1/quarantine/" + quarantineId + "/replay", "").json();
        assertThat(stillEarly.at("/records/0/status").asString()).isEqualTo("REJECTED");
        assertThat(stillEarly.at("/records/0/errors/0/code").asString()).isEqualTo("EVENT_NOT_ALLOWED");

        send(hub, EVENTS, step(caseId, "签收"));
        JsonNode replayed = hub.post("/api/v1/quarantine/" + quarantineId + "/replay", "").json();

        assertThat(replayed.at("/records/0/status").asString()).as(replayed.toString()).isEqualTo("ACCEPTED");
        assertThat(caseOf(caseId).path("state").asString()).isEqualTo("REPLIED");
        assertThat(quarantined("handler-12345", early.json().path("receiptId").asString()).size()).isZero();
    }

    @Test
    void aSourceOfCaseEventsRefusesRatingsAndASourceOfRatingsCaseEvents() {
        JsonNode listed = hub.get("/api/v1/sources").json().path("sources").valueStream()
                .filter(s -> s.path("id").asString().equals("handler-12345")).findFirst().orElseThrow();
        assertThat(listed.path("ingestPath").asString()).isEqualTo(EVENTS);

        HubInstance.Response rating = hub.post("/api/v1/sources/handler-12345/evaluations", Evaluations.valid().toString());
        assertThat(rating.status()).isEqualTo(403);
        assertThat(rating.json().path("error").asString()).isEqualTo("WRONG_RECORD_KIND");
        assertThat(rating.json().path("message").asString()).contains("/api/v1/sources/handler-12345/case-events");

        HubInstance.Response event = send(hub, "/api/v1/sources/province-web/case-events", step(UUID.randomUUID().toString(), "签收"));
        assertThat(event.status()).isEqualTo(403);
        assertThat(event.json().path("error").asString()).isEqualTo("WRONG_RECORD_KIND");
        assertThat(event.json().path("message").asString()).contains("/api/v1/sources/province-web/evaluations");
    }

    @Test
    void theCaseEventSchemaIsServedBesideTheEvaluationSchema() {
        HubInstance.Response schema = hub.send(hub.client().request("/api/v1/schema/case-event").GET().build());
        assertThat(schema.status()).isEqualTo(200);
        assertThat(schema.json().path("$id").asString()).isEqualTo("urn:js-evaluation-hub:schema:case-event:v1");
        assertThat(schema.json().at("/properties/kind/enum").valueStream().map(JsonNode::asString).toList())
                .containsExactly("SIGNED", "PRE_REVIEWED", "APPEALED", "EXTENSION_REQUESTED", "RECTIFIED", "REPLIED", "RETURN_VISITED", "CLOSED");
    }

    @Test
    void caseEventsAreSignedLikeRatings() {
        String body = "[" + step(UUID.randomUUID().toString(), "签收") + "]";
        HubInstance.Response unsigned = hub.send(hub.client().unsigned(EVENTS, body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "application/json").build());
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.json().path("error").asString()).isEqualTo("SIGNATURE_MISSING");
    }

    @Test
    void anEventThatBreaksTheSchemaIsRejectedWithTheFieldAndKept() {
        String caseId = openCase(hub);
        ObjectNode noReason = step(caseId, "申诉");
        ObjectNode unknownType = step(caseId, "转办");
        ObjectNode control = step(caseId, "签收").put("办理意见", "已签收\u0000");
        ObjectNode replyOnSigning = step(caseId, "签收").put("答复内容", "已答复");
        ObjectNode tooLong = step(caseId, "整改").put("整改情况", "整".repeat(4001));
        ObjectNode signed = step(caseId, "签收");

        HubInstance.Response answer = send(hub, EVENTS, noReason, unknownType, control, replyOnSigning, tooLong, signed);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode records = answer.json().path("records");
        assertThat(records.at("/0/errors/0/field").asString()).isEqualTo("appealReason");
        assertThat(records.at("/0/errors/0/code").asString()).isEqualTo("REQUIRED");
        assertThat(records.at("/1/errors/0/field").asString()).isEqualTo("kind");
        assertThat(records.at("/1/errors/0/code").asString()).isEqualTo("MAPPING_FAILED");
        assertThat(records.at("/2/errors/0/field").asString()).isEqualTo("note");
        assertThat(records.at("/2/errors/0/code").asString()).isEqualTo("CONTROL_CHARACTER");
        assertThat(records.at("/3/errors/0/field").asString()).isEqualTo("reply");
        assertThat(records.at("/3/errors/0/code").asString()).isEqualTo("NOT_A_FIELD_OF_THIS_EVENT");
        assertThat(records.at("/3/errors/0/message").asString()).isEqualTo("reply belongs to REPLIED events, not to SIGNED events");
        assertThat(records.at("/4/errors/0/field").asString()).isEqualTo("rectification");
        assertThat(records.at("/4/errors/0/code").asString()).isEqualTo("TOO_LONG");
        assertThat(records.at("/5/status").asString()).isEqualTo("ACCEPTED");
        assertThat(answer.json().path("rejected").asInt()).isEqualTo(5);
        assertThat(quarantined("handler-12345", answer.json().path("receiptId").asString()).size()).isEqualTo(5);
        assertThat(answer.body()).as("no message quotes the sender's text").doesNotContain("已答复", "已签收");
    }

    @Test
    void theSourcesBodyLimitHoldsForCaseEvents() {
        // test-handler-wuxi may send 8 KiB at once
        String body = "[" + step(UUID.randomUUID().toString(), "整改").put("整改情况", "整".repeat(3000)) + "]";
        HubInstance.Response tooLarge = hub.post("/api/v1/sources/test-handler-wuxi/case-events", body);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().path("error").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
    }
}
