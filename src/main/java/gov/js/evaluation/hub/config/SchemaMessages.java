package gov.js.evaluation.hub.config;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * Turns a schema validation error into a {@link ConfigProblem} a person can act on: the path and line
 * of the value, what the schema expects there (from the keywords of the value's schema, or its
 * {@code patternErrorMessage}) and what the file has. Values of {@code writeOnly} settings (secrets) are
 * never quoted.
 */
final class SchemaMessages {

    static final String PATTERN_ERROR_MESSAGE = "patternErrorMessage";
    /** The schemas' pattern of a value that is a whole {@code ${NAME}} reference. */
    private static final String REFERENCE = "^\\$\\{[^}]+\\}$";
    /** Unknown keys are answered with the known ones when there are at most this many. */
    private static final int LISTED_KEYS = 15;
    private static final int SHOWN_CHARACTERS = 40;

    private final JsonNode schema;
    private final ConfigSchema kind;
    private final Path file;
    private final YamlLines lines;

    SchemaMessages(JsonNode schema, ConfigSchema kind, Path file, YamlLines lines) {
        this.schema = schema;
        this.kind = kind;
        this.file = file;
        this.lines = lines;
    }

    ConfigProblem problem(Error error) {
        List<Object> at = segments(error.getInstanceLocation());
        JsonNode where = schemaOf(error);
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        String property = error.getProperty();
        return switch (keyword) {
            case "additionalProperties" -> at(append(at, property), "unknown key '" + property + "'" + known(where, property));
            case "required" -> at(at, "'" + property + "' is required");
            case "minItems", "minProperties" -> at(at, where.path(keyword).asInt() <= 1 ? "must not be empty"
                    : "must have at least " + where.path(keyword).asInt() + " entries");
            case "maxProperties" -> at(at, "must have only one of " + String.join(", ", where.path("properties").propertyNames()));
            case "propertyNames" -> at(append(at, property), "the key " + mustBe(where.path("propertyNames")) + ", not '" + property + "'");
            case "type", "enum", "const", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength",
                 "maxLength" -> at(at, mustBe(where) + shown(error.getInstanceNode(), where, mustBe(where).contains("quotes")));
            default -> at(at, error.getMessage());
        };
    }

    private ConfigProblem at(List<Object> path, String message) {
        return new ConfigProblem(file, lines.lineOf(path), path(path), message);
    }

    /** The schema object that holds the failing keyword. */
    private JsonNode schemaOf(Error error) {
        String location = String.valueOf(error.getSchemaLocation());
        int hash = location.indexOf('#');
        String pointer = hash < 0 ? "" : location.substring(hash + 1);
        int last = pointer.lastIndexOf('/');
        return last <= 0 ? schema : schema.at(JsonPointer.compile(pointer.substring(0, last)));
    }

    /** What a value of this schema must be, e.g. "must be a whole number from 1 to 100". */
    static String mustBe(JsonNode s) {
        if (s.has(PATTERN_ERROR_MESSAGE)) {
            return s.get(PATTERN_ERROR_MESSAGE).asString();
        }
        if (s.has("enum")) {
            return "must be one of " + StreamSupport.stream(s.get("enum").spliterator(), false).map(JsonNode::asString)
                    .distinct().collect(Collectors.joining(", "));
        }
        List<String> types = new ArrayList<>();
        s.path("type").forEach(t -> types.add(t.asString()));
        if (s.path("type").isString()) {
            types.add(s.get("type").asString());
        }
        List<String> kinds = new ArrayList<>();
        for (String t : types) {
            kinds.add(switch (t) {
                case "integer" -> "a whole number" + range(s);
                case "number" -> "a number" + range(s);
                case "string" -> REFERENCE.equals(s.path("pattern").asString(null)) ? "a ${NAME} reference"
                        : s.has("pattern") ? "text matching " + s.get("pattern").asString()
                        : s.has("maxLength") ? "text of at most " + s.get("maxLength").asInt() + " characters"
                        : s.path("minLength").asInt() > 0 ? "text (not empty)" : "text";
                case "boolean" -> "true or false";
                case "object" -> "a block of key: value lines";
                case "array" -> "a list";
                default -> t;
            });
        }
        return kinds.isEmpty() ? "does not fit the schema" : "must be " + String.join(" or ", kinds);
    }

    private static String range(JsonNode s) {
        if (s.has("minimum") && s.has("maximum")) {
            return " from " + s.get("minimum").asString() + " to " + s.get("maximum").asString();
        }
        if (s.has("minimum")) {
            return " of at least " + s.get("minimum").asString();
        }
        return s.has("maximum") ? " of at most " + s.get("maximum").asString() : "";
    }

    /** ", not 'ten'", with a hint when a number stands where text belongs; nothing for a secret. */
    private static String shown(JsonNode value, JsonNode s, boolean saysQuotes) {
        if (value == null || value.isMissingNode() || s.path("writeOnly").asBoolean(false)) {
            return "";
        }
        String hint = !saysQuotes && (value.isNumber() || value.isBoolean()) && expects(s, "string") && !expects(s, value.isNumber()
                ? (value.isIntegralNumber() ? "integer" : "number") : "boolean") ? " (write it in quotes)" : "";
        return ", not " + describe(value) + hint;
    }

    private static boolean expects(JsonNode s, String type) {
        JsonNode t = s.path("type");
        return t.isString() ? t.asString().equals(type)
                : StreamSupport.stream(t.spliterator(), false).anyMatch(n -> n.asString().equals(type));
    }

    static String describe(JsonNode value) {
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "a block";
        }
        if (value.isNull()) {
            return "empty";
        }
        if (!value.isString()) {
            return value.asString();
        }
        String text = value.asString();
        return "'" + (text.length() > SHOWN_CHARACTERS ? text.substring(0, SHOWN_CHARACTERS) + "…" : text) + "'";
    }

    /** The keys known where an unknown one was found, or the closest of them when there are many. */
    private String known(JsonNode where, String unknown) {
        List<String> names = new ArrayList<>();
        where.path("properties").propertyNames().forEach(names::add);
        if (names.isEmpty()) {
            return "";
        }
        if (names.size() <= LISTED_KEYS) {
            return " (known: " + String.join(", ", names) + ")";
        }
        List<String> close = names.stream().filter(n -> distance(n.toLowerCase(), unknown.toLowerCase()) <= 2).toList();
        return close.isEmpty() ? " (the known ones: GET /api/v1/schema/" + kind.apiName() + ")"
                : " (did you mean " + close.stream().map(n -> "'" + n + "'").collect(Collectors.joining(" or ")) + "?)";
    }

    /** Levenshtein distance, for suggesting a key that was mistyped. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            previous = current;
        }
        return previous[b.length()];
    }

    private static List<Object> segments(NodePath path) {
        List<Object> segments = new ArrayList<>();
        if (path != null) {
            for (int i = 0; i < path.getNameCount(); i++) {
                segments.add(path.getElement(i));
            }
        }
        return segments;
    }

    private static List<Object> append(List<Object> path, String property) {
        List<Object> longer = new ArrayList<>(path);
        if (property != null) {
            longer.add(property);
        }
        return longer;
    }

    /** {@code fields.pf[0].when}. */
    static String path(List<Object> segments) {
        StringBuilder b = new StringBuilder();
        for (Object s : segments) {
            if (s instanceof Integer i) {
                b.append('[').append(i).append(']');
            } else {
                b.append(b.isEmpty() ? "" : ".").append(s);
            }
        }
        return b.toString();
    }
}
