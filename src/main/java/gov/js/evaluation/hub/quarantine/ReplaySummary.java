package gov.js.evaluation.hub.quarantine;

import com.fasterxml.jackson.annotation.JsonInclude;
import gov.js.evaluation.hub.ingest.RecordStatus;
import gov.js.evaluation.hub.validate.FieldError;
import java.util.List;

/**
 * The answer to a replay, like an ingest receipt: per quarantined record what happened now. ACCEPTED
 * and DUPLICATE records left quarantine; REJECTED ones stay with these (new) reasons.
 */
public record ReplaySummary(String sourceId, long replayed, long accepted, long duplicates, long stillRejected,
                            List<RecordOutcome> records) {

    /** One replayed record; {@code evaluationId} is the stored record (the existing one for a duplicate). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecordOutcome(long quarantineId, RecordStatus status, String evaluationId, List<FieldError> errors) {
    }

    public static ReplaySummary of(String sourceId, List<RecordOutcome> records) {
        return new ReplaySummary(sourceId, records.size(), count(records, RecordStatus.ACCEPTED),
                count(records, RecordStatus.DUPLICATE), count(records, RecordStatus.REJECTED), List.copyOf(records));
    }

    private static long count(List<RecordOutcome> records, RecordStatus status) {
        return records.stream().filter(r -> r.status() == status).count();
    }
}
