package gov.js.evaluation.hub.quarantine;

import com.fasterxml.jackson.annotation.JsonInclude;
import gov.js.evaluation.hub.ingest.RecordStatus;
import gov.js.evaluation.hub.validate.FieldError;
import java.util.List;

/**
 * The answer to a replay, like an ingest receipt: per quarantined record what happened now. ACCEPTED
 * and DUPLICATE records left quarantine; REJECTED ones stay with these (new) reasons. The counts are of every record
 * replayed; a replay of a source's whole quarantine lists the first {@code hub.ingest.receipt-detail-limit} of them and
 * says how many it does not list ({@code unlistedRecords}), so that its answer is bounded whatever the quarantine holds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplaySummary(String sourceId, long replayed, long accepted, long duplicates, long stillRejected,
                            List<RecordOutcome> records, Long unlistedRecords) {

    /** One replayed record; {@code evaluationId} is the stored record (the existing one for a duplicate). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecordOutcome(long quarantineId, RecordStatus status, String evaluationId, List<FieldError> errors) {
    }

    public static ReplaySummary of(String sourceId, List<RecordOutcome> records) {
        return new ReplaySummary(sourceId, records.size(), count(records, RecordStatus.ACCEPTED),
                count(records, RecordStatus.DUPLICATE), count(records, RecordStatus.REJECTED), List.copyOf(records), null);
    }

    /** Counts every record replayed and lists at most {@code listLimit} of them. */
    static final class Tally {
        private final String sourceId;
        private final int listLimit;
        private final List<RecordOutcome> listed = new java.util.ArrayList<>();
        private long replayed;
        private long accepted;
        private long duplicates;
        private long rejected;

        Tally(String sourceId, int listLimit) {
            this.sourceId = sourceId;
            this.listLimit = listLimit;
        }

        void add(List<RecordOutcome> outcomes) {
            for (RecordOutcome r : outcomes) {
                replayed++;
                switch (r.status()) {
                    case ACCEPTED -> accepted++;
                    case DUPLICATE -> duplicates++;
                    case REJECTED -> rejected++;
                }
                if (listed.size() < listLimit) {
                    listed.add(r);
                }
            }
        }

        ReplaySummary summary() {
            long unlisted = replayed - listed.size();
            return new ReplaySummary(sourceId, replayed, accepted, duplicates, rejected, List.copyOf(listed), unlisted > 0 ? unlisted : null);
        }
    }

    private static long count(List<RecordOutcome> records, RecordStatus status) {
        return records.stream().filter(r -> r.status() == status).count();
    }
}
