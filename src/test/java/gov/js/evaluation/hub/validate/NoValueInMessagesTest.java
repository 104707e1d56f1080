package gov.js.evaluation.hub.validate;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.adapter.mapping.MappingAdapter;
import gov.js.evaluation.hub.adapter.mapping.MappingFileParser;
import gov.js.evaluation.hub.decode.SourceRecord;
import gov.js.evaluation.hub.schema.UnifiedField;
import gov.js.evaluation.hub.validate.rules.RuleContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Refusal messages name the field and the rule, never the value: a value can be anything a person typed
 * (a phone number in a code field, an ID number in a name). Every field gets values that break its rules, each
 * carrying a marker, and no message may contain the marker.
 */
class NoValueInMessagesTest {

    private static final String MARKER = "13912345678";
    private final EvaluationValidator validator = new EvaluationValidator(new UnifiedSchema(), Duration.ofMinutes(5));
    private final RuleContext context = new RuleContext(Instant.now(), "320500");

    @Test
    void schemaAndRuleMessagesNeverQuoteTheValue() {
        List<String> shapes = List.of(MARKER, "X" + MARKER, MARKER + "-" + MARKER, "2026-11-26 10:15:" + MARKER,
                "3201" + MARKER + "000", "9" + MARKER + "ABCDEF");
        List<FieldError> errors = new ArrayList<>();
        for (UnifiedField field : UnifiedField.values()) {
            for (String value : shapes) {
                ObjectNode record = Evaluations.valid();
                record.put("pf", "1");
                record.put(field.wireName(), value);
                errors.addAll(validator.validate(record, context));
            }
            ObjectNode record = Evaluations.valid();
            record.put(field.wireName(), Long.parseLong(MARKER));
            errors.addAll(validator.validate(record, context));
        }
        ObjectNode future = Evaluations.valid();
        future.put("assessTime", "2099-01-01 00:00:00");
        future.put("deptCode", "11320100MB1234567B");
        future.put("certKey", "320102199003071230");
        errors.addAll(validator.validate(future, context));

        assertThat(errors).hasSizeGreaterThan(UnifiedField.values().length);
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).doesNotContain(MARKER, "2099", "11320100MB1234567B", "320102199003071230"));
    }

    @Test
    void anUnknownFieldIsNamedOnlyWhenItsNameIsPlain() {
        ObjectNode record = Evaluations.valid();
        int fields = record.size();
        record.put("tel" + MARKER, "1");
        record.put("zqx\u0000<script>", "2");
        record.put("colour", "3");

        List<FieldError> errors = validator.validate(record, context).stream().filter(e -> e.code().equals("UNKNOWN_FIELD")).toList();

        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("#" + (fields + 1), "#" + (fields + 2), "colour");
        assertThat(errors).allSatisfy(e -> assertThat(e.field() + e.message()).doesNotContain(MARKER, "script", "\u0000"));
    }

    @Test
    void mappingMessagesNeverQuoteTheValue() {
        MappingAdapter suzhou = new MappingAdapter("city-320500-xml", "1",
                new MappingFileParser(Path.of("mappings")).parse(Path.of("mappings", "city-320500-xml.yaml")));
        ObjectNode record = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        record.put("pjqd", "渠道" + MARKER);            // not in the channel table
        record.put("myd", MARKER);                     // not in the satisfaction table
        record.put("pjsj", "2026/11/26 " + MARKER);    // not the date format
        record.put("xzqh", "南京市" + MARKER + "区");   // not a region name
        record.put("pjrlx", MARKER);

        List<FieldError> errors = suzhou.map(SourceRecord.parsed(0, record, record.toString())).errors();

        assertThat(errors).extracting(FieldError::field).contains("pf", "satisfaction", "assessTime", "userProp");
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).doesNotContain(MARKER));
    }
}
