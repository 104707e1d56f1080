package gov.js.evaluation.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.HubInstance.Response;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

/**
 * While the Camel routes that serve the source endpoints are not running (the hub starting: Tomcat and the REST API
 * answer seconds before the routes; or stopping), a sender's request is answered 503 HUB_BUSY with Retry-After, to be
 * sent again, not 404 NOT_FOUND, which a sender takes as final (bench/faults found senders dropping records so after
 * a restart).
 */
class SourceEndpointsNotServingTest {

    @Test
    void aSourceRequestWhileTheRoutesAreNotRunningIsAnswered503ToBeSentAgain() throws Exception {
        try (HubInstance hub = HubInstance.start(Map.of())) {
            hub.bean(CamelContext.class).stop();
            for (String path : new String[] {"/api/v1/sources/province-web/evaluations", "/api/v1/sources/province-web/evaluations/validate"}) {
                Response r = hub.post(path, Evaluations.valid().toString());
                assertThat(r.status()).as(r.toString()).isEqualTo(503);
                assertThat(r.json().path("error").asString()).isEqualTo("HUB_BUSY");
                assertThat(r.retryAfter()).isNotBlank();
            }
        }
    }
}
