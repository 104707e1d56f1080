package gov.js.evaluation.hub.ingest;

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
 * before they are built.
 */
@Component
public class PayloadDecoder {

    private final IngestLimitsProperties limits;

    public PayloadDecoder(IngestLimitsProperties limits) {
        this.limits = limits;
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
}
