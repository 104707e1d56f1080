package gov.js.evaluation.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.store.EmbeddedStore;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When the provincial store is down, the sender hears 503 and no record is reported accepted. */
class StoreUnavailableTest {

    @ParameterizedTest(name = "idle pooled connections: {0}")
    @ValueSource(ints = {0, 2})
    void answers503AndAcceptsNothingWhileTheStoreIsDown(int idleConnections) throws Exception {
        // with idle connections the failure hits a statement and the rollback; without, the transaction's begin
        try (HubInstance hub = HubInstance.start(Map.of("spring.datasource.hikari.connection-timeout", "1000",
                "spring.datasource.hikari.minimum-idle", String.valueOf(idleConnections)))) {
            String body = "[" + Evaluations.valid() + "," + Evaluations.valid() + "]";
            assertThat(hub.post("/api/v1/sources/province-web/evaluations/validate", body).status()).isEqualTo(200);

            hub.bean(EmbeddedStore.class).close(); // the store goes away

            HubInstance.Response r = hub.post("/api/v1/sources/province-web/evaluations", body);

            assertThat(r.status()).as(r.toString()).isEqualTo(503);
            assertThat(r.json().path("error").asString()).isEqualTo("STORE_UNAVAILABLE");
            assertThat(r.json().has("accepted")).isFalse();
            assertThat(r.body()).doesNotContain("ACCEPTED");
            assertThat(r.retryAfter()).isNotBlank();
            // the store probe runs every hub.store.health-interval (2 s); a refused probe is DOWN at once
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> "DOWN".equals(
                    hub.get("/actuator/health").json().at("/components/db/status").asString()));
            HubInstance.Response dryRun = hub.post("/api/v1/sources/province-web/evaluations/validate", body);
            assertThat(dryRun.status()).as("the dry run reads the store: " + dryRun).isEqualTo(503);
            assertThat(dryRun.json().path("error").asString()).isEqualTo("STORE_UNAVAILABLE");
        }
    }
}
