package gov.js.evaluation.hub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.ConfigFolder;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.HubProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A hub killed while its dispatches are under way: the next hub on the same store sends them again, with the same
 * idempotency key and body, marked as re-sends, once their lease has passed; the strict target takes each once.
 */
class CaseDispatchRestartTest {

    @Test
    void aHubKilledMidSendLeavesItsDispatchesToTheNextHubWhichSendsThemAgainWithTheSameKey() {
        Path dataDir = HubInstance.freshDataDir().toAbsolutePath();
        ConfigFolder config = ConfigFolder.copyOfRepository(Path.of("target", "config-dispatch-restart-" + System.nanoTime()).toAbsolutePath());
        // short timeouts, so that a send's lease (connect + response + margin) passes quickly
        config.write("targets/hotline-12345-workorder/target.yaml", ConfigFolder.repositoryFile("targets/hotline-12345-workorder/target.yaml")
                .replace("connectTimeoutMs: 5000", "connectTimeoutMs: 1000").replace("responseTimeoutMs: 15000", "responseTimeoutMs: 2000"));
        try (StrictReceiver hotline = CaseDispatchTest.hotline().start(); StrictReceiver national = CaseDispatchTest.national().start()) {
            Map<String, Object> settings = new HashMap<>(CaseDispatchTest.settings(hotline, national));
            settings.putAll(config.hubSettings());
            settings.put("hub.store.embedded-data-dir", dataDir.toString());
            settings.put("hub.dispatch.send-lease-margin", "500ms");
            hotline.answerAfter(60_000); // takes the work orders, but the hub is gone before the answer comes

            List<String> cases;
            try (HubProcess first = HubProcess.start(settings, Path.of("target", "case-dispatch-killed-hub.log"), Duration.ofSeconds(120))) {
                List<String> projectNos = List.of(CaseDispatchTest.badRating(), CaseDispatchTest.badRating()).stream().map(r -> {
                    assertThat(first.post(CaseDispatchTest.INGEST, "[" + r + "]").status()).isEqualTo(200);
                    return r.path("projectNo").asString();
                }).toList();
                JsonNode listed = first.get("/api/v1/cases?limit=500").json().path("cases");
                cases = projectNos.stream().map(p -> listed.valueStream().filter(c -> p.equals(c.path("projectNo").asString()))
                        .findFirst().orElseThrow().path("caseId").asString()).toList();
                for (String caseId : cases) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> hotline.received().stream()
                            .anyMatch(r -> caseId.equals(r.body().path("好差评案件编号").asString())));
                    JsonNode c = first.get("/api/v1/cases/" + caseId).json();
                    assertThat(c.at("/dispatch/state").asString()).as("the send is recorded before it goes out").isEqualTo("SENDING");
                    assertThat(c.at("/dispatch/sends").asInt()).isEqualTo(1);
                }
                first.kill();
            }
            hotline.answerAfter(0);

            try (HubInstance next = HubInstance.start(settings)) {
                for (String caseId : cases) {
                    JsonNode c = CaseDispatchTest.awaitCase(next, caseId, j -> "DISPATCHED".equals(j.path("state").asString()));
                    List<StrictReceiver.Received> sends = hotline.received().stream()
                            .filter(r -> caseId.equals(r.body().path("好差评案件编号").asString()) && CaseDispatchTest.isDispatch(r.body()))
                            .toList();
                    assertThat(sends).hasSize(2);
                    assertThat(sends).extracting(StrictReceiver.Received::send).containsExactly(1, 2);
                    assertThat(sends.get(1).key()).as("the same idempotency key").isEqualTo(sends.get(0).key());
                    assertThat(sends.get(1).body()).as("the same body").isEqualTo(sends.get(0).body());
                    assertThat(hotline.taken(CaseDispatchTest.ofCase(caseId).and(CaseDispatchTest::isDispatch))).as("taken once").hasSize(1);
                    assertThat(c.at("/dispatch/workOrderNo").asString()).isEqualTo(hotline.workOrderOf(sends.get(0).key()));
                    assertThat(c.at("/dispatch/sends").asInt()).isEqualTo(2);
                }
                assertThat(hotline.received().stream().filter(r -> r.status() == 409)).isEmpty();
            }
        }
    }
}
