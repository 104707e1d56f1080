package gov.js.evaluation.hub.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import gov.js.evaluation.hub.validate.FieldError;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The answer to an ingest request: per record what happened and why. The errors of the first
 * {@code hub.ingest.receipt-detail-limit} rejected records are listed; {@code rejectedByCode} counts the error codes
 * of all of them, and {@code unlistedRejections} says how many rejected records carry no list (their reasons wait
 * in quarantine), so a receipt stays small whatever the request holds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Receipt(
        String receiptId,
        String sourceId,
        boolean dryRun,
        long accepted,
        long duplicates,
        long rejected,
        Map<String, Long> rejectedByCode,
        Long unlistedRejections,
        List<RecordReceipt> records) {

    /** The most bytes a dry run shows of one record's unified form and channel facts together (a valid record takes far less). */
    public static final int MAX_SHOWN_BYTES = 16 * 1024;

    /**
     * One record's outcome. {@code index} is the record's 0-based position in the payload;
     * {@code unified} and {@code channelDetail} are shown by the dry run only (for the first
     * {@code hub.ingest.receipt-detail-limit} records), personal fields masked and without the values of the fields
     * that have an error; {@code unifiedOmitted} is true when they would take more than {@link #MAX_SHOWN_BYTES}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecordReceipt(int index, RecordStatus status, String evaluationId, String sourceRecordId,
                                List<FieldError> errors, ObjectNode unified, ObjectNode channelDetail, Boolean unifiedOmitted) {
    }
}
