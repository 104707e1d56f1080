package gov.js.evaluation.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.validate.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Case events applied by the hub's CaseEvents (the handlers' HTTP path is tested in the case-event ingest tests):
 * what each event does to the state and the deadlines (met, paused by an appeal and run on after it, moved by an
 * extension, counted again for a reopened round), duplicates, concurrency, the deadline watch, and the supervisors'
 * actions over HTTP.
 */
class CaseEventsTest {

    private static HubInstance hub;
    private static CaseEvents events;
    private static WorkingClock clock;
    private static final String SUPERVISOR = "test-supervisor";
    private static final CaseActor HANDLER = CaseActor.handler("hotline-12345", "320000");

    @BeforeAll
    static void start() {
        // the watch is called by the test that is about it: no OVERDUE events in the others' timelines
        hub = HubInstance.start(Map.of("hub.cases.deadline-watch-interval", "24h",
                "hub.security.operators." + SUPERVISOR + ".password", "{noop}" + gov.js.evaluation.hub.HubClient.PASSWORD,
                "hub.security.operators." + SUPERVISOR + ".roles", "supervisor"));
        events = hub.bean(CaseEvents.class);
        clock = hub.bean(WorkingClock.class);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    /** A bad rating of 2026-04-30 10:15 China time: its case is due for rectification at the close of 2026-05-11. */
    private static UUID openCase() {
        return openCase("2026-04-30 10:15:00");
    }

    private static UUID openCase(String assessTime) {
        ObjectNode bad = Evaluations.valid();
        bad.put("satisfaction", "1");
        bad.put("writingEvaluation", "材料被退回三次");
        bad.put("acceptDate", "2026-04-01 09:00:00");
        bad.put("assessTime", assessTime);
        HubInstance.Response answer = hub.post("/api/v1/sources/province-web/evaluations", "[" + bad + "]");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return hub.jdbc().queryForObject("SELECT case_id FROM rectification_case WHERE project_no = ?", UUID.class,
                bad.path("projectNo").asString());
    }

    private static CaseEvents.Outcome send(UUID caseId, CaseEventKind kind, String eventId, ObjectNode detail) {
        return events.apply(new CaseEvent(eventId, caseId, null, kind, "2026-01-01 00:00:00", "某区政务服务中心", detail), HANDLER);
    }

    private static CaseEvents.Outcome send(UUID caseId, CaseEventKind kind) {
        return send(caseId, kind, UUID.randomUUID().toString(), HubInstance.JSON.createObjectNode());
    }

    private static CaseEvents.Outcome hubEvent(UUID caseId, CaseEventKind kind) {
        return events.apply(new CaseEvent(null, caseId, null, kind, null, null, HubInstance.JSON.createObjectNode()), CaseActor.HUB);
    }

    private static JsonNode read(UUID caseId) {
        return hub.get("/api/v1/cases/" + caseId).json();
    }

    private static JsonNode deadline(JsonNode c, int round, String kind) {
        return c.path("deadlines").valueStream().filter(d -> d.path("round").asInt() == round && d.path("kind").asString().equals(kind))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " deadline of round " + round + " in " + c.path("deadlines")));
    }

    private static Instant at(JsonNode node, String field) {
        return Instant.parse(node.path(field).asString());
    }

    private static String stateOf(CaseEvents.Outcome outcome) {
        assertThat(outcome).isInstanceOf(CaseEvents.Applied.class);
        return ((CaseEvents.Applied) outcome).state().name();
    }

    @Test
    void dispatchOpensTheSignAndAnswerDeadlinesAndSigningMeetsTheSignDeadlineOnTheHubsClock() {
        UUID caseId = openCase();
        Instant before = Instant.now();
        assertThat(stateOf(hubEvent(caseId, CaseEventKind.DISPATCHED))).isEqualTo("DISPATCHED");
        JsonNode c = read(caseId);
        JsonNode sign = deadline(c, 1, "SIGN");
        assertThat(sign.path("runsFrom").asString()).isEqualTo("dispatch");
        Instant dispatchedAt = at(sign, "startedAt");
        assertThat(dispatchedAt).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(at(sign, "dueAt")).isEqualTo(clock.afterWorkingHours(dispatchedAt, Duration.ofHours(1)).at());
        assertThat(at(deadline(c, 1, "ANSWER"), "dueAt")).isEqualTo(clock.afterWorkingDays(dispatchedAt, 5).at());
        assertThat(deadline(c, 1, "RECTIFY").path("dueAt").asString()).isEqualTo("2026-05-11T09:30:00Z");

        // the sender says it signed on 2026-01-01: the hub takes the event when it receives it
        assertThat(stateOf(send(caseId, CaseEventKind.SIGNED))).isEqualTo("SIGNED");
        JsonNode signed = deadline(read(caseId), 1, "SIGN");
        assertThat(at(signed, "metAt")).isAfterOrEqualTo(dispatchedAt);
        assertThat(signed.path("state").asString()).isIn("MET", "MET_LATE");
        assertThat(read(caseId).at("/timeline/2/detail/occurredAt").asString()).as("the sender's time is kept").isEqualTo("2026-01-01 00:00:00");
        String metrics = hub.get("/actuator/prometheus").body();
        assertThat(metrics.lines().filter(l -> l.startsWith("hub_cases_time_to_sign_working_hours_count")))
                .as("time to sign, in working hours").singleElement().asString().doesNotEndWith(" 0.0");
    }

    @Test
    void aDispatchRecordedAfterTheHandlerSignedKeepsTheCaseSignedAndOpensOnlyTheAnswerDeadline() {
        UUID caseId = openCase();
        assertThat(stateOf(send(caseId, CaseEventKind.SIGNED))).isEqualTo("SIGNED");
        assertThat(stateOf(hubEvent(caseId, CaseEventKind.DISPATCHED))).isEqualTo("SIGNED");
        JsonNode c = read(caseId);
        assertThat(c.path("deadlines").valueStream().map(d -> d.path("kind").asString())).containsExactlyInAnyOrder("RECTIFY", "ANSWER");
    }

    @Test
    void anAppealStopsTheClockAndAnAppealRejectedRunsItOnByTheWorkingTimeItWasPaused() {
        UUID caseId = openCase();
        send(caseId, CaseEventKind.SIGNED);
        ObjectNode appeal = HubInstance.JSON.createObjectNode().put("appealReason", "MALICIOUS");
        assertThat(stateOf(send(caseId, CaseEventKind.APPEALED, UUID.randomUUID().toString(), appeal))).isEqualTo("APPEALING");
        JsonNode paused = deadline(read(caseId), 1, "RECTIFY");
        assertThat(paused.path("state").asString()).isEqualTo("PAUSED");
        assertThat(read(caseId).path("overdue").asBoolean()).as("a paused deadline is not overdue").isFalse();
        CaseEvents.Refused early = (CaseEvents.Refused) send(caseId, CaseEventKind.RECTIFIED);
        assertThat(early.code()).as("no rectification while the appeal is open").isEqualTo(ErrorCode.EVENT_NOT_ALLOWED);
        assertThat(early.reason()).isEqualTo("the case is APPEALING: it is rectified after the appeal is decided "
                + "(it takes no event of a handler now)");

        HubInstance.Response decided = hub.postAs(SUPERVISOR, "/api/v1/cases/" + caseId + "/actions/decide-appeal",
                "{\"decision\":\"REJECTED\",\"note\":\"评价属实，已电话联系13912345678\"}");
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        assertThat(decided.json().path("state").asString()).isEqualTo("RECTIFYING");
        JsonNode c = read(caseId);
        JsonNode resumed = deadline(c, 1, "RECTIFY");
        Instant pausedAt = at(paused, "pausedAt");
        JsonNode decision = c.path("timeline").get(c.path("timeline").size() - 1);
        assertThat(decision.path("kind").asString()).isEqualTo("APPEAL_REJECTED");
        assertThat(decision.path("source").asString()).isEqualTo("operator:" + SUPERVISOR);
        assertThat(decision.at("/detail/note").asString()).as("a number a person typed is kept masked")
                .startsWith("评价属实，已电话联系").doesNotContain("13912345678");
        Instant decidedAt = at(decision, "at");
        assertThat(resumed.path("pausedAt").isNull()).isTrue();
        assertThat(at(resumed, "dueAt")).isEqualTo(clock.afterWorkingHours(Instant.parse("2026-05-11T09:30:00Z"),
                clock.workingTimeBetween(pausedAt, decidedAt)).at());
    }

    @Test
    void anUpheldAppealInvalidatesTheRatingAndTheCaseTakesNoMoreEvents() {
        UUID caseId = openCase();
        send(caseId, CaseEventKind.SIGNED);
        send(caseId, CaseEventKind.APPEALED, UUID.randomUUID().toString(), HubInstance.JSON.createObjectNode().put("appealReason", "MISTAKEN"));
        HubInstance.Response decided = hub.postAs(SUPERVISOR, "/api/v1/cases/" + caseId + "/actions/decide-appeal", "{\"decision\":\"UPHELD\"}");
        assertThat(decided.json().path("state").asString()).isEqualTo("INVALIDATED");
        assertThat(read(caseId).path("invalid").asBoolean()).isTrue();
        String evaluationId = read(caseId).path("evaluationId").asString();
        JsonNode rating = hub.get("/api/v1/evaluations/" + evaluationId).json();
        assertThat(rating.at("/rectificationCase/invalid").asBoolean()).as("the rating is kept, flagged invalid").isTrue();
        assertThat(rating.at("/rectificationCase/state").asString()).isEqualTo("INVALIDATED");
        assertThat(send(caseId, CaseEventKind.RECTIFIED)).isInstanceOf(CaseEvents.Refused.class);
        HubInstance.Response again = hub.postAs(SUPERVISOR, "/api/v1/cases/" + caseId + "/actions/decide-appeal", "{\"decision\":\"UPHELD\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("error").asString()).isEqualTo("EVENT_NOT_ALLOWED");
    }

    @Test
    void anApprovedExtensionMovesTheAnswerAndRectifyDeadlinesByItsWorkingDays() {
        UUID caseId = openCase();
        hubEvent(caseId, CaseEventKind.DISPATCHED);
        send(caseId, CaseEventKind.SIGNED);
        Instant answerDue = at(deadline(read(caseId), 1, "ANSWER"), "dueAt");
        assertThat(stateOf(send(caseId, CaseEventKind.EXTENSION_REQUESTED, UUID.randomUUID().toString(),
                HubInstance.JSON.createObjectNode().put("workingDays", 3).put("reason", "需现场核查")))).isEqualTo("EXTENSION_PENDING");
        assertThat(read(caseId).path("requestedExtensionDays").asInt()).isEqualTo(3);

        HubInstance.Response approved = hub.postAs(SUPERVISOR, "/api/v1/cases/" + caseId + "/actions/decide-extension",
                "{\"decision\":\"APPROVED\"}");
        assertThat(approved.json().path("state").asString()).as(approved.toString()).isEqualTo("RECTIFYING");
        JsonNode c = read(caseId);
        // 2026-05-11 close + 3 working days: Tue 12, Wed 13, Thu 14
        assertThat(deadline(c, 1, "RECTIFY").path("dueAt").asString()).isEqualTo("2026-05-14T09:30:00Z");
        assertThat(deadline(c, 1, "RECTIFY").path("extendedDays").asInt()).isEqualTo(3);
        assertThat(at(deadline(c, 1, "ANSWER"), "dueAt")).isEqualTo(clock.afterWorkingDays(answerDue, 3).at());
        assertThat(c.path("requestedExtensionDays").isNull()).isTrue();
        HubInstance.Response bad = hub.postAs(SUPERVISOR, "/api/v1/cases/" + caseId + "/actions/decide-extension", "{\"decision\":\"MAYBE\"}");
        assertThat(bad.status()).isEqualTo(400);
    }

    @Test
    void aReturnVisitThatFindsTheRaterStillDissatisfiedReopensTheCaseWithANewRoundAndNewDeadlines() {
        UUID caseId = openCase();
        send(caseId, CaseEventKind.SIGNED);
        send(caseId, CaseEventKind.RECTIFIED, UUID.randomUUID().toString(), HubInstance.JSON.createObjectNode().put("rectification", "已增开窗口"));
        ObjectNode stillBad = HubInstance.JSON.createObjectNode().put("reached", true).put("satisfied", false).put("visitChannel", "phone");
        assertThat(stateOf(send(caseId, CaseEventKind.RETURN_VISITED, UUID.randomUUID().toString(), stillBad))).isEqualTo("REOPENED");
        JsonNode c = read(caseId);
        assertThat(c.path("round").asInt()).isEqualTo(2);
        List<String> kinds = c.path("timeline").valueStream().map(e -> e.path("kind").asString()).toList();
        assertThat(kinds).endsWith("RECTIFIED", "RETURN_VISITED", "REOPENED");
        assertThat(c.path("timeline").get(kinds.size() - 1).path("source").asString()).isEqualTo("hub");
        assertThat(deadline(c, 1, "RECTIFY").path("state").asString()).isEqualTo("MET_LATE");
        JsonNode second = deadline(c, 2, "RECTIFY");
        assertThat(second.path("runsFrom").asString()).isEqualTo("reopening");
        assertThat(at(second, "dueAt")).isEqualTo(clock.afterWorkingDays(at(second, "startedAt"), 5).at());
        assertThat(second.path("state").asString()).isEqualTo("RUNNING");

        assertThat(stateOf(send(caseId, CaseEventKind.RECTIFIED))).as("the second round is rectified again").isEqualTo("REPLIED");
        ObjectNode satisfied = HubInstance.JSON.createObjectNode().put("reached", true).put("satisfied", true);
        assertThat(stateOf(send(caseId, CaseEventKind.RETURN_VISITED, UUID.randomUUID().toString(), satisfied))).isEqualTo("RETURN_VISITED");
        assertThat(stateOf(send(caseId, CaseEventKind.CLOSED))).isEqualTo("CLOSED");
        assertThat(send(caseId, CaseEventKind.CLOSED)).isInstanceOf(CaseEvents.Refused.class);
        HubInstance.Response reopened = hub.postAs(SUPERVISOR, "/api/v1/cases/" + caseId + "/actions/reopen", "{\"note\":\"群众再次投诉\"}");
        assertThat(reopened.json().path("state").asString()).as(reopened.toString()).isEqualTo("REOPENED");
        assertThat(read(caseId).path("round").asInt()).isEqualTo(3);
    }

    @Test
    void theSameEventIdTwiceIsOneEventAndAnIdReusedForAnotherCaseIsRefused() {
        UUID caseId = openCase();
        CaseEvents.Outcome first = send(caseId, CaseEventKind.SIGNED, "WO-1-SIGN", HubInstance.JSON.createObjectNode());
        CaseEvents.Outcome again = send(caseId, CaseEventKind.SIGNED, "WO-1-SIGN", HubInstance.JSON.createObjectNode());
        assertThat(again).isEqualTo(new CaseEvents.Duplicate(caseId, ((CaseEvents.Applied) first).seq()));
        assertThat(read(caseId).path("events").asInt()).isEqualTo(2);
        UUID other = openCase();
        CaseEvents.Outcome reused = send(other, CaseEventKind.SIGNED, "WO-1-SIGN", HubInstance.JSON.createObjectNode());
        assertThat(reused).isInstanceOf(CaseEvents.Refused.class);
        assertThat(((CaseEvents.Refused) reused).code()).isEqualTo(ErrorCode.EVENT_ID_REUSED);
    }

    @Test
    void eventsForUnknownCasesAndCasesOutsideTheSourcesRegionAreRefused() {
        UUID caseId = openCase(); // a Nanjing case (3201…)
        CaseEvents.Outcome wuxi = events.apply(new CaseEvent("x-1", caseId, null, CaseEventKind.SIGNED, null, null, null),
                CaseActor.handler("city-320200", "320200"));
        assertThat(((CaseEvents.Refused) wuxi).code()).isEqualTo(ErrorCode.CASE_OUTSIDE_SOURCE_REGION);
        CaseEvents.Outcome unknown = send(UUID.randomUUID(), CaseEventKind.SIGNED);
        assertThat(((CaseEvents.Refused) unknown).code()).isEqualTo(ErrorCode.UNKNOWN_CASE);
        CaseEvents.Outcome byNumber = events.apply(new CaseEvent("x-2", null, "NO-SUCH-CASE", CaseEventKind.SIGNED, null, null, null), HANDLER);
        assertThat(((CaseEvents.Refused) byNumber).code()).isEqualTo(ErrorCode.UNKNOWN_CASE);
        CaseEvents.Outcome hubKind = events.apply(new CaseEvent("x-3", caseId, null, CaseEventKind.APPEAL_UPHELD, null, null, null), HANDLER);
        assertThat(((CaseEvents.Refused) hubKind).reason()).contains("not an event a handler records");
    }

    @Test
    void eventsOfOneCaseArrivingAtOnceAreAppliedOneAfterTheOther() throws Exception {
        UUID caseId = openCase();
        send(caseId, CaseEventKind.SIGNED);
        // eight handlers at once: exactly one RECTIFIED is taken, the others are refused as a second one
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<CaseEvents.Outcome>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tasks.add(() -> send(caseId, CaseEventKind.RECTIFIED));
        }
        List<CaseEvents.Outcome> outcomes = new ArrayList<>();
        for (Future<CaseEvents.Outcome> f : pool.invokeAll(tasks)) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        assertThat(outcomes.stream().filter(o -> o instanceof CaseEvents.Applied).count()).isEqualTo(1);
        assertThat(outcomes.stream().filter(o -> o instanceof CaseEvents.Refused).count()).isEqualTo(7);
        JsonNode c = read(caseId);
        assertThat(c.path("state").asString()).isEqualTo("REPLIED");
        List<Integer> seqs = c.path("timeline").valueStream().map(e -> e.path("seq").asInt()).toList();
        assertThat(seqs).containsExactly(1, 2, 3);
    }

    @Test
    void theDeadlineWatchRecordsAnOverdueDeadlineOnceAndTheCaseListFiltersOverdueCases() {
        UUID caseId = openCase(); // due 2026-05-11: long past
        assertThat(hub.bean(org.apache.camel.CamelContext.class).getRoute("case-deadline-watch")).isNotNull();
        hub.bean(DeadlineWatch.class).scan();
        JsonNode c = read(caseId);
        JsonNode overdue = c.path("timeline").valueStream().filter(e -> e.path("kind").asString().equals("OVERDUE")).findFirst().orElseThrow();
        assertThat(overdue.path("source").asString()).isEqualTo("hub");
        assertThat(overdue.at("/detail/deadline").asString()).isEqualTo("RECTIFY");
        assertThat(deadline(c, 1, "RECTIFY").path("overdueAt").isNull()).isFalse();
        // the watch keeps running: still one OVERDUE
        hub.bean(DeadlineWatch.class).scan();
        assertThat(read(caseId).path("timeline").valueStream().filter(e -> e.path("kind").asString().equals("OVERDUE")).count()).isEqualTo(1);
        JsonNode listed = hub.get("/api/v1/cases?overdue=true&limit=500").json().path("cases");
        assertThat(listed.valueStream().map(x -> x.path("caseId").asString())).contains(caseId.toString());
        assertThat(hub.get("/api/v1/cases?overdue=false&limit=500").json().path("cases").valueStream()
                .map(x -> x.path("caseId").asString())).doesNotContain(caseId.toString());
        assertThat(hub.get("/api/v1/cases?overdue=soon").status()).isEqualTo(400);
    }

    @Test
    void theCaseListIsFilteredByDepartmentStateAndTheTimeItOpened() {
        UUID caseId = openCase();
        JsonNode c = read(caseId);
        String dept = c.path("deptCode").asString();
        Instant opened = at(c, "openedAt");
        java.util.function.Function<String, List<String>> ids = query -> hub.get("/api/v1/cases?limit=500&" + query).json()
                .path("cases").valueStream().map(x -> x.path("caseId").asString()).toList();
        assertThat(ids.apply("department=" + dept.substring(0, 8))).contains(caseId.toString());
        assertThat(ids.apply("department=91")).doesNotContain(caseId.toString());
        assertThat(ids.apply("state=NEW&from=" + opened.minusSeconds(1) + "&to=" + opened.plusSeconds(1))).contains(caseId.toString());
        assertThat(ids.apply("from=" + opened.plusSeconds(1))).doesNotContain(caseId.toString());
        assertThat(ids.apply("state=CLOSED")).doesNotContain(caseId.toString());
        assertThat(hub.get("/api/v1/cases?from=yesterday").status()).isEqualTo(400);
        assertThat(hub.get("/api/v1/cases?department=not-a-code").status()).isEqualTo(400);
    }

    @Test
    void aDeadlineWithinAWorkingDayOfItsDueTimeIsNearDueOnceAndAFreshOneHourSignDeadlineIsNot() {
        // a rating whose 5-working-day rectification ends within the next working day
        java.time.LocalDateTime rated = java.time.LocalDateTime.now(WorkingClock.CHINA).withNano(0);
        Duration left = null;
        for (int back = 0; back < 30; back++, rated = rated.minusDays(1)) {
            Instant due = clock.afterWorkingDays(rated.atZone(WorkingClock.CHINA).toInstant(), 5).at();
            Duration l = clock.workingTimeBetween(Instant.now(), due);
            if (due.isAfter(Instant.now().plusSeconds(60)) && l.compareTo(clock.workingDay()) <= 0 && !l.isZero()) {
                left = l;
                break;
            }
        }
        assertThat(left).as("a rating time whose deadline is near").isNotNull();
        UUID near = openCase(rated.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        UUID fresh = openCase(java.time.LocalDateTime.now(WorkingClock.CHINA).minusMinutes(5)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        hubEvent(fresh, CaseEventKind.DISPATCHED); // its sign deadline: 1 working hour from now

        DeadlineWatch watch = hub.bean(DeadlineWatch.class);
        watch.scan();
        watch.scan();
        JsonNode c = read(near);
        assertThat(c.path("timeline").valueStream().filter(e -> e.path("kind").asString().equals("NEAR_DUE")).toList())
                .singleElement().satisfies(e -> assertThat(e.at("/detail/deadline").asString()).isEqualTo("RECTIFY"));
        assertThat(deadline(c, 1, "RECTIFY").path("state").asString()).isEqualTo("RUNNING");
        assertThat(read(fresh).path("timeline").valueStream().map(e -> e.path("kind").asString()))
                .as("a deadline of one working hour is not near due when it starts").doesNotContain("NEAR_DUE", "OVERDUE");
    }
}
