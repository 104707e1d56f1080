package gov.js.evaluation.hub.validate;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.schema.UnifiedField;
import gov.js.evaluation.hub.validate.rules.RuleContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whatever a unified record holds (any subset of the fields, each any text, number, list or object, hostile
 * characters and lengths included), validation answers with errors of known codes and never fails; no message quotes
 * a value. Every text value carries a marker, and no message may contain it.
 */
class ValidationPropertyTest {

    private static final String MARKER = "QZ7";
    private static final Set<String> CODES = Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());
    private static final EvaluationValidator VALIDATOR = new EvaluationValidator(new UnifiedSchema(), Duration.ofMinutes(5));

    @Property(tries = 500)
    void anyRecordGetsCodedErrorsThatQuoteNoValue(@ForAll("records") ObjectNode record) {
        List<FieldError> errors = VALIDATOR.validate(record, new RuleContext(Instant.now(), "320500"));

        assertThat(errors).allSatisfy(e -> {
            assertThat(CODES).contains(e.code());
            assertThat(e.field()).isNotBlank();
            assertThat(e.message()).isNotBlank().doesNotContain(MARKER);
        });
    }

    @Provide
    Arbitrary<ObjectNode> records() {
        List<String> fields = Arrays.stream(UnifiedField.values()).map(UnifiedField::wireName).toList();
        return Arbitraries.subsetOf(fields).flatMap(chosen -> values().list().ofSize(chosen.size()).map(values -> {
            ObjectNode record = JsonNodeFactory.instance.objectNode();
            int i = 0;
            for (String field : chosen) {
                record.set(field, values.get(i++));
            }
            return record;
        }));
    }

    private static Arbitrary<JsonNode> values() {
        Arbitrary<String> texts = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(60), Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.of("1", "2", "5", "9", "320500", "320508000000", "2026-11-26 10:15:00", "0000-01-01 00:00:00",
                        "11320100MB1234567A", "501,502", "\u0000", "\uD800", "320102199003071239"),
                Arbitraries.strings().withChars("0123456789,").ofMinLength(500).ofMaxLength(9000));
        JsonNodeFactory f = JsonNodeFactory.instance;
        return Arbitraries.oneOf(
                texts.map(t -> f.stringNode(t + MARKER)),
                texts.map(t -> f.stringNode(MARKER + t)),
                Arbitraries.integers().map(f::numberNode),
                Arbitraries.doubles().map(f::numberNode),
                Arbitraries.of(f.nullNode(), f.booleanNode(true), f.arrayNode(), f.objectNode()),
                texts.list().ofMaxSize(5).map(l -> {
                    var a = f.arrayNode();
                    l.forEach(t -> a.add(t + MARKER));
                    return a;
                }),
                texts.map(t -> f.objectNode().put("x", t + MARKER)));
    }
}
