package gov.js.evaluation.hub.adapter.mapping;

import com.google.re2j.Pattern;
import gov.js.evaluation.hub.config.ConfigFile;
import gov.js.evaluation.hub.config.ConfigFileException;
import gov.js.evaluation.hub.config.ConfigFiles;
import gov.js.evaluation.hub.config.ConfigProblems;
import gov.js.evaluation.hub.config.ConfigSchema;
import gov.js.evaluation.hub.schema.CaseEventField;
import gov.js.evaluation.hub.schema.ChinaTime;
import gov.js.evaluation.hub.schema.MappedField;
import gov.js.evaluation.hub.schema.UnifiedField;
import gov.js.evaluation.hub.validate.UnifiedSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * Reads and checks a mapping file ({@code mappings/<name>.yaml}): first through the mapping schema
 * (keys, types), then what the schema cannot know (paths, code tables, date patterns, zones, which
 * constructs go together). Every mistake of the file is reported at once, each with the file, the line
 * and the problem, so a broken file is refused at load time, not at the first record. The format is
 * documented in {@code docs/adapters.md}.
 */
public final class MappingFileParser {

    /** The shared table that {@code region: true} reads names with ({@code mappings/codes/<name>.yaml}). */
    public static final String REGION_TABLE = "regions-jiangsu";

    private final Path codesDir;
    /** Shared code tables already read, by name. */
    private final Map<String, CodeTable> sharedTables = new HashMap<>();
    /** Read once, on the first rule that asks for it; null while unread or when the file is missing. */
    private RegionTable regionTable;
    private ConfigFileException regionTableRefused;
    private boolean regionTableRead;

    public MappingFileParser(Path mappingsDir) {
        this.codesDir = mappingsDir.resolve("codes");
    }

    /**
     * @throws ConfigFileException with every mistake of the file (and of the code tables it names)
     */
    public MappingDefinition parse(Path file) {
        ConfigFile f = ConfigFiles.read(file, ConfigSchema.MAPPING);
        JsonNode root = f.root();
        ConfigProblems problems = new ConfigProblems();
        String id = root.get("mapping").asString();
        f.idNotFileName("mapping").ifPresent(problems::add);
        MappingDefinition.Target mapsInto = MappingDefinition.Target.of(root.path("target").asString("evaluation"));
        List<FieldRule> rules = new ArrayList<>();
        JsonNode fields = root.get("fields");
        for (String fieldName : fields.propertyNames()) {
            String at = "fields." + fieldName;
            // the schema knows only these; the check stays for a schema that would let another name through
            Optional<? extends MappedField> known = mapsInto == MappingDefinition.Target.CASE_EVENT
                    ? CaseEventField.byWireName(fieldName) : UnifiedField.byWireName(fieldName);
            if (known.isEmpty()) {
                problems.add(f.problem(at, "'" + fieldName + "' is not a field of the " + (mapsInto == MappingDefinition.Target.CASE_EVENT
                        ? "case event schema v1" : "unified schema v1")));
                continue;
            }
            MappedField target = known.get();
            JsonNode spec = fields.get(fieldName);
            if (spec.isArray()) {
                for (int i = 0; i < spec.size(); i++) {
                    JsonNode one = spec.get(i);
                    String atOne = at + "[" + i + "]";
                    problems.check(() -> rules.add(rule(f, target, one, atOne)));
                }
            } else {
                problems.check(() -> rules.add(rule(f, target, spec, at)));
            }
        }
        JsonPointer recordId = root.has("recordId")
                ? problems.value(() -> MappingPaths.pointer(f, root.get("recordId").asString(), "recordId")) : null;
        if (mapsInto == MappingDefinition.Target.CASE_EVENT && root.has("channelDetail")) {
            problems.add(f.problem("channelDetail", "a case event keeps no channel detail: put what the event says into its "
                    + "fields (note for a remark)"));
        }
        ChannelDetailRules channelDetail = problems.value(() -> ChannelDetailRules.parse(f));
        problems.throwIfAny();
        return new MappingDefinition(id, root.path("description").asString(""), recordId, rules,
                channelDetail, mapsInto);
    }

