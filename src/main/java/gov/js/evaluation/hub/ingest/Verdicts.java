package gov.js.evaluation.hub.ingest;

import gov.js.evaluation.hub.validate.FieldError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the last stage (the store, the Kafka publisher, the dry run's look-up) found for each record of one attempt,
 * kept apart from the records: {@link #settle} writes each record's status once, after the attempt committed. An
 * attempt that rolls back is dropped and leaves the records as the checks left them, so there is nothing to undo and
 * a second attempt (the group commit's one-by-one retry, a record-by-record pass) starts clean.
 */
public final class Verdicts {

    private record Found(RecordStatus status, UUID evaluationId, List<FieldError> errors) {
    }

    private final Map<IngestRecord, Found> found = new IdentityHashMap<>();

    public void accepted(IngestRecord record, UUID evaluationId) {
        found.put(record, new Found(RecordStatus.ACCEPTED, evaluationId, List.of()));
    }

    public void duplicate(IngestRecord record, UUID evaluationId) {
        found.put(record, new Found(RecordStatus.DUPLICATE, evaluationId, List.of()));
    }

    /** Every record of the batch still to be taken is ACCEPTED, without an id (the dry run, the unified topic). */
    public void acceptTheRest(IngestBatch batch) {
        batch.records().stream().filter(this::toBeTaken).forEach(r -> accepted(r, null));
    }

    /** Refused by this stage for these reasons (added to the record's own when settled). */
    public void rejected(IngestRecord record, List<FieldError> why) {
        found.put(record, new Found(RecordStatus.REJECTED, null, List.copyOf(why)));
    }

    /** The record's status as this attempt sees it: what it found, else what the checks found (null: to be taken). */
    public RecordStatus statusOf(IngestRecord record) {
        Found f = found.get(record);
        return f != null ? f.status() : record.checked();
    }

    public boolean toBeTaken(IngestRecord record) {
        return statusOf(record) == null;
    }

    /** The record's errors as this attempt sees them: the checks' and this stage's. */
    public List<FieldError> errorsOf(IngestRecord record) {
        Found f = found.get(record);
        if (f == null || f.errors().isEmpty()) {
            return record.errors();
        }
        List<FieldError> all = new ArrayList<>(record.errors());
        all.addAll(f.errors());
        return all;
    }

    /**
     * Once the attempt committed: every record of the batches takes its final status, the one found here or the one
     * the checks found. A record neither decided is a stage's bug, not a silent success.
     */
    public void settle(Collection<IngestBatch> batches) {
        for (IngestBatch batch : batches) {
            for (IngestRecord record : batch.records()) {
                Found f = found.get(record);
                if (f != null) {
                    record.errors().addAll(f.errors());
                    record.settle(f.status(), f.evaluationId());
                } else if (record.checked() != null) {
                    record.settle(record.checked(), record.duplicateOf());
                } else {
                    throw new IllegalStateException("record " + record.index() + " of receipt " + batch.receiptId()
                            + " was left undecided by the last stage");
                }
            }
        }
    }

    public void settle(IngestBatch batch) {
        settle(List.of(batch));
    }
}
