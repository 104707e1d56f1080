package gov.js.evaluation.hub.ingest;

import gov.js.evaluation.hub.validate.FieldError;
import java.util.Map;
import java.util.TreeMap;

/**
 * A receipt's count of its rejected records: the error codes over all of them, and whose errors are listed (the first
 * {@code hub.ingest.receipt-detail-limit}); the rating and the case event receipts alike.
 */
public final class RejectionTally {

    private final int detailLimit;
    private final Map<String, Long> byCode = new TreeMap<>();
    private int rejected;

    public RejectionTally(int detailLimit) {
        this.detailLimit = detailLimit;
    }

    /** Counts the record if it is rejected; true when its errors are listed in the receipt. */
    public boolean listed(IngestRecord r) {
        if (r.status() != RecordStatus.REJECTED) {
            return true;
        }
        r.errors().stream().map(FieldError::code).distinct().forEach(code -> byCode.merge(code, 1L, Long::sum));
        return rejected++ < detailLimit;
    }

    /** Rejected records per error code; null when none was rejected. */
    public Map<String, Long> byCode() {
        return rejected == 0 ? null : byCode;
    }

    /** Rejected records whose errors are not listed; null when all are. */
    public Long unlisted() {
        return rejected > detailLimit ? (long) (rejected - detailLimit) : null;
    }
}
