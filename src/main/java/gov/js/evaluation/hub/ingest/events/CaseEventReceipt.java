package gov.js.evaluation.hub.ingest.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import gov.js.evaluation.hub.ingest.RecordStatus;
import gov.js.evaluation.hub.validate.FieldError;
import java.util.List;
import java.util.Map;

/**
 * The answer to a request of case events: per event what became of it. ACCEPTED: recorded on the case's timeline
 * as {@code seq}, the case is now {@code state}; DUPLICATE: the source sent this eventId for the case before, recorded
 * then as {@code seq}, nothing done now; REJECTED: the errors say why (a lifecycle refusal names the case's state and
 * what it takes), and the event waits in the source's quarantine. The errors of the first
 * {@code hub.ingest.receipt-detail-limit} rejected events are listed, as in a rating receipt.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseEventReceipt(String receiptId, String sourceId, boolean dryRun, long accepted, long duplicates, long rejected,
                               Map<String, Long> rejectedByCode, Long unlistedRejections, List<EventReceipt> records) {

    /** One event's outcome; {@code index} is its 0-based position in the body. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventReceipt(int index, RecordStatus status, String eventId, String caseId, Integer seq, String state,
                               List<FieldError> errors) {
    }
}
