package gov.js.evaluation.hub.ingest;

import gov.js.evaluation.hub.decode.InputLimitExceededException;
import gov.js.evaluation.hub.decode.SourceRecord;
import gov.js.evaluation.hub.decode.UnparseableBodyException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Stage 1: the adapter's reader splits the payload into records. */
@Component
public class PayloadDecoder {

    public IngestBatch decode(IngestBatch batch) {
        List<SourceRecord> records = new ArrayList<>();
        try {
            batch.adapter().reader().read(new ByteArrayInputStream(batch.payload()), batch.adapter().options(), records::add);
        } catch (InputLimitExceededException e) {
            throw new IngestRefusedException(400, "INPUT_LIMIT_EXCEEDED", e.getMessage());
        } catch (UnparseableBodyException e) {
            throw new IngestRefusedException(400, "UNPARSEABLE_BODY", e.getMessage());
        }
        records.forEach(r -> batch.records().add(IngestRecord.decoded(r)));
        return batch;
    }
}
