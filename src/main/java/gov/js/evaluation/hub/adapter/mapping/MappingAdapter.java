package gov.js.evaluation.hub.adapter.mapping;

import gov.js.evaluation.hub.adapter.EvaluationAdapter;
import gov.js.evaluation.hub.adapter.MappingResult;
import gov.js.evaluation.hub.decode.SourceRecord;
import gov.js.evaluation.hub.schema.ChinaTime;
import gov.js.evaluation.hub.schema.UnifiedField;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** An adapter made from a mapping file: applies each field rule to a record's tree. */
public final class MappingAdapter implements EvaluationAdapter {

    private final String id;
    private final String version;
    private final MappingDefinition mapping;

    public MappingAdapter(String id, String version, MappingDefinition mapping) {
        this.id = id;
        this.version = version;
        this.mapping = mapping;
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
    public MappingResult map(SourceRecord record) {
        ObjectNode unified = JsonNodeFactory.instance.objectNode();
        List<FieldError> errors = new ArrayList<>();
        JsonNode content = record.content();
        if (content == null || !content.isObject()) {
            errors.add(FieldError.of("record", ErrorCode.MAPPING_FAILED,
                    "a record must be a JSON object with the evaluation's fields, not " + describe(content)));
            return new MappingResult(unified, null, errors);
        }
        for (FieldRule rule : mapping.fields()) {
            apply(rule, content, unified, errors);
        }
        String recordId = null;
        if (mapping.recordIdPath() != null) {
            JsonNode idNode = content.at(mapping.recordIdPath());
            recordId = idNode.isValueNode() && !idNode.isNull() ? idNode.asString() : null;
        }
        return new MappingResult(unified, recordId, errors, mapping.channelDetail().apply(content));
    }

    private void apply(FieldRule rule, JsonNode content, ObjectNode unified, List<FieldError> errors) {
        UnifiedField field = rule.target();
        JsonNode value = rule.fixedValue() != null
                ? JsonNodeFactory.instance.stringNode(rule.fixedValue())
                : content.at(rule.path());
        if (isAbsent(value)) {
            if (rule.defaultValue() == null) {
                return;
            }
            value = JsonNodeFactory.instance.stringNode(rule.defaultValue());
        }
        if (!value.isValueNode()) {
            if (field.kind() == UnifiedField.Kind.LIST && value.isArray()) {
                value = JsonNodeFactory.instance.stringNode(StreamSupport.stream(value.spliterator(), false)
                        .map(JsonNode::asString).collect(Collectors.joining(",")));
            } else {
                unified.set(field.wireName(), value); // schema validation names the wrong type
                return;
            }
        }
        String text = value.asString().strip();
        if (rule.codes() != null) {
            var translated = rule.codes().translate(text);
            if (translated.isEmpty()) {
                errors.add(FieldError.of(field.wireName(), ErrorCode.MAPPING_FAILED, field.wireName() + " source value "
                        + (field.personal() ? "" : "'" + text + "' ") + "has no entry in code table '"
                        + rule.codes().name() + "' (known: " + String.join(", ", rule.codes().entries().keySet()) + ")"));
                return;
            }
            text = translated.get();
        }
        if (rule.region()) {
            text = RegionCode.normalise(text);
        }
        if (rule.date() != null) {
            String wire = toWireTime(text, rule.date());
            if (wire == null) {
                errors.add(FieldError.of(field.wireName(), ErrorCode.MAPPING_FAILED, field.wireName() + " '" + text
                        + "' does not match the source's date format " + rule.date().pattern()));
                return;
            }
            text = wire;
        }
        if (field.kind() == UnifiedField.Kind.LIST) {
            String separator = rule.split() == null ? "," : rule.split();
            text = Arrays.stream(text.split(separator)).map(String::strip).filter(s -> !s.isEmpty())
                    .collect(Collectors.joining(","));
        }
        if (text.isEmpty()) {
            return;
        }
        if (field.kind() == UnifiedField.Kind.INTEGER && text.matches("-?[0-9]{1,9}")) {
            unified.put(field.wireName(), Integer.parseInt(text));
        } else {
            unified.put(field.wireName(), text);
        }
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

    private static boolean isAbsent(JsonNode v) {
        return v == null || v.isMissingNode() || v.isNull() || (v.isString() && v.asString().isBlank());
    }

    private static String describe(JsonNode n) {
        if (n == null) {
            return "nothing";
        }
        return n.isArray() ? "an array" : n.isValueNode() ? "a single value" : n.getNodeType().toString().toLowerCase();
    }
}
