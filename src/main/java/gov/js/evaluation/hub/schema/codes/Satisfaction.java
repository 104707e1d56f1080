package gov.js.evaluation.hub.schema.codes;

import com.fasterxml.jackson.annotation.JsonValue;

/** Rating (satisfaction), national order: 1 is the worst. GB/T 39046 appendix A.8 is reversed; adapters translate it. */
public enum Satisfaction implements CodedValue {
    VERY_DISSATISFIED("1", "very dissatisfied"),
    DISSATISFIED("2", "dissatisfied"),
    BASICALLY_SATISFIED("3", "basically satisfied"),
    SATISFIED("4", "satisfied"),
    VERY_SATISFIED("5", "very satisfied");

    private final String code;
    private final String label;

    Satisfaction(String code, String label) {
        this.code = code;
        this.label = label;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @Override
    public String label() {
        return label;
    }
}
