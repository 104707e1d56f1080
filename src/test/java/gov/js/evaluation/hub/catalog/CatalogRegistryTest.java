package gov.js.evaluation.hub.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import gov.js.evaluation.hub.ConfigFolder;
import gov.js.evaluation.hub.HubProperties;
import gov.js.evaluation.hub.adapter.AdapterContext;
import gov.js.evaluation.hub.decode.RecordReaders;
import gov.js.evaluation.hub.source.SourceSettingsContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.StandardEnvironment;

/** A failure while reading the configuration never throws a reload away: one file's failure is that file's problem. */
class CatalogRegistryTest {

    private static final String SOURCE = "id: %s\nadapter: province-web\ntransport: http-push\nregion: \"320500\"\n";

    @TempDir
    Path dir;
    private ConfigFolder config;
    private CatalogRegistry registry;
    /** While true, reading the catalogue fails as a whole (a stand-in for any failure outside one file). */
    private volatile boolean failing;

    @BeforeEach
    void start() {
        config = ConfigFolder.copyOfRepository(dir);
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                if (failing) {
                    throw new IllegalStateException("the clock is broken");
                }
                return Instant.now();
            }

            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        StandardEnvironment environment = new StandardEnvironment();
        SourceSettingsContext settings = new SourceSettingsContext(dir, text -> {
            if (text.contains("${BOOM}")) {
                throw new IllegalStateException("the resolver broke on " + text);
            }
            return environment.resolveRequiredPlaceholders(text);
        });
        HubProperties hub = new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(Map.of(
                        "hub.config-dir", dir.toString(), "hub.source-dirs", "sources", "hub.max-body-bytes", "1000")))
                .bindOrCreate("hub", HubProperties.class);
        registry = new CatalogRegistry(new CatalogLoader(hub, RecordReaders.standard(), getClass().getClassLoader(),
                AdapterContext.empty(), settings, clock), event -> { });
    }

    @Test
    void anUnexpectedFailureInOneSourceFileIsThatFilesProblemAndTheOthersLoad() {
        config.write("sources/city-boom.yaml", "id: city-boom\nadapter: national-json\ntransport: rest-pull\nregion: \"320500\"\n"
                + "rest-pull:\n  url: http://city.example/x\n  bearerToken: ${BOOM}\n");
        config.write("sources/city-fine.yaml", SOURCE.formatted("city-fine"));

        assertThatCode(registry::reloadIfChanged).doesNotThrowAnyException();

        HubCatalog catalog = registry.current();
        assertThat(catalog.sources().find("city-fine")).isPresent();
        assertThat(catalog.sources().find("city-boom")).isEmpty();
        assertThat(catalog.sources().problems().get("city-boom")).contains("city-boom.yaml", "could not be loaded",
                "the resolver broke");
        assertThat(catalog.sources().find("province-web")).isPresent();
    }

    @Test
    void aReloadThatFailsAsAWholeKeepsTheCatalogueInUseAndIsTriedAgainAtTheNextLook() {
        HubCatalog first = registry.current();
        config.write("sources/city-new.yaml", SOURCE.formatted("city-new"));
        failing = true;

        assertThatCode(registry::reloadIfChanged).doesNotThrowAnyException();
        assertThat(registry.current()).isSameAs(first);

        failing = false;
        assertThat(registry.reloadIfChanged()).isTrue();
        assertThat(registry.current().sources().find("city-new")).isPresent();
    }
}
