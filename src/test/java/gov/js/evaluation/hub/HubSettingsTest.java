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

    /** Until now a drainer count below 1 counted as 1 and a replay chunk of 0 became 100; a bad value is refused, not corrected. */
    @Test
    void aValueOutsideItsRangeIsRefusedNamingTheRuleAndWhereItWasSet(@TempDir Path dir, CapturedOutput output) throws IOException {
        Path file = dir.resolve("hub.yaml");
        Files.writeString(file, """
                hub:
                  national:
                    drainers: 0
                  quarantine:
                    replay-chunk-size: -5
                """);

        assertThatThrownBy(() -> settings(Map.of(), "--spring.config.additional-location=file:" + file,
                "--hub.reload.interval=-1s", "--hub.max-json-depth=0").close());

        assertThat(output).contains("APPLICATION FAILED TO START",
                "hub.national.drainers = 0 (URL [file:" + file + "] - 3:15): must be greater than or equal to 1",
                "hub.quarantine.replay-chunk-size = -5 (URL [file:" + file + "] - 5:24): must be greater than or equal to 1",
                "hub.reload.interval = PT-1S (\"hub.reload.interval\" from property source \"commandLineArgs\")",
                "hub.max-json-depth = 0");
    }

    @Test
    void aValueOfTheWrongTypeIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> settings(Map.of(), "--hub.national.batch-size=many").close());

        assertThat(output).contains("APPLICATION FAILED TO START", "hub.national.batch-size",
                "\"hub.national.batch-size\" from property source \"commandLineArgs\"", "cannot be read as int");
    }

    @Test
    void aChoiceOutsideItsValuesIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> settings(Map.of(), "--hub.national.signature=rsa", "--hub.national.url=national.example/api",
                "--hub.security.operators.dev.password=dev", "--hub.security.operators.dev.roles=admin,root").close());

        assertThat(output).contains("hub.national.signature = rsa", "must be hmac-sm3 or sm2",
                "hub.national.url = national.example/api", "must be an http:// or https:// address",
                "hub.security.operators[dev].password", "must be a stored form like {bcrypt}",
                "hub.security.operators[dev].roles[1] = root (\"hub.security.operators.dev.roles\" from property source \"commandLineArgs\"): must be viewer, supervisor, admin or personal-data");
    }

    @Test
    void anOperatorsRegionThatIsNoJiangsuRegionCodeIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> settings(Map.of(), "--hub.security.operators.dev.password={noop}dev",
                "--hub.security.operators.dev.roles=supervisor", "--hub.security.operators.dev.regions=320500,3205,110000").close());

        assertThat(output).contains("APPLICATION FAILED TO START",
                "hub.security.operators[dev].regions[1] = 3205 (\"hub.security.operators.dev.regions\" from property source "
                        + "\"commandLineArgs\"): must be a 6-digit Jiangsu region code beginning with 32",
                "hub.security.operators[dev].regions[2] = 110000")
                .doesNotContain("regions[0]", "roles[0]");
    }

    @Test
    void aDurationWithoutItsUnitIsRefusedInsteadOfReadAsMilliseconds(CapturedOutput output) {
        assertThatThrownBy(() -> settings(Map.of(), "--hub.ingest.admission-wait=2").close());

        assertThat(output).contains("APPLICATION FAILED TO START",
                "hub.ingest.admission-wait = 2 (\"hub.ingest.admission-wait\" from property source \"commandLineArgs\")",
                "a duration needs its unit");
    }

    @Test
    void aRuleOfASettingsGroupIsRefusedWithItsReason(CapturedOutput output) {
        settings(Map.of(), "--hub.ingest.max-body-bytes-in-flight=1KB", "--hub.ingest.max-body-bytes-in-flight-per-source=1KB",
                "--hub.ingest.admission-wait=2s").close(); // allowed
        assertThatThrownBy(() -> settings(Map.of(), "--hub.ingest.max-body-bytes-in-flight=1").close());

        assertThat(output).contains("APPLICATION FAILED TO START", "hub.ingest", "max-body-bytes-in-flight must be at least 1KB")
                .doesNotContain("BeanInstantiationException");
    }

    /** A key is refused naming its setting and where it was set, but the value itself stays out of the log. */
    @Test
    void aMalformedKeyIsRefusedWithoutShowingIt(CapturedOutput output) {
        assertThatThrownBy(() -> settings(Map.of(), "--hub.personal-data.keys.k1=0123456789abcdef",
                "--hub.personal-data.active-key-id=k1", "--hub.personal-data.blind-index-key=a1b2c3d4e5f60718").close());

        assertThat(output).contains("hub.personal-data.keys[k1] (", "must be 32 hex digits",
                "hub.personal-data.blind-index-key (", "must be at least 32 hex digits")
                .doesNotContain("0123456789abcdef\"", "= 0123456789abcdef", "a1b2c3d4e5f60718\"", "= a1b2c3d4e5f60718");
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
    @Import(HubSettingsConfiguration.Binding.class)
    static class SettingsOnly {
    }
}
