package gov.js.evaluation.hub.validate;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the provincial store's columns can hold of a record beside its unified form, checked before the store
 * so that a value the database would refuse rejects its record instead of failing the whole request. The
 * unified fields' own limits are the schema's (evaluation-v1.schema.json; a test holds them against the
 * columns).
 */
public final class StoreFit {

    /** {@code evaluation.source_record_id varchar(128)}: the source's own id of a record. */
    public static final int MAX_RECORD_ID_LENGTH = 128;
    /** The field name errors about the source's record id carry (the mapping files' {@code recordId}). */
    public static final String RECORD_ID = "recordId";
    /** {@code evaluation.channel_detail jsonb}: channel facts outside the national field set. */
    public static final String CHANNEL_DETAIL = "channelDetail";

    private StoreFit() {
    }

    /** Whether the source's record id can be stored and shown as it is (answers leave out one that cannot). */
    public static boolean isStorableRecordId(String sourceRecordId) {
        return sourceRecordId != null && sourceRecordId.length() <= MAX_RECORD_ID_LENGTH
                && ControlCharacterCheck.problem(sourceRecordId).isEmpty();
    }

    public static void check(String sourceRecordId, ObjectNode channelDetail, List<FieldError> errors) {
        if (sourceRecordId != null) {
            if (sourceRecordId.length() > MAX_RECORD_ID_LENGTH) {
                errors.add(FieldError.of(RECORD_ID, ErrorCode.TOO_LONG, "the record's id is longer than " + MAX_RECORD_ID_LENGTH
                        + " characters; the store keeps ids of up to " + MAX_RECORD_ID_LENGTH));
            }
            ControlCharacterCheck.checkText(RECORD_ID, sourceRecordId, errors);
        }
        ControlCharacterCheck.checkTree(CHANNEL_DETAIL, channelDetail, errors);
    }
}
