package gov.js.evaluation.hub.schema.codes;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which evaluation of a case this is (assessNumber). */
public enum AssessNumber implements CodedValue {
    FIRST("1", "first rating"),
    FOLLOW_UP("2", "follow-up rating (追加)");

    private final String code;
    private final String label;

    AssessNumber(String code, String label) {
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
