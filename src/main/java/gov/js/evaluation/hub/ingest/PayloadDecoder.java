package gov.js.evaluation.hub.ingest;

import gov.js.evaluation.hub.access.IngestAdmission;
import gov.js.evaluation.hub.decode.InputLimitExceededException;
import gov.js.evaluation.hub.decode.ParserWords;
import gov.js.evaluation.hub.decode.SourceRecord;
import gov.js.evaluation.hub.decode.UnparseableBodyException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Stage 1: the adapter's reader splits the payload into records, at most the source's records per request:
 * the reader stops at the first record over the limit, so a body of millions of tiny records is refused
 * before they are built. The records of a source request take room under the records all requests in flight may
 * hold ({@link IngestAdmission}), a few at a time as they are read: without it the request is answered 503 HUB_BUSY.
 */
@Component
public class PayloadDecoder {

    /** Records a request takes room for at once. */
    private static final int RECORDS_AT_ONCE = 256;

    private final IngestLimitsProperties limits;
    private final IngestAdmission admission;

    public PayloadDecoder(IngestLimitsProperties limits, IngestAdmission admission) {
        this.limits = limits;
        this.admission = admission;
    }

    public IngestBatch decode(IngestBatch batch) {
        int max = limits.maxRecordsPerRequest(batch.source());
        List<SourceRecord> records = new ArrayList<>();
        try {
            batch.adapter().reader().read(new ByteArrayInputStream(batch.payload()), batch.adapter().options(), record -> {
                if (records.size() == max) {
                    throw new IngestRefusedException(413, "TOO_MANY_RECORDS", "the body holds more than the " + max
                            + " records source " + batch.source().id() + " may send in one request; send them as several "
                            + "requests (nothing of this one was taken)");
                }
                if (records.size() % RECORDS_AT_ONCE == 0) {
                    holdRoom(Math.min(RECORDS_AT_ONCE, max - records.size()));
                }
                records.add(record);
            });
        } catch (InputLimitExceededException e) {
            throw new IngestRefusedException(400, "INPUT_LIMIT_EXCEEDED", ParserWords.withoutInput(e.getMessage()));
        } catch (UnparseableBodyException e) {
            throw new IngestRefusedException(400, "UNPARSEABLE_BODY", ParserWords.withoutInput(e.getMessage()));
        }
        records.forEach(r -> batch.records().add(IngestRecord.decoded(r)));
        return batch;
    }

    private void holdRoom(int count) {
        admission.current().ifPresent(permit -> {
            if (!permit.holdRecords(count)) {
                throw new IngestRefusedException(503, "HUB_BUSY", "the hub holds as many records of requests as it takes at once "
                        + "(hub.ingest.max-records-in-flight); nothing of this request was taken, send it again in a moment "
                        + "(signed anew)", 1);
            }
        });
    }
}
