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
        National national) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String sourceId, String sourceRecordId, String receiptId, String receivedAt,
                         String adapterId, String adapterVersion, ObjectNode channelDetail) {
    }

    /** Delivery to the national platform: PENDING, RETRYING, DELIVERED or DEAD. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record National(String state, int attempts, String lastError, String lastAttemptAt, String nextAttemptAt,
                           String deliveredAt) {
    }
}
