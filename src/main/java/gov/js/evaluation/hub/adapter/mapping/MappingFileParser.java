package gov.js.evaluation.hub.adapter.mapping;

import gov.js.evaluation.hub.adapter.AdapterConfigException;
import gov.js.evaluation.hub.config.ConfigFiles;
import gov.js.evaluation.hub.config.YamlLines;
import gov.js.evaluation.hub.schema.UnifiedField;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * Reads and checks a mapping file ({@code mappings/<name>.yaml}). Every mistake is reported with the
 * file and the field it is in, so a broken file is refused at load time, not at the first record.
 * The format is documented in {@code mappings/README.md}.
 */
public final class MappingFileParser {

    private static final Set<String> TOP_KEYS = Set.of("mapping", "description", "recordId", "fields", "channelDetail");
    private static final Set<String> RULE_KEYS = Set.of("path", "value", "join", "separator", "default", "codes", "date", "zone",
            "region", "split", "when");
    private static final Set<String> WHEN_KEYS = Set.of("path", "equals", "in", "present");
    /** The shared table that {@code region: true} reads names with ({@code mappings/codes/<name>.yaml}). */
    public static final String REGION_TABLE = "regions-jiangsu";

    private final Path codesDir;
    /** Read once, on the first rule that asks for it; null while unread or when the file is missing. */
    private RegionTable regionTable;
    private boolean regionTableRead;

    public MappingFileParser(Path mappingsDir) {
        this.codesDir = mappingsDir.resolve("codes");
    }

    /**
     * @throws AdapterConfigException naming the file, the line and the problem
     */
    public MappingDefinition parse(Path file) {
        try {
            return parseUnlocated(file);
        } catch (AdapterConfigException e) {
            throw located(file, e);
        }
    }

    /** Messages here read "file: fields.x.y: problem"; the path gives the line. */
    private static AdapterConfigException located(Path file, AdapterConfigException e) {
        String prefix = file + ": ";
        String message = e.getMessage();
        if (!message.startsWith(prefix)) {
            return e;
        }
        String rest = message.substring(prefix.length());
        int colon = rest.indexOf(": ");
        String path = colon < 0 ? rest : rest.substring(0, colon);
        java.util.OptionalInt line = YamlLines.lineOf(file, path);
        return line.isPresent() ? new AdapterConfigException(file + ":" + line.getAsInt() + ": " + rest, e) : e;
    }

    private MappingDefinition parseUnlocated(Path file) {
        JsonNode root = ConfigFiles.read(file);
        String where = file.toString();
        for (String key : root.propertyNames()) {
            if (!TOP_KEYS.contains(key)) {
                throw new AdapterConfigException(where + ": unknown key '" + key + "' (allowed: " + TOP_KEYS + ")");
            }
        }
        String name = root.path("mapping").asString(null);
        if (name == null || name.isBlank()) {
            throw new AdapterConfigException(where + ": 'mapping' (the mapping's name) is required");
        }
        JsonNode fields = root.path("fields");
        if (!fields.isObject() || fields.isEmpty()) {
            throw new AdapterConfigException(where + ": 'fields' must map unified field names to rules");
        }
        List<FieldRule> rules = new ArrayList<>();
        for (String fieldName : fields.propertyNames()) {
            UnifiedField target = UnifiedField.byWireName(fieldName).orElseThrow(() -> new AdapterConfigException(
                    where + ": fields." + fieldName + ": not a field of the unified schema v1"));
            JsonNode spec = fields.get(fieldName);
            String at = where + ": fields." + fieldName;
            if (spec.isArray()) {
                if (spec.isEmpty()) {
                    throw new AdapterConfigException(at + ": a list of rules must not be empty");
                }
                for (int i = 0; i < spec.size(); i++) {
                    rules.add(rule(target, spec.get(i), at + "[" + i + "]"));
                }
            } else {
                rules.add(rule(target, spec, at));
            }
        }
        JsonNode recordId = root.path("recordId");
        return new MappingDefinition(name, root.path("description").asString(""),
                recordId.isMissingNode() ? null : pointer(recordId.asString(), where + ": recordId"), rules,
                ChannelDetailRules.parse(root.path("channelDetail"), where));
    }

