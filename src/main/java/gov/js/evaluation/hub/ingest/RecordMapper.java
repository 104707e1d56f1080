package gov.js.evaluation.hub.ingest;

import gov.js.evaluation.hub.adapter.MappingResult;
import org.springframework.stereotype.Component;

/** Stage 2: the source's adapter maps each decoded record into the unified wire form. */
@Component
public class RecordMapper {

    public IngestBatch map(IngestBatch batch) {
        for (IngestRecord record : batch.records()) {
            if (!record.source().isParsed()) {
                continue;
            }
            MappingResult result = batch.adapter().adapter().map(record.source());
            record.mapped(result.unified(), result.sourceRecordId(), result.channelDetail());
            if (result.duplicateOf() != null) {
                record.settle(RecordStatus.DUPLICATE, result.duplicateOf());
                continue;
            }
            record.errors().addAll(result.errors());
        }
        return batch;
    }
}
