package gov.js.evaluation.hub.adapter;

import gov.js.evaluation.hub.validate.FieldError;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an adapter made of one record: the unified wire form (possibly incomplete), the source's own
 * id for the record where it has one, mapping errors, and the channel detail the national field set
 * has no place for (which mobile app, which device in which hall) — kept in the provincial store,
 * not pushed upward.
 */
public record MappingResult(ObjectNode unified, String sourceRecordId, List<FieldError> errors, ObjectNode channelDetail,
                            UUID duplicateOf) {

    public MappingResult {
        errors = List.copyOf(errors);
        channelDetail = channelDetail == null ? JsonNodeFactory.instance.objectNode() : channelDetail;
    }

    public MappingResult(ObjectNode unified, String sourceRecordId, List<FieldError> errors, ObjectNode channelDetail) {
        this(unified, sourceRecordId, errors, channelDetail, null);
    }

    public MappingResult(ObjectNode unified, String sourceRecordId, List<FieldError> errors) {
        this(unified, sourceRecordId, errors, null, null);
    }

    /**
     * The adapter knows the record was already taken (an SMS reply to an invitation that has been
     * answered): it is answered DUPLICATE of that stored evaluation and not stored again.
     */
    public static MappingResult duplicateOf(UUID evaluationId, String sourceRecordId) {
        return new MappingResult(JsonNodeFactory.instance.objectNode(), sourceRecordId, List.of(), null, evaluationId);
    }
}
