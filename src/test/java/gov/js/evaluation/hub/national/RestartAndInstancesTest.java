package gov.js.evaluation.hub.national;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import io.micrometer.core.instrument.MeterRegistry;
import gov.js.evaluation.hub.store.EmbeddedStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Nothing acknowledged is lost across a restart, and two hubs on one store never push a record twice. */
class RestartAndInstancesTest {

    private static final String INGEST = "/api/v1/sources/province-web/evaluations";
    private NationalReceiver receiver;

    @BeforeEach
    void receiver() {
        receiver = new NationalReceiver();
        receiver.answerOk();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void pendingRecordsSurviveARestartAndAreThenDelivered() {
        Path dataDir = HubInstance.freshDataDir();
        List<ObjectNode> records = Stream.generate(Evaluations::valid).limit(5).toList();
        List<String> ids;
        try (HubInstance first = HubInstance.start(Map.of("hub.store.embedded-data-dir", dataDir.toString()))) {
            // no hub.national.url: the outbox waits
            HubInstance.Response r = first.post(INGEST, "[" + String.join(",", records.stream().map(ObjectNode::toString).toList()) + "]");
            assertThat(r.status()).isEqualTo(200);
            ids = r.json().path("records").valueStream().map(n -> n.path("evaluationId").asString()).toList();
            assertThat(first.get("/api/v1/evaluations/" + ids.get(0)).json().at("/national/state").asString()).isEqualTo("PENDING");
        }

        try (HubInstance second = HubInstance.start(Map.of(
                "hub.store.embedded-data-dir", dataDir.toString(),
                "hub.national.url", receiver.url()))) {
            for (String id : ids) {
                await().atMost(Duration.ofSeconds(20)).until(
                        () -> second.get("/api/v1/evaluations/" + id).json().at("/national/state").asString(), "DELIVERED"::equals);
            }
            for (ObjectNode r : records) {
                assertThat(receiver.deliveredCopies(r.path("projectNo").asString())).isEqualTo(1);
            }
        }
    }

    private static double delivered(HubInstance hub) {
        var counter = hub.bean(MeterRegistry.class).find("hub.national.push.records").tag("outcome", "delivered").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void twoHubsOnOneStoreNeverPushTheSameRecordTwice() throws Exception {
        // a slow receiver keeps both instances' pushes in flight at the same time
        receiver.server().resetAll();
        receiver.server().stubFor(post(NationalReceiver.PATH).willReturn(aResponse().withStatus(200)
                .withBody(NationalReceiver.OK).withFixedDelay(150)));
        Map<String, Object> push = Map.of("hub.national.url", receiver.url(), "hub.national.batch-size", "10",
                "hub.national.interval-ms", "50");
        try (HubInstance a = HubInstance.start(push)) {
            int port = a.bean(EmbeddedStore.class).port();
            Map<String, Object> shared = new java.util.HashMap<>(push);
            shared.put("spring.datasource.url", "jdbc:postgresql://localhost:" + port + "/postgres");
            shared.put("spring.datasource.username", "postgres");
            shared.put("spring.datasource.password", "postgres");
            try (HubInstance b = HubInstance.start(shared)) {
                List<ObjectNode> records = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    List<ObjectNode> chunk = Stream.generate(Evaluations::valid).limit(10).toList();
                    records.addAll(chunk);
                    HubInstance target = i % 2 == 0 ? a : b;
                    assertThat(target.post(INGEST, "[" + String.join(",", chunk.stream().map(ObjectNode::toString).toList()) + "]")
                            .status()).isEqualTo(200);
                }

                await().atMost(Duration.ofSeconds(60)).until(() -> a.jdbc().queryForObject(
                        "SELECT count(*) FROM national_outbox WHERE state <> 'DELIVERED'", Integer.class) == 0);

                for (ObjectNode r : records) {
                    assertThat(receiver.deliveredCopies(r.path("projectNo").asString()))
                            .as(r.path("projectNo").asString()).isEqualTo(1);
                }
                double byA = delivered(a);
                double byB = delivered(b);
                assertThat(byA).as("instance a pushed").isPositive();
                assertThat(byB).as("instance b pushed").isPositive();
                assertThat(byA + byB).isEqualTo(records.size());
                Integer stored = a.jdbc().queryForObject("SELECT count(*) FROM evaluation", Integer.class);
                assertThat(stored).isEqualTo(records.size());
            }
        }
    }
}
