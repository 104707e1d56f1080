package gov.js.evaluation.hub.adapter.mapping;

import gov.js.evaluation.hub.adapter.EvaluationAdapter;
import gov.js.evaluation.hub.adapter.MappingResult;
import gov.js.evaluation.hub.decode.SourceRecord;
import gov.js.evaluation.hub.schema.ChinaTime;
import gov.js.evaluation.hub.schema.MappedField;
import gov.js.evaluation.hub.schema.UnifiedField;
import gov.js.evaluation.hub.validate.UnifiedSchema;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/** An adapter made from a mapping file: applies each field rule to a record's tree. */
public final class MappingAdapter implements EvaluationAdapter {

    private final String id;
    private final String version;
    private final MappingDefinition mapping;
    /** Each field's rules in file order; the first that applies and yields a value fills the field. */
    private final Map<MappedField, List<FieldRule>> rulesByField = new LinkedHashMap<>();

    /** What one rule did with a record. */
    private enum Outcome {
        /** the field has its value (or the record's wrong-typed value, for validation to name) */
        FILLED,
        /** the value could not be mapped; the error is recorded */
        FAILED,
        /** nothing to map: the next rule of the field may try */
        NOTHING
    }

    public MappingAdapter(String id, String version, MappingDefinition mapping) {
        this.id = id;
        this.version = version;
        this.mapping = mapping;
        for (FieldRule rule : mapping.fields()) {
            rulesByField.computeIfAbsent(rule.target(), f -> new ArrayList<>()).add(rule);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public boolean producesCaseEvents() {
        return mapping.target() == MappingDefinition.Target.CASE_EVENT;
    }

    @Override
    public MappingResult map(SourceRecord record) {
        ObjectNode unified = JsonNodeFactory.instance.objectNode();
        List<FieldError> errors = new ArrayList<>();
        JsonNode content = record.content();
        if (content == null || !content.isObject()) {
            errors.add(FieldError.of("record", ErrorCode.MAPPING_FAILED,
                    "a record must be a JSON object with the " + (producesCaseEvents() ? "case event's" : "evaluation's")
                            + " fields, not " + describe(content)));
            return new MappingResult(unified, null, errors);
        }
        Map<String, String> lookedAt = new LinkedHashMap<>();
        for (List<FieldRule> rules : rulesByField.values()) {
            List<String> read = new ArrayList<>();
            boolean settled = false;
            for (FieldRule rule : rules) {
                if (rule.when() != null && !rule.when().matches(content)) {
                    continue;
                }
                read.addAll(sourcesOf(rule));
                if (apply(rule, content, unified, errors) != Outcome.NOTHING) {
                    settled = true;
                    break;
                }
            }
            if (!settled) {
                lookedAt.put(rules.get(0).target().wireName(), read.isEmpty()
                        ? "applies none of its rules for it to this record (their when conditions do not hold)"
                        : "reads it from " + String.join(", then ", read) + ", which the record does not have (missing, null or blank)");
            }
        }
        String recordId = null;
        if (mapping.recordIdPath() != null) {
            JsonNode idNode = content.at(mapping.recordIdPath());
            recordId = idNode.isValueNode() && !idNode.isNull() ? idNode.asString() : null;
        }
        ObjectNode channelDetail = mapping.channelDetail().apply(content, errors);
        return new MappingResult(unified, recordId, errors, channelDetail, null, lookedAt);
    }

    /** The source paths a rule reads, as a mapping file writes them (dotted where that is unambiguous). */
    private static List<String> sourcesOf(FieldRule rule) {
        if (rule.path() != null) {
            return List.of(written(rule.path()));
        }
        return rule.join() == null ? List.of() : List.of(rule.join().stream().map(MappingAdapter::written)
                .collect(Collectors.joining(" + ")));
    }

    private static String written(JsonPointer pointer) {
        List<String> steps = new ArrayList<>();
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
            String step = p.getMatchingProperty();
            if (step.isEmpty() || step.contains(".") || step.contains("/")) {
                return pointer.toString();
            }
            steps.add(step);
        }
        return String.join(".", steps);
    }

    private Outcome apply(FieldRule rule, JsonNode content, ObjectNode unified, List<FieldError> errors) {
        MappedField field = rule.target();
        JsonNode value;
        if (rule.fixedValue() != null) {
            value = JsonNodeFactory.instance.stringNode(rule.fixedValue());
        } else if (rule.join() != null) {
            value = joined(rule, content, errors);
            if (value == null) {
                return Outcome.FAILED;
            }
        } else {
            value = content.at(rule.path());
        }
        if (isAbsent(value)) {
            if (rule.defaultValue() == null) {
                return Outcome.NOTHING;
            }
            value = JsonNodeFactory.instance.stringNode(rule.defaultValue());
        }
        if (!value.isValueNode()) {
            if (field.kind() == UnifiedField.Kind.LIST && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    if (!value.get(i).isValueNode()) {
                        errors.add(FieldError.of(field.wireName(), ErrorCode.MAPPING_FAILED, field.wireName()
                                + ": element " + (i + 1) + " of the source's list is " + describe(value.get(i)) + ", not a code"));
                        return Outcome.FAILED;
                    }
                }
                value = JsonNodeFactory.instance.stringNode(StreamSupport.stream(value.spliterator(), false)
                        .map(JsonNode::asString).collect(Collectors.joining(",")));
            } else {
                unified.set(field.wireName(), value); // schema validation names the wrong type
                return Outcome.FILLED;
            }
        }
        String text = value.asString().strip();
        if (rule.codes() != null) {
            var translated = rule.codes().translate(text);
            if (translated.isEmpty()) {
                errors.add(FieldError.of(field.wireName(), ErrorCode.MAPPING_FAILED, field.wireName()
                        + ": the source's value has no entry in code table '" + rule.codes().name() + "' (known: "
                        + String.join(", ", rule.codes().entries().keySet()) + ")"));
                return Outcome.FAILED;
            }
            text = translated.get();
        }
        if (rule.region()) {
            String region = region(rule, text, errors);
            if (region == null) {
                return Outcome.FAILED;
            }
            text = region;
        }
        if (rule.date() != null) {
            String wire = toWireTime(text, rule.date());
            if (wire == null) {
                errors.add(isShapedLike(text, rule.date())
                        ? FieldError.of(field.wireName(), ErrorCode.INVALID_FORMAT, field.wireName() + " is not a real date and "
                                + "time (the source's value has the form of its date format " + rule.date().pattern() + ")")
                        : FieldError.of(field.wireName(), ErrorCode.MAPPING_FAILED, field.wireName()
                                + ": the source's value does not match its date format " + rule.date().pattern()));
                return Outcome.FAILED;
            }
            text = wire;
        }
        if (field.kind() == UnifiedField.Kind.LIST) {
            text = Arrays.stream((rule.split() == null ? SplitPattern.COMMA : rule.split()).split(text)).map(String::strip)
                    .filter(s -> !s.isEmpty()).collect(Collectors.joining(","));
        }
        if (text.isEmpty()) {
            return Outcome.NOTHING;
        }
        unified.set(field.wireName(), UnifiedSchema.wireValue(field, text));
        return Outcome.FILLED;
    }

