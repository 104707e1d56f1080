package gov.js.evaluation.hub.validate;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import gov.js.evaluation.hub.schema.ChinaTime;
import gov.js.evaluation.hub.schema.UnifiedField;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The unified schema v1 (the JSON Schema file on the classpath) and the translation of its
 * validation errors into {@link FieldError}s with stable codes and messages a person can act on.
 * Messages name the field and the rule, never the value sent (a value can be anything a person typed).
 */
public final class UnifiedSchema {

    public static final String RESOURCE = "/schema/evaluation-v1.schema.json";

    private final Schema schema;

    public UnifiedSchema() {
        try (InputStream in = UnifiedSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + RESOURCE);
            }
            this.schema = registry().getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What is wrong with {@code text} as the value of {@code field} by the schema's rule for that field alone (its code
     * list, pattern, length), or empty when it may stand there. For a mapping's constants, checked when the file loads.
     */
    public static Optional<FieldError> valueProblem(UnifiedField field, String text) {
        Schema rule = FIELD_RULES.computeIfAbsent(field, UnifiedSchema::fieldRule);
        JsonNode value = field.kind() == UnifiedField.Kind.INTEGER && text.matches("-?[0-9]{1,9}")
                ? JsonNodeFactory.instance.numberNode(Integer.parseInt(text)) : JsonNodeFactory.instance.stringNode(text);
        JsonNode wire = JsonNodeFactory.instance.objectNode().set(field.wireName(), value);
        return rule.validate(wire).stream().findFirst().map(error -> translate(error, wire));
    }

    private static final Map<UnifiedField, Schema> FIELD_RULES = new ConcurrentHashMap<>();

    /** The schema's rule for one field, as the schema of an object holding only that field. */
    private static Schema fieldRule(UnifiedField field) {
        try (InputStream in = UnifiedSchema.class.getResourceAsStream(RESOURCE)) {
            JsonNode whole = JsonMapper.builder().build().readTree(in);
            ObjectNode one = JsonNodeFactory.instance.objectNode();
            one.put("type", "object").putObject("properties").set(field.wireName(), whole.path("properties").path(field.wireName()));
            return registry().getSchema(one);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Draft 2020-12 with patterns matched in linear time. */
    private static SchemaRegistry registry() {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, registry -> registry
                .schemaRegistryConfig(SchemaRegistryConfig.builder().regularExpressionFactory(LinearTimeRegularExpressions.INSTANCE).build()));
    }

    public List<FieldError> validate(JsonNode wire) {
        List<FieldError> errors = new ArrayList<>();
        for (Error error : schema.validate(wire)) {
            errors.add(translate(error, wire));
        }
        checkRealTimes(wire, errors);
        return errors;
    }

    /** The pattern admits 2024-02-30; the calendar does not. */
    private static void checkRealTimes(JsonNode wire, List<FieldError> errors) {
        for (UnifiedField f : UnifiedField.values()) {
            if (f.kind() != UnifiedField.Kind.TIME) {
                continue;
            }
            JsonNode v = wire.path(f.wireName());
            if (v.isString() && v.asString().matches("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")
                    && ChinaTime.parse(v.asString()).isEmpty()) {
                errors.add(FieldError.of(f.wireName(), ErrorCode.INVALID_FORMAT,
                        f.wireName() + " is not a real date and time (yyyy-MM-dd HH:mm:ss)"));
            }
        }
    }

    private static FieldError translate(Error error, JsonNode wire) {
        String keyword = error.getKeyword();
        String field = "additionalProperties".equals(keyword) && error.getProperty() != null
                ? FieldNames.shown(error.getProperty(), positionOf(error.getProperty(), wire)) : fieldOf(error);
        JsonNode schemaNode = error.getSchemaNode();
        return switch (keyword == null ? "" : keyword) {
            case "required" -> FieldError.of(field, ErrorCode.REQUIRED, field + " is required");
            case "minLength" -> FieldError.of(field, ErrorCode.REQUIRED, field + " must not be empty");
            case "enum" -> FieldError.of(field, ErrorCode.NOT_IN_CODE_LIST,
                    field + " is not in its code list (" + list(schemaNode) + ")");
            case "type" -> FieldError.of(field, ErrorCode.INVALID_TYPE,
                    field + " must be a JSON " + (schemaNode == null ? "value of the right type" : schemaNode.asString()));
            case "pattern" -> FieldError.of(field, ErrorCode.INVALID_FORMAT,
                    field + " does not have the expected format: " + formatHint(field));
            case "maxLength" -> FieldError.of(field, ErrorCode.TOO_LONG,
                    field + " is longer than " + (schemaNode == null ? "allowed" : schemaNode.asString() + " characters"));
            case "additionalProperties" -> FieldError.of(field, ErrorCode.UNKNOWN_FIELD,
                    "field " + field + " is not a field of the unified schema v1 (a name that is not plain is given by its position)");
            default -> FieldError.of(field, ErrorCode.INVALID_FORMAT, field + " breaks the schema's rule '" + keyword + "'");
        };
    }

    /** The 1-based position of a field in the record. */
    private static int positionOf(String name, JsonNode wire) {
        int position = 0;
        for (String n : wire.propertyNames()) {
            position++;
            if (n.equals(name)) {
                return position;
            }
        }
        return position;
    }

    private static String fieldOf(Error error) {
        if (("required".equals(error.getKeyword()) || "additionalProperties".equals(error.getKeyword()))
                && error.getProperty() != null) {
            return error.getProperty();
        }
        NodePath location = error.getInstanceLocation();
        if (location == null || location.getNameCount() == 0) {
            return "record";
        }
        return String.valueOf(location.getName(location.getNameCount() - 1));
    }

    private static String list(JsonNode values) {
        if (values == null || !values.isArray()) {
            return "see the schema";
        }
        return StreamSupport.stream(values.spliterator(), false).map(JsonNode::asString).collect(Collectors.joining(", "));
    }

    private static String formatHint(String field) {
        return switch (field) {
            case "deptCode" -> "18-character unified social credit code";
            case "areaCode" -> "12-digit region code";
            case "assessTime", "acceptDate" -> "yyyy-MM-dd HH:mm:ss";
            case "evalDetail" -> "comma-separated indicator codes such as 501,502, each 1-10 letters or digits";
            case "dataSource" -> "3-digit province code";
            default -> "see the schema";
        };
    }
}
