package gov.js.evaluation.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Open cases across a restart: the state, the paused clock and the deadline watch go on where they were. */
class CaseRestartTest {

    private static final CaseActor HANDLER = CaseActor.handler("hotline-12345", "320000");

    @Test
    void aCaseWithAnAppealOpenAcrossARestartResumesItsClockAndTheWatchMarksItOverdueOnce() {
        Path dataDir = HubInstance.freshDataDir();
        Map<String, Object> settings = Map.of("hub.store.embedded-data-dir", dataDir.toString(),
                "hub.cases.deadline-watch-interval", "24h");
        UUID caseId;
        Instant pausedAt;
        try (HubInstance first = HubInstance.start(settings)) {
            ObjectNode bad = Evaluations.valid();
            bad.put("satisfaction", "2");
            bad.put("writingEvaluation", "窗口提前下班");
            bad.put("acceptDate", "2026-04-29 09:00:00");
            bad.put("assessTime", "2026-04-30 10:15:00");
            assertThat(first.post("/api/v1/sources/province-web/evaluations", "[" + bad + "]").status()).isEqualTo(200);
            caseId = first.jdbc().queryForObject("SELECT case_id FROM rectification_case WHERE project_no = ?", UUID.class,
                    bad.path("projectNo").asString());
            CaseEvents events = first.bean(CaseEvents.class);
            events.apply(new CaseEvent("r-1", caseId, null, CaseEventKind.SIGNED, null, null, null), HANDLER);
            events.apply(new CaseEvent("r-2", caseId, null, CaseEventKind.APPEALED, null, null,
                    HubInstance.JSON.createObjectNode().put("appealReason", "CONTRARY_TO_FACTS")), HANDLER);
            pausedAt = Instant.parse(rectify(first, caseId).path("pausedAt").asString());
        }

        try (HubInstance second = HubInstance.start(settings)) {
            JsonNode c = second.get("/api/v1/cases/" + caseId).json();
            assertThat(c.path("state").asString()).isEqualTo("APPEALING");
            assertThat(second.bean(DeadlineWatch.class).scan()).as("a paused deadline is not overdue").isZero();
            CaseEvents events = second.bean(CaseEvents.class);
            assertThat(events.apply(new CaseEvent("r-2", caseId, null, CaseEventKind.APPEALED, null, null, null), HANDLER))
                    .as("the event sent again after the restart is still the same event").isInstanceOf(CaseEvents.Duplicate.class);
            CaseEvents.Outcome decided = events.apply(new CaseEvent(null, caseId, null, CaseEventKind.APPEAL_REJECTED, null, "supervisor",
                    null), CaseActor.supervisor("supervisor", gov.js.evaluation.hub.access.OperatorScope.province()));
            assertThat(((CaseEvents.Applied) decided).state()).isEqualTo(CaseState.RECTIFYING);
            JsonNode resumed = rectify(second, caseId);
            Instant decidedAt = Instant.parse(second.get("/api/v1/cases/" + caseId).json().at("/timeline/3/at").asString());
            WorkingClock clock = second.bean(WorkingClock.class);
            assertThat(Instant.parse(resumed.path("dueAt").asString())).isEqualTo(clock.afterWorkingHours(
                    Instant.parse("2026-05-11T09:30:00Z"), clock.workingTimeBetween(pausedAt, decidedAt)).at());
            // the due time is long past: the watch marks it once
            assertThat(second.bean(DeadlineWatch.class).scan()).isEqualTo(1);
            assertThat(second.bean(DeadlineWatch.class).scan()).isZero();
            assertThat(second.get("/api/v1/cases/" + caseId).json().path("overdue").asBoolean()).isTrue();
        }
    }

    private static JsonNode rectify(HubInstance hub, UUID caseId) {
        return hub.get("/api/v1/cases/" + caseId).json().path("deadlines").valueStream()
                .filter(d -> d.path("kind").asString().equals("RECTIFY")).findFirst().orElseThrow();
    }
}