    /** The parts of a {@code join} that are there, trimmed, with the separator between; null after an error. */
    private static JsonNode joined(FieldRule rule, JsonNode content, List<FieldError> errors) {
        List<String> parts = new ArrayList<>();
        for (JsonPointer pointer : rule.join()) {
            JsonNode part = content.at(pointer);
            if (isAbsent(part)) {
                continue;
            }
            if (part.isArray()) {
                for (JsonNode element : part) {
                    if (element.isValueNode() && !isAbsent(element)) {
                        parts.add(element.asString().strip());
                    }
                }
            } else if (part.isValueNode()) {
                parts.add(part.asString().strip());
            } else {
                errors.add(FieldError.of(rule.target().wireName(), ErrorCode.MAPPING_FAILED, rule.target().wireName()
                        + ": the joined source value at " + pointer + " is an object, not text"));
                return null;
            }
        }
        return parts.isEmpty() ? MissingNode.getInstance() : JsonNodeFactory.instance.stringNode(String.join(rule.separator(), parts));
    }

    /**
     * A region code (6 digits become 12) or a region name looked up in the region table; null after
     * an error. Text with digits in it is left for validation to judge, as before names were read.
     */
    private static String region(FieldRule rule, String text, List<FieldError> errors) {
        if (text.isEmpty() || text.chars().anyMatch(c -> c >= '0' && c <= '9')) {
            return RegionCode.normalise(text);
        }
        String field = rule.target().wireName();
        if (rule.regionNames() == null) {
            errors.add(FieldError.of(field, ErrorCode.MAPPING_FAILED, field + " is a region name, but the region table '"
                    + MappingFileParser.REGION_TABLE + "' (mappings/codes/" + MappingFileParser.REGION_TABLE
                    + ".yaml) was not there when the mapping loaded"));
            return null;
        }
        RegionTable.Lookup found = rule.regionNames().lookup(text);
        if (found.code() == null) {
            errors.add(FieldError.of(field, ErrorCode.MAPPING_FAILED, field + " " + found.problem()));
            return null;
        }
        return found.code();
    }

    private static String toWireTime(String text, DateSpec spec) {
        try {
            TemporalAccessor parsed = spec.formatter().parse(text);
            LocalDate date = parsed.query(TemporalQueries.localDate());
            if (date == null) {
                return null;
            }
            var time = parsed.query(TemporalQueries.localTime());
            LocalDateTime local = time == null ? date.atStartOfDay() : date.atTime(time);
            return ChinaTime.format(local.atZone(spec.zone()).toInstant());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The text has the pattern's form (digits where digits belong…), though it may name no real time. */
    private static boolean isShapedLike(String text, DateSpec spec) {
        java.text.ParsePosition at = new java.text.ParsePosition(0);
        return spec.formatter().parseUnresolved(text, at) != null && at.getErrorIndex() < 0 && at.getIndex() == text.length();
    }

    static boolean isAbsent(JsonNode v) {
        return v == null || v.isMissingNode() || v.isNull() || (v.isString() && v.asString().isBlank());
    }

    private static String describe(JsonNode n) {
        if (n == null) {
            return "nothing";
        }
        return n.isArray() ? "an array" : n.isValueNode() ? "a single value" : n.getNodeType().toString().toLowerCase();
    }
}
