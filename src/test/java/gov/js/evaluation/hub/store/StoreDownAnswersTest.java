package gov.js.evaluation.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubClient;
import gov.js.evaluation.hub.HubInstance;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * With the provincial store down, every endpoint that needs it answers 503 STORE_UNAVAILABLE with Retry-After, and
 * none answers 500: the failure is classified in one place for every caller (Camel routes, controllers, filters).
 */
class StoreDownAnswersTest {

    private static HubInstance hub;

    @BeforeAll
    static void start() {
        hub = HubInstance.start(Map.of("spring.datasource.hikari.connection-timeout", "500"));
        // the sources' keys are made while the store is up; then it goes
        for (String source : new String[] {"province-web", "city-320100"}) {
            assertThat(hub.post("/api/v1/sources/" + source + "/evaluations/validate", "[" + Evaluations.valid() + "]").status())
                    .isLessThan(500); // city-320100's format differs: 422, and its key is made all the same
        }
        hub.bean(EmbeddedStore.class).close();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "POST, /api/v1/sources/province-web/evaluations",
        "POST, /api/v1/sources/province-web/evaluations/validate",
        "POST, /api/v1/sources/city-320100/evaluations",
        "POST, /api/v1/admin/sources/city-320100/keys",
        "GET, /api/v1/admin/sources/province-web/keys",
        "GET, /api/v1/admin/audit",
        "GET, /api/v1/evaluations?certKey=",
        "GET, /api/v1/evaluations/00000000-0000-0000-0000-000000000001",
        "GET, /api/v1/sources/province-web/quarantine",
        "DELETE, /api/v1/sources/province-web/quarantine",
        "POST, /api/v1/sources/province-web/quarantine/replay",
        "POST, /api/v1/quarantine/1/replay",
        "GET, /api/v1/collisions",
    })
    void answers503StoreUnavailableNever500(String method, String path) {
        HubInstance.Response r;
        if (path.endsWith("certKey=")) {
            path += Evaluations.valid().path("certKey").asString();
        }
        if (method.equals("POST") && path.startsWith("/api/v1/sources/") && path.contains("/evaluations")) {
            r = hub.post(path, "[" + Evaluations.valid() + "]");
        } else {
            HttpRequest.Builder request = hub.client().request(path).header("Content-Type", "application/json");
            request = switch (method) {
                case "GET" -> request.GET();
                case "DELETE" -> request.DELETE();
                default -> request.POST(HttpRequest.BodyPublishers.ofString("{}"));
            };
            r = hub.send(HubClient.asOperator(HubClient.ADMIN, request).build());
        }
        assertThat(r.status()).as(r.toString()).isEqualTo(503);
        assertThat(r.json().path("error").asString()).isEqualTo("STORE_UNAVAILABLE");
        assertThat(r.retryAfter()).isNotBlank();
        assertThat(r.body()).doesNotContain(UUID.class.getSimpleName()).doesNotContain("Exception");
    }
}
