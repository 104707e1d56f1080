package gov.js.evaluation.hub.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.node.ObjectNode;

/** What the API shows of a stored evaluation: the unified record, where it came from, and its delivery. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationView(
        String evaluationId,
        ObjectNode evaluation,
        Source source,
        String storedAt,
        National national,
        RectificationCase rectificationCase) {

    /**
     * The rectification case of the rating's case number, when it has one: its id, its state, and whether an upheld
     * appeal made the rating invalid (有效评价 = 否: kept, flagged, reported up).
     */
    public record RectificationCase(String caseId, String state, boolean invalid) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String sourceId, String sourceRecordId, String receiptId, String receivedAt,
                         String adapterId, String adapterVersion, ObjectNode channelDetail) {
    }

    /**
     * Delivery to the national platform: PENDING (in no batch yet), SENDING, RETRYING (its batch waits to be sent again,
     * from nextAttemptAt), DELIVERED or DEAD. {@code attempts} counts the sends that carried the record, {@code resends}
     * those after the first (a timeout, a crash); {@code batchId} is the batch's idempotency key on every send.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record National(String state, int attempts, int resends, String batchId, String lastError, String lastAttemptAt,
                           String nextAttemptAt, String deliveredAt) {
    }
}
