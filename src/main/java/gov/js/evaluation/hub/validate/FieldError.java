package gov.js.evaluation.hub.validate;

/**
 * Why one field of one record was refused: the unified field name (or "record" for the record as a
 * whole), a stable code from {@link ErrorCode}, and a message a person can act on. Messages never
 * quote personal data.
 */
public record FieldError(String field, String code, String message) {

    public static FieldError of(String field, ErrorCode code, String message) {
        return new FieldError(field, code.name(), message);
    }
}