    private FieldRule rule(UnifiedField target, JsonNode spec, String where) {
        if (spec.isString()) {
            return FieldRule.fromPath(target, pointer(spec.asString(), where));
        }
        if (!spec.isObject()) {
            throw new AdapterConfigException(where + ": expected a source path or a rule object");
        }
        for (String key : spec.propertyNames()) {
            if (!RULE_KEYS.contains(key)) {
                throw new AdapterConfigException(where + ": unknown key '" + key + "' (allowed: " + RULE_KEYS + ")");
            }
        }
        boolean hasPath = spec.has("path");
        boolean hasValue = spec.has("value");
        boolean hasJoin = spec.has("join");
        if ((hasPath ? 1 : 0) + (hasValue ? 1 : 0) + (hasJoin ? 1 : 0) != 1) {
            throw new AdapterConfigException(where + ": give exactly one of 'path' (read from the record), 'value' (fixed)"
                    + " or 'join' (several paths joined)");
        }
        JsonPointer path = hasPath ? pointer(spec.get("path").asString(), where + ".path") : null;
        String fixed = hasValue ? spec.get("value").asString() : null;
        List<JsonPointer> join = hasJoin ? join(spec.get("join"), where + ".join") : null;
        if (spec.has("separator") && !hasJoin) {
            throw new AdapterConfigException(where + ": 'separator' only goes with 'join'");
        }
        if (spec.has("separator") && !spec.get("separator").isValueNode()) {
            throw new AdapterConfigException(where + ".separator: expected text");
        }
        String separator = hasJoin ? spec.path("separator").asString(" ") : null;
        String dflt = spec.has("default") ? spec.get("default").asString() : null;
        CodeTable codes = spec.has("codes") ? codes(spec.get("codes"), where + ".codes") : null;
        DateSpec date = spec.has("date") ? date(spec, where) : null;
        if (date != null && target.kind() != UnifiedField.Kind.TIME) {
            throw new AdapterConfigException(where + ": 'date' only applies to time fields");
        }
        JsonNode regionNode = spec.path("region");
        if (!regionNode.isMissingNode() && !regionNode.isBoolean()
                && !(regionNode.isString() && regionNode.asString().strip().matches("(?i)true|false"))) {
            throw new AdapterConfigException(where + ".region: expected true or false");
        }
        boolean region = regionNode.isString() ? Boolean.parseBoolean(regionNode.asString().strip()) : regionNode.asBoolean(false);
        String split = spec.has("split") ? spec.get("split").asString() : null;
        Condition when = spec.has("when") ? when(spec.get("when"), where + ".when") : null;
        return new FieldRule(target, path, fixed, join, separator, dflt, codes, date, region, region ? regionTable() : null,
                split, when);
    }

