package gov.js.evaluation.hub.config;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schemas (draft 2020-12) of the hub's configuration files, in {@code src/main/resources/schema/}
 * and served at {@code GET /api/v1/schema/<name>}. Every file is read through its schema: unknown keys,
 * wrong types and values out of range are refused before the loaders look at the meaning.
 */
public enum ConfigSchema {
    /** {@code sources/<id>.yaml} */
    SOURCE("source"),
    /** {@code adapters/<id>/adapter.yaml} */
    ADAPTER("adapter"),
    /** {@code mappings/<name>.yaml} */
    MAPPING("mapping"),
    /** {@code mappings/codes/<name>.yaml}, named by {@code codes:} */
    CODE_TABLE("code-table"),
    /** {@code mappings/codes/regions-jiangsu.yaml}, read by {@code region: true} */
    REGION_TABLE("region-table"),
    /** {@code calendar/<year>.yaml}: the working-day calendar of one year */
    CALENDAR("calendar"),
    /** {@code deadlines/<id>.yaml}: the deadlines of the cases it matches */
    DEADLINE_POLICY("deadline-policy"),
    /** {@code routing/<id>.yaml}: which target a case is dispatched to */
    ROUTING_RULE("routing-rule"),
    /** {@code targets/<id>/target.yaml}: an outbound adapter */
    TARGET("target"),
    /** {@code mappings/targets/<name>.yaml}: the unified case → a target's fields */
    TARGET_MAPPING("target-mapping");

    /**
     * Draft 2020-12, knowing {@code patternErrorMessage}: the editors' (YAML language server's) keyword for what a
     * value must look like, which {@link SchemaMessages} says too; and with {@link WholeNumberType}, so that
     * {@code 1e3} is no whole number.
     */
    private static final Dialect DIALECT = Dialect.builder(Dialects.getDraft202012())
            .keyword(new NonValidationKeyword(SchemaMessages.PATTERN_ERROR_MESSAGE)).keyword(WholeNumberType.INSTANCE).build();

    private final String name;
    private volatile Compiled compiled;

    private record Compiled(JsonNode raw, Schema schema) {
    }

    ConfigSchema(String name) {
        this.name = name;
    }

    /** The name in {@code GET /api/v1/schema/<name>}. */
    public String apiName() {
        return name;
    }

    /** The schema's file name, e.g. {@code source-v1.schema.json}. */
    public String fileName() {
        return name + "-v1.schema.json";
    }

    /** Where the schema is on the class path. */
    public String resource() {
        return "/schema/" + fileName();
    }

    /** The schema's own document. */
    public JsonNode document() {
        return compiled().raw();
    }

    /** Every mistake the schema finds in {@code tree}, in the order of the file's lines. */
    List<ConfigProblem> check(JsonNode tree, Path file, YamlLines lines) {
        Compiled c = compiled();
        SchemaMessages messages = new SchemaMessages(c.raw(), this, file, lines);
        return c.schema().validate(tree).stream().map(messages::problem)
                .sorted(Comparator.comparingInt(ConfigProblem::line).thenComparing(ConfigProblem::path)).distinct().toList();
    }

    private Compiled compiled() {
        Compiled c = compiled;
        if (c == null) {
            try (InputStream in = ConfigSchema.class.getResourceAsStream(resource())) {
                if (in == null) {
                    throw new IllegalStateException("schema resource missing: " + resource());
                }
                JsonNode raw = JsonMapper.builder().build().readTree(in);
                c = new Compiled(raw, SchemaRegistry.withDefaultDialect(DIALECT).getSchema(raw));
                compiled = c;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return c;
    }
}
