package gov.js.evaluation.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.HubClient;
import gov.js.evaluation.hub.HubInstance;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The quick start's one command ({@code ./mvnw spring-boot:run}, development mode, no operator configured) gives a hub
 * an administrator can try: the development operator {@code dev}/{@code dev}, announced by a warning. Never outside
 * development mode, and never beside operators of one's own.
 */
@ExtendWith(OutputCaptureExtension.class)
class DevelopmentOperatorTest {

    @Test
    void inDevelopmentModeWithoutOperatorsTheDevOperatorIsAnAdministratorAndTheLogWarns(@TempDir Path dir,
                                                                                        CapturedOutput output) {
        Map<String, Object> settings = withoutOperators();
        settings.put("hub.development-mode", "true");
        settings.put("hub.personal-data.development-keys-file", dir.resolve("keys.properties").toString());
        try (HubInstance hub = HubInstance.start(settings)) {
            assertThat(asDev(hub, hub.client().request("/api/v1/sources").GET()).status()).isEqualTo(200);
            HubInstance.Response key = asDev(hub, hub.client().request("/api/v1/admin/sources/province-web/keys")
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(key.status()).as(key.toString()).isEqualTo(201);
            assertThat(asDev(hub, hub.client().request("/api/v1/sources").GET(), "wrong").status()).isEqualTo(401);
        }
        assertThat(output).contains("WARN", "development operator 'dev' (password 'dev', admin)",
                "hub.security.operators");
    }

    @Test
    void outsideDevelopmentModeAHubWithoutOperatorsHasNoDevOperator(CapturedOutput output) {
        try (HubInstance hub = HubInstance.start(withoutOperators())) {
            assertThat(asDev(hub, hub.client().request("/api/v1/sources").GET()).status()).isEqualTo(401);
        }
        assertThat(output).contains("no operator is configured").doesNotContain("development operator");
    }

    @Test
    void inDevelopmentModeConfiguredOperatorsAreTheOnlyOnes(@TempDir Path dir, CapturedOutput output) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("hub.development-mode", "true");
        gov.js.evaluation.hub.protection.TestPersonalData.settings().keySet().forEach(k -> settings.put(k, null));
        settings.put("hub.personal-data.development-keys-file", dir.resolve("keys.properties").toString());
        try (HubInstance hub = HubInstance.start(settings)) {
            assertThat(asDev(hub, hub.client().request("/api/v1/sources").GET()).status()).isEqualTo(401);
            assertThat(hub.get("/api/v1/sources").status()).isEqualTo(200);
        }
        assertThat(output).doesNotContain("development operator");
    }

    private static HubInstance.Response asDev(HubInstance hub, HttpRequest.Builder request) {
        return asDev(hub, request, "dev");
    }

    private static HubInstance.Response asDev(HubInstance hub, HttpRequest.Builder request, String password) {
        return hub.send(HubClient.asOperator("dev", password, request).build());
    }

    /** The test hub's settings without its operators (a null removes a setting of {@link HubInstance#arguments}). */
    private static Map<String, Object> withoutOperators() {
        Map<String, Object> settings = new HashMap<>();
        HubClient.operatorSettings().keySet().forEach(k -> settings.put(k, null));
        return settings;
    }
}
