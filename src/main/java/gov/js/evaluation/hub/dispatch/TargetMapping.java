package gov.js.evaluation.hub.dispatch;

import gov.js.evaluation.hub.config.ConfigFile;
import gov.js.evaluation.hub.config.ConfigFiles;
import gov.js.evaluation.hub.config.ConfigProblems;
import gov.js.evaluation.hub.config.ConfigSchema;
import gov.js.evaluation.hub.schema.ChinaTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A target mapping ({@code mappings/targets/<name>.yaml}): the inbound mapping language run the other way round. For
 * each message purpose, the target's fields (dotted: nested objects) filled from paths of the unified case, fixed
 * values, code tables (inline or shared in mappings/codes/, a table written for inbound mappings inverted with
 * {@code reverse: true}), date patterns and {@code region: true} (the 6-digit code). Checked when it loads, every
 * mistake with its line; a value the case does not have is left out (or its {@code default} sent).
 */
public final class TargetMapping {

    /** One field of the target's body. */
    record Rule(List<String> target, JsonPointer path, String value, String fallback, Map<String, String> codes,
                DateTimeFormatter date, boolean region) {
    }

    private final String name;
    private final Map<Purpose, List<Rule>> bodies;

    private TargetMapping(String name, Map<Purpose, List<Rule>> bodies) {
        this.name = name;
        this.bodies = bodies;
    }

    public String name() {
        return name;
    }

    public boolean has(Purpose purpose) {
        return bodies.containsKey(purpose);
    }

    /** Reads and checks {@code file}; {@code codesDir} holds the shared code tables. */
    public static TargetMapping parse(Path file, Path codesDir) {
        ConfigFile f = ConfigFiles.read(file, ConfigSchema.TARGET_MAPPING);
        ConfigProblems problems = new ConfigProblems();
        String id = f.root().path("mapping").asString();
        f.idNotFileName("mapping").ifPresent(problems::add);
        Map<Purpose, List<Rule>> bodies = new EnumMap<>(Purpose.class);
        for (Purpose purpose : Purpose.values()) {
            JsonNode body = f.root().get(purpose.section());
            if (body == null) {
                continue;
            }
            List<Rule> rules = new ArrayList<>();
            for (String field : body.propertyNames()) {
                String at = purpose.section() + "." + field;
                problems.check(() -> rules.add(rule(f, field, body.get(field), at, codesDir)));
            }
            bodies.put(purpose, List.copyOf(rules));
        }
        problems.throwIfAny();
        return new TargetMapping(id, bodies);
    }

    private static Rule rule(ConfigFile f, String field, JsonNode spec, String at, Path codesDir) {
        List<String> target = List.of(field.split("\\."));
        if (target.stream().anyMatch(String::isEmpty)) {
            throw f.refused(at, "a target field is written a.b.c, with no empty part");
        }
        if (spec.isString()) {
            return new Rule(target, pointer(spec.asString()), null, null, null, null, false);
        }
        if (spec.has("path") == spec.has("value")) {
            throw f.refused(at, "give exactly one of path and value");
        }
        Map<String, String> codes = null;
        if (spec.has("codes")) {
            codes = codes(f, spec, at, codesDir);
        } else if (spec.has("reverse")) {
            throw f.refused(at + ".reverse", "reverse runs a code table the other way round: give codes too");
        }
        DateTimeFormatter date = null;
        if (spec.has("date")) {
            try {
                date = DateTimeFormatter.ofPattern(spec.path("date").asString()).withZone(ChinaTime.ZONE);
            } catch (IllegalArgumentException e) {
                throw f.refused(at + ".date", "not a java.time pattern: " + e.getMessage());
            }
        }
        return new Rule(target, spec.has("path") ? pointer(spec.path("path").asString()) : null,
                spec.has("value") ? spec.path("value").asString() : null, spec.has("default") ? spec.path("default").asString() : null,
                codes, date, spec.path("region").asBoolean(false));
    }

    private static Map<String, String> codes(ConfigFile f, JsonNode spec, String at, Path codesDir) {
        JsonNode table = spec.get("codes");
        if (table.isString()) {
            Path shared = codesDir.resolve(table.asString() + ".yaml");
            if (!Files.isRegularFile(shared)) {
                throw f.refused(at + ".codes", "shared code table '" + table.asString() + "' not found in mappings/codes/");
            }
            table = ConfigFiles.read(shared, ConfigSchema.CODE_TABLE).root().get("codes");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        boolean reverse = spec.path("reverse").asBoolean(false);
        for (Map.Entry<String, JsonNode> e : table.properties()) {
            String from = reverse ? e.getValue().asString() : e.getKey();
            String to = reverse ? e.getKey() : e.getValue().asString();
            if (entries.putIfAbsent(from, to) != null) {
                throw f.refused(at + ".codes", "the table cannot be run the other way round: two codes become '" + from + "'");
            }
        }
        return Map.copyOf(entries);
    }

    private static JsonPointer pointer(String dotted) {
        return JsonPointer.compile("/" + String.join("/", dotted.replace("~", "~0").replace("/", "~1").split("\\.")));
    }

    /** The target's body of a message of {@code purpose} from the unified case {@code unified}. */
    public ObjectNode body(Purpose purpose, JsonNode unified, ObjectMapper json) {
        ObjectNode body = json.createObjectNode();
        for (Rule rule : bodies.getOrDefault(purpose, List.of())) {
            String value = rule.value() != null ? rule.value() : text(unified.at(rule.path()));
            if (value != null && rule.codes() != null) {
                value = rule.codes().get(value);
            }
            if (value != null && rule.date() != null) {
                value = formatted(value, rule.date());
            }
            if (value != null && rule.region() && value.length() == 12) {
                value = value.substring(0, 6);
            }
            if (value == null) {
                value = rule.fallback();
            }
            if (value != null) {
                put(body, rule.target(), value);
            }
        }
        return body;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(n.asString()));
            return String.join(",", items);
        }
        return node.isValueNode() ? node.asString() : node.toString();
    }

    private static String formatted(String instant, DateTimeFormatter pattern) {
        try {
            return pattern.format(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            try {
                return pattern.format(OffsetDateTime.parse(instant));
            } catch (DateTimeParseException notATime) {
                return null;
            }
        }
    }

    private static void put(ObjectNode body, List<String> path, String value) {
        ObjectNode at = body;
        for (String part : path.subList(0, path.size() - 1)) {
            JsonNode next = at.get(part);
            at = next instanceof ObjectNode o ? o : at.putObject(part);
        }
        at.put(path.get(path.size() - 1), value);
    }
}
