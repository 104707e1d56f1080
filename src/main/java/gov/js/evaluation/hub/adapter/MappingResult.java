package gov.js.evaluation.hub.adapter;

import gov.js.evaluation.hub.validate.FieldError;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an adapter made of one record: the unified wire form (possibly incomplete), the source's own
 * id for the record where it has one, mapping errors, and the channel detail the national field set
 * has no place for (which mobile app, which device in which hall) — kept in the provincial store,
 * not pushed upward; and, for the unified fields it left empty, where it read them ({@code lookedAt}: field →
 * the source's paths or columns as the mapping names them, or why no rule applied), so that validation's REQUIRED
 * can name the source's own field (no value of the record is in it).
 */
public record MappingResult(ObjectNode unified, String sourceRecordId, List<FieldError> errors, ObjectNode channelDetail,
                            UUID duplicateOf, Map<String, String> lookedAt) {

    public MappingResult {
        errors = List.copyOf(errors);
        channelDetail = channelDetail == null ? JsonNodeFactory.instance.objectNode() : channelDetail;
        lookedAt = lookedAt == null ? Map.of() : Map.copyOf(lookedAt);
    }

    public MappingResult(ObjectNode unified, String sourceRecordId, List<FieldError> errors, ObjectNode channelDetail,
                         UUID duplicateOf) {
        this(unified, sourceRecordId, errors, channelDetail, duplicateOf, null);
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
