package gov.js.evaluation.hub.adapter;

import gov.js.evaluation.hub.validate.FieldError;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an adapter made of one record: the unified wire form (possibly incomplete), the source's own
 * id for the record where it has one, and mapping errors.
 */
public record MappingResult(ObjectNode unified, String sourceRecordId, List<FieldError> errors) {

    public MappingResult {
        errors = List.copyOf(errors);
    }
}
