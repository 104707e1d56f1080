package gov.js.evaluation.hub.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kafka profile takes the handler systems' case events too: the bad rating travels through the unified topic and
 * its store consumer opens the case; 12345's events for it are applied to the case (and refused ones kept in
 * quarantine) as in the default profile. Topic and group are unique to this class.
 */
class KafkaCaseEventsTest {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String EVENTS = "/api/v1/sources/handler-12345/case-events";

    private static EmbeddedKafkaKraftBroker broker;
    private static HubInstance hub;

    @BeforeAll
    static void start() throws IOException {
        // only the HTTP sources: the pull and inbox sources would keep a stopping instance waiting
        Path sources = Path.of("target", "kafka-case-event-sources-" + SUFFIX);
        Files.createDirectories(sources);
        Files.copy(Path.of("sources", "province-web.yaml"), sources.resolve("province-web.yaml"));
        Files.copy(Path.of("sources", "handler-12345.yaml"), sources.resolve("handler-12345.yaml"));
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
        Map<String, Object> kafka = new HashMap<>();
        kafka.put("spring.profiles.active", "kafka");
        kafka.put("hub.kafka.bootstrap-servers", broker.getBrokersAsString());
        kafka.put("hub.kafka.unified-topic", "hub.unified.case-events-" + SUFFIX);
        kafka.put("hub.kafka.group-id", "hub-store-case-events-" + SUFFIX);
        kafka.put("hub.source-dirs", sources.toString());
        hub = HubInstance.start(kafka);
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void caseEventsAreAppliedToTheCasesTheStoreConsumersOpened() {
        ObjectNode bad = Evaluations.valid();
        bad.put("satisfaction", "2");
        bad.put("writingEvaluation", "材料退回三次");
        assertThat(hub.post("/api/v1/sources/province-web/evaluations", bad.toString()).status()).isEqualTo(200);
        String projectNo = bad.path("projectNo").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.get("/api/v1/cases?limit=500").json().path("cases").valueStream()
                .anyMatch(c -> projectNo.equals(c.path("projectNo").asString())));

        // 12345 names the case by the rated case number
        ObjectNode signed = HubInstance.JSON.createObjectNode().put("事件编号", "GD-" + UUID.randomUUID()).put("办件编号", projectNo)
                .put("事件类型", "签收").put("办理单位", "南京市玄武区政务服务管理办公室");
        ObjectNode closed = signed.deepCopy().put("事件编号", "GD-" + UUID.randomUUID()).put("事件类型", "办结");
        HubInstance.Response answer = hub.post(EVENTS, "[" + signed + "," + closed + "]");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode records = answer.json().path("records");
        assertThat(records.at("/0/status").asString()).isEqualTo("ACCEPTED");
        assertThat(records.at("/0/state").asString()).isEqualTo("SIGNED");
        assertThat(records.at("/1/status").asString()).isEqualTo("REJECTED");
        assertThat(records.at("/1/errors/0/code").asString()).isEqualTo("EVENT_NOT_ALLOWED");
        JsonNode theCase = hub.get("/api/v1/cases/" + records.at("/0/caseId").asString()).json();
        assertThat(theCase.path("state").asString()).isEqualTo("SIGNED");
        assertThat(hub.get("/api/v1/sources/handler-12345/quarantine?receiptId=" + answer.json().path("receiptId").asString())
                .json().path("records").size()).isEqualTo(1);
    }
}