    private FieldRule rule(ConfigFile f, MappedField target, JsonNode spec, String at) {
        if (spec.isString()) {
            return FieldRule.fromPath(target, MappingPaths.pointer(f, spec.asString(), at));
        }
        ConfigProblems problems = new ConfigProblems();
        boolean hasPath = spec.has("path");
        boolean hasValue = spec.has("value");
        boolean hasJoin = spec.has("join");
        if ((hasPath ? 1 : 0) + (hasValue ? 1 : 0) + (hasJoin ? 1 : 0) != 1) {
            problems.add(f.problem(at, "give exactly one of 'path' (read from the record), 'value' (fixed) or 'join' (several paths joined)"));
        }
        JsonPointer path = hasPath ? problems.value(() -> MappingPaths.pointer(f, spec.get("path").asString(), at + ".path")) : null;
        List<JsonPointer> join = hasJoin ? problems.value(() -> join(f, spec.get("join"), at + ".join")) : null;
        if (spec.has("separator") && !hasJoin) {
            problems.add(f.problem(at + ".separator", "'separator' only goes with 'join'"));
        }
        CodeTable codes = spec.has("codes") ? problems.value(() -> codes(f, spec.get("codes"), at + ".codes")) : null;
        DateSpec date = null;
        if (spec.has("date")) {
            if (target.kind() != UnifiedField.Kind.TIME) {
                problems.add(f.problem(at + ".date", "'date' only applies to time fields"));
            }
            date = problems.value(() -> date(f, spec, at));
        } else if (spec.has("zone")) {
            problems.add(f.problem(at + ".zone", "'zone' only goes with 'date'"));
        }
        boolean region = "true".equals(spec.path("region").asString("false"));
        RegionTable names = region ? problems.value(this::regionTable) : null;
        Pattern split = null;
        if (spec.has("split")) {
            if (target.kind() != UnifiedField.Kind.LIST) {
                problems.add(f.problem(at + ".split", "'split' only applies to evalDetail (a list of codes)"));
            }
            try {
                split = SplitPattern.compile(spec.get("split").asString());
            } catch (IllegalArgumentException e) {
                problems.add(f.problem(at + ".split", e.getMessage()));
            }
        }
        Condition when = spec.has("when") ? problems.value(() -> when(f, spec.get("when"), at + ".when")) : null;
        if (date == null && !region && split == null && target.kind() != UnifiedField.Kind.TIME) {
            checkConstants(f, target, spec, codes, at, problems);
        }
        problems.throwIfAny();
        return new FieldRule(target, path, hasValue ? spec.get("value").asString() : null, join,
                hasJoin ? spec.path("separator").asString(" ") : null, spec.has("default") ? spec.get("default").asString() : null,
                codes, date, region, names, split, when);
    }

    /**
     * The values the rule itself can put into the field (its {@code value}, {@code default} or code table's targets)
     * must be values of the field: a code table that maps to pf "9" would reject every record it maps.
     */
    private static void checkConstants(ConfigFile f, MappedField target, JsonNode spec, CodeTable codes, String at,
                                       ConfigProblems problems) {
        if (codes != null) {
            boolean inline = spec.get("codes").isObject();
            codes.entries().forEach((key, code) -> checkConstant(f, target, code, inline ? at + ".codes." + key : at + ".codes",
                    inline ? "" : "code table '" + codes.name() + "' maps '" + key + "' to ", problems));
            return;
        }
        for (String key : List.of("value", "default")) {
            if (spec.has(key)) {
                checkConstant(f, target, spec.get(key).asString(), at + "." + key, "", problems);
            }
        }
    }

    private static void checkConstant(ConfigFile f, MappedField target, String value, String at, String what,
                                      ConfigProblems problems) {
        String text = value.strip();
        if (!text.isEmpty()) {
            UnifiedSchema.valueProblem(target, text).ifPresent(e -> problems.add(f.problem(at, what + "'" + text + "' is no value of "
                    + target.wireName() + ": " + e.message())));
        }
    }

