package gov.js.evaluation.hub.cases;

/**
 * Told of every case event the hub records, in the event's own transaction (what it writes commits or rolls back with
 * the event): the dispatch and upward outboxes enqueue from here. Must not call out of the process.
 */
public interface CaseEventListener {

    /** The event was recorded as {@code seq} of the case's timeline and moved the case {@code from} → {@code to}. */
    void recorded(RecordedCaseEvent event);

    /** A recorded event, with the case facts a listener needs. */
    record RecordedCaseEvent(java.util.UUID caseId, String projectNo, int seq, int round, CaseEventKind kind, CaseState from,
                             CaseState to, String source, tools.jackson.databind.node.ObjectNode detail) {
    }
}
