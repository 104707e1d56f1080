package gov.js.evaluation.hub.source;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.config.ConfigFiles;
import gov.js.evaluation.hub.config.ConfigSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The source schema knows exactly the settings each transport reads: none it refuses, none it does not check. */
class SourceSchemaTest {

    /** Each transport's block with every setting it has. */
    private static final Map<String, String> FULL_BLOCKS = Map.of(
            "file-inbox", "  inbox: data/inbox/x\n  chunkSize: 10\n  pollInterval: 5s\n  include: \"*.csv\"\n",
            "rest-pull", "  url: https://city.example/api\n  interval: 1m\n  pageSize: ${PAGE}\n  bearerToken: ${TOKEN}\n"
                    + "  connectTimeout: 5s\n  responseTimeout: PT30S\n",
            "jdbc-poll", "  url: jdbc:postgresql://db/x\n  user: u\n  password: ${PW}\n  query: SELECT * FROM r WHERE id > CAST(:id AS int)\n"
                    + "  watermark:\n    id: \"0\"\n  interval: 1m\n  pageSize: 100\n");

    @TempDir
    Path dir;

    @Test
    void eachTransportBlockOfTheSchemaIsWhatItsSettingsReaderReads() throws IOException {
        JsonNode schema = ConfigSchema.SOURCE.document();
        SourceSettingsContext context = new SourceSettingsContext(dir, text -> text.replaceAll("\\$\\{[A-Z]+}", "7"));
        for (Transport transport : Transport.values()) {
            String name = transport.fileName();
            Set<String> inSchema = new HashSet<>();
            JsonNode property = schema.at("/properties/" + name);
            if (!property.isMissingNode()) {
                schema.at(property.path("$ref").asString().substring(1)).path("properties").propertyNames().forEach(inSchema::add);
            }
            String block = FULL_BLOCKS.getOrDefault(name, "");
            Path file = dir.resolve(name + ".yaml");
            Files.writeString(file, "id: x\nadapter: national-json\ntransport: " + name + "\nregion: \"320500\"\n"
                    + (block.isEmpty() ? "" : name + ":\n" + block));

            SettingsBlock settings = new SettingsBlock(ConfigFiles.read(file, ConfigSchema.SOURCE), name, context);
            transport.read(settings);

            assertThat(settings.known()).as(name + ": what the settings reader reads").isEqualTo(inSchema);
            assertThat(block.lines().filter(l -> l.matches("  \\w.*")).map(l -> l.strip().split(":")[0]).toList())
                    .as(name + ": this test's block has every setting").containsExactlyInAnyOrderElementsOf(inSchema);
        }
    }
}
