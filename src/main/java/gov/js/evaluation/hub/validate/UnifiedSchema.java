package gov.js.evaluation.hub.validate;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import gov.js.evaluation.hub.schema.CaseEventField;
import gov.js.evaluation.hub.schema.ChinaTime;
import gov.js.evaluation.hub.schema.MappedField;
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
 * validation errors into {@link FieldError}s with stable codes and messages a person can act on; the case event
 * schema v1 the same way ({@link #caseEvents()}).
 * Messages name the field and the rule, never the value sent (a value can be anything a person typed).
 */
public final class UnifiedSchema {

    public static final String RESOURCE = UnifiedField.SCHEMA;

    private final Schema schema;
    /** As messages name the schema: "the unified schema v1". */
    private final String name;
    /** The fields written yyyy-MM-dd HH:mm:ss, which must name a real time. */
    private final List<String> timeFields;

    public UnifiedSchema() {
        this(RESOURCE, "the unified schema v1", List.of(UnifiedField.values()));
    }

    /** The case event schema v1 ({@code schema/case-event-v1.schema.json}). */
    public static UnifiedSchema caseEvents() {
        return new UnifiedSchema(CaseEventField.SCHEMA, "the case event schema v1", List.of(CaseEventField.values()));
    }

    private UnifiedSchema(String resource, String name, List<? extends MappedField> fields) {
        this.name = name;
        this.timeFields = fields.stream().filter(f -> f.kind() == UnifiedField.Kind.TIME).map(MappedField::wireName).toList();
        try (InputStream in = UnifiedSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + resource);
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
    public static Optional<FieldError> valueProblem(MappedField field, String text) {
        Schema rule = FIELD_RULES.computeIfAbsent(field, UnifiedSchema::fieldRule);
        JsonNode wire = JsonNodeFactory.instance.objectNode().set(field.wireName(), wireValue(field, text));
        return rule.validate(wire).stream().findFirst().map(error -> translate(error, wire, "its schema"));
    }

    /** Text as a mapping writes it into a field: a whole number into an integer field, true or false into a flag. */
    public static JsonNode wireValue(MappedField field, String text) {
        if (field.kind() == UnifiedField.Kind.INTEGER && text.matches("-?[0-9]{1,9}")) {
            return JsonNodeFactory.instance.numberNode(Integer.parseInt(text));
        }
        if (field.kind() == UnifiedField.Kind.BOOLEAN && (text.equals("true") || text.equals("false"))) {
            return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(text));
        }
        return JsonNodeFactory.instance.stringNode(text);
    }

    private static final Map<MappedField, Schema> FIELD_RULES = new ConcurrentHashMap<>();

    /** The schema's rule for one field, as the schema of an object holding only that field. */
    private static Schema fieldRule(MappedField field) {
        try (InputStream in = UnifiedSchema.class.getResourceAsStream(field.schema())) {
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
            errors.add(translate(error, wire, name));
        }
        checkRealTimes(wire, errors);
        return errors;
    }

    /** The pattern admits 2024-02-30; the calendar does not. */
    private void checkRealTimes(JsonNode wire, List<FieldError> errors) {
        for (String f : timeFields) {
            JsonNode v = wire.path(f);
            if (v.isString() && v.asString().matches("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")
                    && ChinaTime.parse(v.asString()).isEmpty()) {
                errors.add(FieldError.of(f, ErrorCode.INVALID_FORMAT, f + " is not a real date and time (yyyy-MM-dd HH:mm:ss)"));
            }
        }
    }

    private static FieldError translate(Error error, JsonNode wire, String schemaName) {
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
                    "field " + field + " is not a field of " + schemaName + " (a name that is not plain is given by its position)");
            case "minimum", "maximum" -> FieldError.of(field, ErrorCode.INVALID_FORMAT, field + " must be "
                    + ("minimum".equals(keyword) ? "at least " : "at most ") + (schemaNode == null ? "what the schema says" : schemaNode.asString()));
            // "give one of": each alternative requires one field (caseId or projectNo)
            case "anyOf" -> FieldError.of("record", ErrorCode.REQUIRED, "give one of " + alternatives(schemaNode));
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

    private static String alternatives(JsonNode anyOf) {
        List<String> names = new ArrayList<>();
        if (anyOf != null) {
            anyOf.forEach(a -> a.path("required").forEach(n -> names.add(n.asString())));
        }
        return names.isEmpty() ? "the alternatives the schema gives" : String.join(" or ", names);
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
            case "assessTime", "acceptDate", "occurredAt" -> "yyyy-MM-dd HH:mm:ss";
            case "caseId" -> "a UUID such as 0b8f3c2e-5d1a-4f7e-9c3b-2a6d8e4f1b07";
            case "evalDetail" -> "comma-separated indicator codes such as 501,502, each 1-10 letters or digits";
            case "dataSource" -> "3-digit province code";
            default -> "see the schema";
        };
    }
}
