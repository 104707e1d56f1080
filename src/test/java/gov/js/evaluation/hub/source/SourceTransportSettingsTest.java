package gov.js.evaluation.hub.source;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.adapter.AdapterCatalog;
import gov.js.evaluation.hub.decode.RecordReaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A source file carries its transport's settings; every mistake is refused at load with the file and the setting named. */
class SourceTransportSettingsTest {

    private static final AdapterCatalog ADAPTERS = AdapterCatalog.load(Path.of("adapters"), Path.of("mappings"),
            RecordReaders.standard(), gov.js.evaluation.hub.adapter.PluginJars.classLoader(
                    gov.js.evaluation.hub.kit.PluginBuilder.buildAll(), SourceTransportSettingsTest.class.getClassLoader()));
    private static final String HEAD = "title: t\nadapter: province-web\nregion: \"320500\"\n";

    @TempDir
    Path sources;

    private SourceCatalog load(Map<String, String> files) throws IOException {
        for (var f : files.entrySet()) {
            Files.writeString(sources.resolve(f.getKey() + ".yaml"), "id: " + f.getKey() + "\n" + HEAD + f.getValue());
        }
        Map<String, String> env = Map.of("CITY_TOKEN", "s3cret", "CITY_DB_PASSWORD", "pw");
        return SourceCatalog.load(List.of(sources), ADAPTERS, 1000, new SourceSettingsContext(Path.of("/srv/hub"), text -> {
            String out = text;
            for (var e : env.entrySet()) {
                out = out.replace("${" + e.getKey() + "}", e.getValue());
            }
            if (out.contains("${")) {
                throw new IllegalArgumentException("Could not resolve placeholder in value \"" + text + "\"");
            }
            return out;
        }));
    }

    @Test
    void httpPushNeedsNoSettingsAndTheShippedSourceStillLoads() throws IOException {
        SourceCatalog catalog = load(Map.of("push", "transport: http-push\n"));
        assertThat(catalog.find("push").orElseThrow().settings()).isInstanceOf(HttpPushSettings.class);

        // as the hub reads them: ${NAME:default} references resolved from the environment
        SourceCatalog shipped = SourceCatalog.load(List.of(Path.of("sources")), ADAPTERS, 1000, new SourceSettingsContext(
                Path.of("").toAbsolutePath(), new org.springframework.core.env.StandardEnvironment()::resolveRequiredPlaceholders));
        assertThat(shipped.problems()).isEmpty();
        assertThat(shipped.find("province-web").orElseThrow().transport()).isEqualTo("http-push");
    }

    @Test
    void readsEachTransportsBlockWithDefaults() throws IOException {
        SourceCatalog catalog = load(Map.of(
                "files", "transport: file-inbox\nfile-inbox:\n  inbox: data/inbox/city-320500\n",
                "api", "transport: rest-pull\nrest-pull:\n  url: https://city.example/api/evaluations\n  interval: 30s\n"
                        + "  bearerToken: ${CITY_TOKEN}\n",
                "db", "transport: jdbc-poll\njdbc-poll:\n  url: jdbc:postgresql://city-db/hall\n  user: hub\n"
                        + "  password: ${CITY_DB_PASSWORD}\n  watermark: {updated_at: \"1970-01-01\", id: \"0\"}\n"
                        + "  query: SELECT * FROM r WHERE (updated_at, id) > (CAST(:updated_at AS timestamp), CAST(:id AS int))\n"));

        assertThat(catalog.problems()).isEmpty();
        FileInboxSettings files = catalog.find("files").orElseThrow().settings(FileInboxSettings.class);
        assertThat(files.inbox()).isEqualTo(Path.of("/srv/hub/data/inbox/city-320500"));
        assertThat(files.chunkSize()).isEqualTo(1000);
        RestPullSettings api = catalog.find("api").orElseThrow().settings(RestPullSettings.class);
        assertThat(api.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(api.pageSize()).isEqualTo(500);
        assertThat(api.bearerToken()).isEqualTo("s3cret");
        assertThat(api.shown()).containsEntry("bearerToken", "(set)");
        JdbcPollSettings db = catalog.find("db").orElseThrow().settings(JdbcPollSettings.class);
        assertThat(db.password()).isEqualTo("pw");
        assertThat(db.watermark().keySet()).containsExactly("updated_at", "id");
        assertThat(db.shown()).doesNotContainKey("password");
    }

    @Test
    void everyMistakeIsRefusedWithTheFileAndTheSettingNamed() throws IOException {
        SourceCatalog catalog = load(Map.of(
                "no-inbox", "transport: file-inbox\n",
                "typo", "transport: file-inbox\nfile-inbox:\n  inbox: in\n  chunksize: 10\n",
                "bad-chunk", "transport: file-inbox\nfile-inbox:\n  inbox: in\n  chunkSize: -1\n",
                "wrong-block", "transport: http-push\nrest-pull:\n  url: http://x\n",
                "bad-url", "transport: rest-pull\nrest-pull:\n  url: ftp://city.example/x\n",
                "bad-interval", "transport: rest-pull\nrest-pull:\n  url: http://city.example/x\n  interval: soon\n",
                "unset-env", "transport: rest-pull\nrest-pull:\n  url: http://city.example/x\n  bearerToken: ${NOT_SET}\n",
                "no-param", "transport: jdbc-poll\njdbc-poll:\n  url: jdbc:postgresql://db/x\n  user: u\n"
                        + "  watermark: {id: \"0\"}\n  query: SELECT * FROM r\n",
                "carrier-pigeon", "transport: carrier-pigeon\n"));

        assertThat(catalog.all()).isEmpty();
        Map<String, String> p = catalog.problems();
        assertThat(p.get("no-inbox")).contains("no-inbox.yaml: file-inbox.inbox: is required for transport file-inbox");
        assertThat(p.get("typo")).contains("typo.yaml:8: file-inbox.chunksize: unknown key 'chunksize' (known: inbox, chunkSize,"
                + " pollInterval, include)");
        assertThat(p.get("bad-chunk")).contains("bad-chunk.yaml:8: file-inbox.chunkSize: must be a whole number of at least 1"
                + " or a ${NAME} reference, not -1");
        assertThat(p.get("wrong-block")).contains("wrong-block.yaml:6: rest-pull: settings block given, but the transport is 'http-push'");
        assertThat(p.get("bad-url")).contains("bad-url.yaml:7: rest-pull.url: must be an http(s) URL");
        assertThat(p.get("bad-interval")).contains("bad-interval.yaml:8: rest-pull.interval: must be a duration such as 500ms");
        assertThat(p.get("unset-env")).contains("unset-env.yaml:8: rest-pull.bearerToken: refers to something not set");
        assertThat(p.get("no-param")).contains("no-param.yaml:10: jdbc-poll.query: must use the watermark parameter :id");
        assertThat(p.get("carrier-pigeon")).contains("carrier-pigeon.yaml:5: transport: must be one of http-push, file-inbox, rest-pull,"
                + " jdbc-poll, not 'carrier-pigeon'");
    }
}
