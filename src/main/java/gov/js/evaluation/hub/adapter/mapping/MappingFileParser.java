package gov.js.evaluation.hub.adapter.mapping;

import gov.js.evaluation.hub.adapter.AdapterConfigException;
import gov.js.evaluation.hub.config.ConfigFiles;
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
    private static final Set<String> RULE_KEYS = Set.of("path", "value", "default", "codes", "date", "zone", "region", "split");

    private final Path codesDir;

    public MappingFileParser(Path mappingsDir) {
        this.codesDir = mappingsDir.resolve("codes");
    }

    public MappingDefinition parse(Path file) {
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
            rules.add(rule(target, fields.get(fieldName), where + ": fields." + fieldName));
        }
        JsonNode recordId = root.path("recordId");
        return new MappingDefinition(name, root.path("description").asString(""),
                recordId.isMissingNode() ? null : pointer(recordId.asString(), where + ": recordId"), rules,
                ChannelDetailRules.parse(root.path("channelDetail"), where));
    }

    private FieldRule rule(UnifiedField target, JsonNode spec, String where) {
        if (spec.isString()) {
            return new FieldRule(target, pointer(spec.asString(), where), null, null, null, null, false, null);
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
        if (hasPath == hasValue) {
            throw new AdapterConfigException(where + ": give exactly one of 'path' (read from the record) or 'value' (fixed)");
        }
        JsonPointer path = hasPath ? pointer(spec.get("path").asString(), where + ".path") : null;
        String fixed = hasValue ? spec.get("value").asString() : null;
        String dflt = spec.has("default") ? spec.get("default").asString() : null;
        CodeTable codes = spec.has("codes") ? codes(spec.get("codes"), where + ".codes") : null;
        DateSpec date = spec.has("date") ? date(spec, where) : null;
        if (date != null && target.kind() != UnifiedField.Kind.TIME) {
            throw new AdapterConfigException(where + ": 'date' only applies to time fields");
        }
        boolean region = spec.path("region").asBoolean(false);
        String split = spec.has("split") ? spec.get("split").asString() : null;
        return new FieldRule(target, path, fixed, dflt, codes, date, region, split);
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