    private static List<JsonPointer> join(ConfigFile f, JsonNode node, String at) {
        ConfigProblems problems = new ConfigProblems();
        List<JsonPointer> parts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String part = node.get(i).asString();
            String atPart = at + "[" + i + "]";
            problems.check(() -> parts.add(MappingPaths.pointer(f, part, atPart)));
        }
        problems.throwIfAny();
        return parts;
    }

    /** The schema has checked the keys and types; left is that exactly one test is given. */
    private static Condition when(ConfigFile f, JsonNode node, String at) {
        String pathText = node.get("path").asString();
        JsonPointer path = MappingPaths.pointer(f, pathText, at + ".path");
        int tests = (node.has("equals") ? 1 : 0) + (node.has("in") ? 1 : 0) + (node.has("present") ? 1 : 0);
        if (tests != 1) {
            throw f.refused(at, "give exactly one of 'equals', 'in' or 'present'");
        }
        if (node.has("equals")) {
            return new Condition(pathText, path, Condition.Test.EQUALS, List.of(node.get("equals").asString().strip()));
        }
        if (node.has("in")) {
            List<String> values = new ArrayList<>();
            node.get("in").forEach(v -> values.add(v.asString().strip()));
            return new Condition(pathText, path, Condition.Test.IN, values);
        }
        return new Condition(pathText, path, node.get("present").asBoolean() ? Condition.Test.PRESENT : Condition.Test.ABSENT,
                List.of());
    }

    /** The shared region-name table; null when the file is missing (names then fail when a record uses one). */
    private RegionTable regionTable() {
        if (regionTableRefused != null) {
            throw regionTableRefused;
        }
        if (!regionTableRead) {
            regionTableRead = true;
            Path file = codesDir.resolve(REGION_TABLE + ".yaml");
            try {
                regionTable = Files.isRegularFile(file) ? RegionTable.load(file, REGION_TABLE) : null;
            } catch (ConfigFileException e) {
                regionTableRefused = e;
                throw e;
            }
        }
        return regionTable;
    }

    /** An inline table, or the name of a shared one: the schema allows only names, so it lies inside mappings/codes/. */
    private CodeTable codes(ConfigFile f, JsonNode node, String at) {
        if (!node.isString()) {
            return new CodeTable("inline", entries(node));
        }
        String name = node.asString();
        CodeTable known = sharedTables.get(name);
        if (known != null) {
            return known;
        }
        Path shared = codesDir.resolve(name + ".yaml");
        if (!Files.isRegularFile(shared)) {
            throw f.refused(at, "shared code table '" + name + "' not found at " + shared);
        }
        CodeTable table = new CodeTable(name, entries(ConfigFiles.read(shared, ConfigSchema.CODE_TABLE).root().get("codes")));
        sharedTables.put(name, table);
        return table;
    }

    private static Map<String, String> entries(JsonNode table) {
        Map<String, String> entries = new LinkedHashMap<>();
        table.properties().forEach(e -> entries.put(e.getKey(), e.getValue().asString()));
        return entries;
    }

    /**
     * The pattern as a strict formatter reads it: dates are resolved strictly (2026/02/30, 24:00 and 10:60 are no
     * times, not another day), and strictly {@code y} (year of era) needs an era to resolve. So without an era
     * ({@code G}) in the pattern, its {@code y}s outside quoted text are read as {@code u} (the year, 2026 the same):
     * mapping files keep the {@code yyyy} everyone writes.
     */
    static String prolepticYears(String pattern) {
        StringBuilder letters = new StringBuilder();
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            quoted ^= c == '\'';
            letters.append(quoted || c == '\'' ? ' ' : c);
        }
        if (letters.indexOf("G") >= 0) {
            return pattern;
        }
        StringBuilder out = new StringBuilder(pattern);
        for (int i = 0; i < out.length(); i++) {
            if (letters.charAt(i) == 'y') {
                out.setCharAt(i, 'u');
            }
        }
        return out.toString();
    }

    private static DateSpec date(ConfigFile f, JsonNode spec, String at) {
        ConfigProblems problems = new ConfigProblems();
        String pattern = spec.get("date").asString();
        DateTimeFormatter formatter = null;
        try {
            formatter = DateTimeFormatter.ofPattern(prolepticYears(pattern)).withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            problems.add(f.problem(at + ".date", "bad pattern '" + pattern + "': " + e.getMessage()));
        }
        ZoneId zone = ChinaTime.ZONE;
        if (spec.has("zone")) {
            try {
                zone = ZoneId.of(spec.get("zone").asString());
            } catch (DateTimeException e) {
                problems.add(f.problem(at + ".zone", "unknown time zone '" + spec.get("zone").asString() + "'"));
            }
        }
        problems.throwIfAny();
        return new DateSpec(pattern, formatter, zone);
    }
}
