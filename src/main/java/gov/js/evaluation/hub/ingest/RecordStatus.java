package gov.js.evaluation.hub.ingest;

/**
 * What happened to one record of a request. ACCEPTED means committed in the provincial store; in the kafka
 * profile, acknowledged by Kafka (acks=all) and stored by a store consumer soon after.
 */
public enum RecordStatus {
    ACCEPTED,
    DUPLICATE,
    REJECTED
}