    private static List<JsonPointer> join(JsonNode node, String where) {
        if (!node.isArray() || node.size() < 2) {
            throw new AdapterConfigException(where + ": expected a list of at least two source paths");
        }
        List<JsonPointer> parts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isString()) {
                throw new AdapterConfigException(where + "[" + i + "]: expected a source path");
            }
            parts.add(pointer(node.get(i).asString(), where + "[" + i + "]"));
        }
        return parts;
    }

    private static Condition when(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new AdapterConfigException(where + ": expected { path: …, equals: … }, { path: …, in: [ … ] }"
                    + " or { path: …, present: true|false }");
        }
        for (String key : node.propertyNames()) {
            if (!WHEN_KEYS.contains(key)) {
                throw new AdapterConfigException(where + ": unknown key '" + key + "' (allowed: " + WHEN_KEYS + ")");
            }
        }
        if (!node.has("path") || !node.get("path").isString()) {
            throw new AdapterConfigException(where + ": 'path' (the source value the condition looks at) is required");
        }
        String pathText = node.get("path").asString();
        JsonPointer path = pointer(pathText, where + ".path");
        int tests = (node.has("equals") ? 1 : 0) + (node.has("in") ? 1 : 0) + (node.has("present") ? 1 : 0);
        if (tests != 1) {
            throw new AdapterConfigException(where + ": give exactly one of 'equals', 'in' or 'present'");
        }
        if (node.has("equals")) {
            JsonNode v = node.get("equals");
            if (!v.isValueNode() || v.isNull()) {
                throw new AdapterConfigException(where + ".equals: expected a single value");
            }
            return new Condition(pathText, path, Condition.Test.EQUALS, List.of(v.asString().strip()));
        }
        if (node.has("in")) {
            JsonNode list = node.get("in");
            if (!list.isArray() || list.isEmpty()) {
                throw new AdapterConfigException(where + ".in: expected a non-empty list of values");
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isValueNode() || list.get(i).isNull()) {
                    throw new AdapterConfigException(where + ".in[" + i + "]: expected a single value");
                }
                values.add(list.get(i).asString().strip());
            }
            return new Condition(pathText, path, Condition.Test.IN, values);
        }
        JsonNode present = node.get("present");
        if (!present.isBoolean()) {
            throw new AdapterConfigException(where + ".present: expected true or false");
        }
        return new Condition(pathText, path, present.asBoolean() ? Condition.Test.PRESENT : Condition.Test.ABSENT, List.of());
    }

    /** The shared region-name table; null when the file is missing (names then fail when a record uses one). */
    private RegionTable regionTable() {
        if (!regionTableRead) {
            Path file = codesDir.resolve(REGION_TABLE + ".yaml");
            regionTable = Files.isRegularFile(file) ? RegionTable.load(file, REGION_TABLE) : null;
            regionTableRead = true;
        }
        return regionTable;
    }

    private CodeTable codes(JsonNode node, String where) {
        if (node.isString()) {
            Path shared = codesDir.resolve(node.asString() + ".yaml");
            if (!Files.isRegularFile(shared)) {
                throw new AdapterConfigException(where + ": shared code table '" + node.asString() + "' not found at " + shared);
            }
            JsonNode table = ConfigFiles.read(shared);
            return new CodeTable(node.asString(), entries(table.path("codes"), shared + ": codes"));
        }
        return new CodeTable("inline", entries(node, where));
    }

    private static Map<String, String> entries(JsonNode node, String where) {
        if (!node.isObject() || node.isEmpty()) {
            throw new AdapterConfigException(where + ": expected a table of source value: unified code");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (String key : node.propertyNames()) {
            JsonNode v = node.get(key);
            if (!v.isValueNode()) {
                throw new AdapterConfigException(where + "." + key + ": the unified code must be a plain value");
            }
            entries.put(key, v.asString());
        }
        return entries;
    }

    private static DateSpec date(JsonNode spec, String where) {
        String pattern = spec.get("date").asString();
        DateTimeFormatter formatter;
        try {
            formatter = DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.SMART);
        } catch (IllegalArgumentException e) {
            throw new AdapterConfigException(where + ".date: bad pattern '" + pattern + "': " + e.getMessage());
        }
        ZoneId zone;
        try {
            zone = spec.has("zone") ? ZoneId.of(spec.get("zone").asString()) : gov.js.evaluation.hub.schema.ChinaTime.ZONE;
        } catch (DateTimeException e) {
            throw new AdapterConfigException(where + ".zone: unknown time zone '" + spec.get("zone").asString() + "'");
        }
        return new DateSpec(pattern, formatter, zone);
    }

    private static JsonPointer pointer(String path, String where) {
        return MappingPaths.pointer(path, where);
    }
}
