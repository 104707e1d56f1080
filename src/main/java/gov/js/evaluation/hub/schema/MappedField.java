package gov.js.evaluation.hub.schema;

/**
 * A field a mapping file can fill: of the unified evaluation record ({@link UnifiedField}) or of the unified case
 * event ({@link CaseEventField}), each defined by its JSON Schema.
 */
public interface MappedField {

    /** The field's name on the wire and in mapping files. */
    String wireName();

    /** How its value is written. */
    UnifiedField.Kind kind();

    /** The class-path resource of the JSON Schema that defines the field. */
    String schema();
}
