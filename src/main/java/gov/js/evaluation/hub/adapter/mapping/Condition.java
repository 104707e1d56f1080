package gov.js.evaluation.hub.adapter.mapping;

import java.util.List;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * The {@code when:} of a rule: the rule applies only when the record's value at {@code path}
 * equals a value, is one of several, or is present (not missing, null or blank) or absent. Values are
 * compared as trimmed text.
 */
public record Condition(String pathText, JsonPointer path, Test test, List<String> values) {

    /** What a condition asks of the value. */
    public enum Test {
        EQUALS, IN, PRESENT, ABSENT
    }

    public Condition {
        values = List.copyOf(values);
    }

    public boolean matches(JsonNode record) {
        JsonNode v = record.at(path);
        boolean present = !MappingAdapter.isAbsent(v);
        return switch (test) {
            case PRESENT -> present;
            case ABSENT -> !present;
            case EQUALS, IN -> present && v.isValueNode() && values.contains(v.asString().strip());
        };
    }
}
