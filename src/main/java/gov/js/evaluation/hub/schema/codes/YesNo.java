package gov.js.evaluation.hub.schema.codes;

import com.fasterxml.jackson.annotation.JsonValue;

/** Yes/no flag as the national field set codes it (anonymityFlag, publicFlag). */
public enum YesNo implements CodedValue {
    YES("1", "yes"),
    NO("2", "no");

    private final String code;
    private final String label;

    YesNo(String code, String label) {
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
