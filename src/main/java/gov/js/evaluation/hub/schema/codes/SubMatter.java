package gov.js.evaluation.hub.schema.codes;

import com.fasterxml.jackson.annotation.JsonValue;

/** Subject of the service item (subMatter). */
public enum SubMatter implements CodedValue {
    NATURAL_PERSON("1", "natural person"),
    LEGAL_PERSON("2", "legal person");

    private final String code;
    private final String label;

    SubMatter(String code, String label) {
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
