package gov.js.evaluation.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.js.evaluation.hub.protection.TestPersonalData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The hub's own settings are checked when they are loaded: a name under {@code hub.} that no setting has
 * stops the start, and the log names the key and where it was set. Most cases bind the settings alone
 * (application.yaml included, no database), as the hub does first; one starts the whole hub.
 */
@ExtendWith(OutputCaptureExtension.class)
class HubSettingsTest {

    @Test
    void aTypoInASettingsFileStopsTheStartNamingTheKeyTheFileAndTheLine(@TempDir Path dir, CapturedOutput output)
            throws IOException {
        Path file = dir.resolve("hub.yaml");
        Files.writeString(file, """
                hub:
                  national:
                    batch-sise: 50
                """);

        assertThatThrownBy(() -> settings(Map.of(), "--spring.config.additional-location=file:" + file).close());

        assertThat(output).contains("APPLICATION FAILED TO START", "hub.national.batch-sise",
                file.getFileName() + "] - 3:17", "is not a hub setting");
    }

    @Test
    void aTypoOnTheCommandLineStopsTheHub(CapturedOutput output) {
        assertThatThrownBy(() -> HubInstance.start(Map.of("hub.nationl.url", "http://national.example/api")).close());

        assertThat(output).contains("APPLICATION FAILED TO START", "hub.nationl.url", "commandLineArgs", "is not a hub setting");
    }

    @Test
    void aTypoInAnEnvironmentVariableStopsTheStartNamingTheVariable(CapturedOutput output) {
        assertThatThrownBy(() -> settings(Map.of("HUB_NATIONAL_BACTH_SIZE", "50")).close());

        assertThat(output).contains("APPLICATION FAILED TO START", "HUB_NATIONAL_BACTH_SIZE", "is not a hub setting");
    }

    /** A variable only meant for a ${…} in a settings file must not be named HUB_…: the hub would take it for a setting. */
    @Test
    void anEnvironmentVariableNamedLikeASettingThatIsNoneIsRefusedToo(CapturedOutput output) {
        assertThatThrownBy(() -> settings(Map.of("HUB_OPERATOR_WANG_LI_PASSWORD", "{noop}x")).close());

        assertThat(output).contains("HUB_OPERATOR_WANG_LI_PASSWORD", "is not a hub setting");
    }

    @Test
    void theKeysOfMapSettingsAndTheEnvironmentVariablesOfTheReadmeBind() {
        try (ConfigurableApplicationContext context = settings(
                Map.of("HUB_PERSONALDATA_KEYS_K1", TestPersonalData.KEY_T1, "HUB_PERSONALDATA_ACTIVEKEYID", "k1",
                        "HUB_PERSONALDATA_BLINDINDEXKEY", TestPersonalData.BLIND_INDEX_KEY,
                        // Spring also binds a scalar setting spelt with underscores for its dashes
                        "HUB_NATIONAL_HMAC_KEY", "a-shared-key-of-the-national-platform"),
                "--hub.security.operators.dev.password={noop}dev", "--hub.security.operators.dev.roles=admin",
                "--hub.security.operators[wang.li].password={noop}wl", "--hub.security.operators[wang.li].roles=viewer",
                "--hub.kafka.admin-properties.security.protocol=SASL_SSL",
                "--hub.kafka.admin-properties.sasl.mechanism=PLAIN")) {
            HubProperties hub = context.getBean(HubProperties.class);

            assertThat(hub.personalData().keys()).containsExactly(Map.entry("k1", TestPersonalData.KEY_T1));
            assertThat(hub.personalData().activeKeyId()).isEqualTo("k1");
            assertThat(hub.personalData().blindIndexKey()).isEqualTo(TestPersonalData.BLIND_INDEX_KEY);
            assertThat(hub.national().hmacKey()).isEqualTo("a-shared-key-of-the-national-platform");
            assertThat(hub.security().operators()).containsOnlyKeys("dev", "wang.li");
            assertThat(hub.kafka().adminProperties())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"));
        }
    }

    /**
     * An environment variable of a map's entry drops the dashes of the setting's name (HUB_PERSONALDATA_KEYS_K1);
     * spelt with underscores for the dashes, Spring binds it to nothing, so the hub refuses it instead of starting
     * without the key.
     */
    @Test
    void aMapEntryInAnEnvironmentVariableThatBindsToNothingIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> settings(Map.of("HUB_PERSONAL_DATA_KEYS_K1", TestPersonalData.KEY_T1)).close());

        assertThat(output).contains("HUB_PERSONAL_DATA_KEYS_K1", "is not a hub setting");
    }

    /** An operator name with a dot needs brackets; without them the rest of the name is taken for a setting of the operator. */
    @Test
    void anOperatorNameWithADotOutsideBracketsIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> settings(Map.of(), "--hub.security.operators.wang.li.password={noop}wl").close());

        assertThat(output).contains("hub.security.operators.wang.li.password", "is not a hub setting");
    }

    /** The hub's settings alone, bound as the hub binds them, with these environment variables and arguments. */
    static ConfigurableApplicationContext settings(Map<String, Object> environmentVariables, String... arguments) {
        return new SpringApplicationBuilder(SettingsOnly.class).web(WebApplicationType.NONE)
                .environment(environment(environmentVariables)).run(arguments);
    }

    private static ConfigurableEnvironment environment(Map<String, Object> variables) {
        return new StandardEnvironment() {
            @Override
            protected void customizePropertySources(MutablePropertySources sources) {
                super.customizePropertySources(sources);
                sources.replace(SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(HubProperties.class)
    @Import(HubSettingsConfiguration.class)
    static class SettingsOnly {
    }
}
