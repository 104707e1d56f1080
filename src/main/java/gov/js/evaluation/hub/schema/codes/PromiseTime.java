package gov.js.evaluation.hub.schema.codes;

import com.fasterxml.jackson.annotation.JsonValue;

/** Case kind (promiseTime). Sources disagree on 1/2: the hub fixes 1 = immediate, 2 = promised-time; adapters translate. */
public enum PromiseTime implements CodedValue {
    IMMEDIATE("1", "immediate case (即办件)"),
    PROMISED("2", "promised-time case (承诺件)");

    private final String code;
    private final String label;

    PromiseTime(String code, String label) {
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
