package gov.js.evaluation.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.HubInstance;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Health as a load balancer and an operator read it: readiness means "can take ratings" (the store answers), liveness
 * "the process runs"; a national outage changes neither, and with the store down health and the metrics still answer
 * at once (a probe or a scrape that waited the pool's timeout would be counted as a dead hub).
 */
class HealthUnderFaultsTest {

    /** What a load balancer sends: anonymous, and given up after a short timeout. */
    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static HttpResponse<String> probe(HubInstance hub, String path) {
        try {
            return PROBE.send(HttpRequest.newBuilder(URI.create("http://localhost:" + hub.port() + path))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(path + " did not answer within 3 s: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void readyFromTheStartAndThroughANationalOutage() throws IOException {
        try (HubInstance hub = HubInstance.start(Map.of("hub.national.url", "http://localhost:" + closedPort() + "/api",
                "hub.national.max-sends", "1000"))) {
            // the first probes after the start: not DOWN while routes start
            HttpResponse<String> ready = probe(hub, "/actuator/health/readiness");
            assertThat(ready.statusCode()).as(ready.body() + " " + hub.get("/actuator/health").body()).isEqualTo(200);
            HttpResponse<String> first = timedGet(hub, "/actuator/health");
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            assertThat(hub.post("/api/v1/sources/province-web/evaluations", "[" + gov.js.evaluation.hub.Evaluations.valid() + "]")
                    .status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).until(() -> "FAILING".equals(
                    hub.get("/actuator/health").json().at("/components/nationalPush/details/state").asString()));

            assertThat(probe(hub, "/actuator/health").statusCode()).as("the outbox holds the records").isEqualTo(200);
            assertThat(probe(hub, "/actuator/health/readiness").statusCode()).isEqualTo(200);
            assertThat(probe(hub, "/actuator/health/liveness").statusCode()).isEqualTo(200);
            // the backlog is read in the background every hub.store.health-interval
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.get("/actuator/health").json()
                    .at("/components/nationalPush/details/backlog").asLong() == 1);
        }
    }

    @Test
    void withTheStoreDownHealthAndMetricsAnswerAtOnce() {
        try (HubInstance hub = HubInstance.start(Map.of())) {
            hub.bean(EmbeddedStore.class).close();

            await().atMost(Duration.ofSeconds(30)).until(() -> probe(hub, "/actuator/health/readiness").statusCode() == 503);
            for (int i = 0; i < 3; i++) {
                assertThat(probe(hub, "/actuator/health").statusCode()).isEqualTo(503);
                assertThat(probe(hub, "/actuator/health/readiness").statusCode()).isEqualTo(503);
                assertThat(probe(hub, "/actuator/health/liveness").statusCode()).as("the process runs").isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> "DOWN".equals(
                    hub.get("/actuator/health").json().at("/components/db/status").asString()));
            JsonNode db = hub.get("/actuator/health").json().at("/components/db");
            assertThat(db.at("/details/problem").asString()).startsWith("the store is unavailable");
            HttpResponse<String> metrics = timedGet(hub, "/actuator/prometheus");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("hub_national_outbox_backlog");
        }
    }

    /** As an operator (Prometheus scrapes as the viewer), with the same short timeout. */
    private static HttpResponse<String> timedGet(HubInstance hub, String path) {
        try {
            HttpRequest request = gov.js.evaluation.hub.HubClient.asOperator(gov.js.evaluation.hub.HubClient.VIEWER,
                    HttpRequest.newBuilder(URI.create("http://localhost:" + hub.port() + path)).timeout(Duration.ofSeconds(3)).GET())
                    .build();
            return PROBE.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(path + " did not answer within 3 s: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
