package gov.js.evaluation.hub.schema.codes;

import com.fasterxml.jackson.annotation.JsonValue;

/** Case status (proStatus), in the hub's numbering; adapters translate source labels. */
public enum ProStatus implements CodedValue {
    WAITING("1", "waiting"),
    IN_PROGRESS("2", "in progress"),
    FINISHED("3", "finished");

    private final String code;
    private final String label;

    ProStatus(String code, String label) {
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
