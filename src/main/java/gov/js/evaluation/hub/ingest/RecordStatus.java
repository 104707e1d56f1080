package gov.js.evaluation.hub.ingest;

/** What happened to one record of a request. ACCEPTED means committed in the provincial store. */
public enum RecordStatus {
    ACCEPTED,
    DUPLICATE,
    REJECTED
}
