package gov.js.evaluation.hub.national;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Several drainers in one hub push batches at the same time, and still never the same record twice. */
class ConcurrentDrainersTest {

    private static final String INGEST = "/api/v1/sources/province-web/evaluations";

    @Test
    void drainersPushAtTheSameTimeButNeverTheSameRecordTwice() {
        Path dataDir = HubInstance.freshDataDir();
        List<ObjectNode> records = new ArrayList<>();
        try (HubInstance filling = HubInstance.start(Map.of("hub.store.embedded-data-dir", dataDir.toString()))) {
            // no hub.national.url: the outbox fills
            for (int i = 0; i < 20; i++) {
                List<ObjectNode> chunk = Stream.generate(Evaluations::valid).limit(10).toList();
                records.addAll(chunk);
                assertThat(filling.post(INGEST, "[" + String.join(",", chunk.stream().map(ObjectNode::toString).toList()) + "]")
                        .status()).isEqualTo(200);
            }
        }
        try (NationalReceiver receiver = new NationalReceiver()) {
            // a slow receiver keeps each push in flight long enough for the other drainers to claim theirs
            receiver.server().stubFor(post(NationalReceiver.PATH).willReturn(aResponse().withStatus(200)
                    .withBody(NationalReceiver.OK).withFixedDelay(300)));
            try (HubInstance hub = HubInstance.start(Map.of(
                    "hub.store.embedded-data-dir", dataDir.toString(),
                    "hub.national.url", receiver.url(),
                    "hub.national.batch-size", "10",
                    "hub.national.drainers", "4",
                    "hub.national.interval-ms", "50"))) {

                await().atMost(Duration.ofSeconds(60)).until(() -> hub.jdbc().queryForObject(
                        "SELECT count(*) FROM national_outbox WHERE state <> 'DELIVERED'", Integer.class) == 0);

                for (ObjectNode r : records) {
                    assertThat(receiver.deliveredCopies(r.path("projectNo").asString()))
                            .as(r.path("projectNo").asString()).isEqualTo(1);
                }
                var delivered = hub.bean(MeterRegistry.class).find("hub.national.push.records").tag("outcome", "delivered").counter();
                assertThat(delivered.count()).isEqualTo(records.size());
                List<Long> arrivals = receiver.server().getAllServeEvents().stream()
                        .map(e -> e.getRequest().getLoggedDate().getTime()).sorted().toList();
                assertThat(arrivals).hasSize(records.size() / 10);
                long overlapping = 0;
                for (int i = 1; i < arrivals.size(); i++) {
                    if (arrivals.get(i) - arrivals.get(i - 1) < 200) {
                        overlapping++; // one drainer alone waits 300 ms for each answer before it sends the next batch
                    }
                }
                assertThat(overlapping).as("pushes that arrived while another was in flight").isPositive();
            }
        }
    }
}
