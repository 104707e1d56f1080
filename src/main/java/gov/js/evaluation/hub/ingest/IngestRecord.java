package gov.js.evaluation.hub.ingest;

import gov.js.evaluation.hub.decode.ParserWords;
import gov.js.evaluation.hub.decode.SourceRecord;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/** One record travelling through the ingest stages; each stage fills in its part. */
public final class IngestRecord {

    private final SourceRecord source;
    private final List<FieldError> errors = new ArrayList<>();
    private ObjectNode unified;
    private String sourceRecordId;
    private ObjectNode channelDetail;
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

    public void mapped(ObjectNode unified, String sourceRecordId, ObjectNode channelDetail) {
        this.unified = unified;
        this.sourceRecordId = sourceRecordId;
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

    public RecordStatus status() {
        return status;
    }

    public UUID evaluationId() {
        return evaluationId;
    }

    public void settle(RecordStatus status, UUID evaluationId) {
        this.status = status;
        this.evaluationId = evaluationId;
    }
}
