package gov.js.evaluation.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.js.evaluation.hub.national.HmacSm3Signer;
import gov.js.evaluation.hub.national.NationalReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Outside an explicit development mode ({@code hub.development-mode}) the hub does not start with demo
 * secrets: generated personal-data keys, or a national push signed with the demo HMAC key. In development
 * mode it does, and says so loudly.
 */
@ExtendWith(OutputCaptureExtension.class)
class DevelopmentModeTest {

    private static final String DEMO_HMAC_KEY = "change-me";

    @Test
    void withoutPersonalDataKeysTheHubRefusesToStartAndGeneratesNoKeys(@TempDir Path dir, CapturedOutput output) {
        Path keysFile = dir.resolve("personal-data-keys.properties");
        Map<String, Object> settings = withoutPersonalDataKeys();
        settings.put("hub.personal-data.development-keys-file", keysFile.toString());

        assertThatThrownBy(() -> HubInstance.start(settings).close());

        assertThat(output).contains("APPLICATION FAILED TO START", "would run with demo secrets",
                "hub.personal-data.keys.<id>", "hub.personal-data.active-key-id", "hub.personal-data.blind-index-key",
                "hub.development-mode=true");
        assertThat(keysFile).doesNotExist();
    }

    @Test
    void aNationalPushWithoutItsOwnHmacKeyIsRefused(CapturedOutput output) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("hub.national.url", "http://national.example/api/evaluations");
        settings.put("hub.national.hmac-key", null);

        assertThatThrownBy(() -> HubInstance.start(settings).close());

        assertThat(output).contains("APPLICATION FAILED TO START", "would run with demo secrets", "hub.national.hmac-key",
                "hub.development-mode=true");
    }

    @Test
    void theDemoHmacKeyIsRefusedWhenGivenExplicitly(CapturedOutput output) {
        assertThatThrownBy(() -> HubInstance.start(Map.of("hub.national.url", "http://national.example/api/evaluations",
                "hub.national.hmac-key", DEMO_HMAC_KEY)).close());

        assertThat(output).contains("APPLICATION FAILED TO START", "the demo HMAC key", "hub.national.hmac-key");
    }

    @Test
    void withRealKeysTheHubStartsWithoutAWordAboutDevelopmentMode(CapturedOutput output) {
        try (HubInstance hub = HubInstance.start(Map.of("hub.national.url", "http://127.0.0.1:9/api/evaluations",
                "hub.national.hmac-key", "a-key-agreed-with-the-national-platform"))) {
            assertThat(hub.get("/api/v1/sources").status()).isEqualTo(200);
        }
        assertThat(output).doesNotContain("DEVELOPMENT MODE", "demo secret");
    }

    @Test
    void inDevelopmentModeTheHubRunsWithGeneratedKeysAndTheDemoHmacKeyAndWarns(@TempDir Path dir, CapturedOutput output) {
        Path keysFile = dir.resolve("personal-data-keys.properties");
        ObjectNode record = Evaluations.valid();
        try (NationalReceiver receiver = new NationalReceiver()) {
            receiver.answerOk();
            Map<String, Object> settings = withoutPersonalDataKeys();
            settings.put("hub.development-mode", "true");
            settings.put("hub.personal-data.development-keys-file", keysFile.toString());
            settings.put("hub.national.url", receiver.url());
            settings.put("hub.national.hmac-key", null);
            try (HubInstance hub = HubInstance.start(settings)) {
                assertThat(output).contains("DEVELOPMENT MODE (hub.development-mode=true)", keysFile.toString(), "demo HMAC key");
                assertThat(keysFile).exists();

                NationalReceiver.sendAndAwaitDelivery(hub, record);
            }
            JsonNode envelope = receiver.envelopeOf(record);
            byte[] signed = NationalReceiver.signedText(envelope).getBytes(StandardCharsets.UTF_8);
            assertThat(envelope.path("sign").asString()).as("signed with the demo key")
                    .isEqualTo(new HmacSm3Signer(DEMO_HMAC_KEY.getBytes(StandardCharsets.UTF_8)).sign(signed));
        }
    }

    /** The test hub's settings without its personal-data keys (a null removes a setting of {@link HubInstance#arguments}). */
    private static Map<String, Object> withoutPersonalDataKeys() {
        Map<String, Object> settings = new HashMap<>();
        gov.js.evaluation.hub.protection.TestPersonalData.settings().keySet().forEach(k -> settings.put(k, null));
        return settings;
    }
}
