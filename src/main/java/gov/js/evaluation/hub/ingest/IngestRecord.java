package gov.js.evaluation.hub.ingest;

import gov.js.evaluation.hub.decode.ParserWords;
import gov.js.evaluation.hub.decode.SourceRecord;
import gov.js.evaluation.hub.schema.PersonalDataMask;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * One record travelling through the ingest stages; each stage fills in its part. Its status is settled once, by
 * {@link Verdicts#settle} after the last stage committed; until then the stages see what the checks found
 * ({@link #checked()}).
 */
public final class IngestRecord {

    private final SourceRecord source;
    private final List<FieldError> errors = new ArrayList<>();
    private ObjectNode unified;
    private String sourceRecordId;
    private ObjectNode channelDetail;
    private UUID duplicateOf;
    private RecordStatus status;
    private UUID evaluationId;
    private Map<String, String> lookedAt = Map.of();

    public IngestRecord(SourceRecord source) {
        this.source = source;
    }

    /** A decoded record entering the stages; one the reader could not parse is already refused. */
    public static IngestRecord decoded(SourceRecord source) {
        IngestRecord record = new IngestRecord(source);
        if (!source.isParsed()) {
            record.errors.add(FieldError.of("record", ErrorCode.UNPARSEABLE_RECORD, ParserWords.withoutInput(source.parseError())));
        }
        return record;
    }

    /** The record as decoded from the payload. */
    public SourceRecord source() {
        return source;
    }

    public int index() {
        return source.index();
    }

    public String rawText() {
        return source.rawText();
    }

    public List<FieldError> errors() {
        return errors;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public ObjectNode unified() {
        return unified;
    }

    /**
     * The record as mapped. The source's own record id is taken with the ID-card and mobile numbers in it masked: it
     * is shown in receipts, reports and answers and kept in clear columns, and a source may use a person's number as
     * its id; nothing looks a record up by it.
     */
    public void mapped(ObjectNode unified, String sourceRecordId, ObjectNode channelDetail) {
        this.unified = unified;
        this.sourceRecordId = PersonalDataMask.maskIdentifiersIn(sourceRecordId);
        this.channelDetail = channelDetail;
    }

    /** As {@link #mapped(ObjectNode, String, ObjectNode)}, with where the mapping read the fields it left empty. */
    public void mapped(ObjectNode unified, String sourceRecordId, ObjectNode channelDetail, Map<String, String> lookedAt) {
        mapped(unified, sourceRecordId, channelDetail);
        this.lookedAt = Map.copyOf(lookedAt);
    }

    /** For each unified field the mapping left empty: where it read it (MappingResult#lookedAt); empty for a plugin. */
    public Map<String, String> lookedAt() {
        return lookedAt;
    }

    /** Channel facts outside the national field set (mobile app, device, hall); empty when none. */
    public ObjectNode channelDetail() {
        return channelDetail;
    }

    public String sourceRecordId() {
        return sourceRecordId;
    }

    /** The adapter knows this record is stored already (as that evaluation): it is a duplicate, nothing to check. */
    public void knownDuplicateOf(UUID evaluationId) {
        this.duplicateOf = evaluationId;
    }

    public UUID duplicateOf() {
        return duplicateOf;
    }

    /** What the checks found: REJECTED (it has errors), DUPLICATE (the adapter knows it), or null: to be taken. */
    public RecordStatus checked() {
        return hasErrors() ? RecordStatus.REJECTED : duplicateOf != null ? RecordStatus.DUPLICATE : null;
    }

    /** The settled status; null until the last stage committed (and for good when it failed: nothing counts). */
    public RecordStatus status() {
        return status;
    }

    public UUID evaluationId() {
        return evaluationId;
    }

    /** Only {@link Verdicts#settle}: once, after the commit. */
    void settle(RecordStatus status, UUID evaluationId) {
        this.status = status;
        this.evaluationId = evaluationId;
    }
}
