package gov.js.evaluation.hub.ingest;

import gov.js.evaluation.hub.adapter.MappingResult;
import gov.js.evaluation.hub.adapter.SendingSource;
import gov.js.evaluation.hub.schema.ReportingProvince;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stage 2: the source's adapter maps each decoded record into the unified wire form. An adapter that
 * breaks on one record (a plugin's bug, a value nobody foresaw) costs that record only: it is rejected
 * with PROCESSING_FAILED and the others go on.
 */
@Component
public class RecordMapper {

    private static final Logger log = LoggerFactory.getLogger(RecordMapper.class);

    public IngestBatch map(IngestBatch batch) {
        for (IngestRecord record : batch.records()) {
            if (!record.source().isParsed()) {
                continue;
            }
            MappingResult result;
            try {
                result = batch.adapter().adapter().map(record.source(), SendingSource.of(batch.source()));
            } catch (RuntimeException | StackOverflowError e) {
                // the exception's message may quote the record: only its kind is logged
                log.error("adapter {} failed on record {} of receipt {} from {}: {}", batch.adapter().descriptor().id(),
                        record.index(), batch.receiptId(), batch.source().id(), e.getClass().getName());
                record.errors().add(FieldError.of("record", ErrorCode.PROCESSING_FAILED, "the hub's adapter "
                        + batch.adapter().descriptor().id() + " failed on this record; it is kept in quarantine for the "
                        + "province's operators, the other records of the request are not affected"));
                continue;
            }
            if (!batch.adapter().adapter().producesCaseEvents()) {
                fillDataSource(result.unified());
            }
            record.mapped(result.unified(), result.sourceRecordId(), result.channelDetail(), result.lookedAt());
            if (result.duplicateOf() != null) {
                record.knownDuplicateOf(result.duplicateOf());
                continue;
            }
            record.errors().addAll(result.errors());
        }
        return batch;
    }

    /**
     * The hub decides the reporting province: a mapped record that leaves dataSource out gets the hub's (another is
     * refused by validation); one of which nothing was mapped stays empty.
     */
    private static void fillDataSource(ObjectNode unified) {
        JsonNode given = unified == null ? null : unified.get("dataSource");
        if (unified != null && !unified.isEmpty() && (given == null || given.isNull() || given.isString() && given.asString().isBlank())) {
            unified.put("dataSource", ReportingProvince.DATA_SOURCE);
        }
    }
}
