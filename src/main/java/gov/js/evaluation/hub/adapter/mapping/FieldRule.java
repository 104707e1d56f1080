package gov.js.evaluation.hub.adapter.mapping;

import gov.js.evaluation.hub.schema.UnifiedField;
import tools.jackson.core.JsonPointer;

/**
 * How one unified field is filled: from a source path or a fixed value, with an optional default,
 * code table, date format, region normalisation and list separator.
 */
public record FieldRule(
        UnifiedField target,
        JsonPointer path,
        String fixedValue,
        String defaultValue,
        CodeTable codes,
        DateSpec date,
        boolean region,
        String split) {
}
