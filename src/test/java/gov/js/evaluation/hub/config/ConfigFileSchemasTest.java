package gov.js.evaluation.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.schema.CaseEventField;
import gov.js.evaluation.hub.schema.UnifiedField;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every configuration file of the repository names its JSON Schema on its first line (so an editor with
 * the YAML language server completes and checks it) and validates against it, as the hub reads it.
 */
class ConfigFileSchemasTest {

    private static final Path SCHEMAS = Path.of("src/main/resources/schema");

    /** Each configuration file with the schema it is read with. */
    static List<Object[]> repositoryFiles() {
        List<Object[]> files = new ArrayList<>();
        yaml(Path.of("sources")).forEach(f -> files.add(new Object[] {f, ConfigSchema.SOURCE}));
        yaml(Path.of("src/test/resources/test-sources")).forEach(f -> files.add(new Object[] {f, ConfigSchema.SOURCE}));
        try (Stream<Path> folders = Files.list(Path.of("adapters"))) {
            folders.map(d -> d.resolve("adapter.yaml")).filter(Files::isRegularFile).sorted()
                    .forEach(f -> files.add(new Object[] {f, ConfigSchema.ADAPTER}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        yaml(Path.of("mappings")).forEach(f -> files.add(new Object[] {f, ConfigSchema.MAPPING}));
        yaml(Path.of("mappings/codes")).forEach(f -> files.add(new Object[] {f,
                f.getFileName().toString().equals("regions-jiangsu.yaml") ? ConfigSchema.REGION_TABLE : ConfigSchema.CODE_TABLE}));
        yaml(Path.of("calendar")).forEach(f -> files.add(new Object[] {f, ConfigSchema.CALENDAR}));
        yaml(Path.of("deadlines")).forEach(f -> files.add(new Object[] {f, ConfigSchema.DEADLINE_POLICY}));
        yaml(Path.of("routing")).forEach(f -> files.add(new Object[] {f, ConfigSchema.ROUTING_RULE}));
        try (Stream<Path> folders = Files.list(Path.of("targets"))) {
            folders.map(d -> d.resolve("target.yaml")).filter(Files::isRegularFile).sorted()
                    .forEach(f -> files.add(new Object[] {f, ConfigSchema.TARGET}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        yaml(Path.of("mappings/targets")).forEach(f -> files.add(new Object[] {f, ConfigSchema.TARGET_MAPPING}));
        return files;
    }

    private static List<Path> yaml(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("repositoryFiles")
    void namesItsSchemaOnTheFirstLineAndValidatesAgainstIt(Path file, ConfigSchema schema) throws IOException {
        String first = Files.readAllLines(file).get(0);
        assertThat(first).startsWith("# yaml-language-server: $schema=");
        Path named = file.getParent().resolve(first.substring(first.indexOf('=') + 1)).normalize();
        assertThat(named).as("the schema the line names").isEqualTo(SCHEMAS.resolve(schema.fileName()));

        ConfigFile read = ConfigFiles.read(file, schema);
        assertThat(read.root().isObject()).isTrue();
    }

    @Test
    void theRepositoryHasEveryKindOfConfigurationFile() {
        assertThat(repositoryFiles()).extracting(f -> f[1]).contains((Object[]) ConfigSchema.values());
    }

    @Test
    void theMappingSchemaKnowsExactlyTheUnifiedFields() throws IOException {
        JsonNode schema = JsonMapper.builder().build().readTree(SCHEMAS.resolve(ConfigSchema.MAPPING.fileName()).toFile());
        assertThat(schema.at("/$defs/evaluationFields/properties").propertyNames())
                .containsExactlyElementsOf(Arrays.stream(UnifiedField.values()).map(UnifiedField::wireName).toList());
    }

    @Test
    void theMappingSchemaKnowsExactlyTheCaseEventFieldsAndTheCaseEventSchemaToo() throws IOException {
        JsonNode schema = JsonMapper.builder().build().readTree(SCHEMAS.resolve(ConfigSchema.MAPPING.fileName()).toFile());
        List<String> fields = Arrays.stream(CaseEventField.values()).map(CaseEventField::wireName).toList();
        assertThat(schema.at("/$defs/caseEventFields/properties").propertyNames()).containsExactlyElementsOf(fields);
        JsonNode events = JsonMapper.builder().build().readTree(SCHEMAS.resolve("case-event-v1.schema.json").toFile());
        assertThat(events.path("properties").propertyNames()).containsExactlyElementsOf(fields);
    }

    @Test
    void everyPropertyOfEverySchemaHasATitleAndADescription() throws IOException {
        for (ConfigSchema schema : ConfigSchema.values()) {
            JsonNode root = JsonMapper.builder().build().readTree(SCHEMAS.resolve(schema.fileName()).toFile());
            assertThat(root.path("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertDocumented(root, schema.fileName(), false);
        }
    }

    /**
     * {@code conditional}: under if / then / else, whose {@code properties} narrow an object that its own schema closes
     * and documents (the mapping's fields, by its target).
     */
    private static void assertDocumented(JsonNode node, String where, boolean conditional) {
        if (!node.isObject()) {
            return;
        }
        if (node.has("properties") && !conditional) {
            assertThat(node.path("additionalProperties").isBoolean() && !node.path("additionalProperties").asBoolean())
                    .as(where + ": additionalProperties: false").isTrue();
            node.get("properties").properties().forEach(p -> {
                assertThat(p.getValue().has("title") && p.getValue().has("description")).as(where + "/" + p.getKey()).isTrue();
            });
        }
        node.properties().forEach(p -> {
            if (p.getValue().isObject()) {
                assertDocumented(p.getValue(), where + "/" + p.getKey(),
                        conditional || List.of("if", "then", "else").contains(p.getKey()));
            }
        });
    }
}
