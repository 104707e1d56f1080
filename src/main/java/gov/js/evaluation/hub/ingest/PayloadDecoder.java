package gov.js.evaluation.hub.ingest;

import gov.js.evaluation.hub.decode.SourceRecord;
import gov.js.evaluation.hub.decode.UnparseableBodyException;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
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
        } catch (UnparseableBodyException e) {
            throw new IngestRefusedException(400, "UNPARSEABLE_BODY", e.getMessage());
        }
        for (SourceRecord r : records) {
            IngestRecord record = new IngestRecord(r);
            if (!r.isParsed()) {
                record.errors().add(FieldError.of("record", ErrorCode.UNPARSEABLE_RECORD, r.parseError()));
            }
            batch.records().add(record);
        }
        return batch;
    }
}
