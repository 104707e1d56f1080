package gov.js.evaluation.hub.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.HubClient;
import gov.js.evaluation.hub.HubInstance;
import java.time.Duration;
import java.util.List;
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

    @Test
    void secretsInAFragmentPathParametersAnyParameterOrARefusedAddressAreNeitherShownNorLogged(CapturedOutput output) {
        String poll = """
                user: reader
                query: SELECT * FROM r WHERE id > CAST(:id AS bigint) ORDER BY id LIMIT :pageSize
                watermark: {id: "0"}
                interval: 200ms
                """;
        SourceFiles sources = new SourceFiles()
                .source("test-pull-query", "rest-pull", "url: http://127.0.0.1:9/api?token=S3cretQuery1\ninterval: 200ms\n")
                .source("test-pull-encoded", "rest-pull", "url: http://127.0.0.1:9/api?to%6Ben=S3cretQuery2\ninterval: 200ms\n")
                .source("test-pull-fragment", "rest-pull", "url: http://127.0.0.1:9/api#access_token=S3cretFrag3\ninterval: 200ms\n")
                .source("test-pull-session", "rest-pull", "url: http://127.0.0.1:9/api;jsessionid=S3cretSess4\ninterval: 200ms\n")
                .source("test-poll-ssl", "jdbc-poll", "url: jdbc:postgresql://127.0.0.1:9/hall?sslpassword=S3cretSsl5\n" + poll)
                .source("test-poll-encoded", "jdbc-poll", "url: jdbc:postgresql://127.0.0.1:9/hall?pass%77ord=S3cretEnc6\n" + poll)
                .source("test-poll-user", "jdbc-poll", "url: jdbc:postgresql://u:S3cretUser7@127.0.0.1:9/hall\n" + poll);
        List<String> secrets = List.of("S3cretQuery1", "S3cretQuery2", "S3cretFrag3", "S3cretSess4", "S3cretSsl5", "S3cretEnc6",
                "S3cretUser7");
        try (HubInstance hub = sources.startHub(Map.of())) {
            String shown = hub.getAs(HubClient.VIEWER, "/api/v1/sources").body();
            assertThat(shown).contains("test-pull-query", "test-pull-encoded", "test-pull-fragment", "test-poll-user");
            assertThat(hub.getAs(HubClient.VIEWER, "/api/v1/sources").json().at("/problems/sources").has("test-pull-query"))
                    .as("a query string is refused").isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.get("/api/v1/pulls").json().path("pulls").valueStream()
                    .filter(p -> p.path("lastError").isString()).count() == 6);
            String pulls = hub.get("/api/v1/pulls").body();
            for (String secret : secrets) {
                assertThat(shown).as("GET /api/v1/sources").doesNotContain(secret);
                assertThat(pulls).as("GET /api/v1/pulls").doesNotContain(secret);
            }
        }
        assertThat(output.getAll()).contains("test-poll-user");
        for (String secret : secrets) {
            assertThat(output.getAll()).as("the log").doesNotContain(secret);
        }
    }
}
