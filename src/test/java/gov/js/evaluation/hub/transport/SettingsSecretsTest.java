package gov.js.evaluation.hub.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.HubClient;
import gov.js.evaluation.hub.HubInstance;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Secrets a source's address carries (user information, password or token parameters) are never shown nor logged. */
@ExtendWith(OutputCaptureExtension.class)
class SettingsSecretsTest {

    @Test
    void secretsInAddressesAreNeitherShownToViewersNorLogged(CapturedOutput output) {
        SourceFiles sources = new SourceFiles()
                .source("test-pull-secret", "rest-pull", "url: https://hub:S3cretPw1@127.0.0.1:9/api/ratings\ninterval: 200ms\n")
                .source("test-poll-secret", "jdbc-poll", """
                        url: jdbc:postgresql://127.0.0.1:9/hall?user=reader&password=S3cretDb2
                        user: reader
                        query: SELECT * FROM r WHERE id > CAST(:id AS bigint) ORDER BY id LIMIT :pageSize
                        watermark: {id: "0"}
                        interval: 200ms
                        """);
        try (HubInstance hub = sources.startHub(Map.of())) {
            String shown = hub.getAs(HubClient.VIEWER, "/api/v1/sources").body();
            assertThat(shown).contains("test-pull-secret", "test-poll-secret", "https://***@127.0.0.1:9/api/ratings", "password=***")
                    .doesNotContain("S3cretPw1", "S3cretDb2");
            // both pulls fail against nothing: their errors are logged and shown too
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.get("/api/v1/pulls").body().contains("lastError"));
            assertThat(hub.get("/api/v1/pulls").body()).doesNotContain("S3cretPw1", "S3cretDb2");
        }
        assertThat(output.getAll()).contains("test-pull-secret").doesNotContain("S3cretPw1", "S3cretDb2");
    }
}
