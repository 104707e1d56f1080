package gov.js.evaluation.hub.schema.codes;

import com.fasterxml.jackson.annotation.JsonValue;

/** Evaluator type (userProp). */
public enum UserProp implements CodedValue {
    NATURAL_PERSON("1", "natural person"),
    LEGAL_PERSON("2", "legal person"),
    PUBLIC_INSTITUTION("3", "public institution"),
    SOCIAL_ORGANISATION("4", "social organisation"),
    GOVERNMENT_BODY("5", "government body"),
    OTHER_ORGANISATION("6", "other organisation"),
    OTHER("9", "other");

    private final String code;
    private final String label;

    UserProp(String code, String label) {
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
